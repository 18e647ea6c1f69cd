//! The error type: every failure names the file, and the option or tensor at fault.

use std::path::PathBuf;

/// What can go wrong reading or writing a model's files, or in a libtorch call.
///
/// The model crates convert it into their own error types, variant by variant.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A JSON file that does not parse, or is not of the expected shape.
    #[error("{path}: {message}")]
    Json {
        /// The file (or what a text came from).
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A configuration option with a value that cannot be read.
    #[error("{path}: option `{option}`: {message}")]
    Option {
        /// The configuration file (or what a text came from).
        path: PathBuf,
        /// The key.
        option: String,
        /// What is wrong with its value.
        message: String,
    },
    /// A safetensors file whose header cannot be read (not a safetensors file, a
    /// truncated one, a header that is not JSON).
    #[error("{path}: {message}")]
    Header {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// One tensor of a safetensors file that cannot be read or written (an unsupported
    /// dtype, offsets that do not fit its shape, a name the file lacks).
    #[error("{path}: tensor `{tensor}`: {message}")]
    Tensor {
        /// The file.
        path: PathBuf,
        /// The tensor's name.
        tensor: String,
        /// What is wrong with it.
        message: String,
    },
    /// A `tokenizer.json` the `tokenizers` crate cannot read.
    #[error("tokenizer {path}: {message}")]
    Tokenizer {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// libtorch reported an error.
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
}

/// This crate's result type.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// An I/O error on a file.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// An error about one tensor of a file.
    pub fn tensor(
        path: impl Into<PathBuf>,
        tensor: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Tensor {
            path: path.into(),
            tensor: tensor.into(),
            message: message.into(),
        }
    }
}
