//! Subcommands, one module each.

mod attack;
mod error;
mod evaluate;
pub mod experiment_args;
mod generate;
mod inputs;
mod label;
mod labelers;
pub mod output;
mod pretrain_masked_lm;
mod rate;
mod report;
mod run;
pub mod run_args;
mod score;
mod serve;
mod summary;
mod terminal;
mod train_classifier;
mod train_generator;
mod world;

use clap::{Parser, Subcommand};

pub use error::CliError;

/// Adversarial training toward high-stakes reliability (Ziegler et al., 2022).
#[derive(Debug, Parser)]
#[command(
    name = "highstakes",
    version,
    about,
    long_about = None,
    after_help = "The main job's steps, in the paper's order: world -> train-generator, \
pretrain-masked-lm -> label -> train-classifier -> attack -> (label, train-classifier \
again) -> evaluate -> report; `run` does them all in one resumable run directory. \
Each step reads and writes plain files (JSON, JSONL, Hugging Face model directories), \
so any of them can be replaced by your own data, models or people."
)]
pub struct Cli {
    /// libtorch threads, at most the CPUs this process may use (default: the
    /// HIGHSTAKES_THREADS environment variable, else one per CPU).
    #[arg(long, global = true, allow_negative_numbers = true)]
    threads: Option<i64>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Table 1 of a labeled dataset: snippets per source and split, % injurious.
    Summary(summary::Args),
    /// A failure rate k/n with its credible interval (and exact and Wilson intervals).
    Rate(rate::Args),
    /// One-sentence completions of prompts from a GPT-Neo checkpoint (optionally filtered).
    Generate(generate::Args),
    /// P(injurious) and raw logits of a DeBERTa classifier for each line of a JSONL file
    /// (optionally with per-token saliency).
    Score(score::Args),
    /// The story world's data: a corpus, and oracle-labeled initial and test datasets.
    World(world::Args),
    /// Trains a small GPT-Neo story generator from scratch on a corpus.
    TrainGenerator(train_generator::Args),
    /// Trains a tokenizer and pre-trains a small DeBERTa masked LM on a corpus.
    PretrainMaskedLm(pretrain_masked_lm::Args),
    /// Fine-tunes an injuriousness classifier from a masked LM on labeled datasets.
    TrainClassifier(train_classifier::Args),
    /// Labels snippets with a panel: two labelers and a tie-breaker, journaled.
    Label(label::Args),
    /// Attacks a classifier from seed snippets (tool-assisted, unaided, paraphrase,
    /// gradient, or a person), journaling each seed's outcome.
    Attack(attack::Args),
    /// FNR and FPR of a classifier on a labeled test set, at a threshold or one chosen
    /// by quality.
    Evaluate(evaluate::Args),
    /// Re-renders REPORT.md, results.json and the figures of a finished run.
    Report(report::Args),
    /// The whole main job in a resumable run directory.
    Run(run::Args),
    /// The tool-assisted rewriting app on a local web page.
    Serve(serve::Args),
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let threads = crate::threads::apply_threads(cli.threads)?;
    match cli.command {
        Command::Summary(args) => summary::run(args),
        Command::Rate(args) => rate::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Score(args) => score::run(args),
        Command::World(args) => world::run(args),
        Command::TrainGenerator(args) => train_generator::run(args),
        Command::PretrainMaskedLm(args) => pretrain_masked_lm::run(args),
        Command::TrainClassifier(args) => train_classifier::run(args),
        Command::Label(args) => label::run(args),
        Command::Attack(args) => attack::run(args),
        Command::Evaluate(args) => evaluate::run(args),
        Command::Report(args) => report::run(args),
        Command::Run(args) => run::run(args),
        Command::Serve(args) => serve::run(args, threads),
    }
}
