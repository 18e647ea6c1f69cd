//! The paper's Table 2: thresholds chosen by quality, test-set FNR and FPR, quality, per classifier.
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `evaluate`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example table2 -- --help`.
//!
//! The same as `highstakes paper table2` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["paper", "table2"])
}
