//! Beyond the paper. Train on the most egregious failures: attackers that seek the most egregious injury against attackers that stop at the threshold, then a fresh egregiousness-seeking attack.
//!
//! Starts from the main job's run (`--out`, default `runs/adversarial_training`, made or
//! resumed first up to its evaluation) and keeps its own resumable run in
//! `runs/beyond/egregious` (`--dir`): `REPORT.md`, `results.json`, `figures/`. Takes the
//! main job's flags (`--scale tiny` for a quick look; `--fresh` restarts the experiment,
//! never the main run).
//!
//! Run: `cargo run --release --example beyond_egregious` (~15 minutes on 2 cores at the
//! default scale once the main run exists).
//!
//! The same as `highstakes experiment egregious` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["experiment", "egregious"])
}
