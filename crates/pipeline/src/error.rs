//! What can go wrong in a run, naming the file or stage.

use std::path::PathBuf;

/// An error of the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A file of the run directory is damaged.
    #[error("{path} is corrupt: {message} (remove the run directory or run with --fresh)")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The run directory belongs to a run with other settings.
    #[error(
        "{path} holds a run with other settings ({message}); use another --out, or --fresh to start over"
    )]
    Incompatible {
        /// The run directory's manifest.
        path: PathBuf,
        /// Which settings differ.
        message: String,
    },
    /// A setting is not usable.
    #[error("setting: {0}")]
    Setting(String),
    /// A stage could not do its work.
    #[error("stage {stage}: {message}")]
    Stage {
        /// The stage.
        stage: &'static str,
        /// What happened.
        message: String,
    },
    /// From the `labels` crate.
    #[error(transparent)]
    Labels(#[from] labels::LabelsError),
    /// From the `metrics` crate.
    #[error(transparent)]
    Metrics(#[from] metrics::MetricsError),
    /// From the `storyworld` crate.
    #[error(transparent)]
    Storyworld(#[from] storyworld::StoryworldError),
    /// From the `classifier` crate.
    #[error(transparent)]
    Classifier(#[from] classifier::ClassifierError),
    /// From the `generator` crate.
    #[error(transparent)]
    Generator(#[from] generator::GeneratorError),
    /// From the rare-failure estimators of `generator::rare`.
    #[error(transparent)]
    RareEvent(#[from] generator::rare::RareEventError),
    /// From the `attacks` crate.
    #[error(transparent)]
    Attacks(#[from] attacks::AttackError),
    /// From the plots.
    #[error(transparent)]
    Plot(#[from] crate::report::plots::PlotError),
}

impl PipelineError {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        PipelineError::Io {
            path: path.into(),
            source,
        }
    }

    /// A stage failure.
    pub fn stage(stage: &'static str, message: impl Into<String>) -> Self {
        PipelineError::Stage {
            stage,
            message: message.into(),
        }
    }
}

/// The pipeline's result type.
pub type Result<T> = std::result::Result<T, PipelineError>;
