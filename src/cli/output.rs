//! Standard output that fails politely: a closed pipe (`highstakes rate 2 10 | true`) or a
//! full disk (`> /dev/full`) is an error the command returns, not a panic.

use std::fmt;

/// Writing to standard output failed.
#[derive(Debug)]
pub struct StdoutError(pub std::io::Error);

impl StdoutError {
    /// Whether the reader went away (a closed pipe): the command stops quietly, as a
    /// Unix tool killed by SIGPIPE does.
    pub fn is_closed_pipe(&self) -> bool {
        self.0.kind() == std::io::ErrorKind::BrokenPipe
    }
}

impl fmt::Display for StdoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "writing to standard output: {}", self.0)
    }
}

impl std::error::Error for StdoutError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Writes `text` to standard output and flushes it.
pub fn write_stdout(text: fmt::Arguments<'_>) -> Result<(), StdoutError> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_fmt(text)
        .and_then(|()| out.flush())
        .map_err(StdoutError)
}

/// `println!` that returns a [`StdoutError`] (with `?`) instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::output::write_stdout(format_args!("{}\n", format_args!($($arg)*)))?
    };
}

/// `print!` that returns a [`StdoutError`] (with `?`) instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::write_stdout(format_args!($($arg)*))?
    };
}

pub(crate) use {out, outln};
