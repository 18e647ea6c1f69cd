//! The data behind the report's figures: what the plots draw and `results.json` holds.

use metrics::{BootstrapEstimate, RateEstimate};
use serde::{Deserialize, Serialize};

/// Figure 2 of the paper, one bar group per classifier: the effort a fresh tool-assisted
/// attack spent per adversarial example it found, and how egregious those examples were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure2 {
    /// One entry per attacked classifier, in the paper's order (baseline first).
    pub classifiers: Vec<EffortRow>,
}

/// The effort of one attack on one classifier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EffortRow {
    /// The attacked classifier (`baseline`, `+manual`, `+paraphrases`, `+tool-assisted`).
    pub classifier: String,
    /// Seeds attacked, and how many of them gave an adversarial example.
    pub success_rate: RateEstimate,
    /// Queries (live scores, saliency maps, dropdowns) per adversarial example: always
    /// `Σ queries / Σ successes` when something was found, with a bootstrap interval over
    /// seeds that is open above (`upper` = +∞, `null` in JSON) when more than 2.5% of the
    /// resamples hold no success. `None` only when nothing was found (see `spent`).
    pub queries_per_success: Option<BootstrapEstimate>,
    /// Model evaluations (snippets scored) per adversarial example.
    pub evaluations_per_success: Option<BootstrapEstimate>,
    /// Wall-clock seconds per adversarial example.
    pub seconds_per_success: Option<BootstrapEstimate>,
    /// Mean egregiousness (1–10, by the oracle) of the adversarial examples, with a
    /// bootstrap interval over examples.
    pub egregiousness: Option<BootstrapEstimate>,
    /// What the attack spent on all seeds together (what "none found" cost).
    #[serde(default)]
    pub spent: Spent,
}

/// Totals of an attack over all its seeds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Spent {
    /// Queries.
    pub queries: u64,
    /// Model evaluations.
    pub evaluations: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Figure 3 of the paper: the false-negative rate of every classifier on every
/// tool-assisted dataset (the adversarial examples found against each classifier).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure3 {
    /// The datasets, by the classifier they were written against.
    pub datasets: Vec<String>,
    /// The evaluated classifiers.
    pub classifiers: Vec<String>,
    /// `cells[d][c]`: FNR of classifier `c` on the injurious snippets of dataset `d`
    /// (`None` when the dataset holds no injurious snippet), at the attackers' acceptance
    /// threshold. A classifier on the dataset written against it has FNR 1 by
    /// construction (the paper draws those bars faded).
    pub cells: Vec<Vec<Option<RateEstimate>>>,
    /// Each classifier's own threshold, chosen by quality (Table 2), in the order of
    /// `classifiers` (empty in results written before it was added).
    #[serde(default)]
    pub own_thresholds: Vec<f64>,
    /// `cells_at_own_threshold[d][c]`: FNR of classifier `c` on dataset `d` at
    /// `own_thresholds[c]`. A fixed threshold compares classifiers whose scores are
    /// shifted differently (a retrained classifier may score everything lower); at its
    /// own threshold each is compared as it would be deployed. On its own dataset a
    /// classifier's FNR is no longer 1 by construction when its threshold is below the
    /// acceptance threshold.
    #[serde(default)]
    pub cells_at_own_threshold: Vec<Vec<Option<RateEstimate>>>,
}

impl Figure3 {
    /// The same figure with the cells at each classifier's own threshold (for drawing).
    pub fn at_own_threshold(&self) -> Figure3 {
        Figure3 {
            datasets: self.datasets.clone(),
            classifiers: self.classifiers.clone(),
            cells: self.cells_at_own_threshold.clone(),
            own_thresholds: self.own_thresholds.clone(),
            cells_at_own_threshold: Vec::new(),
        }
    }
}
