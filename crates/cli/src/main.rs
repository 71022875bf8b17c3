//! `newsie`: English news articles in, sentences, named entities, quotes
//! with their speakers and normalized numbers out, as JSON Lines.
//!
//! The binary is thin on purpose: it parses arguments, builds the pipeline
//! from the library crates, reads inputs and writes records. Every piece of
//! language processing lives in the `newsie-*` crates.

mod args;
mod eval;
mod extract;
mod formats;
mod input;
mod manual;
mod ner;
mod output;
mod render;
mod report;
mod signals;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = signals::install().and_then(|()| match cli.command {
        args::Command::Extract(a) => extract::run(a),
        args::Command::Eval(a) => eval::run(a),
        args::Command::Render(a) => render::run(a),
        args::Command::Report(a) => report::run(a),
        args::Command::Completions(a) => manual::completions(a.shell),
        args::Command::Man => manual::man(),
    });
    match result {
        Ok(code) => code,
        Err(err) => {
            if output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsie: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
