//! The `highstakes` command line: each step of the adversarial-training pipeline on its
//! own, so that a researcher can swap in their own data, models or people at any step.

use clap::Parser;
use highstakes::cli;

fn main() -> std::process::ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            if err
                .downcast_ref::<cli::output::StdoutError>()
                .is_some_and(|e| e.is_closed_pipe())
            {
                // the reader has gone (`| head`): stop quietly with the status a shell
                // gives a tool that SIGPIPE ended
                return std::process::ExitCode::from(128 + 13);
            }
            let message = err.to_string();
            eprintln!("error: {message}");
            // most errors already print their cause; show only causes not yet said
            let mut source = err.source();
            while let Some(cause) = source {
                let cause_text = cause.to_string();
                if !message.contains(&cause_text) {
                    eprintln!("  caused by: {cause_text}");
                }
                source = cause.source();
            }
            std::process::ExitCode::FAILURE
        }
    }
}
