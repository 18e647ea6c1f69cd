//! Tests of the figures: files, sizes, text in both formats, and bad input.

use std::path::Path;

use metrics::{BootstrapEstimate, Interval, RateEstimate};

use super::panel::format_number;
use super::{
    EstimatePoint, EstimatesFigure, PlotError, draw_estimates, draw_figure2, draw_figure3,
};
use crate::report::figures::{EffortRow, Figure2, Figure3};

const NAMES: [&str; 4] = ["baseline", "+manual", "+paraphrases", "+tool-assisted"];

fn boot(estimate: f64, lower: f64, upper: f64) -> Option<BootstrapEstimate> {
    Some(BootstrapEstimate {
        estimate,
        interval: Interval {
            lower,
            upper,
            level: 0.95,
        },
        resamples: 1000,
        seed: 7,
    })
}

fn rate(k: u64, n: u64) -> Option<RateEstimate> {
    Some(RateEstimate::new(k, n).unwrap())
}

/// Four classifiers; the attack found nothing against the last one.
fn figure2() -> Figure2 {
    let rows = [
        (
            rate(9, 10),
            boot(12.0, 9.5, 15.1),
            boot(40.0, 31.0, 52.0),
            boot(6.1, 5.4, 6.8),
        ),
        (
            rate(8, 10),
            boot(20.0, 15.2, 26.3),
            boot(75.5, 58.0, 96.0),
            boot(4.9, 4.1, 5.6),
        ),
        (
            rate(6, 10),
            boot(31.0, 22.0, 44.0),
            boot(120.0, 90.0, 161.0),
            boot(3.8, 3.0, 4.7),
        ),
        (rate(0, 10), None, None, None),
    ];
    Figure2 {
        classifiers: NAMES
            .iter()
            .zip(rows)
            .map(
                |(name, (success, queries, seconds, egregiousness))| EffortRow {
                    classifier: name.to_string(),
                    success_rate: success.unwrap(),
                    evaluations_per_success: queries.map(|q| BootstrapEstimate {
                        estimate: q.estimate * 3.0,
                        ..q
                    }),
                    queries_per_success: queries,
                    seconds_per_success: seconds,
                    egregiousness,
                    spent: Default::default(),
                },
            )
            .collect(),
    }
}

/// `datasets` × the four classifiers; a classifier on its own dataset misses everything.
fn figure3(datasets: usize) -> Figure3 {
    let datasets: Vec<String> = NAMES.iter().take(datasets).map(|s| s.to_string()).collect();
    let cells = datasets
        .iter()
        .enumerate()
        .map(|(d, dataset)| {
            NAMES
                .iter()
                .enumerate()
                .map(|(c, name)| {
                    let n = 40 + 10 * d as u64;
                    let k = if dataset == name { n } else { (n / 2) >> c };
                    rate(k, n)
                })
                .collect()
        })
        .collect();
    Figure3 {
        datasets,
        classifiers: NAMES.iter().map(|s| s.to_string()).collect(),
        cells,
        own_thresholds: Vec::new(),
        cells_at_own_threshold: Vec::new(),
    }
}

/// Decodes a PNG: width, height and 8-bit RGB pixels.
fn decode_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap();
    // the signature every PNG starts with (PNG specification, section 5.2)
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

/// Pixels in rows `rows` that are not white.
fn inked(width: u32, pixels: &[u8], rows: std::ops::Range<u32>) -> usize {
    let stride = width as usize * 3;
    pixels[rows.start as usize * stride..rows.end as usize * stride]
        .chunks(3)
        .filter(|p| p != &[255, 255, 255])
        .count()
}

/// The contents of the SVG's `<text>` elements, trimmed.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|element| {
            let body = element.split_once('>')?.1;
            Some(body.split_once("</text>")?.0.trim().to_owned())
        })
        .collect()
}

/// Asserts that each of `wanted` is the whole text of some `<text>` element of `svg`.
fn assert_texts(svg: &str, wanted: &[&str]) {
    let texts = svg_texts(svg);
    for text in wanted {
        assert!(
            texts.iter().any(|t| t == text),
            "the SVG lacks the text {text:?}: {texts:?}"
        );
    }
}

/// Files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn figure2_writes_svg_and_png_with_text() {
    let dir = tempfile::tempdir().unwrap();
    let files = draw_figure2(&figure2(), dir.path(), "figure2").unwrap();
    assert_eq!(files.svg, dir.path().join("figure2.svg"));
    assert_eq!(files.png, dir.path().join("figure2.png"));
    // atomic writes leave no temporary file behind
    assert_eq!(listing(dir.path()), ["figure2.png", "figure2.svg"]);

    let svg = std::fs::read_to_string(&files.svg).unwrap();
    assert_texts(&svg, &NAMES);
    assert_texts(
        &svg,
        &[
            "Effort of tool-assisted attacks and egregiousness of what they found",
            "Queries per adversarial example (higher is better)",
            "Egregiousness of adversarial examples (lower is better)",
            "queries per adversarial example",
            "seconds per adversarial example",
            "egregiousness (1–10)",
            "none found",
            "(0/10 seeds)",
            "31",   // +paraphrases' queries per success, figure2()
            "75.5", // +manual's seconds per success
        ],
    );
    // each classifier names a bar (or a missing one) in each of the 3 panels
    let texts = svg_texts(&svg);
    for name in NAMES {
        assert_eq!(texts.iter().filter(|t| *t == name).count(), 3, "{name}");
    }

    // 1800 × 640: figure2.rs's WIDTH and HEIGHT
    let (width, height, pixels) = decode_png(&files.png);
    assert_eq!((width, height), (1800, 640));
    // The rows 8..48 hold only the title: ink there proves the bundled font renders.
    let title_ink = inked(width, &pixels, 8..48);
    assert!(
        title_ink > 500,
        "only {title_ink} inked pixels in the title band"
    );
    // the whole figure is mostly white background, but not blank
    let ink = inked(width, &pixels, 0..height);
    assert!(
        ink > 20_000 && ink < (width * height) as usize / 2,
        "{ink} inked pixels"
    );
}

#[test]
fn figure3_grid_with_faded_bars() {
    let dir = tempfile::tempdir().unwrap();
    let files = draw_figure3(&figure3(4), dir.path(), "figure3").unwrap();
    assert_eq!(listing(dir.path()), ["figure3.png", "figure3.svg"]);

    let svg = std::fs::read_to_string(&files.svg).unwrap();
    assert_texts(&svg, &NAMES);
    assert_texts(
        &svg,
        &[
            "False-negative rate of each classifier on each tool-assisted dataset",
            "false-negative rate",
            "Attacks on +manual (50 injurious)",
            "Error bars: 95% central credible intervals of the Beta(1, 1) posterior.",
            "50/50", // the +manual classifier on its own dataset, figure3()
            "15/60", // +manual on +paraphrases: n = 40 + 10 * 2, k = (60 / 2) >> 1
        ],
    );
    // one faded bar per dataset: the diagonal of the 4 × 4 table (opacity 0.3 is
    // panel.rs's FADED_OPACITY)
    assert_eq!(svg.matches(r#"opacity="0.3""#).count(), 4, "{svg}");

    // 2 × 2 panels of 640 × 440 plus 56 px of title and 72 px of footnote (figure3.rs)
    let (width, height, pixels) = decode_png(&files.png);
    assert_eq!((width, height), (1280, 56 + 2 * 440 + 72));
    let title_ink = inked(width, &pixels, 8..48);
    assert!(
        title_ink > 500,
        "only {title_ink} inked pixels in the title band"
    );
}

#[test]
fn figure3_grid_shapes() {
    let dir = tempfile::tempdir().unwrap();
    // 3 datasets: 2 columns, 2 rows; 1 dataset: 1 column, widened to MIN_WIDTH (1120)
    for (datasets, size) in [(3, (1280, 56 + 2 * 440 + 72)), (1, (1120, 56 + 440 + 72))] {
        let stem = format!("figure3-{datasets}");
        let files = draw_figure3(&figure3(datasets), dir.path(), &stem).unwrap();
        let (width, height, _) = decode_png(&files.png);
        assert_eq!((width, height), size, "{datasets} datasets");
    }
}

#[test]
fn missing_cells_and_all_missing_panels_draw() {
    let dir = tempfile::tempdir().unwrap();
    let mut fig3 = figure3(2);
    fig3.cells[1] = vec![None; 4];
    let files = draw_figure3(&fig3, dir.path(), "f3").unwrap();
    let svg = std::fs::read_to_string(&files.svg).unwrap();
    assert_texts(
        &svg,
        &["no injurious", "Attacks on +manual (no injurious snippets)"],
    );

    let mut fig2 = figure2();
    for row in &mut fig2.classifiers {
        row.queries_per_success = None;
        row.seconds_per_success = None;
        row.egregiousness = None;
    }
    let files = draw_figure2(&fig2, dir.path(), "f2").unwrap();
    let svg = std::fs::read_to_string(&files.svg).unwrap();
    // one "none found" per classifier and panel
    let texts = svg_texts(&svg);
    assert_eq!(texts.iter().filter(|t| *t == "none found").count(), 12);
}

#[test]
fn bad_input_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();

    let empty2 = Figure2 {
        classifiers: vec![],
    };
    assert!(matches!(
        draw_figure2(&empty2, out, "a"),
        Err(PlotError::Empty { .. })
    ));

    let mut nan = figure2();
    nan.classifiers[1].seconds_per_success = boot(f64::NAN, 1.0, 2.0);
    let error = draw_figure2(&nan, out, "a").unwrap_err();
    assert!(matches!(error, PlotError::InvalidValue { .. }), "{error}");
    assert!(error.to_string().contains("+manual"), "{error}");

    let mut inverted = figure2();
    inverted.classifiers[0].egregiousness = boot(5.0, 6.0, 4.0);
    assert!(matches!(
        draw_figure2(&inverted, out, "a"),
        Err(PlotError::InvalidValue { .. })
    ));

    // an interval open above is drawn (to the panel's top); an infinite estimate or
    // lower end is not
    let mut open = figure2();
    open.classifiers[2].queries_per_success = boot(3.0, 1.0, f64::INFINITY);
    let elsewhere = tempfile::tempdir().unwrap();
    let files = draw_figure2(&open, elsewhere.path(), "open").unwrap();
    assert!(std::fs::metadata(&files.png).unwrap().len() > 1_000);
    let mut infinite = figure2();
    infinite.classifiers[2].queries_per_success = boot(f64::INFINITY, 1.0, f64::INFINITY);
    assert!(matches!(
        draw_figure2(&infinite, out, "a"),
        Err(PlotError::InvalidValue { .. })
    ));

    let mut empty3 = figure3(2);
    empty3.datasets.clear();
    empty3.cells.clear();
    assert!(matches!(
        draw_figure3(&empty3, out, "a"),
        Err(PlotError::Empty { .. })
    ));

    let mut no_classifiers = figure3(2);
    no_classifiers.classifiers.clear();
    assert!(matches!(
        draw_figure3(&no_classifiers, out, "a"),
        Err(PlotError::Empty { .. })
    ));

    let mut short_row = figure3(2);
    short_row.cells[1].pop();
    assert!(matches!(
        draw_figure3(&short_row, out, "a"),
        Err(PlotError::Shape(_))
    ));

    let mut missing_row = figure3(2);
    missing_row.cells.pop();
    assert!(matches!(
        draw_figure3(&missing_row, out, "a"),
        Err(PlotError::Shape(_))
    ));

    let mut nan_rate = figure3(2);
    if let Some(cell) = &mut nan_rate.cells[0][2] {
        cell.estimate = f64::NAN;
    }
    assert!(matches!(
        draw_figure3(&nan_rate, out, "a"),
        Err(PlotError::InvalidValue { .. })
    ));

    let mut above_one = figure3(2);
    if let Some(cell) = &mut above_one.cells[1][0] {
        cell.interval.upper = 1.5;
    }
    assert!(matches!(
        draw_figure3(&above_one, out, "a"),
        Err(PlotError::InvalidValue { .. })
    ));

    for stem in ["", ".", "..", "a/b", "../escape"] {
        assert!(
            matches!(
                draw_figure2(&figure2(), out, stem),
                Err(PlotError::InvalidStem(_))
            ),
            "{stem:?}"
        );
    }
    assert!(listing(out).is_empty(), "{:?}", listing(out));
}

#[test]
fn unwritable_directory_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-directory");
    std::fs::write(&file, b"x").unwrap();
    let error = draw_figure2(&figure2(), &file, "figure2").unwrap_err();
    assert!(matches!(error, PlotError::Write { .. }), "{error}");
    assert!(error.to_string().contains("not-a-directory"), "{error}");
}

#[test]
fn creates_missing_directory_and_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("report").join("figures");
    let first = draw_figure3(&figure3(4), &nested, "figure3").unwrap();
    let before = std::fs::read(&first.png).unwrap();
    let mut changed = figure3(4);
    changed.cells[0][1] = rate(0, 40);
    let second = draw_figure3(&changed, &nested, "figure3").unwrap();
    assert_eq!(first, second);
    assert_ne!(before, std::fs::read(&second.png).unwrap());
    assert_eq!(listing(&nested), ["figure3.png", "figure3.svg"]);
}

#[test]
fn drawing_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = draw_figure2(&figure2(), dir.path(), "a").unwrap();
    let b = draw_figure2(&figure2(), dir.path(), "b").unwrap();
    assert_eq!(
        std::fs::read(&a.png).unwrap(),
        std::fs::read(&b.png).unwrap()
    );
    assert_eq!(
        std::fs::read(&a.svg).unwrap(),
        std::fs::read(&b.svg).unwrap()
    );
}

#[test]
fn numbers_have_three_significant_digits() {
    // hand-written expectations of format_number's rule
    assert_eq!(format_number(0.0), "0");
    assert_eq!(format_number(123.4), "123");
    assert_eq!(format_number(31.0), "31");
    assert_eq!(format_number(12.34), "12.3");
    assert_eq!(format_number(6.1), "6.1");
    assert_eq!(format_number(0.0123), "0.012");
    assert_eq!(format_number(95.0), "95");
}

#[test]
fn extreme_values_and_names_draw_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut fig2 = figure2();
    // the largest value allowed (figure2.rs's MAX_VALUE) draws; a larger one is an error,
    // since an axis up to f64::MAX would overflow to infinity (and hang plotters)
    fig2.classifiers[0].queries_per_success = boot(1e300, 0.0, 1e300);
    let mut too_large = fig2.clone();
    too_large.classifiers[0].queries_per_success = boot(1e300, 0.0, f64::MAX);
    assert!(matches!(
        draw_figure2(&too_large, dir.path(), "too-large"),
        Err(PlotError::InvalidValue { .. })
    ));
    // all zero: an axis from 0 to 0 would be empty
    for row in &mut fig2.classifiers {
        row.seconds_per_success = row
            .seconds_per_success
            .map(|_| boot(0.0, 0.0, 0.0).unwrap());
    }
    fig2.classifiers[1].classifier =
        "a classifier with a very long name indeed, too long to fit".into();
    fig2.classifiers[2].classifier = String::new();
    draw_figure2(&fig2, dir.path(), "extreme").unwrap();

    let mut fig3 = figure3(4);
    fig3.classifiers[3] = "<&\"odd\" name>".into();
    let files = draw_figure3(&fig3, dir.path(), "odd").unwrap();
    // the SVG escapes markup in names
    let svg = std::fs::read_to_string(files.svg).unwrap();
    assert!(!svg.contains("<&"), "unescaped name in the SVG");
}

/// Two thresholds × three estimators, spanning 17 decades, with a zero estimate and a
/// missing cell.
fn estimates() -> EstimatesFigure {
    let p = |estimate, lower, upper| {
        Some(EstimatePoint {
            estimate,
            lower,
            upper,
        })
    };
    EstimatesFigure {
        title: "Failure rate by estimator".into(),
        y_label: "failures per accepted completion".into(),
        groups: vec!["0.0434 (quality)".into(), "0.0338 (2%)".into()],
        series: vec!["plain".into(), "importance".into(), "splitting".into()],
        cells: vec![
            vec![
                p(0.025, 0.0195, 0.0315),
                p(0.031, 0.017, 0.047),
                p(0.022, 0.011, 0.043),
            ],
            vec![p(0.027, 0.00068, 0.14), p(0.0, 0.0, 0.73), None],
        ],
        footnote: "Intervals at 95%.".into(),
    }
}

#[test]
fn estimates_draw_on_a_log_scale_with_zeros_at_the_floor() {
    let tmp = tempfile::tempdir().unwrap();
    let mut figure = estimates();
    figure.cells[1][2] = Some(EstimatePoint {
        estimate: 7.6e-18,
        lower: 6.0e-19,
        upper: 1.07e-16,
    });
    let files = draw_estimates(&figure, tmp.path(), "failure_rate").unwrap();
    let svg = std::fs::read_to_string(&files.svg).unwrap();
    // the groups, the legend, the estimates as written by `probability`, and the floor a
    // decade under the smallest positive value (6.0e-19 → 1e-20)
    assert_texts(
        &svg,
        &[
            "Failure rate by estimator",
            "0.0434 (quality)",
            "0.0338 (2%)",
            "plain",
            "importance",
            "splitting",
            "2.5e-2",
            "7.6e-18",
        ],
    );
    assert!(svg.contains("floor 1e-20"), "{svg}");
    let (width, height, pixels) = decode_png(&files.png);
    assert_eq!((width, height), (1200, 640));
    assert!(inked(width, &pixels, 100..500) > 1000);
}

#[test]
fn estimates_bad_input_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path();
    let mut shape = estimates();
    shape.cells[1].pop();
    assert!(matches!(
        draw_estimates(&shape, out, "a"),
        Err(PlotError::Shape(_))
    ));
    let mut above = estimates();
    above.cells[0][1] = Some(EstimatePoint {
        estimate: 0.5,
        lower: 0.1,
        upper: 1.5,
    });
    let error = draw_estimates(&above, out, "a").unwrap_err();
    assert!(error.to_string().contains("importance"), "{error}");
    let mut outside = estimates();
    outside.cells[0][0] = Some(EstimatePoint {
        estimate: 0.5,
        lower: 0.1,
        upper: 0.2,
    });
    assert!(matches!(
        draw_estimates(&outside, out, "a"),
        Err(PlotError::InvalidValue { .. })
    ));
    let mut empty = estimates();
    empty.groups.clear();
    empty.cells.clear();
    assert!(matches!(
        draw_estimates(&empty, out, "a"),
        Err(PlotError::Empty { .. })
    ));
    // nothing was written by any of them
    assert!(listing(out).is_empty(), "{:?}", listing(out));
}
