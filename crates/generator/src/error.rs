//! The error type of this crate: every failure names the file, option or tensor at fault.

use std::path::PathBuf;

/// Errors that a scoring [`crate::Filter`] may return (any error type, boxed).
pub type FilterError = Box<dyn std::error::Error + Send + Sync>;

/// Everything that can go wrong while loading, running, training or saving a generator.
#[derive(Debug, thiserror::Error)]
pub enum GeneratorError {
    /// An I/O error on a named file.
    #[error("{path}: {source}")]
    Io {
        /// The file being read or written.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file that is not valid JSON of the expected shape.
    #[error("{path}: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// A configuration option that is missing, unknown, out of range or unsupported.
    #[error("{path}: option `{option}`: {message}")]
    Config {
        /// The configuration file (`<memory>` for a configuration built in code).
        path: PathBuf,
        /// The option at fault.
        option: String,
        /// What is wrong with it.
        message: String,
    },
    /// A checkpoint that does not fit the model: a missing, unexpected or misshapen tensor,
    /// a malformed file, or a checkpoint of another architecture.
    #[error("{path}: tensor `{tensor}`: {message}")]
    Checkpoint {
        /// The checkpoint file.
        path: PathBuf,
        /// The tensor at fault (`<header>` for the file's header).
        tensor: String,
        /// What is wrong with it.
        message: String,
    },
    /// A tokenizer that cannot be loaded, trained, saved or used.
    #[error("tokenizer {path}: {message}")]
    Tokenizer {
        /// The tokenizer file (`<memory>` for one built in code).
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// An input that the model cannot take (a token outside the vocabulary, a sequence
    /// longer than the position table, an empty batch…).
    #[error("invalid input: {0}")]
    Input(String),
    /// A setting of generation, sampling, filtering or training out of its valid range.
    #[error("invalid setting `{setting}`: {message}")]
    Setting {
        /// The setting at fault.
        setting: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// A filter that failed to score a batch of snippets.
    #[error("filter `{filter}` failed: {source}")]
    Filter {
        /// The filter's id.
        filter: String,
        /// The filter's own error.
        source: FilterError,
    },
    /// A filter that returned a wrong number of scores, or a score outside [0, 1].
    #[error("filter `{filter}`: {message}")]
    FilterContract {
        /// The filter's id.
        filter: String,
        /// What it did wrong.
        message: String,
    },
    /// An error raised by libtorch.
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
}

impl From<model_kit::Error> for GeneratorError {
    /// The shared readers' errors as this crate's: a malformed safetensors file is a
    /// [`GeneratorError::Checkpoint`] error (tensor `<header>` for its header), an
    /// unreadable option a [`GeneratorError::Config`] one.
    fn from(e: model_kit::Error) -> Self {
        use model_kit::Error as E;
        match e {
            E::Io { path, source } => GeneratorError::Io { path, source },
            E::Json { path, message } => GeneratorError::Json { path, message },
            E::Option {
                path,
                option,
                message,
            } => GeneratorError::Config {
                path,
                option,
                message,
            },
            E::Header { path, message } => GeneratorError::checkpoint(path, "<header>", message),
            E::Tensor {
                path,
                tensor,
                message,
            } => GeneratorError::Checkpoint {
                path,
                tensor,
                message,
            },
            E::Tokenizer { path, message } => GeneratorError::Tokenizer { path, message },
            E::Torch(e) => GeneratorError::Torch(e),
        }
    }
}

impl GeneratorError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        GeneratorError::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn checkpoint(
        path: impl Into<PathBuf>,
        tensor: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        GeneratorError::Checkpoint {
            path: path.into(),
            tensor: tensor.into(),
            message: message.into(),
        }
    }

    pub(crate) fn setting(setting: &'static str, message: impl Into<String>) -> Self {
        GeneratorError::Setting {
            setting,
            message: message.into(),
        }
    }

    pub(crate) fn tokenizer(path: impl Into<PathBuf>, message: impl ToString) -> Self {
        GeneratorError::Tokenizer {
            path: path.into(),
            message: message.to_string(),
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = GeneratorError> = std::result::Result<T, E>;
