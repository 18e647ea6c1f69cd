//! `highstakes summary`: Table 1 of one or more labeled JSONL datasets.

use std::path::PathBuf;

use labels::{Dataset, UnsurePolicy};

use super::error::CliError;
use super::output::{out, outln};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Labeled datasets (JSONL of examples); all are summarised in one table.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Count `unsure` labels as injurious (the paper), non-injurious, or leave them out.
    #[arg(long, value_enum, default_value = "as-injurious")]
    unsure: Unsure,
    /// Skip malformed lines (each is reported on stderr) instead of stopping at the first.
    #[arg(long)]
    lenient: bool,
    /// Print the table as JSON instead of Markdown.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Unsure {
    AsInjurious,
    AsNonInjurious,
    Exclude,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let mut all = Dataset::default();
    for path in &args.inputs {
        if args.lenient {
            let (data, errors) = Dataset::read_jsonl_lenient(path)?;
            for e in errors {
                eprintln!("skipped: {e}");
            }
            all.extend(data);
        } else {
            all.extend(Dataset::read_jsonl(path)?);
        }
    }
    let policy = match args.unsure {
        Unsure::AsInjurious => UnsurePolicy::AsInjurious,
        Unsure::AsNonInjurious => UnsurePolicy::AsNonInjurious,
        Unsure::Exclude => UnsurePolicy::Exclude,
    };
    let summary = all.summary(policy);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        out!("{}", summary.to_markdown());
    }
    Ok(())
}
