//! Beyond the paper. Update the model much more frequently: the same adversarial-example budget in few large rounds or many small ones, then a fresh tool-assisted attack on each final classifier.
//!
//! Starts from the main job's run (`--out`, default `runs/adversarial_training`, made or
//! resumed first up to its evaluation) and keeps its own resumable run in
//! `runs/beyond/update_frequency` (`--dir`): `REPORT.md`, `results.json`, `figures/`. Takes the
//! main job's flags (`--scale tiny` for a quick look; `--fresh` restarts the experiment,
//! never the main run).
//!
//! Run: `cargo run --release --example beyond_update_frequency` (~15 minutes on 2 cores at the
//! default scale once the main run exists).
//!
//! The same as `highstakes experiment update-frequency` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["experiment", "update-frequency"])
}
