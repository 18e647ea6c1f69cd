//! An experiment's report: its Markdown section, its numbers as JSON and its figures,
//! written into the experiment's directory.

use metrics::BootstrapEstimate;
use serde::Serialize;

use super::Experiment;
use super::fresh::FreshAttack;
use crate::pipeline::{Result, Table2Row, write_json};
use crate::report::figures::{EffortRow, Figure2};
use crate::report::plots::draw_figure2_titled;

/// What an experiment produced.
#[derive(Debug, Clone, PartialEq)]
pub struct ExperimentReport {
    /// Its section of the report (Markdown, figures linked relative to the directory).
    pub markdown: String,
    /// Every number behind it.
    pub results: serde_json::Value,
}

impl ExperimentReport {
    /// Writes `REPORT.md` and `results.json` into the experiment's directory.
    pub fn write(&self, exp: &Experiment) -> Result<()> {
        let markdown = self.markdown.as_bytes();
        labels::write_atomic(&exp.ctx.dir.path("REPORT.md"), |w| {
            std::io::Write::write_all(w, markdown)
        })?;
        write_json(&exp.ctx.dir.path("results.json"), &self.results)
    }
}

/// `estimate [lower, upper]` to `digits` decimals, or `—`.
pub fn boot(b: &Option<BootstrapEstimate>, digits: usize) -> String {
    match b {
        Some(b) => format!("{b:.digits$}"),
        None => "—".into(),
    }
}

/// The effort table of fresh attacks: one row per attack and classifier.
pub fn effort_table(rows: &[FreshAttack]) -> String {
    let mut out = String::from(
        "| attack | classifier | seeds broken | queries per success | egregiousness of successes | seeds with an injury of egregiousness ≥ 7 |\n|---|---|---|---|---|---|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            r.attack,
            r.classifier,
            r.effort.success_rate,
            boot(&r.effort.queries_per_success, 1),
            boot(&r.egregiousness_all, 2),
            r.egregious_failures
        ));
    }
    out
}

/// Table 2's columns for the experiment's classifiers.
pub fn test_table(rows: &[Table2Row]) -> String {
    let mut out = String::from(
        "| classifier | threshold (by quality) | test FNR | test FPR | test FNR at the acceptance threshold |\n|---|---|---|---|---|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {:.4} | {} | {} | {} |\n",
            r.classifier, r.threshold, r.test_fnr, r.test_fpr, r.test_fnr_at_acceptance
        ));
    }
    out
}

/// Draws the effort of `rows` (one bar per row) as `{stem}.svg`/`.png` in the experiment's
/// `figures/`; returns the Markdown that shows it.
pub fn effort_figure(
    exp: &Experiment,
    rows: Vec<EffortRow>,
    title: &str,
    stem: &str,
) -> Result<String> {
    let dir = exp.ctx.dir.dir("figures")?;
    let files = draw_figure2_titled(&Figure2 { classifiers: rows }, title, &dir, stem)
        .map_err(|e| crate::pipeline::PipelineError::stage("figures", e.to_string()))?;
    let name = files
        .png
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(format!("![{title}](figures/{name})\n"))
}

/// Serializes anything the report holds.
pub fn json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
