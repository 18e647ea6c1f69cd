//! The paper's Figure 2: effort per tool-assisted adversarial example and its egregiousness, per classifier (also drawn to figures/figure2.svg and .png).
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `attack_plus_tool_assisted`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example figure2 -- --help`.
//!
//! The same as `highstakes paper figure2` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["paper", "figure2"])
}
