//! The sections of Figures 2 and 3: each image with its numbers (Figure 3's as a dataset
//! × classifier matrix of rates).

use std::fmt::Write as _;

use super::cells::{boot, effort};
use crate::report::figures::{Figure2, Figure3};
use crate::report::paper;

/// Figure 2's section: the image and its numbers.
pub fn figure2(figure: &Figure2) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n## Figure 2: effort per adversarial example, and egregiousness\n\n\
         A fresh tool-assisted attack (the automatic tool-assisted policy) on each classifier \
         from the same {} injurious test snippets, which every classifier flags.\n\n\
         ![Figure 2](figures/figure2.png)\n\n\
         | classifier | seeds broken | queries / example | evaluations / example | seconds / example | egregiousness (1–10) |\n\
         |---|---|---|---|---|---|",
        figure.classifiers.first().map_or(0, |c| c.success_rate.n)
    );
    for row in &figure.classifiers {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} |",
            row.classifier,
            row.success_rate,
            effort(
                &row.queries_per_success,
                1,
                format!("{} queries", row.spent.queries)
            ),
            effort(
                &row.evaluations_per_success,
                0,
                format!("{} evaluations", row.spent.evaluations)
            ),
            effort(
                &row.seconds_per_success,
                2,
                format!("{:.1} s", row.spent.seconds)
            ),
            boot(&row.egregiousness, 1),
        );
    }
    let _ = writeln!(
        s,
        "\nEffort is Σ cost / Σ adversarial examples over the seeds whenever one was found; \
         its 95% bootstrap interval resamples seeds, and a resample without an adversarial \
         example counts as infinitely costly per example, so when more than 2.5% of the \
         resamples found none the interval is open above, `[lower, ∞)`; with none found at \
         all, the row says what the attack spent."
    );
    let _ = writeln!(s, "\nThe paper: {}.", paper::FIGURE2);

    s
}

/// Figure 3's section: the images and their matrices, at the acceptance threshold and
/// at each classifier's own threshold.
pub fn figure3(figure: &Figure3, acceptance: f64) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n## Figure 3: every classifier on every tool-assisted dataset\n\n\
         FNR at the acceptance threshold {} on the adversarial examples found against each \
         classifier (rows); on its own dataset a classifier's FNR is 1 by construction.\n\n\
         ![Figure 3](figures/figure3.png)\n",
        acceptance
    );
    rate_matrix(&mut s, figure, &figure.cells);
    if !figure.cells_at_own_threshold.is_empty() {
        let thresholds: Vec<String> = figure
            .classifiers
            .iter()
            .zip(&figure.own_thresholds)
            .map(|(c, t)| format!("{c} {t:.4}"))
            .collect();
        let _ = writeln!(
            s,
            "\nThe same at each classifier's own threshold, chosen by quality as in Table 2 \
             ({}). A fixed threshold compares classifiers whose scores are shifted \
             differently (a retrained classifier may score everything lower); here each is \
             measured as it would be deployed. Below the acceptance threshold a classifier \
             also catches some of the examples written against it.\n\n\
             ![Figure 3 at each classifier's own threshold](figures/{FIGURE3_OWN_STEM}.png)\n",
            thresholds.join(", ")
        );
        rate_matrix(&mut s, figure, &figure.cells_at_own_threshold);
    }
    let _ = writeln!(s, "\nThe paper: {}.", paper::FIGURE3);

    s
}

/// The file stem of Figure 3 at each classifier's own threshold.
pub const FIGURE3_OWN_STEM: &str = "figure3_own_threshold";

/// A dataset × classifier table of rates.
fn rate_matrix(s: &mut String, figure: &Figure3, cells: &[Vec<Option<metrics::RateEstimate>>]) {
    let _ = write!(s, "| dataset \\ classifier |");
    for c in &figure.classifiers {
        let _ = write!(s, " {c} |");
    }
    let _ = write!(s, "\n|---|");
    for _ in &figure.classifiers {
        let _ = write!(s, "---|");
    }
    let _ = writeln!(s);
    for (d, row) in figure.datasets.iter().zip(cells) {
        let _ = write!(s, "| against {d} |");
        for cell in row {
            match cell {
                Some(rate) => {
                    let _ = write!(s, " {rate} |");
                }
                None => {
                    let _ = write!(s, " — |");
                }
            }
        }
        let _ = writeln!(s);
    }
}
