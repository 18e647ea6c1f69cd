//! The report's figures drawn as SVG and PNG: the paper's Figure 2 (the effort a
//! tool-assisted attack spends per adversarial example, and how egregious those examples
//! are) and Figure 3 (every classifier's false-negative rate on every tool-assisted
//! dataset).
//!
//! Both files of a figure are drawn by the same code through plotters' two backends. Text
//! in the PNG is rendered by `ab_glyph` from DejaVu Sans, which is compiled into the
//! binary (`crates/pipeline/assets/fonts/`): no system font, fontconfig or freetype is needed, so the
//! figures look the same on any machine. The SVG names the font family `sans-serif` and
//! leaves its rendering to the viewer.
//!
//! Every value is checked before anything is drawn: an empty figure, a NaN, a rate outside
//! `[0, 1]` or a table of the wrong shape is a [`PlotError`], never a panic. Files are
//! written atomically (a temporary file in the same directory, then a rename).

mod error;
mod estimates;
mod figure2;
mod figure3;
mod output;
mod panel;
#[cfg(test)]
mod tests;

use std::path::Path;

pub use error::PlotError;
pub use estimates::{EstimatePoint, EstimatesFigure};
pub use output::FigureFiles;

use crate::report::figures::{Figure2, Figure3};

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
