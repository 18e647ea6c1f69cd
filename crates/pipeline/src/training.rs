//! Fine-tuning a classifier from the masked LM, and loading one back.

use classifier::InjuriousnessClassifier;
use labels::Dataset;

use super::context::Context;
use super::error::Result;
use super::models::load_masked_lm;
use super::run_dir::save_dir_atomically;
use super::steps::train_classifier_from;

/// Where classifier `name` is kept.
pub fn classifier_dir(name: &str) -> String {
    format!("models/classifiers/{name}")
}

/// Fine-tunes a classifier named `name` from the masked LM on `train` and saves it;
/// returns a one-line summary.
///
/// The epoch kept is the one with the lowest mean cross-entropy on `validation`
/// ([`classifier::fine_tune`]'s rule). Not accuracy at 0.5: with a few percent
/// injurious, a classifier that calls everything safe is already ~97% accurate, so
/// accuracy rewards exactly the failure this project is about, while the loss keeps
/// rewarding probability put on the rare injurious examples.
pub fn train_classifier(
    ctx: &Context,
    name: &str,
    train: &Dataset,
    validation: &Dataset,
) -> Result<String> {
    let mlm = load_masked_lm(ctx)?;
    let epochs = ctx.settings.sizes.fine_tune_epochs;
    let bar = ctx.bar(epochs as u64, &format!("training {name}"));
    let (clf, report) = train_classifier_from(
        &mlm,
        train,
        validation,
        epochs,
        ctx.settings.replicate_seed(),
        |_| bar.inc(1),
    )?;
    bar.finish_and_clear();
    ctx.dir.dir("models/classifiers")?;
    save_dir_atomically(&ctx.dir.path(&classifier_dir(name)), |tmp| {
        Ok(clf.save(tmp)?)
    })?;
    let best = report.epochs.iter().find(|e| e.epoch == report.best_epoch);
    Ok(
        match best.and_then(|e| e.validation_loss.zip(e.validation_accuracy)) {
            Some((loss, accuracy)) => format!(
                "{name}: {} training examples, epoch {} kept (lowest validation loss {loss:.4}; \
                 accuracy {accuracy:.3})",
                report.training_examples, report.best_epoch,
            ),
            None => format!("{name}: {} training examples", report.training_examples),
        },
    )
}

/// Classifier `name`, as saved by the stage that trained it.
pub fn load_classifier(ctx: &Context, name: &str) -> Result<InjuriousnessClassifier> {
    Ok(InjuriousnessClassifier::load(
        ctx.dir.path(&classifier_dir(name)),
        ctx.device,
    )?)
}
