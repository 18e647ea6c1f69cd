//! One bar chart with error bars, one bar per classifier: the building block of both
//! figures.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::output::FAMILY;

/// Bar colours, by classifier index (cycled): the same classifier has the same colour in
/// every panel of both figures.
const PALETTE: [RGBColor; 8] = [
    RGBColor(76, 114, 176),
    RGBColor(221, 132, 82),
    RGBColor(85, 168, 104),
    RGBColor(196, 78, 82),
    RGBColor(129, 114, 179),
    RGBColor(147, 120, 96),
    RGBColor(218, 139, 195),
    RGBColor(140, 140, 140),
];

/// How opaque a faded bar is (the paper's convention for a classifier on its own dataset).
const FADED_OPACITY: f64 = 0.3;

/// Font sizes in pixels.
pub(super) const TITLE_SIZE: u32 = 26;
const CAPTION_SIZE: u32 = 19;
const AXIS_DESC_SIZE: u32 = 16;
const TICK_SIZE: u32 = 14;
const NOTE_SIZE: u32 = 13;

/// The colour of classifier `index`.
pub(super) fn classifier_color(index: usize) -> RGBColor {
    PALETTE[index % PALETTE.len()]
}

/// The value of one bar: its height and the ends of its error bar.
pub(super) struct BarValue {
    /// Height of the bar.
    pub estimate: f64,
    /// Lower end of the error bar.
    pub lower: f64,
    /// Upper end of the error bar.
    pub upper: f64,
    /// Text written above the error bar (the estimate, or the counts).
    pub annotation: String,
}

/// One bar of a panel.
pub(super) struct Bar {
    /// Name under the bar (the classifier).
    pub label: String,
    /// `None`: no bar, `missing_note` instead.
    pub value: Option<BarValue>,
    /// Lines written where a missing bar would stand, bottom line last.
    pub missing_note: Vec<String>,
    /// Fill colour.
    pub color: RGBColor,
    /// Drawn translucent.
    pub faded: bool,
}

/// One panel: a captioned bar chart.
pub(super) struct Panel {
    /// Caption above the chart.
    pub caption: String,
    /// Description of the y axis.
    pub y_label: String,
    /// Top of the y axis (leaves room above the tallest error bar for its annotation).
    pub y_top: f64,
    /// Tick labels above this value are left blank.
    pub y_tick_max: f64,
    /// The bars, left to right.
    pub bars: Vec<Bar>,
}

/// The x axis of a panel: `count` equal slots, slot `i` spanning `[i, i + 1]`, one bar
/// each; its ticks (and labels) are at the slots' centres `i + 0.5`.
struct Slots {
    count: u32,
}

impl Ranged for Slots {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let width = f64::from(limit.1 - limit.0);
        limit.0 + (value / f64::from(self.count.max(1)) * width).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.max_num_points() == 0 {
            return Vec::new();
        }
        (0..self.count).map(|i| f64::from(i) + 0.5).collect()
    }

    fn range(&self) -> Range<f64> {
        0.0..f64::from(self.count)
    }
}

/// A number with about three significant digits, without trailing zeros.
pub(super) fn format_number(value: f64) -> String {
    let magnitude = value.abs();
    let decimals = if magnitude >= 100.0 || magnitude == 0.0 {
        0
    } else if magnitude >= 10.0 {
        1
    } else if magnitude >= 1.0 {
        2
    } else {
        3
    };
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// The largest tick-label size (at most `TICK_SIZE`, at least 9 px) at which every label
/// fits in `slot` pixels.
fn label_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    labels: &[&str],
    slot: f64,
) -> Result<u32, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut size = TICK_SIZE;
    while size > 9 {
        let font = TextStyle::from((FAMILY, size).into_font());
        let mut widest = 0u32;
        for label in labels {
            widest = widest.max(area.estimate_text_size(label, &font)?.0);
        }
        if f64::from(widest) <= 0.95 * slot {
            break;
        }
        size -= 1;
    }
    Ok(size)
}

/// Draws `panel` filling `area`.
pub(super) fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    const MARGIN: u32 = 12;
    const Y_LABEL_AREA: u32 = 72;
    const X_LABEL_AREA: u32 = 36;
    let count = panel.bars.len() as u32;
    let labels: Vec<&str> = panel.bars.iter().map(|b| b.label.as_str()).collect();
    let (width, _) = area.dim_in_pixel();
    let plot_width = f64::from(width.saturating_sub(Y_LABEL_AREA + 2 * MARGIN)).max(1.0);
    let slot = plot_width / f64::from(count.max(1));
    let x_label_size = label_size(area, &labels, slot)?;

    let mut chart = ChartBuilder::on(area)
        .caption(&panel.caption, (FAMILY, CAPTION_SIZE))
        .margin(MARGIN)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(Y_LABEL_AREA)
        .build_cartesian_2d(Slots { count }, 0f64..panel.y_top)?;

    let x_formatter = |x: &f64| {
        // ticks sit at slot centres i + 0.5 (see `Slots`)
        let slot = x.floor();
        if slot >= 0.0 && (slot as usize) < labels.len() {
            labels[slot as usize].to_owned()
        } else {
            String::new()
        }
    };
    let y_formatter = |y: &f64| {
        if *y > panel.y_tick_max + 1e-9 * panel.y_tick_max.abs().max(1.0) {
            String::new()
        } else {
            format_number(*y)
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(count as usize)
        .x_label_formatter(&x_formatter)
        .x_label_style((FAMILY, x_label_size))
        .y_labels(8)
        .y_label_formatter(&y_formatter)
        .y_label_style((FAMILY, TICK_SIZE))
        .y_desc(panel.y_label.as_str())
        .axis_desc_style((FAMILY, AXIS_DESC_SIZE))
        .bold_line_style(RGBColor(225, 225, 225))
        .light_line_style(TRANSPARENT)
        .draw()?;

    // bars: each fills 70% of its slot
    for (i, bar) in panel.bars.iter().enumerate() {
        let i = i as f64;
        let Some(value) = &bar.value else { continue };
        let fill = if bar.faded {
            bar.color.mix(FADED_OPACITY).filled()
        } else {
            bar.color.filled()
        };
        chart.draw_series(std::iter::once(Rectangle::new(
            [(i + 0.15, 0.0), (i + 0.85, value.estimate)],
            fill,
        )))?;
    }

    // error bars, annotations and notes for missing bars
    let cap = (slot * 0.08).round().clamp(3.0, 10.0) as i32;
    let above = Pos::new(HPos::Center, VPos::Bottom);
    for (i, bar) in panel.bars.iter().enumerate() {
        let x = i as f64 + 0.5;
        match &bar.value {
            Some(value) => {
                let ink = if bar.faded {
                    BLACK.mix(0.45)
                } else {
                    BLACK.mix(1.0)
                };
                let line = ink.stroke_width(2);
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x, value.lower), (x, value.upper)],
                    line,
                )))?;
                for end in [value.lower, value.upper] {
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((x, end))
                            + PathElement::new(vec![(-cap, 0), (cap, 0)], line),
                    ))?;
                }
                let top = value.upper.max(value.estimate);
                let style = TextStyle::from((FAMILY, NOTE_SIZE).into_font())
                    .color(&ink)
                    .pos(above);
                chart.draw_series(std::iter::once(
                    EmptyElement::at((x, top))
                        + Text::new(value.annotation.clone(), (0, -4), style),
                ))?;
            }
            None => {
                let gray = RGBColor(90, 90, 90);
                let style = TextStyle::from((FAMILY, NOTE_SIZE).into_font())
                    .color(&gray)
                    .pos(above);
                let lines = bar.missing_note.len() as i32;
                for (k, line) in bar.missing_note.iter().enumerate() {
                    let dy = -6 - (lines - 1 - k as i32) * (NOTE_SIZE as i32 + 3);
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((x, 0.0))
                            + Text::new(line.clone(), (0, dy), style.clone()),
                    ))?;
                }
            }
        }
    }
    Ok(())
}
