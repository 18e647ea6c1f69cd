//! Beyond the paper. Generalisation across attack strength: train on a weak (unaided) or a strong (tool-assisted) attack, then attack each classifier with both.
//!
//! Starts from the main job's run (`--out`, default `runs/adversarial_training`, made or
//! resumed first up to its evaluation) and keeps its own resumable run in
//! `runs/beyond/attack_strength` (`--dir`): `REPORT.md`, `results.json`, `figures/`. Takes the
//! main job's flags (`--scale tiny` for a quick look; `--fresh` restarts the experiment,
//! never the main run).
//!
//! Run: `cargo run --release --example beyond_attack_strength` (~15 minutes on 2 cores at the
//! default scale once the main run exists).
//!
//! The same as `highstakes experiment attack-strength` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["experiment", "attack-strength"])
}
