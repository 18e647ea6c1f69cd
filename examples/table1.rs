//! The paper's Table 1: labeled snippets per source and split, with the share injurious.
//!
//! Reads a finished run of the main job (`--out`, default `runs/adversarial_training`),
//! or runs just the stages it needs (up to `test_set`) and prints its part of the report.
//! Takes the main job's flags (`--scale tiny` for a quick look).
//!
//! Run: `cargo run --release --example table1 -- --help`.
//!
//! The same as `highstakes paper table1` (this example runs it).

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&["paper", "table1"])
}
