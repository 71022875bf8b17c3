//! What single words are, as the product rules read them: model codes and
//! the generic codes that share their shape, bare numbers and years,
//! variant words, nationalities, catalogue designations, possessives,
//! organization heads and determiners. Nothing here looks at a word's
//! neighbours; the rules that do are in the parent module.

/// A model code (`A350`, `X5`, `S24`, `777X`, `GE9X`, `A321neo`,
/// `777-300ER`): one word of two to ten characters mixing ASCII letters and
/// digits, an upper-case letter among them, hyphens allowed inside. No
/// year, ordinal (`4th`: no capital), decade (`1990s`) or amount has that
/// shape; the generic designations that do are left out
/// ([`is_generic_code`]).
pub(super) fn is_model_code(token: &str) -> bool {
    let len = token.chars().count();
    (2..=10).contains(&len)
        && token.bytes().any(|b| b.is_ascii_digit())
        && token.bytes().any(|b| b.is_ascii_uppercase())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !token.starts_with('-')
        && !token.ends_with('-')
        && !token.contains("--")
        && !is_generic_code(token)
}

/// Letter-and-digit words that news writes after a company's name and that
/// name no product, so that `Apple Q3 results`, `Vodafone 5G network`, `EU
/// G7 summit` or `Pfizer COVID-19 vaccine` stay as the model tagged them:
///
/// - periods: `Q3`, `H1`, `3Q`, `1H`, `FY2024`, `FY24`, `CY2025`;
/// - technology generations and formats: `5G`, `3D`, `4K`, `10K` (a race);
/// - groupings and age groups: `G7`, `G20`, `U21`, `U-23`, `Under-21`;
/// - racing series: `F1`, `F2`;
/// - filings: `10-K`, `10-Q`, `8-K`, `20-F` (digits, hyphen, one letter);
/// - measures: `500CC`, `100MW`, `5GB`;
/// - diseases and chemicals: `COVID-19`, `SARS-CoV-2`, `H1N1`, `CO2`.
pub(super) fn is_generic_code(token: &str) -> bool {
    let upper = token.to_ascii_uppercase();
    let (letters, rest) = split_letters(&upper);
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // A letter prefix and digits only: `Q3`, `G20`, `U-21`, `FY2024`.
    if all_digits(rest) && matches!(letters, "Q" | "H" | "G" | "U" | "UNDER" | "FY" | "CY") {
        return true;
    }
    // Racing series: `F1`, `F2` (not `F-35`, a fighter).
    if letters == "F" && upper.len() == 2 {
        return true;
    }
    // Digits and one letter: `5G`, `3D`, `4K`, `3Q`, `1H`, `10-K`, `8-K`.
    let digits_end = upper.bytes().take_while(u8::is_ascii_digit).count();
    if digits_end > 0 {
        let tail = upper[digits_end..]
            .strip_prefix('-')
            .unwrap_or(&upper[digits_end..]);
        let short = digits_end <= 2;
        if tail.len() == 1 && (short || upper[digits_end..].starts_with('-')) {
            return true;
        }
    }
    // Measures: `500CC`, `100MW`, `5GB`, `40MM`.
    const UNITS: &[&str] = &[
        "CC", "MM", "CM", "KM", "KG", "KW", "MW", "GW", "KWH", "MWH", "GWH", "MB", "GB", "TB",
        "HP", "MPH", "KPH", "BHP",
    ];
    if digits_end > 0 && UNITS.contains(&&upper[digits_end..]) {
        return true;
    }
    // Diseases, viruses and chemicals.
    const STEMS: &[&str] = &["COVID", "SARS", "MERS", "CO", "NO", "SO", "PM", "CH", "MP"];
    if STEMS.contains(&letters) {
        return true;
    }
    // Influenza subtypes: `H1N1`, `H5N1`.
    let b = upper.as_bytes();
    b.len() == 4 && b[0] == b'H' && b[2] == b'N' && b[1].is_ascii_digit() && b[3].is_ascii_digit()
}

/// The leading ASCII letters of `token` and what follows them.
pub(super) fn split_letters(token: &str) -> (&str, &str) {
    let cut = token.bytes().take_while(u8::is_ascii_alphabetic).count();
    token.split_at(cut)
}

/// The family a model code belongs to: its leading letters and first run of
/// digits, hyphen dropped (`777X`, `777-9` and `777-300ER` are all `777`;
/// `A350-1000` is `A350`; `TOI-2291` is `TOI2291`). A family of digits
/// alone needs three of them, so that no score or range (`2-1`) joins one.
pub(super) fn family(token: &str) -> Option<String> {
    let (letters, rest) = split_letters(token);
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || (letters.is_empty() && digits.len() < 3) {
        return None;
    }
    Some(format!("{}{}", letters.to_ascii_uppercase(), digits))
}

/// A variant of a model, as the three digits of `777-9` or `737-800` are
/// (digits, a hyphen, digits): read as a product only where its family is
/// known from the document, never alone (it is also a score or a range).
pub(super) fn is_numbered_variant(token: &str) -> bool {
    let Some((head, tail)) = token.split_once('-') else {
        return false;
    };
    head.len() >= 3
        && !tail.is_empty()
        && head.bytes().all(|b| b.is_ascii_digit())
        && tail.bytes().all(|b| b.is_ascii_digit())
}

/// Words that name a variant of a product after its model number (`iPhone
/// 15 Pro`, `Boeing 737 Max`, `Galaxy S24 Ultra`, `Pixel 9 XL`).
pub(super) const VARIANTS: &[&str] = &[
    "Pro", "Max", "Plus", "Ultra", "Mini", "Lite", "Air", "Neo", "Fold", "Flip", "Edge", "XL", "SE",
];

pub(super) fn is_variant(word: &str) -> bool {
    VARIANTS.contains(&word)
}

/// A bare number of up to four digits (`757`, `15`, `500`).
pub(super) fn is_bare_number(token: &str) -> bool {
    (1..=4).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit())
}

/// A four-digit number in the range of years (`Apple 2023 revenue`).
pub(super) fn is_year(token: &str) -> bool {
    token.len() == 4
        && token
            .parse::<u32>()
            .is_ok_and(|y| (1800..=2099).contains(&y))
}

pub(super) fn starts_with_digit(word: Option<&&str>) -> bool {
    word.is_some_and(|w| w.bytes().next().is_some_and(|b| b.is_ascii_digit()))
}

/// Whether a lower-case word looks like a plural noun (`jets`, `points`).
pub(super) fn is_plural(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
}

/// A nationality or an origin (`Russian`, `Chinese`, `Swedish`, `French`,
/// `Israeli`, `Russian-made`), told by the endings English demonyms take.
/// A product line with such an ending (`Titan`) is mistaken for one, and
/// then keeps its code as a product of its own: a small loss.
pub(super) fn is_demonym(word: &str) -> bool {
    let lower = word.to_lowercase();
    if ["-made", "-built", "-designed", "-owned", "-based"]
        .iter()
        .any(|s| lower.ends_with(s))
    {
        return true;
    }
    let consonant_i = lower.ends_with('i')
        && lower
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_alphabetic() && !"aeiou".contains(c));
    lower.len() >= 4
        && (["an", "ese", "ish", "ch"]
            .iter()
            .any(|s| lower.ends_with(s))
            || consonant_i
            || matches!(
                lower.as_str(),
                "thai" | "swiss" | "greek" | "welsh" | "scots"
            ))
}

/// A catalogue designation, as stars and planets are named (`TOI-2291`,
/// `Kepler-22`, `TRAPPIST-1`, `K2-18`): a word opening with a letter and
/// ending in a hyphen and digits.
pub(super) fn is_catalogue_name(token: &str) -> bool {
    let Some((head, tail)) = token.rsplit_once('-') else {
        return false;
    };
    head.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && head.bytes().all(|b| b.is_ascii_alphanumeric())
        && !tail.is_empty()
        && tail.bytes().all(|b| b.is_ascii_digit())
}

/// A catalogue designation that is no generic code (`TRAPPIST-1`, but not
/// `COVID-19`), as the document memory reads them.
pub(super) fn is_star_name(token: &str) -> bool {
    is_catalogue_name(token) && !is_generic_code(token)
}

/// The letter that names a planet after its star's designation (`b` to
/// `h`; `a` is the star, and an English word).
pub(super) fn is_planet_letter(token: &str) -> bool {
    token.len() == 1 && token.bytes().all(|b| (b'b'..=b'h').contains(&b))
}

pub(super) fn is_possessive(token: &str) -> bool {
    matches!(token, "'s" | "’s" | "'S" | "’S")
}

/// A word in capitals that designates a model (`XWB` of `Trent XWB`): two
/// to five capital letters, or a model code; not a roman numeral (`John
/// Paul II`), a generational suffix or a company form.
pub(super) fn is_designation(token: &str) -> bool {
    if is_model_code(token) {
        return true;
    }
    const NOT: &[&str] = &[
        "JR", "SR", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "PLC", "LLC", "LTD",
        "INC", "AG", "SA", "NV", "BV", "SE", "CO", "CORP", "MP", "QC", "KC", "MBE", "OBE", "CBE",
        "KBE", "DBE", "MEP", "MD", "PHD",
    ];
    (2..=5).contains(&token.len())
        && token.bytes().all(|b| b.is_ascii_uppercase())
        && !NOT.contains(&token)
}

/// Words that end the name of an organization that operates, sells or
/// finances products rather than naming one (`Kestrel Airways`, `Acme
/// Corp`): the organization heads and corporate suffixes the crate knows.
pub(super) fn is_organization_head(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches('.');
    crate::ORGANIZATION_HEADS.contains(&lower) || crate::CORPORATE_SUFFIXES.contains(&lower)
}

/// Words that open a noun phrase before a model number standing alone (`the
/// 787`, `its first 787`, `Halvard's 787`).
pub(super) fn is_determiner(word: &str) -> bool {
    is_possessive(word)
        || matches!(
            word.to_lowercase().as_str(),
            "the"
                | "a"
                | "an"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "this"
                | "that"
                | "each"
                | "every"
                | "first"
                | "last"
                | "new"
        )
}
