//! BERT-family token classifiers run by libtorch through rust-bert.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rust_bert::bert::{BertConfig, BertForTokenClassification};
use tch::{nn, Device, Kind, Tensor};
use tokenizers::models::wordpiece::WordPiece;
use tokenizers::normalizers::BertNormalizer;
use tokenizers::pre_tokenizers::bert::BertPreTokenizer;
use tokenizers::{EncodeInput, InputSequence, Tokenizer};

use super::{CaseType, TokenClassifier, Window};
use crate::Error;

/// Pieces per window when the options name none: 128 with `[CLS]` and
/// `[SEP]`, the window the project's fine-tuning script trains with.
const DEFAULT_WINDOW: usize = 126;

/// The number format a [`BertClassifier`] computes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Precision {
    /// 32-bit floats, the default: logits agree with PyTorch's fp32 to 1e-4.
    #[default]
    F32,
    /// bfloat16 weights and activations. On CPUs with bf16 matrix units
    /// (Intel AMX or AVX-512 BF16) it runs faster (1.8 times on CoNLL-2003
    /// with an AMX Xeon, `scripts/transformer/bench.sh`); the logits move
    /// by about 1e-2, which can flip a close label. Elsewhere it can be
    /// slower than `F32`.
    Bf16,
}

/// How a [`BertClassifier`] is loaded and run.
#[derive(Debug, Clone, Default)]
pub struct BertOptions {
    threads: Option<usize>,
    window: Option<usize>,
    precision: Precision,
}

impl BertOptions {
    /// Default options: libtorch's own thread count, windows of 126 pieces.
    pub fn new() -> BertOptions {
        BertOptions::default()
    }

    /// Sets libtorch's intra-op threads (process-wide). One model is
    /// shared by all callers and its forward passes take turns, so these
    /// threads are where a batch's work is parallel.
    pub fn threads(mut self, threads: usize) -> BertOptions {
        self.threads = Some(threads.max(1));
        self
    }

    /// Sets the number format the model computes in (default
    /// [`Precision::F32`]).
    pub fn precision(mut self, precision: Precision) -> BertOptions {
        self.precision = precision;
        self
    }

    /// Sets the most subword pieces per window (special tokens not
    /// counted); it is capped by the checkpoint's position embeddings.
    pub fn window(mut self, pieces: usize) -> BertOptions {
        self.window = Some(pieces.max(1));
        self
    }
}

/// A BERT token-classification checkpoint (a Hugging Face folder with
/// `config.json`, `model.safetensors`, and `tokenizer.json` or `vocab.txt`),
/// ready to run on the CPU.
pub struct BertClassifier {
    // Forward passes take turns: a tch tensor may move between threads
    // but not be shared by them.
    model: Mutex<BertForTokenClassification>,
    // Owns the weights the model's tensors point into.
    _weights: Mutex<nn::VarStore>,
    tokenizer: Tokenizer,
    id2label: Vec<String>,
    window: usize,
    // Whether the checkpoint reads each piece's word case as its token
    // type (`"newsie_case_types": true`, see [`CaseType`]).
    case_types: bool,
    precision: Precision,
    cls: i64,
    sep: i64,
    pad: i64,
}

impl std::fmt::Debug for BertClassifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BertClassifier")
            .field("labels", &self.id2label)
            .field("window", &self.window)
            .field("case_types", &self.case_types)
            .field("precision", &self.precision)
            .finish_non_exhaustive()
    }
}

fn model_error(dir: &Path, what: impl std::fmt::Display) -> Error {
    Error::Model(format!("{}: {what}", dir.display()))
}

impl BertClassifier {
    /// Loads the checkpoint folder `dir`.
    pub fn load(dir: impl AsRef<Path>, options: &BertOptions) -> Result<BertClassifier, Error> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(model_error(dir, "not a folder (expected a checkpoint folder with config.json, model.safetensors and tokenizer.json or vocab.txt)"));
        }
        let config_text = std::fs::read_to_string(dir.join("config.json"))
            .map_err(|e| model_error(dir, format!("cannot read config.json: {e}")))?;
        let raw: serde_json::Value = serde_json::from_str(&config_text)
            .map_err(|e| model_error(dir, format!("config.json is not JSON: {e}")))?;
        let model_type = raw
            .get("model_type")
            .and_then(|v| v.as_str())
            .unwrap_or("bert");
        if model_type != "bert" {
            return Err(model_error(
                dir,
                format!("model_type is {model_type:?}; this backend runs BERT checkpoints"),
            ));
        }
        let case_types = raw
            .get("newsie_case_types")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let config: BertConfig = serde_json::from_value(raw)
            .map_err(|e| model_error(dir, format!("config.json is not a BERT config: {e}")))?;
        let id2label = labels_in_order(&config).map_err(|e| model_error(dir, e))?;
        let type_rows = config.type_vocab_size;
        if case_types && usize::try_from(type_rows).unwrap_or(0) < CaseType::COUNT {
            return Err(model_error(
                dir,
                format!(
                    "newsie_case_types needs type_vocab_size {} or more, the config has {type_rows}",
                    CaseType::COUNT
                ),
            ));
        }

        let tokenizer = load_tokenizer(dir)?;
        let special = |name: &str| {
            tokenizer
                .token_to_id(name)
                .map(i64::from)
                .ok_or_else(|| model_error(dir, format!("the tokenizer has no {name} token")))
        };
        let (cls, sep, pad) = (special("[CLS]")?, special("[SEP]")?, special("[PAD]")?);

        if let Some(threads) = options.threads {
            tch::set_num_threads(i32::try_from(threads).unwrap_or(i32::MAX));
        }
        let weights_path = dir.join("model.safetensors");
        if !weights_path.is_file() {
            return Err(model_error(dir, "no model.safetensors (convert a pytorch_model.bin with `save_pretrained(..., safe_serialization=True)`)"));
        }
        let mut weights = nn::VarStore::new(Device::Cpu);
        let model = BertForTokenClassification::new(weights.root(), &config)
            .map_err(|e| model_error(dir, e))?;
        weights
            .load(&weights_path)
            .map_err(|e| model_error(dir, format!("cannot read model.safetensors: {e}")))?;
        // Half-precision checkpoints are stored small and run in fp32 (the
        // logits match PyTorch's), or in bf16 where the CPU has units for it.
        weights.set_kind(match options.precision {
            Precision::F32 => Kind::Float,
            Precision::Bf16 => Kind::BFloat16,
        });

        let positions = usize::try_from(config.max_position_embeddings).unwrap_or(512);
        let window = options
            .window
            .unwrap_or(DEFAULT_WINDOW)
            .min(positions.saturating_sub(2).max(1));
        Ok(BertClassifier {
            model: Mutex::new(model),
            _weights: Mutex::new(weights),
            tokenizer,
            id2label,
            window,
            case_types,
            precision: options.precision,
            cls,
            sep,
            pad,
        })
    }
}

/// The labels of `config.id2label` in id order; the ids must be 0..n.
fn labels_in_order(config: &BertConfig) -> Result<Vec<String>, String> {
    let map = config
        .id2label
        .as_ref()
        .ok_or("config.json has no id2label: is this a token-classification checkpoint?")?;
    let mut labels = vec![None; map.len()];
    for (&id, name) in map {
        let slot = usize::try_from(id)
            .ok()
            .and_then(|i| labels.get_mut(i))
            .ok_or_else(|| format!("id2label ids must be 0..{}, found {id}", map.len()))?;
        *slot = Some(name.clone());
    }
    labels
        .into_iter()
        .map(|l| l.ok_or_else(|| "id2label has a gap".to_string()))
        .collect()
}

/// `tokenizer.json` if the folder has one, else a WordPiece tokenizer over
/// `vocab.txt` with BERT's normalizer (lower-casing as
/// `tokenizer_config.json` says, lower case if it says nothing).
fn load_tokenizer(dir: &Path) -> Result<Tokenizer, Error> {
    let json: PathBuf = dir.join("tokenizer.json");
    let mut tokenizer = if json.is_file() {
        Tokenizer::from_file(&json)
            .map_err(|e| model_error(dir, format!("cannot read tokenizer.json: {e}")))?
    } else {
        let vocab = dir.join("vocab.txt");
        let vocab = vocab.to_str().ok_or_else(|| {
            model_error(
                dir,
                "no tokenizer.json, and the vocab.txt path is not UTF-8",
            )
        })?;
        let wordpiece = WordPiece::from_file(vocab)
            .unk_token("[UNK]".into())
            .build()
            .map_err(|e| {
                model_error(dir, format!("no tokenizer.json, and vocab.txt failed: {e}"))
            })?;
        let lowercase = std::fs::read_to_string(dir.join("tokenizer_config.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v.get("do_lower_case").and_then(|b| b.as_bool()))
            .unwrap_or(true);
        let mut tokenizer = Tokenizer::new(wordpiece);
        tokenizer.with_normalizer(Some(BertNormalizer::new(true, true, None, lowercase)));
        tokenizer.with_pre_tokenizer(Some(BertPreTokenizer));
        tokenizer
    };
    // Windows are cut and padded here, never by the tokenizer.
    tokenizer
        .with_truncation(None)
        .map_err(|e| model_error(dir, e))?;
    tokenizer.with_padding(None);
    Ok(tokenizer)
}

impl TokenClassifier for BertClassifier {
    fn id2label(&self) -> Vec<String> {
        self.id2label.clone()
    }

    fn max_pieces(&self) -> usize {
        self.window
    }

    fn pieces(&self, words: &[&str]) -> Result<Vec<Vec<u32>>, Error> {
        let mut pieces = vec![Vec::new(); words.len()];
        if words.is_empty() {
            return Ok(pieces);
        }
        let input = EncodeInput::Single(InputSequence::from(words));
        let encoding = self
            .tokenizer
            .encode(input, false)
            .map_err(|e| Error::Model(format!("tokenizer: {e}")))?;
        for (&id, word) in encoding.get_ids().iter().zip(encoding.get_word_ids()) {
            if let Some(slot) = word.and_then(|w| pieces.get_mut(w as usize)) {
                slot.push(id);
            }
        }
        Ok(pieces)
    }

    fn logits(&self, windows: &[Window]) -> Result<Vec<Vec<f32>>, Error> {
        if windows.is_empty() {
            return Ok(Vec::new());
        }
        let width = windows.iter().map(|w| w.pieces.len()).max().unwrap_or(0) + 2;
        let rows = windows.len();
        let mut ids = vec![self.pad; rows * width];
        let mut mask = vec![0i64; rows * width];
        // [CLS], [SEP] and padding keep type 0, as in training.
        let mut types = vec![0i64; rows * width];
        for (r, window) in windows.iter().enumerate() {
            let len = window.pieces.len();
            let row = &mut ids[r * width..(r + 1) * width];
            row[0] = self.cls;
            for (slot, &id) in row[1..].iter_mut().zip(&window.pieces) {
                *slot = i64::from(id);
            }
            row[len + 1] = self.sep;
            mask[r * width..r * width + len + 2].fill(1);
            if self.case_types {
                let row = &mut types[r * width + 1..r * width + 1 + len];
                for (slot, &case) in row.iter_mut().zip(&window.cases) {
                    *slot = i64::from(case as u8);
                }
            }
        }
        let shape = [rows as i64, width as i64];
        let ids = Tensor::from_slice(&ids).view(shape);
        let mask = Tensor::from_slice(&mask).view(shape);
        let types = Tensor::from_slice(&types).view(shape);
        let model = self
            .model
            .lock()
            .map_err(|_| Error::Model("the model's lock was poisoned".into()))?;
        let logits = tch::no_grad(|| {
            model
                .forward_t(Some(&ids), Some(&mask), Some(&types), None, None, false)
                .logits
        });
        drop(model);
        let labels = self.id2label.len();
        let flat: Vec<f32> = Vec::<f32>::try_from(logits.to_kind(Kind::Float).flatten(0, -1))
            .map_err(|e| Error::Model(format!("reading logits: {e}")))?;
        Ok(windows
            .iter()
            .enumerate()
            .map(|(r, window)| {
                // Skip [CLS]; keep one row per piece.
                let start = (r * width + 1) * labels;
                flat[start..start + window.pieces.len() * labels].to_vec()
            })
            .collect())
    }
}
