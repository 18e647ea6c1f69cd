//! Fine-tuning the classifier on a labeled dataset, as the paper did (§4.2): `Unsure`
//! counts as injurious (by default), injurious examples are up-sampled (up to 5×), AdamW
//! with weight decay, linear warm-up and decay, gradient clipping; after every epoch the
//! validation split is scored, and the weights of the epoch with the lowest validation
//! loss are kept (and optionally saved). Seeded: the same data, settings and seed give the
//! same weights.

use std::path::PathBuf;

use labels::{Dataset, UnsurePolicy, Upsampling};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use tch::Tensor;

use crate::error::{ClassifierError, Result};
use crate::tools::encoding::{EncodedInput, ModelInput};
use crate::tools::injuriousness::{InjuriousOutput, InjuriousnessClassifier};
use crate::tools::scoring::BatchOptions;
use crate::train::optimization::{OptimizerSettings, Snapshot, Trainer, seeded_torch};

/// Fine-tuning settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FineTuneConfig {
    /// Passes over the training examples.
    pub epochs: usize,
    /// Examples per optimiser step.
    pub batch_size: usize,
    /// The optimiser.
    pub optimizer: OptimizerSettings,
    /// How `Unsure` labels are used.
    pub unsure_policy: UnsurePolicy,
    /// Up-sampling of injurious training examples.
    pub upsampling: Upsampling,
    /// Seed of the shuffles and of dropout.
    pub seed: u64,
    /// Batching of the validation scoring.
    pub evaluation_batches: BatchOptions,
    /// When set, the best weights are also saved here (a model directory) as they improve.
    pub checkpoint_dir: Option<PathBuf>,
}

impl Default for FineTuneConfig {
    /// The paper's recipe for a pre-trained DeBERTa: 3 epochs of batches of 16 at 2e-5.
    fn default() -> Self {
        FineTuneConfig {
            epochs: 3,
            batch_size: 16,
            optimizer: OptimizerSettings::default(),
            unsure_policy: UnsurePolicy::AsInjurious,
            upsampling: Upsampling::PAPER,
            seed: 0,
            evaluation_batches: BatchOptions::default(),
            checkpoint_dir: None,
        }
    }
}

/// What one epoch did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochReport {
    /// 1-based.
    pub epoch: usize,
    /// Mean training loss over the epoch's steps.
    pub train_loss: f64,
    /// Mean cross-entropy on the validation examples (`None` without validation data).
    pub validation_loss: Option<f64>,
    /// Fraction of validation examples on the right side of P(injurious) = 0.5.
    pub validation_accuracy: Option<f64>,
}

/// The whole run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FineTuneReport {
    /// Per epoch.
    pub epochs: Vec<EpochReport>,
    /// The epoch whose weights were kept: the lowest validation loss (1-based; the last
    /// without validation data).
    pub best_epoch: usize,
    /// Training examples after up-sampling.
    pub training_examples: usize,
    /// Validation examples.
    pub validation_examples: usize,
}

/// Encoded examples with their 0/1 targets.
struct Examples {
    encoded: Vec<EncodedInput>,
    targets: Vec<bool>,
}

fn examples(
    clf: &InjuriousnessClassifier,
    data: &Dataset,
    policy: UnsurePolicy,
    upsampling: Upsampling,
) -> Result<Examples> {
    let training = data.training_examples(policy, upsampling);
    let inputs: Vec<ModelInput> = training
        .iter()
        .map(|t| ModelInput::Snippet(t.snippet.clone()))
        .collect();
    Ok(Examples {
        encoded: clf.encode(&inputs)?,
        targets: training.iter().map(|t| t.injurious).collect(),
    })
}

/// Mean loss of logits against targets, for the classifier's output kind.
fn loss(output: InjuriousOutput, logits: &Tensor, targets: &[bool]) -> Result<Tensor> {
    let device = logits.device();
    match output {
        InjuriousOutput::Class(c) => {
            let other = if c == 0 { 1 } else { 0 };
            let classes: Vec<i64> = targets
                .iter()
                .map(|&t| if t { c as i64 } else { other })
                .collect();
            let classes = Tensor::f_from_slice(&classes)?.f_to(device)?;
            Ok(logits.f_cross_entropy_loss::<Tensor>(
                &classes,
                None,
                tch::Reduction::Mean,
                -100,
                0.0,
            )?)
        }
        InjuriousOutput::SingleLogit => {
            let t: Vec<f32> = targets.iter().map(|&t| if t { 1.0 } else { 0.0 }).collect();
            let t = Tensor::f_from_slice(&t)?.f_to(device)?;
            Ok(logits
                .f_select(1, 0)?
                .f_binary_cross_entropy_with_logits::<Tensor>(
                    &t,
                    None,
                    None,
                    tch::Reduction::Mean,
                )?)
        }
    }
}

/// Fine-tunes `clf` on `train`, keeping the weights of the epoch with the lowest mean
/// cross-entropy on `validation` (ties: the later epoch; the last epoch when
/// `validation` is empty); `on_epoch` sees each epoch's report as it finishes.
///
/// The loss, not accuracy at 0.5: with a few percent injurious examples a classifier
/// that calls everything safe is already ~97% accurate, so accuracy would reward the
/// very failure a high-stakes filter must avoid, while the loss keeps counting the
/// probability put on the rare injurious examples.
pub fn fine_tune(
    clf: &mut InjuriousnessClassifier,
    train: &Dataset,
    validation: &Dataset,
    config: &FineTuneConfig,
    mut on_epoch: impl FnMut(&EpochReport),
) -> Result<FineTuneReport> {
    if config.epochs == 0 || config.batch_size == 0 {
        return Err(ClassifierError::Setting(
            "fine-tuning needs at least one epoch and a batch size".into(),
        ));
    }
    check_head(clf)?;
    let train_set = examples(clf, train, config.unsure_policy, config.upsampling)?;
    if train_set.encoded.is_empty() {
        return Err(ClassifierError::Setting(
            "no training examples (after the unsure policy)".into(),
        ));
    }
    let no_upsampling = Upsampling { max_factor: 1 };
    let val_set = examples(clf, validation, config.unsure_policy, no_upsampling)?;

    let _rng_guard = seeded_torch(config.seed);
    let steps_per_epoch = train_set.encoded.len().div_ceil(config.batch_size);
    let mut tuner = FineTuner::new(clf, config.optimizer, steps_per_epoch * config.epochs)?;
    let mut order: Vec<usize> = (0..train_set.encoded.len()).collect();
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut reports = Vec::new();
    let mut best: Option<(f64, usize, Snapshot)> = None;
    for epoch in 1..=config.epochs {
        order.shuffle(&mut rng);
        let mut total = 0.0;
        for chunk in order.chunks(config.batch_size) {
            let members: Vec<&EncodedInput> =
                chunk.iter().map(|&i| &train_set.encoded[i]).collect();
            let targets: Vec<bool> = chunk.iter().map(|&i| train_set.targets[i]).collect();
            total += tuner.step(clf, &members, &targets)?;
        }
        let (validation_loss, validation_accuracy) =
            evaluate(clf, &val_set, &config.evaluation_batches)?;
        let report = EpochReport {
            epoch,
            train_loss: total / steps_per_epoch as f64,
            validation_loss,
            validation_accuracy,
        };
        on_epoch(&report);
        reports.push(report);
        let key = validation_loss.unwrap_or(f64::NEG_INFINITY);
        if best
            .as_ref()
            .is_none_or(|(b, _, _)| key <= *b || validation_loss.is_none())
        {
            best = Some((key, epoch, Snapshot::take(clf.model().var_store())?));
            if let Some(dir) = &config.checkpoint_dir {
                clf.save(dir)?;
            }
        }
    }
    let (_, best_epoch, snapshot) =
        best.ok_or_else(|| ClassifierError::Setting("no epoch ran".into()))?;
    snapshot.restore(clf.model().var_store())?;
    Ok(FineTuneReport {
        epochs: reports,
        best_epoch,
        training_examples: train_set.encoded.len(),
        validation_examples: val_set.encoded.len(),
    })
}

/// Refuses a classification head that is neither two classes nor one logit.
fn check_head(clf: &InjuriousnessClassifier) -> Result<()> {
    if let InjuriousOutput::Class(_) = clf.output()
        && clf.model().config().num_labels() != 2
    {
        return Err(ClassifierError::Setting(format!(
            "fine-tuning needs a two-class (or one-logit) head, this one has {} classes",
            clf.model().config().num_labels()
        )));
    }
    Ok(())
}

/// One optimiser step at a time: the body of [`fine_tune`]'s loop, for callers that run
/// their own loop over their own batches (and for the training benchmarks).
///
/// ```no_run
/// # fn demo(clf: &classifier::InjuriousnessClassifier, batch: &[classifier::EncodedInput]) -> classifier::Result<()> {
/// use classifier::{FineTuner, OptimizerSettings};
/// let mut tuner = FineTuner::new(clf, OptimizerSettings::default(), 100)?;
/// let members: Vec<_> = batch.iter().collect();
/// let targets = vec![true; members.len()];
/// let loss = tuner.step(clf, &members, &targets)?;
/// # let _ = loss; Ok(()) }
/// ```
pub struct FineTuner {
    trainer: Trainer,
    output: InjuriousOutput,
}

impl FineTuner {
    /// AdamW over `clf`'s weights following `settings` (weight decay on weights only,
    /// clipping, the learning rate warmed up and decayed over `total_steps`). Refuses a
    /// head that is neither two classes nor one logit, and invalid settings.
    pub fn new(
        clf: &InjuriousnessClassifier,
        settings: OptimizerSettings,
        total_steps: usize,
    ) -> Result<Self> {
        check_head(clf)?;
        Ok(FineTuner {
            trainer: Trainer::new(clf.model().var_store(), settings, total_steps)?,
            output: clf.output(),
        })
    }

    /// One step on `batch` with its `targets` (true: injurious): the forward pass in
    /// training mode (dropout on), the mean cross-entropy, the gradients, clipping and the
    /// update. Returns the loss before the update. `clf` must be the classifier this
    /// tuner was made for.
    pub fn step(
        &mut self,
        clf: &InjuriousnessClassifier,
        batch: &[&EncodedInput],
        targets: &[bool],
    ) -> Result<f64> {
        if batch.is_empty() || batch.len() != targets.len() {
            return Err(ClassifierError::Setting(format!(
                "a training step needs a non-empty batch with one target each, got {} inputs \
                 and {} targets",
                batch.len(),
                targets.len()
            )));
        }
        let encoded = clf.batch_of(batch)?;
        let logits = clf.model().forward(&encoded, true)?;
        let l = loss(self.output, &logits, targets)?;
        let value = l.f_double_value(&[])?;
        self.trainer.step(&l)?;
        Ok(value)
    }
}

/// Mean cross-entropy and accuracy at 0.5 on encoded examples (`None` when there are none).
fn evaluate(
    clf: &InjuriousnessClassifier,
    set: &Examples,
    batches: &BatchOptions,
) -> Result<(Option<f64>, Option<f64>)> {
    if set.encoded.is_empty() {
        return Ok((None, None));
    }
    let scores = clf.score_encoded(&set.encoded, batches)?;
    let n = scores.len() as f64;
    let mut loss = 0.0;
    let mut right = 0usize;
    for (s, &t) in scores.iter().zip(&set.targets) {
        let p = s.p_injurious.clamp(1e-12, 1.0 - 1e-12);
        loss -= if t { p.ln() } else { (1.0 - p).ln() };
        if (s.p_injurious >= 0.5) == t {
            right += 1;
        }
    }
    Ok((Some(loss / n), Some(right as f64 / n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_entropy_targets_the_injurious_class() {
        // logits (0, ln 3): P(class 1) = 3/4, so the loss of target "injurious" (class 1)
        // is -ln(3/4) and of "non-injurious" -ln(1/4) (by hand)
        let logits = Tensor::from_slice(&[0f32, 3f32.ln()]).view([1, 2]);
        let inj = loss(InjuriousOutput::Class(1), &logits, &[true])
            .unwrap()
            .double_value(&[]);
        let non = loss(InjuriousOutput::Class(1), &logits, &[false])
            .unwrap()
            .double_value(&[]);
        assert!((inj + 0.75f64.ln()).abs() < 1e-6 && (non + 0.25f64.ln()).abs() < 1e-6);
        // with class 0 as "injurious" the roles swap
        let swapped = loss(InjuriousOutput::Class(0), &logits, &[true])
            .unwrap()
            .double_value(&[]);
        assert!((swapped - non).abs() < 1e-6);
    }
}
