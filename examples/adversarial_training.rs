//! The main job: the paper's whole pipeline on the embedded default, with a report.
//!
//! Builds the story corpus; trains a tokenizer, a small GPT-Neo and a masked-LM
//! pre-trained small DeBERTa; labels generator completions of the world's prompts (two
//! simulated contractors and a tie-breaking oracle); trains the baseline classifier;
//! attacks it in three rounds (manual, paraphrases, tool-assisted), each with a retrain
//! half way; trains Table 2's four classifiers on equal totals; chooses thresholds by
//! quality; evaluates on a fresh in-distribution test set; attacks each classifier again
//! (Figures 2 and 3) with and without the tools (§5.2); writes `REPORT.md`,
//! `results.json`, the datasets and the figures to the run directory. Then runs the
//! experiment again on two more seeds (`--replicates`, sharing the models and the
//! evaluation sets) and reports which claims hold on all three.
//!
//! Interrupt it at any time and run it again: it resumes from the last finished stage.
//!
//! Run: `scripts/main-job` (or `cargo run --release --example adversarial_training --
//! --help`).
//!
//! The same as `highstakes run` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["run"])
}
