//! Masked-LM pre-training from scratch on a plain-text corpus, so that the embedded default
//! can pre-train a small DeBERTa and then fine-tune it as the real pipeline does (the
//! paper fine-tuned a pre-trained `deberta-v3-large`).
//!
//! BERT's masking: 15% of the non-special tokens of each text are chosen; of those 80%
//! become `[MASK]`, 10% a random vocabulary token, 10% stay; the loss is the cross-entropy
//! of the original tokens at the chosen positions only. Masks come from a ChaCha8 stream
//! seeded per epoch, dropout from libtorch's generator seeded once: the same corpus,
//! settings and seed give the same weights.

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use tch::{Kind, Tensor};

use crate::error::{ClassifierError, Result};
use crate::io::checkpoint::Checkpoint;
use crate::io::tokenizer::{SpecialIds, TextTokenizer};
use crate::model::deberta::Batch;
use crate::model::masked_lm::DebertaForMaskedLm;
use crate::model::sequence_classification::DebertaForSequenceClassification;
use crate::tools::encoding::{EncodedInput, ModelInput};
use crate::train::optimization::{OptimizerSettings, Trainer, seeded_torch};

/// Pre-training settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PretrainConfig {
    /// Passes over the corpus.
    pub epochs: usize,
    /// Texts per optimiser step.
    pub batch_size: usize,
    /// The optimiser.
    pub optimizer: OptimizerSettings,
    /// Fraction of tokens chosen for prediction.
    pub mask_probability: f64,
    /// Longest encoding, special tokens included (longer texts lose their start).
    pub max_length: usize,
    /// Seed of masks, shuffles and dropout.
    pub seed: u64,
}

impl Default for PretrainConfig {
    /// Small models from scratch: 10 epochs, batches of 32 at 5e-4, 6% warm-up, 15% masking.
    fn default() -> Self {
        PretrainConfig {
            epochs: 10,
            batch_size: 32,
            optimizer: OptimizerSettings {
                learning_rate: 5e-4,
                weight_decay: 0.01,
                warmup_fraction: 0.06,
                max_grad_norm: 1.0,
            },
            mask_probability: 0.15,
            max_length: 128,
            seed: 0,
        }
    }
}

/// Mean masked-LM loss of each epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PretrainReport {
    /// Per epoch, in order.
    pub epoch_losses: Vec<f64>,
    /// Texts used (non-empty ones).
    pub texts: usize,
}

/// Pre-trains `model` on `corpus` with `tokenizer` (which must have `[MASK]`).
pub fn pretrain_masked_lm(
    model: &DebertaForMaskedLm,
    tokenizer: &TextTokenizer,
    corpus: &[String],
    config: &PretrainConfig,
    mut on_epoch: impl FnMut(usize, f64),
) -> Result<PretrainReport> {
    if config.epochs == 0 || config.batch_size == 0 || config.max_length < 3 {
        return Err(ClassifierError::Setting(
            "pre-training needs epochs, a batch size and max_length >= 3".into(),
        ));
    }
    let encoded: Vec<EncodedInput> = corpus
        .iter()
        .filter(|t| !t.trim().is_empty())
        .enumerate()
        .map(|(i, t)| tokenizer.encode_input(&ModelInput::text(t.clone()), config.max_length, i))
        .collect::<Result<_>>()?;
    if encoded.is_empty() {
        return Err(ClassifierError::Setting(
            "the corpus has no non-empty text".into(),
        ));
    }
    let _rng_guard = seeded_torch(config.seed);
    let steps_per_epoch = encoded.len().div_ceil(config.batch_size);
    let mut trainer = MaskedLmTrainer::new(
        model,
        tokenizer,
        config.optimizer,
        config.mask_probability,
        steps_per_epoch * config.epochs,
    )?;
    let mut order: Vec<usize> = (0..encoded.len()).collect();
    let mut losses = Vec::with_capacity(config.epochs);
    for epoch in 0..config.epochs {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        rng.set_stream(epoch as u64 + 1);
        order.shuffle(&mut rng);
        let (mut total, mut steps) = (0.0, 0usize);
        for chunk in order.chunks(config.batch_size) {
            let texts: Vec<&EncodedInput> = chunk.iter().map(|&i| &encoded[i]).collect();
            if let Some(loss) = trainer.step(model, &texts, &mut rng)? {
                total += loss;
                steps += 1;
            }
        }
        let mean = total / steps.max(1) as f64;
        on_epoch(epoch + 1, mean);
        losses.push(mean);
    }
    Ok(PretrainReport {
        epoch_losses: losses,
        texts: encoded.len(),
    })
}

/// One masked-LM optimiser step at a time: the body of [`pretrain_masked_lm`]'s loop, for
/// callers that run their own loop (and for the training benchmarks). Each step draws its
/// own masks from the caller's random stream.
pub struct MaskedLmTrainer {
    trainer: Trainer,
    special: SpecialIds,
    mask_id: i64,
    vocab: i64,
    mask_probability: f64,
}

impl MaskedLmTrainer {
    /// AdamW over `model`'s weights following `settings`, scheduled over `total_steps`;
    /// `mask_probability` of the non-special tokens are chosen each step. Refuses a
    /// tokenizer without `[MASK]`, a probability outside (0, 1) and invalid settings.
    pub fn new(
        model: &DebertaForMaskedLm,
        tokenizer: &TextTokenizer,
        settings: OptimizerSettings,
        mask_probability: f64,
        total_steps: usize,
    ) -> Result<Self> {
        if !(mask_probability > 0.0 && mask_probability < 1.0) {
            return Err(ClassifierError::Setting(format!(
                "mask_probability must be in (0, 1), got {mask_probability}"
            )));
        }
        let special = tokenizer.special_ids();
        let mask_id = special.mask.ok_or_else(|| {
            ClassifierError::tokenizer(None, "pre-training needs a `[MASK]` token")
        })?;
        Ok(MaskedLmTrainer {
            trainer: Trainer::new(model.var_store(), settings, total_steps)?,
            special,
            mask_id,
            vocab: tokenizer.vocab_size() as i64,
            mask_probability,
        })
    }

    /// One step on `texts`: chooses the tokens to predict (80% become `[MASK]`, 10% a
    /// random token, 10% stay), runs the model in training mode with the head at those
    /// positions only, and updates the weights on the mean cross-entropy. Returns the loss
    /// before the update, or `None` (and no update) when no token was chosen. `model`
    /// must be the model this trainer was made for.
    pub fn step(
        &mut self,
        model: &DebertaForMaskedLm,
        texts: &[&EncodedInput],
        rng: &mut impl Rng,
    ) -> Result<Option<f64>> {
        let mut ids: Vec<Vec<i64>> = Vec::with_capacity(texts.len());
        let (mut rows, mut cols, mut targets) = (Vec::new(), Vec::new(), Vec::new());
        for (r, text) in texts.iter().enumerate() {
            let mut seq = text.ids();
            for (c, id) in seq.iter_mut().enumerate() {
                if self.special.contains(*id) || rng.random::<f64>() >= self.mask_probability {
                    continue;
                }
                rows.push(r as i64);
                cols.push(c as i64);
                targets.push(*id);
                let roll: f64 = rng.random();
                if roll < 0.8 {
                    *id = self.mask_id;
                } else if roll < 0.9 {
                    *id = rng.random_range(0..self.vocab);
                }
            }
            ids.push(seq);
        }
        if targets.is_empty() {
            return Ok(None);
        }
        let device = model.device();
        let pairs: Vec<(&[i64], &[i64])> = ids
            .iter()
            .zip(texts)
            .map(|(s, text)| (s.as_slice(), text.type_ids.as_slice()))
            .collect();
        let batch = Batch::from_sequences(&pairs, self.special.pad, device)?;
        let logits = model.forward_at(
            &batch,
            &Tensor::f_from_slice(&rows)?.f_to(device)?,
            &Tensor::f_from_slice(&cols)?.f_to(device)?,
            true,
        )?;
        let targets = Tensor::f_from_slice(&targets)?.f_to(device)?;
        let loss = logits
            .f_to_kind(Kind::Float)?
            .f_cross_entropy_loss::<Tensor>(&targets, None, tch::Reduction::Mean, -100, 0.0)?;
        let value = loss.f_double_value(&[])?;
        self.trainer.step(&loss)?;
        Ok(Some(value))
    }
}

impl DebertaForSequenceClassification {
    /// A classifier whose backbone is a copy of a (pre-trained) masked LM's and whose
    /// classification head is new (seeded), with classes `id2label`: the start of
    /// fine-tuning after [`pretrain_masked_lm`].
    pub fn from_masked_lm(
        mlm: &DebertaForMaskedLm,
        id2label: Vec<String>,
        seed: u64,
    ) -> Result<Self> {
        let backbone: Vec<(String, Tensor)> = mlm
            .var_store()
            .variables()
            .into_iter()
            .filter(|(name, _)| name.starts_with("deberta."))
            .map(|(name, t)| (name, t.detach()))
            .collect();
        let checkpoint = Checkpoint::from_tensors("pre-trained masked LM", backbone);
        let config = crate::model::config::DebertaConfig {
            id2label,
            ..mlm.config().clone()
        };
        Self::from_backbone_checkpoint(config, &checkpoint, seed, mlm.device())
    }
}
