//! The models from and to checkpoints and model directories: every weight read by its
//! real parameter name after the configuration's sizes are checked against the file
//! ([`check_dimensions`]), and written back in the layout `transformers` reads.

use std::path::Path;

use tch::Device;

use crate::error::{ClassifierError, Result};
use crate::io::checkpoint::Checkpoint;
use crate::io::dimensions::check_dimensions;
use crate::io::model_dir::{read_model_dir, write_model_dir};
use crate::model::config::DebertaConfig;
use crate::model::heads::MlmHeadLayout;
use crate::model::init::initialize;
use crate::model::masked_lm::{DebertaForMaskedLm, MASKED_LM_ARCHITECTURE};
use crate::model::sequence_classification::{
    DebertaForSequenceClassification, SEQUENCE_CLASSIFICATION_ARCHITECTURE,
};

impl DebertaForSequenceClassification {
    /// The model with every weight, head included, from a checkpoint.
    pub fn from_checkpoint(
        config: DebertaConfig,
        checkpoint: &Checkpoint,
        device: Device,
    ) -> Result<Self> {
        check_dimensions(&config, checkpoint)?;
        let model = Self::build(config, device)?;
        checkpoint.fill(model.var_store(), |_| false)?;
        Ok(model)
    }

    /// The backbone from a checkpoint (e.g. a masked-LM one) and a freshly initialised
    /// classification head: the start of fine-tuning.
    pub fn from_backbone_checkpoint(
        config: DebertaConfig,
        checkpoint: &Checkpoint,
        seed: u64,
        device: Device,
    ) -> Result<Self> {
        check_dimensions(&config, checkpoint)?;
        let model = Self::build(config, device)?;
        let is_head = |n: &str| n.starts_with("pooler.") || n.starts_with("classifier.");
        checkpoint.fill(model.var_store(), is_head)?;
        initialize(model.var_store(), model.config(), seed, is_head)?;
        Ok(model)
    }

    /// Loads `config.json` and the weights of a Hugging Face model directory.
    pub fn load(dir: impl AsRef<Path>, device: Device) -> Result<Self> {
        let (config, checkpoint) = read_model_dir(dir.as_ref())?;
        Self::from_checkpoint(config, &checkpoint, device)
    }

    /// Writes `config.json` and `model.safetensors` into `dir` (created if needed), in the
    /// layout `transformers.AutoModelForSequenceClassification.from_pretrained` reads.
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        write_model_dir(
            dir.as_ref(),
            self.config(),
            SEQUENCE_CLASSIFICATION_ARCHITECTURE,
            self.var_store(),
        )
    }
}

impl DebertaForMaskedLm {
    /// The model from a checkpoint. The head is read under whichever names the file
    /// holds: `cls.predictions.*` or Microsoft's `lm_predictions.lm_head.*` (where
    /// `transformers` with `legacy: true` would leave a random head); `legacy` decides
    /// only when the file holds both or neither.
    pub fn from_checkpoint(
        config: DebertaConfig,
        checkpoint: &Checkpoint,
        device: Device,
    ) -> Result<Self> {
        let legacy = checkpoint.has_prefix("cls.predictions.");
        let current = checkpoint.has_prefix("lm_predictions.lm_head.");
        let layout = match (legacy, current) {
            (true, false) => MlmHeadLayout::Legacy,
            (false, true) => MlmHeadLayout::LmPredictions,
            _ => Self::configured_layout(&config),
        };
        if layout == MlmHeadLayout::LmPredictions && config.embedding_size() != config.hidden_size {
            return Err(ClassifierError::format(
                checkpoint.path(),
                "an lm_predictions.lm_head.* head needs embedding_size == hidden_size",
            ));
        }
        check_dimensions(&config, checkpoint)?;
        let model = Self::build(config, layout, device)?;
        checkpoint.fill(model.var_store(), |_| false)?;
        Ok(model)
    }

    /// Loads `config.json` and the weights of a Hugging Face model directory.
    pub fn load(dir: impl AsRef<Path>, device: Device) -> Result<Self> {
        let (config, checkpoint) = read_model_dir(dir.as_ref())?;
        Self::from_checkpoint(config, &checkpoint, device)
    }

    /// Writes `config.json` and `model.safetensors` into `dir` (created if needed).
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        let mut config = self.config().clone();
        config.legacy = self.head.layout == MlmHeadLayout::Legacy;
        write_model_dir(
            dir.as_ref(),
            &config,
            MASKED_LM_ARCHITECTURE,
            self.var_store(),
        )
    }
}
