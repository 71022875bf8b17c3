//! The small static lexicon: every word the grammar reacts to. Any other
//! word maps to [`Lex::Other`] and costs one failed lookup.

/// What a word means to the quantity grammar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Lex {
    /// Not a word the grammar cares about.
    Other,
    /// `zero` .. `nineteen` (also `nought`, `naught`).
    Unit(u32),
    /// `twenty` .. `ninety`.
    Tens(u32),
    /// `hundred` (a multiplier inside a number).
    Hundred,
    /// `thousand`, `million`, `billion`, `trillion`, `lakh`, `crore`.
    Scale(f64),
    /// `dozen` and its abbreviations.
    Dozen,
    /// An ordinal word, singular or plural (`third`, `thirds`): its value.
    Ord(u32, bool),
    /// `hundredth`, `thousandth`, `millionth` ...: value, plural.
    OrdScale(f64, bool),
    /// `half`, `halves`.
    Half,
    /// `quarter`, `quarters`: plural flag.
    Quarter(bool),
    /// `a`, `an`.
    A,
    /// `and`.
    And,
    /// `point` (spoken decimal point).
    Point,
    /// `minus`, `negative`.
    Minus,
    /// `over` (spoken fraction bar).
    Over,
    /// `out` (of `out of`).
    Out,
    /// `of`.
    Of,
    /// A one-word hedge: `about`, `around`, `roughly`, `nearly`, `almost`,
    /// `approximately`.
    Hedge,
    /// `more`, `less`, `fewer` (before `than`).
    Comparative,
    /// `than`.
    Than,
    /// `at` (of `at least`, `at most`).
    At,
    /// `least`, `most`.
    LeastMost,
    /// `as` (of `as much as`).
    As,
    /// `much`, `many`.
    MuchMany,
    /// `up` (of `up to`).
    Up,
    /// `to`.
    To,
    /// `through`.
    Through,
    /// `between`.
    Between,
    /// `from`.
    From,
    /// `few`.
    Few,
    /// `several`.
    Several,
    /// `couple`.
    Couple,
    /// `tens` (of `tens of thousands`).
    TensVague,
    /// `dozens`, `hundreds`, `thousands`, `millions`, `billions`: table range.
    VaguePlural(f64, f64),
    /// `percent`, `percents`, `pct`.
    Percent,
    /// `percentage`.
    Percentage,
    /// `per` (of `per cent`).
    Per,
    /// `cent` (of `per cent`), also a money sub-unit.
    Cent,
    /// A currency name: its ISO code and how many of it make one main unit
    /// (1 for `dollars`, 100 for `cents`, 100,000,000 for `satoshis`).
    Currency(&'static str, u32),
    /// A word that names the country of a currency (`US`, `Canadian`).
    Qualifier(&'static str),
    /// A month name or abbreviation.
    Month,
    /// `am`, `pm`, `gmt`, `edt` ...: a clock time follows a number.
    Clock,
    /// Determiners that make a following `one` a pronoun.
    Det,
    /// Verbs of change: `from X to Y` after them is two values.
    Change,
    /// Words that make an ordinal part of a set phrase (`third-party`).
    SetPhrase,
    /// `percentage points`, `points`.
    Points,
    /// `basis` (of `basis points`).
    Basis,
    /// Money words that count in a fixed amount of dollars after a number:
    /// `10 grand`, `ten dimes`, `twenty nickels`.
    Coin(f64),
    /// Words before `from X to Y` that make it one range (`ranging from`,
    /// `is from`), not a change between two values.
    RangeLead,
}

/// Looks `word` up, case-insensitively. Words longer than the longest
/// entry are rejected before any work.
pub(crate) fn lookup(word: &str) -> Lex {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 13 || !bytes[0].is_ascii_alphabetic() {
        return Lex::Other;
    }
    let mut buf = [0u8; 13];
    for (dst, &b) in buf.iter_mut().zip(bytes) {
        if !b.is_ascii_alphabetic() {
            return Lex::Other;
        }
        *dst = b.to_ascii_lowercase();
    }
    let lower = &buf[..bytes.len()];
    lookup_lower(lower)
}

fn lookup_lower(w: &[u8]) -> Lex {
    use Lex::*;
    match w {
        b"zero" | b"nought" | b"naught" => Unit(0),
        b"one" => Unit(1),
        b"two" => Unit(2),
        b"three" => Unit(3),
        b"four" => Unit(4),
        b"five" => Unit(5),
        b"six" => Unit(6),
        b"seven" => Unit(7),
        b"eight" => Unit(8),
        b"nine" => Unit(9),
        b"ten" => Unit(10),
        b"eleven" => Unit(11),
        b"twelve" => Unit(12),
        b"thirteen" => Unit(13),
        b"fourteen" => Unit(14),
        b"fifteen" => Unit(15),
        b"sixteen" => Unit(16),
        b"seventeen" => Unit(17),
        b"eighteen" => Unit(18),
        b"nineteen" => Unit(19),
        b"twenty" => Tens(20),
        b"thirty" => Tens(30),
        b"forty" => Tens(40),
        b"fifty" => Tens(50),
        b"sixty" => Tens(60),
        b"seventy" => Tens(70),
        b"eighty" => Tens(80),
        b"ninety" => Tens(90),
        b"hundred" => Hundred,
        b"thousand" => Scale(1e3),
        b"million" | b"mln" => Scale(1e6),
        b"billion" | b"bln" => Scale(1e9),
        b"trillion" | b"tln" => Scale(1e12),
        b"lakh" | b"lakhs" => Scale(1e5),
        b"crore" | b"crores" => Scale(1e7),
        b"dozen" | b"dz" | b"dzs" | b"doz" | b"dozs" => Dozen,
        b"first" => Ord(1, false),
        b"firsts" => Ord(1, true),
        b"second" => Ord(2, false),
        b"third" => Ord(3, false),
        b"thirds" => Ord(3, true),
        b"fourth" => Ord(4, false),
        b"fourths" => Ord(4, true),
        b"fifth" => Ord(5, false),
        b"fifths" => Ord(5, true),
        b"sixth" => Ord(6, false),
        b"sixths" => Ord(6, true),
        b"seventh" => Ord(7, false),
        b"sevenths" => Ord(7, true),
        b"eighth" => Ord(8, false),
        b"eighths" => Ord(8, true),
        b"ninth" | b"nineth" => Ord(9, false),
        b"ninths" => Ord(9, true),
        b"tenth" => Ord(10, false),
        b"tenths" => Ord(10, true),
        b"eleventh" => Ord(11, false),
        b"elevenths" => Ord(11, true),
        b"twelfth" => Ord(12, false),
        b"twelfths" => Ord(12, true),
        b"thirteenth" => Ord(13, false),
        b"thirteenths" => Ord(13, true),
        b"fourteenth" => Ord(14, false),
        b"fourteenths" => Ord(14, true),
        b"fifteenth" => Ord(15, false),
        b"fifteenths" => Ord(15, true),
        b"sixteenth" => Ord(16, false),
        b"sixteenths" => Ord(16, true),
        b"seventeenth" => Ord(17, false),
        b"seventeenths" => Ord(17, true),
        b"eighteenth" => Ord(18, false),
        b"eighteenths" => Ord(18, true),
        b"nineteenth" => Ord(19, false),
        b"nineteenths" => Ord(19, true),
        b"twentieth" => Ord(20, false),
        b"twentieths" => Ord(20, true),
        b"thirtieth" => Ord(30, false),
        b"thirtieths" => Ord(30, true),
        b"fortieth" => Ord(40, false),
        b"fortieths" => Ord(40, true),
        b"fiftieth" => Ord(50, false),
        b"fiftieths" => Ord(50, true),
        b"sixtieth" => Ord(60, false),
        b"sixtieths" => Ord(60, true),
        b"seventieth" => Ord(70, false),
        b"seventieths" => Ord(70, true),
        b"eightieth" => Ord(80, false),
        b"eightieths" => Ord(80, true),
        b"ninetieth" => Ord(90, false),
        b"ninetieths" => Ord(90, true),
        b"hundredth" => OrdScale(1e2, false),
        b"hundredths" => OrdScale(1e2, true),
        b"thousandth" => OrdScale(1e3, false),
        b"thousandths" => OrdScale(1e3, true),
        b"millionth" => OrdScale(1e6, false),
        b"millionths" => OrdScale(1e6, true),
        b"billionth" => OrdScale(1e9, false),
        b"billionths" => OrdScale(1e9, true),
        b"trillionth" => OrdScale(1e12, false),
        b"trillionths" => OrdScale(1e12, true),
        b"half" | b"halves" => Half,
        b"quarter" => Quarter(false),
        b"quarters" => Quarter(true),
        b"a" | b"an" => A,
        b"and" => And,
        b"point" => Point,
        b"minus" | b"negative" => Minus,
        b"over" => Over,
        b"out" => Out,
        b"of" => Of,
        b"about" | b"around" | b"roughly" | b"nearly" | b"almost" | b"approximately"
        | b"approx" => Hedge,
        b"more" | b"less" | b"fewer" | b"greater" | b"larger" | b"bigger" | b"higher"
        | b"lower" | b"smaller" => Comparative,
        b"than" => Than,
        b"at" => At,
        b"least" | b"most" => LeastMost,
        b"as" => As,
        b"much" | b"many" => MuchMany,
        b"up" => Up,
        b"to" => To,
        b"through" => Through,
        b"between" => Between,
        b"from" => From,
        b"few" => Few,
        b"several" => Several,
        b"couple" => Couple,
        b"tens" => TensVague,
        b"dozens" => VaguePlural(24.0, 99.0),
        b"hundreds" => VaguePlural(200.0, 999.0),
        b"thousands" => VaguePlural(2000.0, 9999.0),
        b"millions" => VaguePlural(2e6, 9_999_999.0),
        b"billions" => VaguePlural(2e9, 9_999_999_999.0),
        b"percent" | b"percents" | b"pct" => Percent,
        b"percentage" => Percentage,
        b"points" => Points,
        b"per" => Per,
        b"cent" => Cent,
        b"dollar" | b"dollars" | b"bucks" | b"dlr" | b"dlrs" => Currency("USD", 1),
        b"grand" => Coin(1000.0),
        b"dimes" => Coin(0.1),
        b"nickels" => Coin(0.05),
        b"basis" => Basis,
        b"ranging" | b"range" | b"ranges" | b"ranged" | b"anywhere" | b"vary" | b"varies"
        | b"varied" | b"varying" | b"is" | b"are" | b"was" | b"were" | b"be" => RangeLead,
        b"cents" => Currency("USD", 100),
        b"euro" | b"euros" => Currency("EUR", 1),
        b"pound" | b"pounds" | b"sterling" => Currency("GBP", 1),
        b"pence" | b"penny" | b"pennies" => Currency("GBP", 100),
        b"yen" => Currency("JPY", 1),
        b"yuan" | b"renminbi" | b"rmb" => Currency("CNY", 1),
        b"franc" | b"francs" => Currency("CHF", 1),
        b"rupee" | b"rupees" => Currency("INR", 1),
        b"peso" | b"pesos" => Currency("MXN", 1),
        b"rand" => Currency("ZAR", 1),
        b"ruble" | b"rubles" | b"rouble" | b"roubles" => Currency("RUB", 1),
        b"lira" | b"liras" => Currency("TRY", 1),
        b"markka" | b"markkaa" => Currency("FIM", 1),
        b"peseta" | b"pesetas" => Currency("ESP", 1),
        b"guilder" | b"guilders" => Currency("NLG", 1),
        b"ringgit" | b"ringgits" => Currency("MYR", 1),
        b"shekel" | b"shekels" => Currency("ILS", 1),
        b"rupiah" => Currency("IDR", 1),
        b"baht" => Currency("THB", 1),
        b"krona" | b"kronor" => Currency("SEK", 1),
        b"krone" | b"kroner" => Currency("NOK", 1),
        b"bitcoin" | b"bitcoins" => Currency("XBT", 1),
        b"satoshi" | b"satoshis" => Currency("XBT", 100_000_000),
        // No default country: the unit is left out unless qualified.
        b"dinar" | b"dinars" | b"riyal" | b"riyals" | b"rial" | b"rials" => Currency("", 1),
        b"tugrik" | b"tugriks" => Currency("MNT", 1),
        b"us" | b"american" => Qualifier("USD"),
        b"canadian" => Qualifier("CAD"),
        b"australian" => Qualifier("AUD"),
        b"hk" | b"kong" => Qualifier("HKD"),
        b"zealand" => Qualifier("NZD"),
        b"singapore" => Qualifier("SGD"),
        b"taiwan" | b"taiwanese" => Qualifier("TWD"),
        b"mexican" => Qualifier("MXN"),
        b"swiss" => Qualifier("CHF"),
        b"french" => Qualifier("FRF"),
        b"belgian" => Qualifier("BEF"),
        b"finnish" => Qualifier("FIM"),
        b"dutch" => Qualifier("NLG"),
        b"chinese" => Qualifier("CNY"),
        b"japanese" => Qualifier("JPY"),
        b"indian" => Qualifier("INR"),
        b"turkish" => Qualifier("TRY"),
        b"british" => Qualifier("GBP"),
        b"egyptian" => Qualifier("EGP"),
        b"lebanese" => Qualifier("LBP"),
        b"african" => Qualifier("ZAR"),
        b"malaysian" | b"malaysia" => Qualifier("MYR"),
        b"jamaican" => Qualifier("JMD"),
        b"brazilian" => Qualifier("BRL"),
        b"russian" => Qualifier("RUB"),
        b"philippine" => Qualifier("PHP"),
        b"pakistani" => Qualifier("PKR"),
        b"kuwaiti" => Qualifier("KWD"),
        b"saudi" => Qualifier("SAR"),
        b"qatari" => Qualifier("QAR"),
        b"omani" => Qualifier("OMR"),
        b"iranian" => Qualifier("IRR"),
        b"iraqi" => Qualifier("IQD"),
        b"jordanian" => Qualifier("JOD"),
        b"bahraini" => Qualifier("BHD"),
        b"january" | b"jan" | b"february" | b"feb" | b"march" | b"mar" | b"april" | b"apr"
        | b"may" | b"june" | b"jun" | b"july" | b"jul" | b"august" | b"aug" | b"september"
        | b"sep" | b"sept" | b"october" | b"oct" | b"november" | b"nov" | b"december" | b"dec" => {
            Month
        }
        b"am" | b"pm" | b"gmt" | b"utc" | b"edt" | b"est" | b"pst" | b"pdt" | b"cet" | b"bst"
        | b"hours" | b"hrs" => Clock,
        b"the" | b"this" | b"that" | b"which" | b"each" | b"every" | b"any" | b"no" | b"some"
        | b"another" | b"someone" => Det,
        b"rose" | b"rise" | b"rises" | b"rising" | b"risen" | b"fell" | b"fall" | b"falls"
        | b"falling" | b"fallen" | b"grew" | b"grow" | b"grows" | b"grown" | b"increased"
        | b"increase" | b"increases" | b"decreased" | b"decrease" | b"climbed" | b"jumped"
        | b"dropped" | b"declined" | b"slipped" | b"surged" | b"soared" | b"slumped"
        | b"raised" | b"cut" | b"lowered" | b"lifted" | b"went" | b"moved" | b"changed"
        | b"edged" | b"gained" | b"plunged" | b"tumbled" | b"sank" | b"slid" | b"narrowed"
        | b"narrows" | b"narrowing" | b"widened" | b"widens" | b"widening" | b"shrank"
        | b"shrinks" | b"shrunk" | b"expanded" | b"expands" | b"advanced" | b"retreated"
        | b"eased" | b"rebounded" | b"dipped" | b"dips" | b"jumps" | b"climbs" | b"drops"
        | b"declines" | b"slips" | b"surges" | b"soars" | b"gains" | b"tumbles" | b"sinks"
        | b"slides" | b"plummeted" | b"swelled" | b"contracted" | b"trimmed" | b"boosted"
        | b"hiked" | b"slashed" => Change,
        b"party" | b"parties" | b"hand" | b"handed" | b"rate" | b"rater" | b"person" | b"guess"
        | b"guessing" | b"guessed" => SetPhrase,
        _ => Other,
    }
}

/// ISO 4217 codes recognised as written currency codes (`USD 200`,
/// `115USD`). Codes that are also common English words (`ALL`, `TOP`,
/// `CUP`) are left out on purpose.
pub(crate) fn iso_code(word: &str) -> Option<&'static str> {
    let b = word.as_bytes();
    if b.len() != 3 {
        return None;
    }
    // Lower-case codes only where they are no English word (`try`, `pen`).
    if !b.iter().all(u8::is_ascii_uppercase)
        && !matches!(
            b,
            b"usd"
                | b"eur"
                | b"gbp"
                | b"jpy"
                | b"cny"
                | b"rmb"
                | b"chf"
                | b"cad"
                | b"aud"
                | b"btc"
                | b"mxn"
                | b"nzd"
                | b"hkd"
                | b"inr"
        )
    {
        return None;
    }
    let upper = [
        b[0].to_ascii_uppercase(),
        b[1].to_ascii_uppercase(),
        b[2].to_ascii_uppercase(),
    ];
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "INR", "MXN",
        "BRL", "RUB", "KRW", "ZAR", "SEK", "NOK", "DKK", "PLN", "TRY", "ILS", "THB", "IDR", "MYR",
        "PHP", "TWD", "SAR", "AED", "QAR", "KWD", "EGP", "NGN", "KES", "ARS", "CLP", "COP", "PEN",
        "CZK", "HUF", "RON", "BGN", "UAH", "PKR", "VND", "LBP", "MNT", "BTC", "XBT", "JMD", "TTD",
        "BZD", "RMB",
    ];
    CODES
        .iter()
        .find(|c| c.as_bytes() == upper)
        .map(|c| if *c == "RMB" { "CNY" } else { c })
}

/// A currency symbol and the ISO code it stands for by default.
pub(crate) fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        '₩' => "KRW",
        '₽' => "RUB",
        '₿' => "XBT",
        '₺' => "TRY",
        '₪' => "ILS",
        '₱' => "PHP",
        '₫' => "VND",
        '₦' => "NGN",
        '₴' => "UAH",
        '₡' => "CRC",
        '₾' => "GEL",
        '₭' => "LAK",
        '元' => "CNY",
        _ => return None,
    })
}

/// The code of a dollar written with a country prefix (`C$`, `A$`, `HK$`,
/// `US$`, `NZD$`); `None` for a prefix that is no country's.
pub(crate) fn dollar_prefix(prefix: &str) -> Option<&'static str> {
    let b = prefix.as_bytes();
    if b.is_empty() || b.len() > 4 {
        return None;
    }
    let mut buf = [0u8; 4];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_uppercase();
    }
    Some(match &buf[..b.len()] {
        b"US" | b"USD" => "USD",
        b"C" | b"CA" | b"CAD" | b"CDN" => "CAD",
        b"A" | b"AU" | b"AUD" => "AUD",
        b"HK" | b"HKD" => "HKD",
        b"NZ" | b"NZD" => "NZD",
        b"S" | b"SG" | b"SGD" => "SGD",
        b"R" | b"BRL" => "BRL",
        b"MEX" | b"MXN" => "MXN",
        b"NT" | b"TWD" => "TWD",
        _ => return None,
    })
}

/// The value of a vulgar fraction character (`½`, `⅔`, `¾`).
pub(crate) fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅐' => 1.0 / 7.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        '⅑' => 1.0 / 9.0,
        '⅒' => 0.1,
        _ => return None,
    })
}
