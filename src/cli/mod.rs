//! Subcommands, one module each.

mod attack;
mod error;
mod evaluate;
mod experiment;
mod generate;
mod inputs;
mod label;
mod labelers;
pub mod output;
mod paper;
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

use std::process::ExitCode;

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
    /// One of the paper's tables or figures from a run of the main job (running just the
    /// stages it needs first).
    Paper(paper::Args),
    /// One of the experiments beyond the paper, on a run of the main job.
    Experiment(experiment::Args),
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
        Command::Paper(args) => paper::run(args),
        Command::Experiment(args) => experiment::run(args),
        Command::Serve(args) => serve::run(args, threads),
    }
}

/// Parses the process's command line after `prefix` (`highstakes PREFIX… ARGS…`: what an
/// example that wraps a subcommand passes), runs it, prints an error with the causes it
/// does not already say, and returns the exit status (128 + 13, as a shell reports
/// SIGPIPE, when the reader of standard output has gone).
pub fn main_with(prefix: &[&str]) -> ExitCode {
    let mut argv: Vec<std::ffi::OsString> = std::env::args_os().take(1).collect();
    if argv.is_empty() {
        argv.push("highstakes".into());
    }
    argv.extend(prefix.iter().map(|p| p.into()));
    argv.extend(std::env::args_os().skip(1));
    let args = Cli::parse_from(argv);
    match run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            if err
                .downcast_ref::<output::StdoutError>()
                .is_some_and(|e| e.is_closed_pipe())
            {
                // the reader has gone (`| head`): stop quietly with the status a shell
                // gives a tool that SIGPIPE ended
                return std::process::ExitCode::from(128 + 13);
            }
            let message = err.to_string();
            eprintln!("error: {message}");
            // most errors already print their cause; show only causes not yet said
            let mut source = err.source();
            while let Some(cause) = source {
                let cause_text = cause.to_string();
                if !message.contains(&cause_text) {
                    eprintln!("  caused by: {cause_text}");
                }
                source = cause.source();
            }
            std::process::ExitCode::FAILURE
        }
    }
}
