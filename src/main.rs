//! The `highstakes` command line: each step of the adversarial-training pipeline on its
//! own, so that a researcher can swap in their own data, models or people at any step.

fn main() -> std::process::ExitCode {
    highstakes::cli::main_with(&[])
}
