//! `newsie eval`: score the pipeline on gold suites and print the figures.

use crate::args::{EvalArgs, QuoteScope, Suite};
use anyhow::{Context, Result};
use clap::ValueEnum;
use newsie_eval::report::SuiteReport;
use newsie_eval::suites;
use newsie_pipeline::Pipeline;
use std::process::ExitCode;

fn run_suite(suite: Suite, args: &EvalArgs, pipeline: &Pipeline) -> Result<SuiteReport> {
    if suite == Suite::Polnear {
        // PolNeAR annotates beliefs and findings too: its scores come from
        // the pipeline `newsie extract --quotes wide` runs.
        let wide = crate::ner::build_pipeline(
            &args.ner,
            Pipeline::builder().attributor(QuoteScope::Wide.attributor()),
        )?;
        return Ok(suites::polnear::report_split(
            &wide,
            &args.benchmarks.join("polnear"),
            args.polnear_split.name(),
        )?);
    }
    let bench = |relative: &str| args.benchmarks.join(relative);
    let report = match suite {
        Suite::Fixtures => suites::gold_docs::fixtures(pipeline, &args.fixtures)?,
        Suite::Seed => suites::gold_docs::single(pipeline, "seed (aws-layoffs)", &args.seed)?,
        Suite::GoldenRules => suites::golden_rules::report(&bench("sbd-golden-rules"))?,
        Suite::Conll2003 => suites::conll::report_pipeline(pipeline, &bench("conll2003"))?,
        Suite::Crossner => suites::crossner::report_pipeline(pipeline, &bench("crossner"))?,
        Suite::Polnear => unreachable!("scored above"),
        Suite::Recognizers => suites::numbers::recognizers_report(&args.benchmarks)?,
        Suite::Duckling => suites::numbers::duckling_report(&args.benchmarks)?,
        Suite::Ieer => suites::numbers::ieer_report(&args.benchmarks)?,
        Suite::IeerEntities => suites::ieer_entities::report_pipeline(pipeline, &args.benchmarks)?,
    };
    Ok(report)
}

/// The suite's name as it is typed on the command line.
fn suite_name(suite: Suite) -> String {
    suite
        .to_possible_value()
        .map_or_else(|| format!("{suite:?}"), |v| v.get_name().to_owned())
}

/// Where a failed suite looked for its data, and the option that moves it:
/// each suite reads its own place, so the hint names that one.
fn hint(suite: Suite, args: &EvalArgs) -> String {
    match suite {
        // Not shared data: the fixtures are the repository's own folder,
        // which a run elsewhere does not see.
        Suite::Fixtures => format!(
            "the gold fixtures are read from {}{}: run newsie in the repository or pass --fixtures DIR",
            args.fixtures.display(),
            if args.fixtures.is_relative() {
                " in the current folder"
            } else {
                ""
            }
        ),
        Suite::Seed => format!(
            "is the seed's gold file at {}? pass --seed FILE",
            args.seed.display()
        ),
        _ => format!(
            "is the shared data at {}? pass --benchmarks DIR",
            args.benchmarks.display()
        ),
    }
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let pipeline = crate::ner::build_pipeline(&args.ner, Pipeline::builder())?;
    let suites = if args.suites.is_empty() {
        vec![Suite::Fixtures]
    } else {
        args.suites.clone()
    };
    let mut reports = Vec::new();
    for suite in suites {
        let report = run_suite(suite, &args, &pipeline).with_context(|| {
            format!(
                "suite {} failed ({})",
                suite_name(suite),
                hint(suite, &args)
            )
        })?;
        if !args.json {
            print!("{}", report.table());
            if args.verbose {
                for miss in &report.misses {
                    println!("    {miss}");
                }
            }
            println!();
        }
        reports.push(report);
    }
    if args.json {
        let mut reports = reports;
        if !args.verbose {
            reports.iter_mut().for_each(|r| r.misses.clear());
        }
        println!("{}", serde_json::to_string_pretty(&reports)?);
    }
    Ok(ExitCode::SUCCESS)
}
