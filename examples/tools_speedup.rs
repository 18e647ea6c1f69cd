//! The paper's §5.2: attackers with and without the tools on the same seeds, and the speed-up with its bootstrap interval.
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `tools_speedup`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example tools_speedup -- --help`.
//!
//! The same as `highstakes paper tools-speedup` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["paper", "tools-speedup"])
}
