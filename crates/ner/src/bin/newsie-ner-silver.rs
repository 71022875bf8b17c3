//! Converts silver NER annotations (`scripts/ner/make_silver.py` output:
//! sentence text plus byte-offset entity spans) into CoNLL IOB2, tokenized
//! by newsie's own word tokenizer, for `newsie-train-ner --silver`.
//!
//! ```text
//! newsie-ner-silver SPANS.txt OUT.iob2.txt
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: newsie-ner-silver SPANS.txt OUT.iob2.txt");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {input}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let iob2 = newsie_ner::train::silver_to_iob2(&text);
    if let Err(e) = std::fs::write(output, &iob2) {
        eprintln!("error: cannot write {output}: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {output}: {} documents, {} sentences",
        iob2.matches("-DOCSTART-").count(),
        iob2.matches("\n\n").count()
    );
    ExitCode::SUCCESS
}
