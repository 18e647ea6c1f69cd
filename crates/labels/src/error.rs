//! The error type of this crate.

use std::path::PathBuf;

/// Everything that can go wrong while reading, writing or collecting labels.
#[derive(Debug, thiserror::Error)]
pub enum LabelsError {
    /// An I/O error on a named file.
    #[error("{path}: {source}")]
    Io {
        /// The file being read or written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A line of a JSONL file that is not a valid record.
    #[error("{path}:{line}: {message}")]
    MalformedLine {
        /// The file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A record that parsed but breaks a rule (e.g. an empty completion).
    #[error("invalid record: {0}")]
    Invalid(String),
    /// A labeler was asked about a snippet it has no label for.
    #[error("labeler `{labeler}` has no label for snippet {key}")]
    NotLabeled {
        /// The labeler's id.
        labeler: String,
        /// The snippet's key (see [`crate::Snippet::key`]).
        key: String,
    },
    /// The person at an interactive labeler stopped the session.
    #[error("labeling stopped by the labeler after {labeled} snippet(s)")]
    Stopped {
        /// How many snippets of the batch were labeled before stopping.
        labeled: usize,
    },
    /// A configuration value out of its valid range.
    #[error("invalid setting: {0}")]
    Setting(String),
}

impl LabelsError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        LabelsError::Io {
            path: path.into(),
            source,
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = LabelsError> = std::result::Result<T, E>;
