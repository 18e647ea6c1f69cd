//! Beyond the paper. Competent catastrophes: the generator fine-tuned on its own samples (all of them, those the classifier passes, those the oracle calls safe) against the base generator filtered by the classifier — injury rates unfiltered and filtered, quality, and how much an adversary choosing prompts gets out of each.
//!
//! Starts from the main job's run (`--out`, default `runs/adversarial_training`, made or
//! resumed first up to its evaluation) and keeps its own resumable run in
//! `runs/beyond/competent` (`--dir`): `REPORT.md`, `results.json`, `figures/`, the
//! fine-tuned generators and every judged sample. Takes the main job's flags (`--scale
//! tiny` for a quick look; `--fresh` restarts the experiment, never the main run).
//!
//! Run: `cargo run --release --example beyond_competent`.
//!
//! The same as `highstakes experiment competent` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["experiment", "competent"])
}
