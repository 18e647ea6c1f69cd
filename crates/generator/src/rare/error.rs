//! Errors of the rare-event estimators: the generator's, the filter's, the labeler's, and
//! the statistics'.

use crate::error::{FilterError, GeneratorError};

/// Everything that can go wrong while estimating a rare failure rate of the filtered
/// generator.
#[derive(Debug, thiserror::Error)]
pub enum RareEventError {
    /// The generator (model, tokenizer, settings) failed.
    #[error(transparent)]
    Generator(#[from] GeneratorError),
    /// The filter (classifier) failed to score a batch.
    #[error("filter `{filter}` failed: {source}")]
    Filter {
        /// The filter's id.
        filter: String,
        /// Its error.
        source: FilterError,
    },
    /// The filter returned a wrong number of scores or a score outside [0, 1].
    #[error("filter `{filter}`: {message}")]
    FilterContract {
        /// The filter's id.
        filter: String,
        /// What it did wrong.
        message: String,
    },
    /// The labeler (injury oracle) failed, or returned a wrong number of judgements.
    #[error("labeler `{labeler}`: {message}")]
    Labeler {
        /// The labeler's id.
        labeler: String,
        /// What went wrong.
        message: String,
    },
    /// The statistics refused the draws (e.g. too few).
    #[error(transparent)]
    Metrics(#[from] metrics::MetricsError),
    /// A setting of the estimator out of its range.
    #[error("invalid setting `{setting}`: {message}")]
    Setting {
        /// The setting.
        setting: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl From<tch::TchError> for RareEventError {
    /// A libtorch error, as the generator reports it ([`GeneratorError::Torch`]).
    fn from(e: tch::TchError) -> Self {
        RareEventError::Generator(GeneratorError::Torch(e))
    }
}

impl RareEventError {
    pub(crate) fn setting(setting: &'static str, message: impl Into<String>) -> Self {
        RareEventError::Setting {
            setting,
            message: message.into(),
        }
    }
}

/// Results of the rare-event estimators.
pub type RareResult<T> = std::result::Result<T, RareEventError>;
