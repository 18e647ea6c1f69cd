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
    /// Queries (live scores, saliency maps, dropdowns) per adversarial example, with a
    /// bootstrap interval over seeds (ratio of means). `None` when nothing was found.
    pub queries_per_success: Option<BootstrapEstimate>,
    /// Model evaluations (snippets scored) per adversarial example.
    pub evaluations_per_success: Option<BootstrapEstimate>,
    /// Wall-clock seconds per adversarial example.
    pub seconds_per_success: Option<BootstrapEstimate>,
    /// Mean egregiousness (1–10, by the oracle) of the adversarial examples, with a
    /// bootstrap interval over examples.
    pub egregiousness: Option<BootstrapEstimate>,
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
    /// (`None` when the dataset holds no injurious snippet). A classifier on the dataset
    /// written against it has FNR 1 by construction (the paper draws those bars faded).
    pub cells: Vec<Vec<Option<RateEstimate>>>,
}
