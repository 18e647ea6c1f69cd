//! The report's figures drawn as SVG and PNG: the paper's Figure 2 (the effort a
//! tool-assisted attack spends per adversarial example, and how egregious those examples
//! are) and Figure 3 (every classifier's false-negative rate on every tool-assisted
//! dataset).
//!
//! Both files of a figure are drawn by the same code through plotters' two backends. Text
//! in the PNG is rendered by `ab_glyph` from DejaVu Sans, which is compiled into the
//! binary (`assets/fonts/`): no system font, fontconfig or freetype is needed, so the
//! figures look the same on any machine. The SVG names the font family `sans-serif` and
//! leaves its rendering to the viewer.
//!
//! Every value is checked before anything is drawn: an empty figure, a NaN, a rate outside
//! `[0, 1]` or a table of the wrong shape is a [`PlotError`], never a panic. Files are
//! written atomically (a temporary file in the same directory, then a rename).

mod estimates;
mod figure2;
mod figure3;
mod output;
mod panel;
#[cfg(test)]
mod tests;

use std::io;
use std::path::{Path, PathBuf};

pub use estimates::{EstimatePoint, EstimatesFigure};

use crate::report::figures::{Figure2, Figure3};

/// Paths of one figure's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureFiles {
    /// The figure as SVG (text kept as text).
    pub svg: PathBuf,
    /// The figure as PNG (text rendered with the bundled font).
    pub png: PathBuf,
}

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

/// Draws the paper's Figure 2 into `{dir}/{stem}.svg` and `{dir}/{stem}.png` (creating
/// `dir` if needed): three panels of one bar per classifier with 95% bootstrap error
/// bars — queries per adversarial example, seconds per adversarial example (both: higher
/// is better) and the egregiousness (1–10) of the adversarial examples (lower is better).
/// A classifier against which the attack found nothing gets no bar but a "none found"
/// note with its success count.
///
/// Errors when the figure has no classifier, a value is not a number in `[0, 1e300]` (NaN,
/// infinite, negative), an interval's lower end exceeds its upper end, or a file cannot be
/// written.
///
/// ```no_run
/// # use pipeline::report::{figures::Figure2, plots::draw_figure2};
/// # fn demo(figure: &Figure2) -> Result<(), pipeline::report::plots::PlotError> {
/// let files = draw_figure2(figure, std::path::Path::new("report"), "figure2")?;
/// println!("{} {}", files.svg.display(), files.png.display());
/// # Ok(()) }
/// ```
pub fn draw_figure2(figure: &Figure2, dir: &Path, stem: &str) -> Result<FigureFiles, PlotError> {
    let plot = figure2::Figure2Plot::new(figure)?;
    output::write_figure(&plot, dir, stem)
}

/// Draws the paper's Figure 3 into `{dir}/{stem}.svg` and `{dir}/{stem}.png` (creating
/// `dir` if needed): one panel per tool-assisted dataset (in a grid, 2×2 for four), each a
/// bar chart of every classifier's false-negative rate with its 95% Beta(1, 1) credible
/// interval. The bar of the classifier a dataset was written against (same name) is drawn
/// faded, as in the paper; a cell without injurious snippets gets no bar but a note.
///
/// Errors when there is no dataset or classifier, `cells` is not `datasets × classifiers`,
/// a rate or interval end is not in `[0, 1]`, or a file cannot be written.
pub fn draw_figure3(figure: &Figure3, dir: &Path, stem: &str) -> Result<FigureFiles, PlotError> {
    let plot = figure3::Figure3Plot::new(figure)?;
    output::write_figure(&plot, dir, stem)
}

/// [`draw_figure2`] under another title (the beyond-the-paper experiments draw their
/// fresh attacks' effort with it).
pub fn draw_figure2_titled(
    figure: &Figure2,
    title: &str,
    dir: &Path,
    stem: &str,
) -> Result<FigureFiles, PlotError> {
    let plot = figure2::Figure2Plot::titled(figure, title)?;
    output::write_figure(&plot, dir, stem)
}

/// [`draw_figure3`] under another title: any table of rates, one panel per row ("dataset")
/// and one bar per column ("classifier").
pub fn draw_figure3_titled(
    figure: &Figure3,
    title: &str,
    dir: &Path,
    stem: &str,
) -> Result<FigureFiles, PlotError> {
    let plot = figure3::Figure3Plot::titled(figure, title)?;
    output::write_figure(&plot, dir, stem)
}

/// Draws estimated probabilities with their intervals on a log scale into
/// `{dir}/{stem}.svg` and `.png`: one group per setting, one coloured marker and whisker
/// per estimator (the failure-rate experiment's plain sampling, importance sampling and
/// splitting at each threshold). A zero is drawn at the axis floor, a decade under the
/// smallest positive value.
///
/// Errors when there is no group or series, `cells` is not `groups × series`, a value is
/// not in `[0, 1]` or an estimate lies outside its interval, or a file cannot be written.
pub fn draw_estimates(
    figure: &EstimatesFigure,
    dir: &Path,
    stem: &str,
) -> Result<FigureFiles, PlotError> {
    let plot = estimates::EstimatesPlot::new(figure)?;
    output::write_figure(&plot, dir, stem)
}
