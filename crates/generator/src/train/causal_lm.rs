//! Causal-LM training of a [`Generator`] on a corpus of stories, from scratch or from a
//! checkpoint: AdamW (no decay on biases and LayerNorms), linear warm-up then linear
//! decay, gradient-norm clipping, validation perplexity after every epoch, and the best
//! epoch's weights kept (in memory, and on disk when asked).

use std::collections::HashMap;
use std::path::PathBuf;

use model_kit::{AdamW, AdamWConfig};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use tch::{Device, Tensor};

use crate::error::{GeneratorError, Result};
use crate::generation::completion::Generator;
use crate::io::tokenizer::{END_OF_TEXT, TextTokenizer};
use crate::model::config::{AttentionType, GptNeoConfig};
use crate::model::gpt_neo::GptNeo;

/// Settings of a training run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingConfig {
    /// Passes over the training blocks.
    pub epochs: usize,
    /// Blocks per optimisation step.
    pub batch_size: usize,
    /// Tokens per block (the stories are concatenated, each followed by end-of-text, and
    /// cut into blocks); at most `max_position_embeddings`.
    pub block_size: usize,
    /// Peak learning rate.
    pub learning_rate: f64,
    /// AdamW weight decay of weight matrices and embeddings.
    pub weight_decay: f64,
    /// Fraction of all steps spent warming the learning rate up from 0.
    pub warmup_fraction: f64,
    /// Gradients are rescaled so that their global L2 norm is at most this.
    pub max_grad_norm: f64,
    /// Seed of block order, dropout and (for [`train_from_scratch`]) initial weights.
    /// Dropout and initial weights come from libtorch's generator, which is global to
    /// the process: two trainings running at once in one process are not reproducible.
    pub seed: u64,
    /// Where to save the best epoch's generator (`config.json`, `model.safetensors`,
    /// `tokenizer.json`) whenever it improves; `None`: kept in memory only.
    pub checkpoint_dir: Option<PathBuf>,
}

impl Default for TrainingConfig {
    /// Settings for a small model trained from scratch.
    fn default() -> Self {
        TrainingConfig {
            epochs: 10,
            batch_size: 16,
            block_size: 64,
            learning_rate: 1e-3,
            weight_decay: 0.01,
            warmup_fraction: 0.05,
            max_grad_norm: 1.0,
            seed: 0,
            checkpoint_dir: None,
        }
    }
}

impl TrainingConfig {
    fn validate(&self, model: &GptNeoConfig) -> Result<()> {
        if self.epochs == 0 {
            return Err(GeneratorError::setting("epochs", "must be at least 1"));
        }
        if self.batch_size == 0 {
            return Err(GeneratorError::setting("batch_size", "must be at least 1"));
        }
        if self.block_size < 2 || self.block_size > model.max_position_embeddings {
            return Err(GeneratorError::setting(
                "block_size",
                format!(
                    "{} is not in [2, max_position_embeddings = {}]",
                    self.block_size, model.max_position_embeddings
                ),
            ));
        }
        if !(self.learning_rate > 0.0 && self.learning_rate.is_finite()) {
            return Err(GeneratorError::setting(
                "learning_rate",
                format!("{} must be positive", self.learning_rate),
            ));
        }
        if !(self.weight_decay >= 0.0 && self.weight_decay.is_finite()) {
            return Err(GeneratorError::setting(
                "weight_decay",
                format!("{} must be non-negative", self.weight_decay),
            ));
        }
        if !(0.0..1.0).contains(&self.warmup_fraction) {
            return Err(GeneratorError::setting(
                "warmup_fraction",
                format!("{} is not in [0, 1)", self.warmup_fraction),
            ));
        }
        if self.max_grad_norm.is_nan() || self.max_grad_norm <= 0.0 {
            return Err(GeneratorError::setting(
                "max_grad_norm",
                format!("{} must be positive", self.max_grad_norm),
            ));
        }
        Ok(())
    }
}

/// A copy of every parameter, by name.
type Snapshot = Vec<(String, Tensor)>;

/// What one epoch did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochReport {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Mean training loss (nats per token) over the epoch's steps.
    pub train_loss: f64,
    /// Mean validation loss (nats per token).
    pub validation_loss: f64,
    /// `exp(validation_loss)`.
    pub validation_perplexity: f64,
}

/// What a training run did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingReport {
    /// One entry per epoch.
    pub epochs: Vec<EpochReport>,
    /// Validation perplexity before the first step (the starting point of fine-tuning).
    pub initial_validation_perplexity: f64,
    /// The epoch whose weights the generator holds at the end.
    pub best_epoch: usize,
    /// Its validation perplexity.
    pub best_validation_perplexity: f64,
    /// Perplexity of the validation targets under the training tokens' unigram
    /// distribution (add-one smoothed): the baseline a model must beat.
    pub unigram_perplexity: f64,
    /// Optimisation steps taken.
    pub steps: usize,
    /// Tokens in the training and validation streams.
    pub train_tokens: usize,
    /// See `train_tokens`.
    pub validation_tokens: usize,
}

/// A small architecture for a story generator trained here from scratch: 4 blocks of
/// width 128 alternating global and local attention (window 32).
pub fn small_config(vocab_size: usize, max_positions: usize) -> GptNeoConfig {
    GptNeoConfig {
        vocab_size,
        max_position_embeddings: max_positions,
        hidden_size: 128,
        num_layers: 4,
        num_heads: 4,
        intermediate_size: None,
        attention_types: vec![(vec![AttentionType::Global, AttentionType::Local], 2)],
        window_size: 32,
        resid_dropout: 0.1,
        embed_dropout: 0.1,
        attention_dropout: 0.1,
        bos_token_id: Some(0),
        eos_token_id: vec![0],
        ..GptNeoConfig::default()
    }
}

/// Trains a byte-level BPE of `vocab_size` tokens on the training stories, builds
/// `architecture` with that vocabulary (its `vocab_size`, `bos_token_id` and
/// `eos_token_id` are replaced by the tokenizer's), and trains it.
pub fn train_from_scratch<S: AsRef<str> + Sync>(
    train: &[S],
    validation: &[S],
    architecture: &GptNeoConfig,
    vocab_size: usize,
    config: &TrainingConfig,
    device: Device,
    on_epoch: &mut dyn FnMut(&EpochReport),
) -> Result<(Generator, TrainingReport)> {
    let tokenizer = TextTokenizer::train_byte_level_bpe(train, vocab_size)?;
    let eos = tokenizer.token_id(END_OF_TEXT);
    let model_config = GptNeoConfig {
        vocab_size: tokenizer.vocab_size(),
        bos_token_id: eos,
        eos_token_id: eos.into_iter().collect(),
        ..architecture.clone()
    };
    let model = GptNeo::new(&model_config, device, config.seed)?;
    let mut generator = Generator::new(model, tokenizer)?;
    let report = train_causal_lm(&mut generator, train, validation, config, on_epoch)?;
    Ok((generator, report))
}

/// The token stream of `texts`: each text encoded and followed by end-of-text (when the
/// model has one).
fn token_stream<S: AsRef<str>>(generator: &Generator, texts: &[S]) -> Result<Vec<i64>> {
    let eos = generator.model().config().eos_token_id.first().copied();
    let mut stream = Vec::new();
    for text in texts {
        stream.extend(generator.tokenizer().encode(text.as_ref())?);
        stream.extend(eos);
    }
    Ok(stream)
}

/// Consecutive blocks of `size` tokens; the last may be shorter (but has 2 or more).
fn blocks(stream: &[i64], size: usize) -> Vec<Vec<i64>> {
    stream
        .chunks(size)
        .filter(|c| c.len() >= 2)
        .map(<[i64]>::to_vec)
        .collect()
}

/// Summed next-token loss (nats) and the number of predicted tokens of a batch of
/// equal-length blocks.
fn batch_loss(model: &GptNeo, batch: &[&Vec<i64>], train: bool) -> Result<(Tensor, i64)> {
    let len = batch[0].len() as i64;
    let flat: Vec<i64> = batch.iter().flat_map(|b| b.iter().copied()).collect();
    let ids = Tensor::f_from_slice(&flat)?
        .f_view([batch.len() as i64, len])?
        .f_to_device(model.device())?;
    model.next_token_loss(&ids, train)
}

/// One causal-LM optimiser step at a time: the body of [`train_causal_lm`]'s loop, for
/// callers that run their own loop over their own blocks (and for the training
/// benchmarks). AdamW (no decay on biases and LayerNorms), the learning rate warmed up
/// and decayed over the steps it was made for, gradient-norm clipping.
pub struct CausalLmTrainer {
    optimizer: AdamW,
}

impl CausalLmTrainer {
    /// An optimiser over `model`'s weights following `config`'s learning rate, weight
    /// decay, warm-up fraction and clipping, scheduled over `total_steps`. Refuses invalid
    /// settings.
    pub fn new(model: &GptNeo, config: &TrainingConfig, total_steps: usize) -> Result<Self> {
        config.validate(model.config())?;
        let settings = AdamWConfig {
            learning_rate: config.learning_rate,
            weight_decay: config.weight_decay,
            warmup_fraction: config.warmup_fraction,
            max_grad_norm: config.max_grad_norm,
        };
        Ok(CausalLmTrainer {
            optimizer: AdamW::new(model.var_store(), settings, total_steps)?,
        })
    }

    /// One step on `blocks` (token ids, all of one length of at least 2, each predicting
    /// its next token): the forward pass in training mode, the mean next-token loss, the
    /// gradients, clipping and the update. Returns the loss (nats per token) before the
    /// update. `model` must be the model this trainer was made for.
    pub fn step(&mut self, model: &GptNeo, blocks: &[&Vec<i64>]) -> Result<f64> {
        let len = blocks.first().map_or(0, |b| b.len());
        if len < 2 || blocks.iter().any(|b| b.len() != len) {
            return Err(GeneratorError::Input(format!(
                "a training step needs blocks of one length of at least 2 tokens, got lengths {:?}",
                blocks.iter().map(|b| b.len()).collect::<Vec<_>>()
            )));
        }
        let (loss, n) = batch_loss(model, blocks, true)?;
        let loss = loss.f_div_scalar(n as f64)?;
        self.optimizer.step(&loss)?;
        Ok(loss.f_double_value(&[])?)
    }

    /// Steps taken so far.
    pub fn steps(&self) -> usize {
        self.optimizer.steps()
    }
}

/// Mean next-token loss over `blocks`, in batches, without gradients or dropout.
fn evaluate(model: &GptNeo, blocks: &[Vec<i64>], batch_size: usize) -> Result<f64> {
    let _guard = tch::no_grad_guard();
    let (mut total, mut count) = (0.0, 0i64);
    for batch in equal_length_batches(blocks.iter().collect(), batch_size) {
        let (loss, n) = batch_loss(model, &batch, false)?;
        total += loss.f_double_value(&[])?;
        count += n;
    }
    Ok(total / count.max(1) as f64)
}

/// Groups blocks into batches of at most `size`, never mixing lengths.
fn equal_length_batches(blocks: Vec<&Vec<i64>>, size: usize) -> Vec<Vec<&Vec<i64>>> {
    let mut batches: Vec<Vec<&Vec<i64>>> = Vec::new();
    let mut by_length: HashMap<usize, Vec<&Vec<i64>>> = HashMap::new();
    for block in blocks {
        let pending = by_length.entry(block.len()).or_default();
        pending.push(block);
        if pending.len() == size {
            batches.push(std::mem::take(pending));
        }
    }
    let mut rest: Vec<_> = by_length.into_values().filter(|b| !b.is_empty()).collect();
    rest.sort_by_key(|b| std::cmp::Reverse(b[0].len()));
    batches.extend(rest);
    batches
}

/// Perplexity of `targets` under the add-one-smoothed unigram distribution of `train`
/// over a vocabulary of `vocab_size`: `exp(-mean ln((count(t) + 1) / (N + V)))`.
pub fn unigram_perplexity(train: &[i64], targets: &[i64], vocab_size: usize) -> f64 {
    let mut counts: HashMap<i64, usize> = HashMap::new();
    for &t in train {
        *counts.entry(t).or_default() += 1;
    }
    let denominator = (train.len() + vocab_size) as f64;
    let nll: f64 = targets
        .iter()
        .map(|t| -((counts.get(t).copied().unwrap_or(0) + 1) as f64 / denominator).ln())
        .sum();
    (nll / targets.len().max(1) as f64).exp()
}

/// Trains `generator`'s model on `train` (texts), measuring perplexity on `validation`
/// after each epoch; at the end the model holds the best epoch's weights.
pub fn train_causal_lm<S: AsRef<str>>(
    generator: &mut Generator,
    train: &[S],
    validation: &[S],
    config: &TrainingConfig,
    on_epoch: &mut dyn FnMut(&EpochReport),
) -> Result<TrainingReport> {
    config.validate(generator.model().config())?;
    let train_stream = token_stream(generator, train)?;
    let validation_stream = token_stream(generator, validation)?;
    let train_blocks = blocks(&train_stream, config.block_size);
    let validation_blocks = blocks(&validation_stream, config.block_size);
    if train_blocks.is_empty() || validation_blocks.is_empty() {
        return Err(GeneratorError::Input(format!(
            "not enough text: {} training and {} validation tokens (at least 2 each)",
            train_stream.len(),
            validation_stream.len()
        )));
    }
    let targets: Vec<i64> = validation_blocks
        .iter()
        .flat_map(|b| b[1..].iter().copied())
        .collect();
    let vocab = generator.model().config().vocab_size;
    let unigram = unigram_perplexity(&train_stream, &targets, vocab);

    let initial = evaluate(generator.model(), &validation_blocks, config.batch_size)?.exp();
    tch::manual_seed(config.seed as i64);
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let steps_per_epoch =
        equal_length_batches(train_blocks.iter().collect(), config.batch_size).len();
    let mut trainer =
        CausalLmTrainer::new(generator.model(), config, steps_per_epoch * config.epochs)?;

    let mut epochs = Vec::new();
    // (epoch, validation perplexity, a copy of every parameter)
    let mut best: Option<(usize, f64, Snapshot)> = None;
    for epoch in 1..=config.epochs {
        let mut order: Vec<&Vec<i64>> = train_blocks.iter().collect();
        order.shuffle(&mut rng);
        let (mut loss_sum, mut batches) = (0.0, 0usize);
        for batch in equal_length_batches(order, config.batch_size) {
            loss_sum += trainer.step(generator.model(), &batch)?;
            batches += 1;
        }
        let validation_loss = evaluate(generator.model(), &validation_blocks, config.batch_size)?;
        let report = EpochReport {
            epoch,
            train_loss: loss_sum / batches.max(1) as f64,
            validation_loss,
            validation_perplexity: validation_loss.exp(),
        };
        on_epoch(&report);
        if best
            .as_ref()
            .is_none_or(|(_, b, _)| report.validation_perplexity < *b)
        {
            let snapshot = generator
                .model()
                .var_store()
                .variables()
                .into_iter()
                .map(|(name, t)| {
                    let mut copy = t.f_zeros_like()?;
                    copy.f_copy_(&t.f_detach()?)?;
                    Ok((name, copy))
                })
                .collect::<Result<_>>()?;
            best = Some((epoch, report.validation_perplexity, snapshot));
            if let Some(dir) = &config.checkpoint_dir {
                generator.save_pretrained(dir)?;
            }
        }
        epochs.push(report);
    }
    let (best_epoch, best_validation_perplexity, snapshot) =
        best.ok_or_else(|| GeneratorError::setting("epochs", "no epoch ran"))?;
    let variables = generator.model().var_store().variables();
    tch::no_grad(|| -> Result<()> {
        for (name, saved) in &snapshot {
            if let Some(var) = variables.get(name) {
                var.shallow_clone().f_copy_(saved)?;
            }
        }
        Ok(())
    })?;
    Ok(TrainingReport {
        epochs,
        initial_validation_perplexity: initial,
        best_epoch,
        best_validation_perplexity,
        unigram_perplexity: unigram,
        steps: trainer.steps(),
        train_tokens: train_stream.len(),
        validation_tokens: validation_stream.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_warms_up_then_decays_to_zero() {
        // 10 steps, 2 of warm-up, peak 1: 0.5, 1, then 1 - k/8 (hand computation).
        let schedule = model_kit::WarmupLinearDecay::new(1.0, 0.2, 10);
        let lr: Vec<f64> = (0..10).map(|s| schedule.rate_at(s)).collect();
        assert_eq!(&lr[..3], &[0.5, 1.0, 1.0]);
        assert!((lr[9] - 0.125).abs() < 1e-12);
        assert!(lr.windows(2).skip(1).all(|w| w[1] <= w[0]));
    }

    #[test]
    fn unigram_perplexity_closed_form() {
        // train [1, 1, 2], vocabulary 4: p(1) = 3/7, p(2) = 2/7, p(3) = 1/7.
        // targets [1, 3]: exp(-(ln 3/7 + ln 1/7) / 2) = 7 / sqrt(3).
        let ppl = unigram_perplexity(&[1, 1, 2], &[1, 3], 4);
        assert!((ppl - 7.0 / 3f64.sqrt()).abs() < 1e-12, "{ppl}");
    }

    #[test]
    fn blocks_keep_every_token_once() {
        let stream: Vec<i64> = (0..10).collect();
        let b = blocks(&stream, 4);
        assert_eq!(b, vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9]]);
        assert_eq!(blocks(&[1, 2, 3, 4, 5], 4).len(), 1); // a lone last token predicts nothing
        let batches = equal_length_batches(b.iter().collect(), 8);
        assert_eq!(batches.iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 1]);
    }
}
