//! The crate's error type: every failure names what it was about (a file, an option, a
//! tensor, an input).

use std::path::PathBuf;

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
pub enum ClassifierError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A configuration key this crate does not know (a typo, or an option of another
    /// architecture): refused rather than silently ignored.
    #[error("{origin}: unknown option `{option}` (not a DeBERTa-v2 option this crate knows)")]
    UnknownOption {
        /// Where the configuration came from (a file name).
        origin: String,
        /// The key.
        option: String,
    },
    /// A configuration option with a value that is malformed or not supported.
    #[error("{origin}: option `{option}`: {message}")]
    InvalidOption {
        /// Where the configuration came from (a file name).
        origin: String,
        /// The key.
        option: String,
        /// What is wrong with its value.
        message: String,
    },
    /// A file is not what this crate reads (malformed JSON, another model's checkpoint…).
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A tensor the model needs is absent from the checkpoint.
    #[error("{path}: missing tensor `{name}`{hint}")]
    MissingTensor {
        /// The checkpoint file.
        path: PathBuf,
        /// The tensor's name as the model expects it.
        name: String,
        /// A hint (e.g. a few names the file does hold), empty or starting with "; ".
        hint: String,
    },
    /// A tensor in the checkpoint has a shape other than the configuration implies.
    #[error("{path}: tensor `{name}` has shape {found:?}, but config.json implies {expected:?}")]
    ShapeMismatch {
        /// The checkpoint file.
        path: PathBuf,
        /// The tensor's name.
        name: String,
        /// Its shape in the file.
        found: Vec<i64>,
        /// The shape the configuration implies.
        expected: Vec<i64>,
    },
    /// A configuration whose sizes do not match the checkpoint's tensors, found before
    /// any model is built.
    #[error(
        "{path}: the configuration (config.json) does not match these weights: `{option}` {message}"
    )]
    ConfigMismatch {
        /// The checkpoint file.
        path: PathBuf,
        /// The configuration key at fault.
        option: String,
        /// How it and the weights disagree.
        message: String,
    },
    /// A tokenizer could not be loaded, trained, used or saved.
    #[error("tokenizer{}: {message}", origin.as_ref().map(|p| format!(" {}", p.display())).unwrap_or_default())]
    Tokenizer {
        /// The tokenizer file, when there is one.
        origin: Option<PathBuf>,
        /// What went wrong.
        message: String,
    },
    /// One input of a batch cannot be processed (empty, too long…).
    #[error("input {index}: {message}")]
    Input {
        /// The input's position in the batch (0-based).
        index: usize,
        /// What is wrong with it.
        message: String,
    },
    /// A setting passed by the caller is out of range.
    #[error("invalid setting: {0}")]
    Setting(String),
    /// libtorch reported an error.
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// An error of the `labels` crate (datasets).
    #[error(transparent)]
    Labels(#[from] labels::LabelsError),
}

/// This crate's result type.
pub type Result<T> = std::result::Result<T, ClassifierError>;

impl From<model_kit::Error> for ClassifierError {
    /// The shared readers' errors as this crate's: a malformed file or tensor is a
    /// [`ClassifierError::Format`] error, an unreadable option an
    /// [`ClassifierError::InvalidOption`].
    fn from(e: model_kit::Error) -> Self {
        use model_kit::Error as E;
        match e {
            E::Io { path, source } => ClassifierError::Io { path, source },
            E::Json { path, message } | E::Header { path, message } => {
                ClassifierError::Format { path, message }
            }
            E::Option {
                path,
                option,
                message,
            } => ClassifierError::InvalidOption {
                origin: path.display().to_string(),
                option,
                message,
            },
            E::Tensor {
                path,
                tensor,
                message,
            } => ClassifierError::Format {
                path,
                message: format!("tensor `{tensor}`: {message}"),
            },
            E::Tokenizer { path, message } => ClassifierError::Tokenizer {
                origin: Some(path),
                message,
            },
            E::Torch(e) => ClassifierError::Torch(e),
        }
    }
}

impl ClassifierError {
    /// An I/O error on a file.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        ClassifierError::Io {
            path: path.into(),
            source,
        }
    }

    /// A malformed or foreign file.
    pub(crate) fn format(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        ClassifierError::Format {
            path: path.into(),
            message: message.into(),
        }
    }

    /// A tokenizer error.
    pub(crate) fn tokenizer(origin: Option<PathBuf>, message: impl std::fmt::Display) -> Self {
        ClassifierError::Tokenizer {
            origin,
            message: message.to_string(),
        }
    }
}
