//! Prints the quantities found in standard input, one per line.
use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        return;
    }
    for q in newsie_numbers::Normalizer::new().find(&text) {
        println!(
            "{:?}\tkind={:?} value={:?} low={:?} high={:?} approx={} unit={:?}",
            q.text, q.kind, q.value, q.low, q.high, q.approximate, q.unit
        );
    }
}
