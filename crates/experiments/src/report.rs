//! An experiment's report: its Markdown section, its numbers as JSON and its figures,
//! written into the experiment's directory.

use metrics::BootstrapEstimate;
use serde::Serialize;

use super::fresh::{FreshAttack, OwnThreshold};
use crate::experiment::Experiment;
use pipeline::report::figures::{EffortRow, Figure2};
use pipeline::report::plots::draw_figure2_titled;
use pipeline::{Result, Table2Row, write_json};

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

/// The report's paragraph and table on `own` (the attack described as `attack`, e.g. "the
/// fresh tool-assisted attack").
pub fn own_threshold_section(own: &OwnThreshold, attack: &str) -> String {
    if own.attacks.is_empty() {
        return format!(
            "**At each classifier's own threshold.** No held-out injurious test snippet is \
             flagged by every classifier at its own quality-chosen threshold, so {attack} at \
             those thresholds could not run.\n\n"
        );
    }
    let each: Vec<String> = own
        .attacks
        .iter()
        .zip(&own.thresholds)
        .map(|(a, t)| {
            format!(
                "{} (under {t:.4}) {}, {} queries per success",
                a.classifier,
                a.effort.success_rate,
                boot(&a.effort.queries_per_success, 1)
            )
        })
        .collect();
    let mut md = format!(
        "**At each classifier's own threshold.** A classifier's scores can move as a whole in \
         training, which an attack at the fixed acceptance threshold reads as robustness. \
         {attack}, now getting each classifier under its own quality-chosen threshold, on {} \
         held-out injurious test snippets that every classifier flags at its own threshold, \
         broke: {}.\n\n",
        own.seeds,
        each.join("; ")
    );
    md.push_str(&effort_table(&own.attacks));
    md.push('\n');
    md
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
        .map_err(|e| pipeline::PipelineError::stage("figures", e.to_string()))?;
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
