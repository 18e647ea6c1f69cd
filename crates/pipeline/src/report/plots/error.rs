//! Why a figure could not be drawn or written.

use std::io;
use std::path::PathBuf;

/// Why a figure could not be drawn or written.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// The figure holds nothing to draw (no classifier, no dataset).
    #[error("{figure}: nothing to draw: {what}")]
    Empty {
        /// Which figure.
        figure: &'static str,
        /// What is missing.
        what: &'static str,
    },
    /// A value cannot be drawn (NaN, infinite, negative, above 1e300, a rate outside
    /// `[0, 1]`, an interval whose lower end exceeds its upper end).
    #[error("{figure}: {what} is {value}, expected {expected}")]
    InvalidValue {
        /// Which figure.
        figure: &'static str,
        /// The value, by classifier (and dataset) and field.
        what: String,
        /// The offending value.
        value: f64,
        /// What it should be.
        expected: &'static str,
    },
    /// Figure 3's table does not have one row per dataset and one cell per classifier.
    #[error("figure 3: {0}")]
    Shape(String),
    /// The file stem is empty or would leave the target directory.
    #[error("invalid file stem {0:?}: expected a plain file name without separators")]
    InvalidStem(String),
    /// The bundled font could not be registered with plotters.
    #[error("the bundled font {0} could not be loaded")]
    Font(&'static str),
    /// plotters failed while drawing the figure meant for this file.
    #[error("drawing {path}: {message}")]
    Draw {
        /// The file being drawn.
        path: PathBuf,
        /// plotters' error.
        message: String,
    },
    /// The bitmap could not be encoded as PNG.
    #[error("encoding {path} as PNG: {source}")]
    Encode {
        /// The file being encoded.
        path: PathBuf,
        /// The encoder's error.
        source: png::EncodingError,
    },
    /// A file or the target directory could not be written.
    #[error("writing {path}: {source}")]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}
