//! [`InjuriousnessClassifier`]: a sequence classifier with its tokenizer, read from and
//! written to one Hugging Face model directory, that knows which class is "injurious".

use std::path::Path;

use tch::Device;

use crate::error::{ClassifierError, Result};
use crate::io::checkpoint::Checkpoint;
use crate::io::model_dir::CONFIG_FILE;
use crate::io::sentencepiece::load_dir_tokenizer;
use crate::io::tokenizer::{TOKENIZER_FILE, TextTokenizer};
use crate::model::config::DebertaConfig;
use crate::model::sequence_classification::DebertaForSequenceClassification;
use crate::tools::encoding::{EncodedInput, ModelInput};

/// The class names this crate gives a binary injuriousness classifier.
pub const INJURIOUSNESS_LABELS: [&str; 2] = ["non-injurious", "injurious"];

/// How P(injurious) is read off the logits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InjuriousOutput {
    /// Softmax over the classes, this class's probability.
    Class(usize),
    /// A single logit: its sigmoid.
    SingleLogit,
}

impl InjuriousOutput {
    /// Decides from the configuration: the class named `injurious` (any case) when there
    /// is one, else class 1 of a two-class head (the convention of `LABEL_1` = positive),
    /// else the sigmoid of a one-logit head.
    pub fn from_config(config: &DebertaConfig) -> Result<Self> {
        if let Some(i) = config
            .id2label
            .iter()
            .position(|l| l.eq_ignore_ascii_case("injurious"))
        {
            return Ok(InjuriousOutput::Class(i));
        }
        match config.id2label.len() {
            1 => Ok(InjuriousOutput::SingleLogit),
            2 => Ok(InjuriousOutput::Class(1)),
            n => Err(ClassifierError::Setting(format!(
                "cannot tell which of {n} classes ({}) is injurious: name one `injurious` in id2label",
                config.id2label.join(", ")
            ))),
        }
    }

    /// P(injurious) from one row of logits.
    pub fn probability(&self, logits: &[f32]) -> f64 {
        match *self {
            InjuriousOutput::SingleLogit => {
                let z = f64::from(logits.first().copied().unwrap_or(0.0));
                1.0 / (1.0 + (-z).exp())
            }
            InjuriousOutput::Class(i) => {
                let max = logits.iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x));
                let exps: Vec<f64> = logits
                    .iter()
                    .map(|&x| (f64::from(x) - f64::from(max)).exp())
                    .collect();
                let total: f64 = exps.iter().sum();
                exps.get(i).copied().unwrap_or(0.0) / total
            }
        }
    }
}

/// A DeBERTa sequence classifier, its tokenizer and the length limit of its inputs.
#[derive(Debug)]
pub struct InjuriousnessClassifier {
    model: DebertaForSequenceClassification,
    tokenizer: TextTokenizer,
    output: InjuriousOutput,
    max_length: usize,
}

impl InjuriousnessClassifier {
    /// Puts a model and a tokenizer together; inputs are limited to the model's
    /// `max_position_embeddings` tokens.
    pub fn new(model: DebertaForSequenceClassification, tokenizer: TextTokenizer) -> Result<Self> {
        let config = model.config();
        if tokenizer.vocab_size() as i64 > config.vocab_size {
            return Err(ClassifierError::Setting(format!(
                "the tokenizer has {} entries but the model only {} embeddings",
                tokenizer.vocab_size(),
                config.vocab_size
            )));
        }
        let output = InjuriousOutput::from_config(config)?;
        let max_length = config.max_position_embeddings as usize;
        Ok(InjuriousnessClassifier {
            model,
            tokenizer,
            output,
            max_length,
        })
    }

    /// Loads a model directory: `config.json`, the weights (`model.safetensors`, sharded
    /// safetensors or `pytorch_model.bin`) and `tokenizer.json` (or, failing that, the
    /// `spm.model` of a hub DeBERTa checkpoint, converted as `transformers` does).
    pub fn load(dir: impl AsRef<Path>, device: Device) -> Result<Self> {
        let dir = dir.as_ref();
        let config = DebertaConfig::from_file(dir.join(CONFIG_FILE))?;
        let tokenizer = load_dir_tokenizer(dir)?;
        let checkpoint = Checkpoint::read_dir(dir)?;
        let model = DebertaForSequenceClassification::from_checkpoint(config, &checkpoint, device)?;
        Self::new(model, tokenizer)
    }

    /// Writes `config.json`, `model.safetensors`, `tokenizer.json` and a
    /// `tokenizer_config.json` into `dir`: a directory that this crate and
    /// `transformers` (`AutoModelForSequenceClassification`, `AutoTokenizer`) both load.
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        self.model.save(dir)?;
        save_tokenizer(&self.tokenizer, dir, self.max_length)
    }

    /// Sets the length limit: at least 4 tokens, and at most the model's
    /// `max_position_embeddings` when it uses absolute positions, else at most
    /// [`MAX_POSITIONS`](crate::model::config::MAX_POSITIONS) (relative attention has no table to run
    /// out of, but its memory grows with the square of the length).
    pub fn set_max_length(&mut self, max_length: usize) -> Result<()> {
        let config = self.model.config();
        let (limit, why) = if config.position_biased_input {
            (config.max_position_embeddings, "max_position_embeddings")
        } else {
            (crate::model::config::MAX_POSITIONS, "this crate's limit")
        };
        if max_length < 4 || max_length as i64 > limit {
            return Err(ClassifierError::Setting(format!(
                "max_length {max_length} must be at least 4 and at most {limit} ({why})"
            )));
        }
        self.max_length = max_length;
        Ok(())
    }

    /// The length limit of inputs, special tokens included.
    pub fn max_length(&self) -> usize {
        self.max_length
    }

    /// Encodes inputs as the model reads them (see [`ModelInput`] for the layout and truncation).
    pub fn encode(&self, inputs: &[ModelInput]) -> Result<Vec<EncodedInput>> {
        inputs
            .iter()
            .enumerate()
            .map(|(i, input)| self.tokenizer.encode_input(input, self.max_length, i))
            .collect()
    }

    /// The model.
    pub fn model(&self) -> &DebertaForSequenceClassification {
        &self.model
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &TextTokenizer {
        &self.tokenizer
    }

    /// How P(injurious) is read off the logits.
    pub fn output(&self) -> InjuriousOutput {
        self.output
    }

    /// Overrides which output is P(injurious).
    pub fn set_output(&mut self, output: InjuriousOutput) -> Result<()> {
        let n = self.model.config().num_labels() as usize;
        match output {
            InjuriousOutput::Class(i) if i >= n => Err(ClassifierError::Setting(format!(
                "class {i} does not exist: the head has {n} classes"
            ))),
            InjuriousOutput::SingleLogit if n != 1 => Err(ClassifierError::Setting(format!(
                "a single-logit output needs a one-class head, this one has {n}"
            ))),
            _ => {
                self.output = output;
                Ok(())
            }
        }
    }

    /// The device the model runs on.
    pub fn device(&self) -> Device {
        self.model.device()
    }

    /// Takes the model out (e.g. to keep training it).
    pub fn into_parts(self) -> (DebertaForSequenceClassification, TextTokenizer) {
        (self.model, self.tokenizer)
    }
}

/// Writes `tokenizer.json` and a `tokenizer_config.json` naming its special tokens.
pub(crate) fn save_tokenizer(
    tokenizer: &TextTokenizer,
    dir: &Path,
    max_length: usize,
) -> Result<()> {
    tokenizer.save(dir.join(TOKENIZER_FILE))?;
    let mut config = serde_json::json!({
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": max_length,
        "pad_token": "[PAD]",
        "cls_token": "[CLS]",
        "sep_token": "[SEP]",
    });
    if tokenizer.special_ids().unk.is_some() {
        config["unk_token"] = "[UNK]".into();
    }
    if tokenizer.special_ids().mask.is_some() {
        config["mask_token"] = "[MASK]".into();
    }
    let path = dir.join("tokenizer_config.json");
    let text = serde_json::to_string_pretty(&config)
        .map_err(|e| ClassifierError::format(&path, e.to_string()))?;
    labels::write_atomic(&path, |w| std::io::Write::write_all(w, text.as_bytes()))?;
    Ok(())
}
