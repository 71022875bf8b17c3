//! `--ner` and `--model`: which entity tagger the pipeline runs.

use crate::args::{NerArgs, NerBackend, PrecisionArg};
use anyhow::{Context, Result};
use newsie_ner::Tagger;
use newsie_pipeline::{Pipeline, PipelineBuilder};
use std::path::PathBuf;

/// Where `--ner transformer` looks when `--model` is not given.
const DEFAULT_MODEL: &str = "models/ner-transformer";

/// Builds `builder`'s pipeline with the tagger the arguments ask for.
pub fn build_pipeline(args: &NerArgs, mut builder: PipelineBuilder) -> Result<Pipeline> {
    if let Some(tagger) = tagger(args)? {
        builder = builder.tagger(tagger);
    }
    builder.build().context("cannot build the pipeline")
}

/// The tagger the arguments ask for; `None` means the pipeline's default
/// (the embedded linear model).
fn tagger(args: &NerArgs) -> Result<Option<Tagger>> {
    match args.ner {
        NerBackend::Linear => {
            if args.model.is_some() {
                anyhow::bail!("--model is a transformer checkpoint: add `--ner transformer`");
            }
            if args.precision != PrecisionArg::F32 {
                anyhow::bail!("--precision sets the transformer's: add `--ner transformer`");
            }
            Ok(None)
        }
        NerBackend::Transformer => {
            let dir = args
                .model
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_MODEL));
            transformer(dir, args.precision).map(Some)
        }
    }
}

#[cfg(feature = "transformer")]
fn transformer(dir: PathBuf, precision: PrecisionArg) -> Result<Tagger> {
    use newsie_ner::transformer::{BertClassifier, BertOptions, ClassifierBackend, Precision};
    if !dir.is_dir() {
        anyhow::bail!(
            "no transformer checkpoint at {}: pass --model DIR (a folder with config.json, \
             model.safetensors and tokenizer.json)",
            dir.display()
        );
    }
    let precision = match precision {
        PrecisionArg::F32 => Precision::F32,
        PrecisionArg::Bf16 => Precision::Bf16,
    };
    let model = BertClassifier::load(&dir, &BertOptions::new().precision(precision))
        .with_context(|| format!("cannot load the transformer checkpoint {}", dir.display()))?;
    let backend = ClassifierBackend::new(model)?;
    Ok(Tagger::with_backend(Box::new(backend)))
}

/// Without the feature no checkpoint can run, whatever `--model` names:
/// say so before looking at the folder, which would blame the checkpoint.
#[cfg(not(feature = "transformer"))]
fn transformer(_dir: PathBuf, _precision: PrecisionArg) -> Result<Tagger> {
    anyhow::bail!(
        "--ner transformer needs the `transformer` feature, and this newsie was built \
         without it; build it with \
         `scripts/transformer/setup.sh && . ~/.cache/newsie-torch/env.sh && \
         cargo build --release -p newsie-cli --features transformer`"
    )
}
