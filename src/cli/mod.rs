//! Subcommands, one module each.

mod generate;
mod rate;
mod score;
mod summary;

use clap::{Parser, Subcommand};

/// Errors of the command line: any library error, with its message.
pub type CliError = Box<dyn std::error::Error + Send + Sync>;

/// Adversarial training toward high-stakes reliability (Ziegler et al., 2022).
#[derive(Debug, Parser)]
#[command(name = "highstakes", version, about, long_about = None)]
pub struct Cli {
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
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Summary(args) => summary::run(args),
        Command::Rate(args) => rate::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Score(args) => score::run(args),
    }
}
