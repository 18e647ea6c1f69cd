//! `highstakes train-generator`: a small GPT-Neo trained from scratch on a story corpus
//! (the pipeline's stage `generator`), saved in the Hugging Face layout.

use std::path::PathBuf;

use classifier::parse_device;
use generator::{TrainingConfig, small_config, train_from_scratch};

use super::error::CliError;
use super::inputs::read_corpus;
use super::output::outln;
use pipeline::steps::stream_seed;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Input: --corpus, a JSON array of stories (world's corpus.json, a run's data/corpus.json),
JSONL with a \"text\" string per line, or plain text with one story per line. One story in
20 is held out to choose the best epoch by validation perplexity.

Output: --out, a Hugging Face GPT-Neo directory (config.json, model.safetensors,
tokenizer.json: a byte-level BPE trained on the corpus) that `highstakes generate
--model` and Python transformers both load. In the paper's pipeline this is the story
generator whose completions are labeled (initial data, test set, quality study) and
filtered by the classifier.")]
pub struct Args {
    /// The story corpus (JSON array, JSONL with "text", or one story per line).
    #[arg(long)]
    corpus: PathBuf,
    /// Passes over the corpus.
    #[arg(long, default_value_t = 3)]
    epochs: usize,
    /// Tokens of the byte-level BPE tokenizer trained on the corpus.
    #[arg(long, default_value_t = 1_500)]
    vocab: usize,
    /// Positions of the model (a prompt and its completion must fit).
    #[arg(long, default_value_t = 256)]
    positions: usize,
    /// Seed of the initial weights, block order and dropout.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// cpu, cuda, cuda:N, or auto (the GPU when libtorch sees one).
    #[arg(long, default_value = "auto")]
    device: String,
    /// Directory to save the generator into (replaced if it exists).
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let device = parse_device(&args.device)?;
    let stories = read_corpus(&args.corpus)?;
    if stories.len() < 2 {
        return Err(format!(
            "{}: need at least 2 stories (one is held out for validation)",
            args.corpus.display()
        )
        .into());
    }
    let held_out = (stories.len() / 20).max(1);
    let (validation, train) = stories.split_at(held_out);
    let config = TrainingConfig {
        epochs: args.epochs,
        seed: stream_seed(args.seed, "generator"),
        ..TrainingConfig::default()
    };
    let (generator, report) = train_from_scratch(
        train,
        validation,
        &small_config(args.vocab, args.positions),
        args.vocab,
        &config,
        device,
        &mut |e| {
            eprintln!(
                "epoch {}: validation perplexity {:.2}",
                e.epoch, e.validation_perplexity
            )
        },
    )?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    generator.save_pretrained(&args.out)?;
    outln!(
        "{}: {} stories, {} epochs, validation perplexity {:.2} (best epoch {}; unigram baseline {:.2})",
        args.out.display(),
        train.len(),
        report.epochs.len(),
        report.best_validation_perplexity,
        report.best_epoch,
        report.unigram_perplexity
    );
    Ok(())
}
