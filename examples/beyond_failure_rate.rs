//! Beyond the paper. The failure rate of the final filtered generator by plain sampling (with its upper bound), importance sampling and adaptive multi-level splitting, at the quality-chosen threshold and at stricter ones where plain sampling sees no failure.
//!
//! Starts from the main job's run (`--out`, default `runs/adversarial_training`, made or
//! resumed first up to its evaluation) and keeps its own resumable run in
//! `runs/beyond/failure_rate` (`--dir`): `REPORT.md`, `results.json`, and each threshold's
//! estimates in `eval/`. Takes the main job's flags (`--scale tiny` for a quick look;
//! `--fresh` restarts the experiment, never the main run).
//!
//! Run: `cargo run --release --example beyond_failure_rate`.
//!
//! The same as `highstakes experiment failure-rate` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["experiment", "failure-rate"])
}
