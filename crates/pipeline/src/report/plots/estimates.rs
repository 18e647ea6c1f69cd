//! A log-scale chart of estimated probabilities with their intervals: one group of markers
//! per setting (e.g. an acceptance threshold), one marker per estimator, each with its
//! interval as a whisker. Rare-event estimates span orders of magnitude, so the y axis is
//! logarithmic; a zero (an estimate or an interval's lower end) is drawn at the axis floor
//! with a hollow marker, and the footnote says so.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::error::PlotError;
use super::output::{FAMILY, Plot};
use super::panel::{TITLE_SIZE, classifier_color};

const FIGURE: &str = "estimates figure";
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 640;
const FOOT_HEIGHT: u32 = 36;

/// One estimate and its interval, all probabilities in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EstimatePoint {
    /// The point estimate.
    pub estimate: f64,
    /// The interval's lower end.
    pub lower: f64,
    /// The interval's upper end.
    pub upper: f64,
}

/// What to draw: `cells[g][s]` is estimator `series[s]` at setting `groups[g]` (`None`:
/// that estimator gave nothing there, and nothing is drawn).
#[derive(Debug, Clone, PartialEq)]
pub struct EstimatesFigure {
    /// The title above the chart.
    pub title: String,
    /// The description of the y axis.
    pub y_label: String,
    /// The settings along the x axis, left to right.
    pub groups: Vec<String>,
    /// The estimators (the legend), one colour each.
    pub series: Vec<String>,
    /// `groups.len()` rows of `series.len()` cells.
    pub cells: Vec<Vec<Option<EstimatePoint>>>,
    /// A line under the chart (how the intervals were made).
    pub footnote: String,
}

/// The figure, checked, with its axis floor.
pub(super) struct EstimatesPlot<'a> {
    figure: &'a EstimatesFigure,
    floor: f64,
}

impl<'a> EstimatesPlot<'a> {
    /// Checks the shape and every value (each in `[0, 1]`, lower ≤ estimate ≤ upper).
    pub(super) fn new(figure: &'a EstimatesFigure) -> Result<Self, PlotError> {
        if figure.groups.is_empty() {
            return Err(PlotError::Empty {
                figure: FIGURE,
                what: "no group",
            });
        }
        if figure.series.is_empty() {
            return Err(PlotError::Empty {
                figure: FIGURE,
                what: "no series",
            });
        }
        if figure.cells.len() != figure.groups.len()
            || figure.cells.iter().any(|r| r.len() != figure.series.len())
        {
            return Err(PlotError::Shape(format!(
                "{FIGURE}: cells must be {} rows of {} (one per group and series)",
                figure.groups.len(),
                figure.series.len()
            )));
        }
        let mut smallest = f64::INFINITY;
        for (g, row) in figure.cells.iter().enumerate() {
            for (s, cell) in row.iter().enumerate() {
                let Some(p) = cell else { continue };
                for (part, v) in [
                    ("estimate", p.estimate),
                    ("lower end", p.lower),
                    ("upper end", p.upper),
                ] {
                    if !(0.0..=1.0).contains(&v) {
                        return Err(PlotError::InvalidValue {
                            figure: FIGURE,
                            what: format!(
                                "the {part} of {:?} at {:?}",
                                figure.series[s], figure.groups[g]
                            ),
                            value: v,
                            expected: "a probability in [0, 1]",
                        });
                    }
                    if v > 0.0 {
                        smallest = smallest.min(v);
                    }
                }
                if !(p.lower <= p.estimate && p.estimate <= p.upper) {
                    return Err(PlotError::InvalidValue {
                        figure: FIGURE,
                        what: format!(
                            "the estimate of {:?} at {:?} (interval [{}, {}])",
                            figure.series[s], figure.groups[g], p.lower, p.upper
                        ),
                        value: p.estimate,
                        expected: "an estimate inside its interval",
                    });
                }
            }
        }
        // a decade under the smallest positive value, on a whole power of ten
        let floor = if smallest.is_finite() {
            10f64.powf(smallest.log10().floor() - 1.0).max(1e-300)
        } else {
            1e-6
        };
        Ok(EstimatesPlot { figure, floor })
    }

    fn at_floor(&self, v: f64) -> f64 {
        v.max(self.floor)
    }
}

impl Plot for EstimatesPlot<'_> {
    fn size(&self) -> (u32, u32) {
        (WIDTH, HEIGHT)
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        root.fill(&WHITE)?;
        let (main, foot) = root.split_vertically(HEIGHT - FOOT_HEIGHT);
        let f = self.figure;
        let groups = f.groups.len();
        let series = f.series.len();
        let mut chart = ChartBuilder::on(&main)
            .caption(&f.title, (FAMILY, TITLE_SIZE))
            .margin(16)
            .x_label_area_size(40)
            .y_label_area_size(90)
            .build_cartesian_2d(-0.5f64..groups as f64 - 0.5, (self.floor..1.0).log_scale())?;
        let names = f.groups.clone();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(groups * 2 + 1)
            .x_label_formatter(&|x: &f64| {
                let i = x.round();
                if (x - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < names.len() {
                    names[i as usize].clone()
                } else {
                    String::new()
                }
            })
            .y_labels(24)
            .y_label_formatter(&|y: &f64| format!("{y:.0e}"))
            .y_desc(&f.y_label)
            .label_style((FAMILY, 15))
            .axis_desc_style((FAMILY, 16))
            .draw()?;
        let width = 0.6 / series as f64;
        for s in 0..series {
            let color = classifier_color(s);
            let x_of = |g: usize| g as f64 - 0.3 + width * (s as f64 + 0.5);
            let points: Vec<(usize, EstimatePoint)> = (0..groups)
                .filter_map(|g| f.cells[g][s].map(|p| (g, p)))
                .collect();
            for &(g, p) in &points {
                let x = x_of(g);
                let (lo, hi) = (self.at_floor(p.lower), self.at_floor(p.upper));
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, lo), (x, hi)],
                    color.stroke_width(2),
                )))?;
                for end in [lo, hi] {
                    chart.draw_series(std::iter::once(PathElement::new(
                        vec![(x - width * 0.2, end), (x + width * 0.2, end)],
                        color.stroke_width(2),
                    )))?;
                }
                let y = self.at_floor(p.estimate);
                chart.draw_series(std::iter::once(Text::new(
                    probability(p.estimate),
                    (x + width * 0.22, y),
                    (FAMILY, 13).into_font().color(&BLACK),
                )))?;
            }
            let name = f.series[s].clone();
            chart
                .draw_series(points.iter().map(|&(g, p)| {
                    let style = if p.estimate > 0.0 {
                        color.filled()
                    } else {
                        color.stroke_width(2)
                    };
                    Circle::new((x_of(g), self.at_floor(p.estimate)), 6, style)
                }))?
                .label(name)
                .legend(move |(x, y)| Circle::new((x, y), 6, color.filled()));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .label_font((FAMILY, 15))
            .draw()?;
        let note = format!(
            "{} Zero (an estimate or a lower end): drawn at the floor {:.0e}, hollow marker for an estimate.",
            f.footnote, self.floor
        );
        foot.draw(&Text::new(
            note,
            (16, 8),
            (FAMILY, 13).into_font().color(&BLACK),
        ))?;
        Ok(())
    }
}

/// A probability with two significant digits: `0`, `0.25`, `3.1e-2`, `7.6e-18`.
fn probability(p: f64) -> String {
    if p == 0.0 {
        "0".into()
    } else if p >= 0.1 {
        format!("{p:.2}")
    } else {
        format!("{p:.1e}")
    }
}
