//! The paper's Figure 3: FNR of every classifier on every tool-assisted dataset (also drawn to figures/figure3.svg and .png).
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `figure3`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example figure3 -- --help`.
//!
//! The same as `highstakes paper figure3` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["paper", "figure3"])
}
