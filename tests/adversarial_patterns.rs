//! Hostile text for the pipeline: each pattern's name and a function that
//! writes about `n` bytes of it. Shared by `tests/adversarial.rs` (bounds
//! and linear work) and the pipeline's `adversarial` bench (CPU time at
//! 8 MB).

/// A pattern's name and a function giving about `n` bytes of it.
pub type Pattern = (&'static str, fn(usize) -> String);

/// Every pattern.
pub fn patterns() -> Vec<Pattern> {
    vec![
        ("said said said", |n| repeat("said ", n)),
        ("news without punctuation", |n| {
            let article = NEWS.replace(['.', ',', '“', '”', '"', '\n', ';', ':'], " ");
            repeat(&article, n)
        }),
        ("according to chains", |n| {
            repeat("according to Acme Corp, ", n)
        }),
        ("straight quote marks", |n| repeat("\"", n)),
        ("unclosed curly marks", |n| repeat("“We said ", n)),
        ("single marks", |n| repeat("‘It is ’ ‘ she said ’ ", n)),
        ("capitalized words", |n| {
            repeat("Alpha Beta Gamma Delta ", n)
        }),
        ("distinct names", |n| {
            numbered(n, |k| format!("{} ", name(k)))
        }),
        ("distinct speakers", |n| {
            numbered(n, |k| {
                format!("{} said it would grow. He said so. ", name(k))
            })
        }),
        ("distinct firms", |n| {
            numbered(n, |k| {
                format!(
                    "Acme {} Corp said so. The company said no. Acme said yes. ",
                    name(k)
                )
            })
        }),
        ("one long number", |n| repeat("1", n)),
        ("number soup", |n| repeat("1 ", n)),
        ("nested brackets", |n| {
            let half = n / 2;
            format!("{}{}", "(".repeat(half), ")".repeat(half))
        }),
        ("dots", |n| repeat(".", n)),
        ("abbreviations", |n| repeat("U.S. No. 1 Mr. J. St. ", n)),
        ("line breaks", |n| repeat("\n\n a\n", n)),
        ("emoji and scripts", |n| repeat("😀 é 日本 שלום ", n)),
        ("news", |n| repeat(NEWS, n)),
    ]
}

pub const NEWS: &str = "Amazon will cut several hundred jobs in its Amazon Web Services \
(AWS) division. “We’ve identified a few targeted areas,” an AWS spokesperson said. \
Revenue rose 13% to $24.2 billion, Andy Jassy, the CEO, told analysts on Tuesday.\n";

fn repeat(unit: &str, n: usize) -> String {
    let mut text = unit.repeat(n / unit.len() + 1);
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

fn numbered(n: usize, piece: impl Fn(usize) -> String) -> String {
    let mut text = String::with_capacity(n + 64);
    let mut k = 0;
    while text.len() < n {
        text.push_str(&piece(k));
        k += 1;
    }
    text
}

/// A distinct capitalized made-up word per number.
fn name(mut k: usize) -> String {
    const CONSONANTS: &[u8] = b"bcdfghjklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let mut word = String::new();
    loop {
        word.push(CONSONANTS[k % CONSONANTS.len()] as char);
        word.push(VOWELS[(k / CONSONANTS.len()) % VOWELS.len()] as char);
        k /= CONSONANTS.len() * VOWELS.len();
        if k == 0 {
            break;
        }
    }
    let mut chars = word.chars();
    let first = chars.next().unwrap().to_ascii_uppercase();
    std::iter::once(first).chain(chars).collect()
}
