//! `highstakes train-classifier`: an injuriousness classifier fine-tuned from a masked LM
//! on labeled datasets (every classifier of the pipeline: the baseline, each round's
//! retrain, Table 2's four).

use std::path::PathBuf;

use classifier::{MaskedLmSuggester, parse_device};
use labels::{Dataset, Split};

use super::error::CliError;
use super::inputs::distinct_files;
use super::output::outln;
use pipeline::steps::train_classifier_from;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Inputs: --from, a masked-LM directory (pretrain-masked-lm's output, or a real DeBERTa
masked LM with its tokenizer); --train, one or more labels datasets (JSONL, one example
per line: {prompt, completion, label, source, split, ...}, as written by world, label
and attack). Examples whose split is validation or test are not trained on; the epoch
kept has the lowest cross-entropy on --validation, or without it on the --train examples
whose split is validation (not the best accuracy, which at a few percent injurious rewards
calling everything safe). Unsure labels count as injurious and injurious examples are up-sampled (up
to 5x), as in the paper.

Output: --out, a classifier directory (config.json, model.safetensors, tokenizer.json)
for score, attack, evaluate and generate --filter. Recipe: batches of 16, learning rate
1e-3 with 10% warm-up, weight decay 0.01, gradients clipped at norm 1.")]
pub struct Args {
    /// The masked-LM directory to start from.
    #[arg(long)]
    from: PathBuf,
    /// Labeled training data (JSONL datasets; repeatable).
    #[arg(long, required = true, num_args = 1..)]
    train: Vec<PathBuf>,
    /// Labeled validation data (JSONL dataset) choosing the epoch kept.
    #[arg(long)]
    validation: Option<PathBuf>,
    /// Passes over the training data.
    #[arg(long, default_value_t = 3)]
    epochs: usize,
    /// Seed of the new head, the shuffles and dropout.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// cpu, cuda, cuda:N, or auto (the GPU when libtorch sees one).
    #[arg(long, default_value = "auto")]
    device: String,
    /// Directory to save the classifier into.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<(), CliError> {
    // --out over --from would replace the masked LM with the classifier; over a dataset,
    // a directory could not be made there
    let mut roles: Vec<(&str, &std::path::Path)> =
        vec![("--from", &args.from), ("--out", &args.out)];
    roles.extend(args.train.iter().map(|p| ("--train", p.as_path())));
    roles.extend(
        args.validation
            .iter()
            .map(|p| ("--validation", p.as_path())),
    );
    distinct_files(&roles)?;
    let device = parse_device(&args.device)?;
    let mut all = Dataset::default();
    for path in &args.train {
        all.extend(Dataset::read_jsonl(path)?);
    }
    let train = all.filter(|e| !matches!(e.split, Some(Split::Validation | Split::Test)));
    let validation = match &args.validation {
        Some(path) => Dataset::read_jsonl(path)?,
        None => all.split(Split::Validation),
    };
    if train.is_empty() {
        return Err("no training examples in --train (all are validation or test)".into());
    }
    let masked_lm = MaskedLmSuggester::load(&args.from, device).map_err(|e| {
        format!(
            "--from {}: not a masked-LM directory: {e}",
            args.from.display()
        )
    })?;
    let (clf, report) = train_classifier_from(
        &masked_lm,
        &train,
        &validation,
        args.epochs,
        args.seed,
        |e| match e.validation_loss.zip(e.validation_accuracy) {
            Some((loss, accuracy)) => eprintln!(
                "epoch {}: training loss {:.4}, validation loss {loss:.4} (accuracy {accuracy:.3})",
                e.epoch, e.train_loss
            ),
            None => eprintln!("epoch {}: training loss {:.4}", e.epoch, e.train_loss),
        },
    )?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    clf.save(&args.out)?;
    outln!(
        "{}: {} training examples after up-sampling ({} given), {} validation, best epoch {} (lowest validation loss)",
        args.out.display(),
        report.training_examples,
        train.len(),
        report.validation_examples,
        report.best_epoch
    );
    Ok(())
}
