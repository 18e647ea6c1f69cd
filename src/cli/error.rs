//! The command line's error type.

/// Errors of the command line: any library error, with its message.
pub type CliError = Box<dyn std::error::Error + Send + Sync>;
