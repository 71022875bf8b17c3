//! Units of measure after a number (annotation.md's table): glued
//! (`512GB`, `70mph`, `35C`), spaced (`120 miles`, `2.5 kg`, `30 minutes`),
//! several words (`miles per hour`, `degrees Celsius`, `square feet`), or
//! an adjective's hyphen (`a 300-mile trip`, `a 6.8-inch screen`). Each is
//! normalized to the table's symbol, with its dimension.

use newsie_core::Dimension;

/// A unit of measure: the symbol the output gives and what it measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Measure {
    pub symbol: &'static str,
    pub dimension: Dimension,
}

const fn unit(symbol: &'static str, dimension: Dimension) -> Measure {
    Measure { symbol, dimension }
}

/// A unit written as one word or symbol. Symbols are matched as written
/// (`MB` is no `mb`), words in any case; `glued` says whether the word
/// follows the digits without a space, where short symbols that are also
/// words or scale letters are read (`24h`, `60W`, `35C`) and where they are
/// not trusted alone otherwise (`in`, `m`, `h`, `C`).
pub(crate) fn word_unit(word: &str, glued: bool) -> Option<Measure> {
    use Dimension::*;
    let symbol = match word {
        "mm" => unit("mm", Length),
        "cm" => unit("cm", Length),
        "km" | "kms" => unit("km", Length),
        "ft" => unit("ft", Length),
        "yd" | "yds" => unit("yd", Length),
        "mi" => unit("mi", Length),
        "nmi" => unit("nmi", Length),
        "m2" | "m²" => unit("m2", Area),
        "km2" | "km²" => unit("km2", Area),
        "ha" => unit("ha", Area),
        "ml" | "mL" => unit("ml", Volume),
        "m3" | "m³" => unit("m3", Volume),
        "gal" => unit("gal", Volume),
        "bbl" => unit("bbl", Volume),
        "mg" => unit("mg", Mass),
        "kg" | "kgs" => unit("kg", Mass),
        "oz" => unit("oz", Mass),
        "lb" | "lbs" => unit("lb", Mass),
        "mph" => unit("mph", Speed),
        "km/h" | "km/hr" | "kph" | "kmh" | "kmph" => unit("km/h", Speed),
        "m/s" => unit("m/s", Speed),
        "°C" | "ºC" => unit("°C", Temperature),
        "°F" | "ºF" => unit("°F", Temperature),
        "KB" | "kB" => unit("KB", Data),
        "MB" => unit("MB", Data),
        "GB" => unit("GB", Data),
        "TB" => unit("TB", Data),
        "PB" => unit("PB", Data),
        "Mbps" | "Mb/s" => unit("Mbps", Data),
        "Gbps" | "Gb/s" => unit("Gbps", Data),
        "kW" => unit("kW", Power),
        "MW" => unit("MW", Power),
        "GW" => unit("GW", Power),
        "hp" => unit("hp", Power),
        "bhp" => unit("bhp", Power),
        "Wh" => unit("Wh", Energy),
        "kWh" => unit("kWh", Energy),
        "MWh" => unit("MWh", Energy),
        "GWh" => unit("GWh", Energy),
        "TWh" => unit("TWh", Energy),
        "kcal" => unit("kcal", Energy),
        "Hz" => unit("Hz", Frequency),
        "kHz" => unit("kHz", Frequency),
        "MHz" => unit("MHz", Frequency),
        "GHz" => unit("GHz", Frequency),
        "rpm" => unit("rpm", Frequency),
        "hrs" => unit("h", Duration),
        "mins" => unit("min", Duration),
        "secs" => unit("s", Duration),
        // Single letters and words that are also common words: glued only.
        "m" | "h" | "W" | "g" | "t" | "C" | "F" | "in" | "min" | "hr" | "sec" if glued => {
            match word {
                "m" => unit("m", Length),
                "t" => unit("t", Mass),
                "h" | "hr" => unit("h", Duration),
                "W" => unit("W", Power),
                "g" => unit("g", Mass),
                "C" => unit("°C", Temperature),
                "F" => unit("°F", Temperature),
                "in" => unit("in", Length),
                "min" => unit("min", Duration),
                _ => unit("s", Duration),
            }
        }
        _ => return named_unit(&word.to_ascii_lowercase()),
    };
    Some(symbol)
}

/// A unit written out as a word, singular or plural (`miles`, `tonne`).
fn named_unit(word: &str) -> Option<Measure> {
    use Dimension::*;
    let m = match word {
        "millimetre" | "millimetres" | "millimeter" | "millimeters" => unit("mm", Length),
        "centimetre" | "centimetres" | "centimeter" | "centimeters" => unit("cm", Length),
        "metre" | "metres" | "meter" | "meters" => unit("m", Length),
        "kilometre" | "kilometres" | "kilometer" | "kilometers" => unit("km", Length),
        "inch" | "inches" => unit("in", Length),
        "foot" | "feet" => unit("ft", Length),
        "yard" | "yards" => unit("yd", Length),
        "mile" | "miles" => unit("mi", Length),
        "hectare" | "hectares" => unit("ha", Area),
        "acre" | "acres" => unit("acre", Area),
        "millilitre" | "millilitres" | "milliliter" | "milliliters" => unit("ml", Volume),
        "litre" | "litres" | "liter" | "liters" => unit("l", Volume),
        "gallon" | "gallons" => unit("gal", Volume),
        "barrel" | "barrels" => unit("bbl", Volume),
        "milligram" | "milligrams" => unit("mg", Mass),
        "gram" | "grams" => unit("g", Mass),
        "kilogram" | "kilograms" | "kilo" | "kilos" => unit("kg", Mass),
        "tonne" | "tonnes" => unit("t", Mass),
        "ounce" | "ounces" => unit("oz", Mass),
        // Reached only where the pounds are no money (`lost 25 pounds`).
        "pound" | "pounds" => unit("lb", Mass),
        "ton" | "tons" => unit("ton", Mass),
        "knot" | "knots" => unit("kn", Speed),
        // With the misspellings readers write.
        "celsius" | "celcius" | "centigrade" => unit("°C", Temperature),
        "fahrenheit" | "farenheit" | "fahrenhiet" => unit("°F", Temperature),
        "kelvin" => unit("K", Temperature),
        "kilobyte" | "kilobytes" => unit("KB", Data),
        "megabyte" | "megabytes" => unit("MB", Data),
        "gigabyte" | "gigabytes" => unit("GB", Data),
        "terabyte" | "terabytes" => unit("TB", Data),
        "petabyte" | "petabytes" => unit("PB", Data),
        "watt" | "watts" => unit("W", Power),
        "kilowatt" | "kilowatts" => unit("kW", Power),
        "megawatt" | "megawatts" => unit("MW", Power),
        "gigawatt" | "gigawatts" => unit("GW", Power),
        "horsepower" => unit("hp", Power),
        "joule" | "joules" => unit("J", Energy),
        "calorie" | "calories" | "kilocalorie" | "kilocalories" => unit("kcal", Energy),
        "hertz" => unit("Hz", Frequency),
        "kilohertz" => unit("kHz", Frequency),
        "megahertz" => unit("MHz", Frequency),
        "gigahertz" => unit("GHz", Frequency),
        "second" | "seconds" => unit("s", Duration),
        "minute" | "minutes" => unit("min", Duration),
        "hour" | "hours" => unit("h", Duration),
        "day" | "days" => unit("d", Duration),
        "week" | "weeks" => unit("week", Duration),
        "month" | "months" => unit("month", Duration),
        "year" | "years" => unit("year", Duration),
        "decade" | "decades" => unit("decade", Duration),
        _ => return None,
    };
    Some(m)
}

/// A unit of two or three words (lower case), and how many it takes:
/// `miles per hour`, `degrees Celsius`, `square feet`, `kilowatt hours`.
pub(crate) fn phrase_unit(words: &[&str]) -> Option<(Measure, usize)> {
    use Dimension::*;
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let three = match (w(0), w(1), w(2)) {
        ("miles", "per", "hour") | ("miles", "an", "hour") => Some(unit("mph", Speed)),
        ("kilometres" | "kilometers", "per" | "an", "hour") => Some(unit("km/h", Speed)),
        ("metres" | "meters", "per", "second") => Some(unit("m/s", Speed)),
        ("square", "metres" | "meters" | "metre" | "meter", _) => {
            return Some((unit("m2", Area), 2))
        }
        ("square", "kilometres" | "kilometers" | "kilometre" | "kilometer", _) => {
            return Some((unit("km2", Area), 2))
        }
        ("square", "feet" | "foot", _) => return Some((unit("sq ft", Area), 2)),
        ("square", "miles" | "mile", _) => return Some((unit("sq mi", Area), 2)),
        ("cubic", "metres" | "meters" | "metre" | "meter", _) => {
            return Some((unit("m3", Volume), 2))
        }
        ("cubic", "feet" | "foot", _) => return Some((unit("cu ft", Volume), 2)),
        ("nautical", "miles" | "mile", _) => return Some((unit("nmi", Length), 2)),
        ("metric", "tons" | "ton" | "tonnes", _) => return Some((unit("t", Mass), 2)),
        ("degrees" | "degree" | "deg", "celsius" | "celcius" | "centigrade" | "c", _) => {
            return Some((unit("°C", Temperature), 2))
        }
        ("degrees" | "degree" | "deg", "fahrenheit" | "farenheit" | "f", _) => {
            return Some((unit("°F", Temperature), 2))
        }
        ("kilowatt" | "kilowatts", "hours" | "hour", _) => return Some((unit("kWh", Energy), 2)),
        ("megawatt" | "megawatts", "hours" | "hour", _) => return Some((unit("MWh", Energy), 2)),
        ("gigawatt" | "gigawatts", "hours" | "hour", _) => return Some((unit("GWh", Energy), 2)),
        ("terawatt" | "terawatts", "hours" | "hour", _) => return Some((unit("TWh", Energy), 2)),
        ("watt" | "watts", "hours" | "hour", _) => return Some((unit("Wh", Energy), 2)),
        ("megabits" | "megabit", "per", "second") => Some(unit("Mbps", Data)),
        ("gigabits" | "gigabit", "per", "second") => Some(unit("Gbps", Data)),
        ("revolutions", "per", "minute") => Some(unit("rpm", Frequency)),
        _ => None,
    };
    three.map(|m| (m, 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_and_words_normalize_to_the_table() {
        assert_eq!(word_unit("GB", true).unwrap().symbol, "GB");
        assert_eq!(word_unit("Miles", false).unwrap().symbol, "mi");
        assert_eq!(word_unit("tonnes", false).unwrap().symbol, "t");
        assert_eq!(word_unit("C", true).unwrap().symbol, "°C");
        // Words that are also ordinary words are units only glued.
        assert!(word_unit("in", false).is_none());
        assert!(word_unit("C", false).is_none());
        // No unit: scale letters and codes.
        assert!(word_unit("K", true).is_none());
        assert!(word_unit("s", true).is_none());
        assert_eq!(
            phrase_unit(&["miles", "per", "hour"]).map(|(m, n)| (m.symbol, n)),
            Some(("mph", 3))
        );
        assert_eq!(
            phrase_unit(&["degrees", "celsius"]).map(|(m, n)| (m.symbol, n)),
            Some(("°C", 2))
        );
    }
}
