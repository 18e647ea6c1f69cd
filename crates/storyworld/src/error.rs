//! The error type of this crate.

use std::path::PathBuf;

/// Everything that can go wrong in the story world, the oracle and the quality judge.
#[derive(Debug, thiserror::Error)]
pub enum StoryworldError {
    /// The WordNet database is not where it was looked for.
    #[error(
        "the WordNet 3.0 database was not found in {dir} (missing {missing}); run `scripts/setup` \
         (it installs the Debian package `wordnet-base`) or set WORDNET_DIR to a directory holding \
         index.noun, data.noun, index.verb, data.verb …"
    )]
    WordNetMissing {
        /// The directory that was searched.
        dir: PathBuf,
        /// The first file that was missing there.
        missing: String,
    },
    /// A WordNet file that could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A WordNet file whose content is not in the wndb(5) format.
    #[error("{path}: byte offset {offset}: {message}")]
    WordNetMalformed {
        /// The file.
        path: PathBuf,
        /// Where in the file.
        offset: usize,
        /// What is wrong.
        message: String,
    },
    /// Text that cannot be judged: empty, without any letter, or too long.
    #[error("cannot judge the {field}: {reason}")]
    BadText {
        /// Which part of the snippet (`prompt`, `completion`, `completion a`…).
        field: &'static str,
        /// Why.
        reason: String,
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
    /// A configuration value out of its valid range.
    #[error("invalid setting: {0}")]
    Setting(String),
    /// An error of the `labels` crate.
    #[error(transparent)]
    Labels(#[from] labels::LabelsError),
}

impl StoryworldError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoryworldError::Io {
            path: path.into(),
            source,
        }
    }
}

impl From<StoryworldError> for labels::LabelsError {
    fn from(err: StoryworldError) -> Self {
        match err {
            StoryworldError::Labels(inner) => inner,
            StoryworldError::MalformedLine {
                path,
                line,
                message,
            } => labels::LabelsError::MalformedLine {
                path,
                line,
                message,
            },
            other => labels::LabelsError::Invalid(other.to_string()),
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = StoryworldError> = std::result::Result<T, E>;
