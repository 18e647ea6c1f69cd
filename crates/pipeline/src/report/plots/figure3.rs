//! Figure 3: every classifier's false-negative rate on every tool-assisted dataset, one
//! panel per dataset.

use metrics::{IntervalMethod, RateEstimate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::error::PlotError;
use super::output::{FAMILY, Plot};
use super::panel::{Bar, BarValue, Panel, TITLE_SIZE, classifier_color, draw_panel, format_number};
use crate::report::figures::Figure3;

const FIGURE: &str = "figure 3";
const PANEL_WIDTH: u32 = 640;
const PANEL_HEIGHT: u32 = 440;
/// The figure is at least this wide, so that its title and footnote fit with one column.
const MIN_WIDTH: u32 = 1120;
/// Height of the title's strip at the top (the title plus plotters' spacing).
const TITLE_HEIGHT: u32 = 56;
/// Height of the footnote's strip at the bottom.
const FOOT_HEIGHT: u32 = 72;
const TITLE: &str = "False-negative rate of each classifier on each tool-assisted dataset";

/// Figure 3, checked and laid out, ready to draw.
pub(super) struct Figure3Plot {
    panels: Vec<Panel>,
    rows: usize,
    columns: usize,
    footnote: Vec<String>,
    title: String,
}

fn invalid(what: String, value: f64, expected: &'static str) -> PlotError {
    PlotError::InvalidValue {
        figure: FIGURE,
        what,
        value,
        expected,
    }
}

/// Checks one cell: a rate in `[0, 1]` with an interval in `[0, 1]` and `k <= n`.
fn check_cell(dataset: &str, classifier: &str, rate: &RateEstimate) -> Result<(), PlotError> {
    let cell = format!("classifier {classifier:?} on dataset {dataset:?}");
    let parts = [
        ("the false-negative rate", rate.estimate),
        ("the interval's lower end", rate.interval.lower),
        ("the interval's upper end", rate.interval.upper),
    ];
    for (part, value) in parts {
        if !(0.0..=1.0).contains(&value) {
            return Err(invalid(
                format!("{part} of {cell}"),
                value,
                "a number in [0, 1]",
            ));
        }
    }
    if rate.interval.lower > rate.interval.upper {
        return Err(invalid(
            format!("the interval's lower end of {cell}"),
            rate.interval.lower,
            "a number no larger than the interval's upper end",
        ));
    }
    if rate.k > rate.n {
        return Err(invalid(
            format!("the count of false negatives of {cell}"),
            rate.k as f64,
            "at most the number of injurious snippets",
        ));
    }
    Ok(())
}

/// How the error bars were computed, for the footnote.
fn describe_intervals(rate: &RateEstimate) -> String {
    let level = format_number(rate.interval.level * 100.0);
    match rate.method {
        IntervalMethod::BetaPosterior(prior) => format!(
            "Error bars: {level}% central credible intervals of the Beta({}, {}) posterior.",
            format_number(prior.alpha),
            format_number(prior.beta)
        ),
        IntervalMethod::ClopperPearson => {
            format!("Error bars: {level}% Clopper–Pearson confidence intervals.")
        }
        IntervalMethod::Wilson => {
            format!("Error bars: {level}% Wilson score confidence intervals.")
        }
    }
}

impl Figure3Plot {
    /// Checks the shape and every value of `figure` and lays out one panel per dataset,
    /// under the paper's title.
    pub(super) fn new(figure: &Figure3) -> Result<Self, PlotError> {
        Self::titled(figure, TITLE)
    }

    /// The same under `title`.
    pub(super) fn titled(figure: &Figure3, title: &str) -> Result<Self, PlotError> {
        if figure.datasets.is_empty() {
            return Err(PlotError::Empty {
                figure: FIGURE,
                what: "no dataset",
            });
        }
        if figure.classifiers.is_empty() {
            return Err(PlotError::Empty {
                figure: FIGURE,
                what: "no classifier",
            });
        }
        if figure.cells.len() != figure.datasets.len() {
            return Err(PlotError::Shape(format!(
                "{} rows of cells for {} datasets",
                figure.cells.len(),
                figure.datasets.len()
            )));
        }
        let mut panels = Vec::with_capacity(figure.datasets.len());
        let mut first_rate = None;
        for (dataset, row) in figure.datasets.iter().zip(&figure.cells) {
            if row.len() != figure.classifiers.len() {
                return Err(PlotError::Shape(format!(
                    "dataset {dataset:?} has {} cells for {} classifiers",
                    row.len(),
                    figure.classifiers.len()
                )));
            }
            let mut bars = Vec::with_capacity(row.len());
            let mut injurious = None;
            for (index, (classifier, cell)) in figure.classifiers.iter().zip(row).enumerate() {
                let value = match cell {
                    Some(rate) => {
                        check_cell(dataset, classifier, rate)?;
                        first_rate.get_or_insert(*rate);
                        injurious.get_or_insert(rate.n);
                        Some(BarValue {
                            estimate: rate.estimate,
                            lower: rate.interval.lower,
                            upper: rate.interval.upper,
                            annotation: format!("{}/{}", rate.k, rate.n),
                        })
                    }
                    None => None,
                };
                bars.push(Bar {
                    label: classifier.clone(),
                    value,
                    missing_note: vec!["no injurious".to_owned(), "snippets".to_owned()],
                    color: classifier_color(index),
                    faded: dataset == classifier,
                });
            }
            let caption = match injurious {
                Some(n) => format!("Attacks on {dataset} ({n} injurious)"),
                None => format!("Attacks on {dataset} (no injurious snippets)"),
            };
            panels.push(Panel {
                caption,
                y_label: "false-negative rate".to_owned(),
                y_top: 1.12,
                y_tick_max: 1.0,
                bars,
            });
        }
        let columns = (1..=panels.len())
            .find(|c| c * c >= panels.len())
            .unwrap_or(1);
        let rows = panels.len().div_ceil(columns);
        let mut footnote = Vec::new();
        if let Some(rate) = &first_rate {
            footnote.push(describe_intervals(rate));
        }
        footnote.push(
            "Faded: the classifier the dataset was written against (its false-negative rate is 1 \
             by construction)."
                .to_owned(),
        );
        footnote.push("Above each bar: false negatives / injurious snippets.".to_owned());
        Ok(Self {
            panels,
            rows,
            columns,
            footnote,
            title: title.to_owned(),
        })
    }
}

impl Plot for Figure3Plot {
    fn size(&self) -> (u32, u32) {
        (
            (PANEL_WIDTH * self.columns as u32).max(MIN_WIDTH),
            TITLE_HEIGHT + PANEL_HEIGHT * self.rows as u32 + FOOT_HEIGHT,
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let (top, rest) = root.split_vertically(TITLE_HEIGHT);
        let (grid, foot) = rest.split_vertically(PANEL_HEIGHT * self.rows as u32);
        let (width, _) = top.dim_in_pixel();
        top.draw_text(
            &self.title,
            &TextStyle::from((FAMILY, TITLE_SIZE).into_font())
                .pos(Pos::new(HPos::Center, VPos::Center)),
            (width as i32 / 2, TITLE_HEIGHT as i32 / 2),
        )?;
        for (area, panel) in grid
            .split_evenly((self.rows, self.columns))
            .iter()
            .zip(&self.panels)
        {
            draw_panel(area, panel)?;
        }
        let style = TextStyle::from((FAMILY, 14).into_font()).color(&RGBColor(70, 70, 70));
        for (k, line) in self.footnote.iter().enumerate() {
            foot.draw_text(line, &style, (20, 6 + 20 * k as i32))?;
        }
        Ok(())
    }
}
