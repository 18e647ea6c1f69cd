//! `highstakes pretrain-masked-lm`: the classifiers' tokenizer and a small DeBERTa
//! pre-trained as a masked LM on a story corpus (the pipeline's stage `masked_lm`).

use std::path::PathBuf;

use classifier::parse_device;

use super::error::CliError;
use super::inputs::read_corpus;
use super::output::outln;
use pipeline::steps::{MaskedLmRecipe, train_masked_lm};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Input: --corpus, a JSON array of stories (world's corpus.json, a run's data/corpus.json),
JSONL with a \"text\" string per line, or plain text with one story per line.

Output: --out, a masked-LM directory (config.json, model.safetensors, tokenizer.json: a
BPE tokenizer trained on the corpus). In the paper's pipeline it plays the pre-trained
DeBERTa: every classifier is fine-tuned from it (train-classifier --from), and attackers
take its fill-in-the-blank suggestions (attack --suggester). Recipe: DeBERTa-v3 layout,
one head per 16 dimensions, 128 positions, batches of 32 texts of at most 96 tokens,
15% of tokens masked, learning rate 2e-3.")]
pub struct Args {
    /// The story corpus (JSON array, JSONL with "text", or one story per line).
    #[arg(long)]
    corpus: PathBuf,
    /// Pieces of the tokenizer.
    #[arg(long, default_value_t = 2_000)]
    vocab: usize,
    /// Width of the model.
    #[arg(long, default_value_t = 64)]
    hidden: i64,
    /// Layers of the model.
    #[arg(long, default_value_t = 3)]
    layers: i64,
    /// Passes over the corpus.
    #[arg(long, default_value_t = 3)]
    epochs: usize,
    /// Seed of the initial weights, masks and shuffles.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// cpu, cuda, cuda:N, or auto (the GPU when libtorch sees one).
    #[arg(long, default_value = "auto")]
    device: String,
    /// Directory to save the masked LM into.
    #[arg(long)]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let device = parse_device(&args.device)?;
    let stories = read_corpus(&args.corpus)?;
    let recipe = MaskedLmRecipe {
        vocab: args.vocab,
        hidden: args.hidden,
        layers: args.layers,
        epochs: args.epochs,
        seed: args.seed,
    };
    let (masked_lm, report) = train_masked_lm(&stories, &recipe, device, |epoch, loss| {
        eprintln!("epoch {epoch}: masked-token loss {loss:.3}")
    })?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    masked_lm.save(&args.out)?;
    let loss = report.epoch_losses.last().copied().unwrap_or(f64::NAN);
    outln!(
        "{}: {} stories, {} pieces, {} epochs, last masked-token loss {loss:.3}",
        args.out.display(),
        stories.len(),
        masked_lm.tokenizer().vocab_size(),
        report.epoch_losses.len()
    );
    Ok(())
}
