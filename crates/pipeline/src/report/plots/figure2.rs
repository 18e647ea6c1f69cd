//! Figure 2: effort per adversarial example and egregiousness, one bar per classifier.

use metrics::BootstrapEstimate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::error::PlotError;
use super::output::{FAMILY, Plot};
use super::panel::{Bar, BarValue, Panel, TITLE_SIZE, classifier_color, draw_panel, format_number};
use crate::report::figures::{EffortRow, Figure2};

const FIGURE: &str = "figure 2";
const WIDTH: u32 = 1800;
const HEIGHT: u32 = 640;
/// Height of the title's strip at the top.
const TITLE_HEIGHT: u32 = 56;
/// Height of the footnote's strip at the bottom.
const FOOT_HEIGHT: u32 = 36;
const TITLE: &str = "Effort of tool-assisted attacks and egregiousness of what they found";
const FOOTNOTE: &str = "Error bars: 95% bootstrap intervals (effort: over attacked seeds, ratio of sums, \
                        \"CI to ∞\": open above; egregiousness: over adversarial examples).";

/// Figure 2, checked and laid out, ready to draw.
pub(super) struct Figure2Plot {
    panels: Vec<Panel>,
    title: String,
}

/// The largest value drawn: an axis near `f64::MAX` overflows to infinity in plotters'
/// tick computation (which then never ends), and no count or time comes near it.
const MAX_VALUE: f64 = 1e300;

/// Checks that `value` is in `[0, MAX_VALUE]` (so not NaN).
fn check(classifier: &str, field: &str, part: &str, value: f64) -> Result<(), PlotError> {
    if (0.0..=MAX_VALUE).contains(&value) {
        Ok(())
    } else {
        Err(PlotError::InvalidValue {
            figure: FIGURE,
            what: format!("{part} of {field} for classifier {classifier:?}"),
            value,
            expected: "a number in [0, 1e300]",
        })
    }
}

fn check_estimate(
    classifier: &str,
    field: &str,
    estimate: &BootstrapEstimate,
) -> Result<(), PlotError> {
    check(classifier, field, "the estimate", estimate.estimate)?;
    check(
        classifier,
        field,
        "the interval's lower end",
        estimate.interval.lower,
    )?;
    // an interval open above (too few successes for a finite upper end) is drawn to the
    // panel's top
    if estimate.interval.upper != f64::INFINITY {
        check(
            classifier,
            field,
            "the interval's upper end",
            estimate.interval.upper,
        )?;
    }
    if estimate.interval.lower > estimate.interval.upper {
        return Err(PlotError::InvalidValue {
            figure: FIGURE,
            what: format!("the interval's lower end of {field} for classifier {classifier:?}"),
            value: estimate.interval.lower,
            expected: "a number no larger than the interval's upper end",
        });
    }
    Ok(())
}

/// One panel of the figure: which field it draws and how it is labelled.
struct PanelKind {
    caption: &'static str,
    y_label: &'static str,
    field: &'static str,
    get: fn(&EffortRow) -> Option<&BootstrapEstimate>,
    /// The axis shows at least `0..=scale_max` when the data fit in it (egregiousness 1–10).
    scale_max: Option<f64>,
}

const PANELS: [PanelKind; 3] = [
    PanelKind {
        caption: "Queries per adversarial example (higher is better)",
        y_label: "queries per adversarial example",
        field: "queries per success",
        get: |row| row.queries_per_success.as_ref(),
        scale_max: None,
    },
    PanelKind {
        caption: "Time per adversarial example (higher is better)",
        y_label: "seconds per adversarial example",
        field: "seconds per success",
        get: |row| row.seconds_per_success.as_ref(),
        scale_max: None,
    },
    PanelKind {
        caption: "Egregiousness of adversarial examples (lower is better)",
        y_label: "egregiousness (1–10)",
        field: "egregiousness",
        get: |row| row.egregiousness.as_ref(),
        scale_max: Some(10.0),
    },
];

impl Figure2Plot {
    /// Checks every value of `figure` and lays out its three panels under the paper's title.
    pub(super) fn new(figure: &Figure2) -> Result<Self, PlotError> {
        Self::titled(figure, TITLE)
    }

    /// The same under `title`.
    pub(super) fn titled(figure: &Figure2, title: &str) -> Result<Self, PlotError> {
        if figure.classifiers.is_empty() {
            return Err(PlotError::Empty {
                figure: FIGURE,
                what: "no classifier",
            });
        }
        let mut panels = Vec::with_capacity(PANELS.len());
        for kind in &PANELS {
            let mut bars = Vec::with_capacity(figure.classifiers.len());
            let mut top: f64 = 0.0;
            for (index, row) in figure.classifiers.iter().enumerate() {
                let value = match (kind.get)(row) {
                    Some(estimate) => {
                        check_estimate(&row.classifier, kind.field, estimate)?;
                        let open = estimate.interval.upper == f64::INFINITY;
                        top = if open {
                            // leave room above the estimate for the open whisker
                            top.max(2.0 * estimate.estimate)
                                .max(estimate.interval.lower)
                        } else {
                            top.max(estimate.interval.upper).max(estimate.estimate)
                        };
                        Some(BarValue {
                            estimate: estimate.estimate,
                            lower: estimate.interval.lower,
                            upper: estimate.interval.upper,
                            annotation: if open {
                                format!("{} (CI to ∞)", format_number(estimate.estimate))
                            } else {
                                format_number(estimate.estimate)
                            },
                        })
                    }
                    None => None,
                };
                bars.push(Bar {
                    label: row.classifier.clone(),
                    value,
                    missing_note: vec![
                        "none found".to_owned(),
                        format!("({}/{} seeds)", row.success_rate.k, row.success_rate.n),
                    ],
                    color: classifier_color(index),
                    faded: false,
                });
            }
            // open whiskers run to the top of the data
            for bar in &mut bars {
                if let Some(value) = &mut bar.value
                    && value.upper == f64::INFINITY
                {
                    value.upper = top;
                }
            }
            let (y_top, y_tick_max) = match kind.scale_max {
                Some(max) if top <= max => (max * 1.1, max),
                _ if top > 0.0 => (top * 1.15, top * 1.15),
                _ => (1.0, 1.0),
            };
            panels.push(Panel {
                caption: kind.caption.to_owned(),
                y_label: kind.y_label.to_owned(),
                y_top,
                y_tick_max,
                bars,
            });
        }
        Ok(Self {
            panels,
            title: title.to_owned(),
        })
    }
}

impl Plot for Figure2Plot {
    fn size(&self) -> (u32, u32) {
        (WIDTH, HEIGHT)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let (top, body) = root.split_vertically(TITLE_HEIGHT);
        let (body, foot) = body.split_vertically(HEIGHT - TITLE_HEIGHT - FOOT_HEIGHT);
        top.draw_text(
            &self.title,
            &TextStyle::from((FAMILY, TITLE_SIZE).into_font())
                .pos(Pos::new(HPos::Center, VPos::Center)),
            (WIDTH as i32 / 2, TITLE_HEIGHT as i32 / 2),
        )?;
        for (area, panel) in body
            .split_evenly((1, self.panels.len()))
            .iter()
            .zip(&self.panels)
        {
            draw_panel(area, panel)?;
        }
        foot.draw_text(
            FOOTNOTE,
            &TextStyle::from((FAMILY, 14).into_font()).color(&RGBColor(70, 70, 70)),
            (20, 8),
        )?;
        Ok(())
    }
}
