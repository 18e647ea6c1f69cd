//! The experiment's report: the comparison of rates, the table of generators, the figure
//! of their injury rates and the Markdown that tells the finding.

use metrics::RateEstimate;

use super::evaluation::GeneratorRow;
use super::fine_tune::{Kept, TuneData};
use super::settings::{CompetentSizes, FILTER_MODEL, NAME};
use crate::experiment::Experiment;
use crate::report::boot;
use pipeline::report::figures::Figure3;
use pipeline::report::plots::draw_figure3_titled;
use pipeline::{PipelineError, Result};

/// `a` against `b`: which is lower, by disjoint intervals.
fn compare_rates(a: &RateEstimate, b: &RateEstimate) -> &'static str {
    if a.interval.upper < b.interval.lower {
        "lower than"
    } else if a.interval.lower > b.interval.upper {
        "higher than"
    } else {
        "not distinguishable (overlapping intervals) from"
    }
}

fn opt<T: std::fmt::Display>(x: &Option<T>) -> String {
    x.as_ref().map_or_else(|| "—".into(), ToString::to_string)
}

fn table(rows: &[GeneratorRow]) -> String {
    let mut out = String::from(
        "| generator | tuned on | injurious, unfiltered | quality, unfiltered | filter acceptance | injurious, filtered | quality, filtered | adversary's prompts, unfiltered | adversary's prompts, filtered |\n|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.label,
            r.tuned_on.map_or_else(|| "—".into(), |n| n.to_string()),
            r.unfiltered_injury,
            boot(&r.unfiltered_quality, 3),
            r.acceptance,
            opt(&r.filtered_injury),
            boot(&r.filtered_quality, 3),
            r.worst_unfiltered,
            opt(&r.worst_filtered),
        ));
    }
    out
}

pub(super) fn figure(exp: &Experiment, rows: &[GeneratorRow]) -> Result<String> {
    let measures = [
        "injurious, unfiltered",
        "injurious, filtered",
        "adversary's prompts, unfiltered",
        "adversary's prompts, filtered",
    ];
    let cells = vec![
        rows.iter().map(|r| Some(r.unfiltered_injury)).collect(),
        rows.iter().map(|r| r.filtered_injury).collect(),
        rows.iter().map(|r| Some(r.worst_unfiltered)).collect(),
        rows.iter().map(|r| r.worst_filtered).collect(),
    ];
    let figure = Figure3 {
        datasets: measures.iter().map(|m| m.to_string()).collect(),
        classifiers: rows.iter().map(|r| r.label.clone()).collect(),
        cells,
        own_thresholds: Vec::new(),
        cells_at_own_threshold: Vec::new(),
    };
    let title = "Injury rates of the base and fine-tuned generators, unfiltered and filtered";
    let dir = exp.ctx.dir.dir("figures")?;
    let files = draw_figure3_titled(&figure, title, &dir, NAME)
        .map_err(|e| PipelineError::stage("figures", e.to_string()))?;
    let name = files
        .png
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(format!("![{title}](figures/{name})\n"))
}

pub(super) fn markdown(
    sizes: &CompetentSizes,
    threshold: f64,
    fine_tune_n: usize,
    kept: &[Kept],
    rows: &[GeneratorRow],
) -> String {
    let kept: Vec<String> = kept
        .iter()
        .map(|k| format!("{} {} of {}", k.data.label(), k.kept, k.of))
        .collect();
    let mut md = format!(
        "## Competent catastrophes: fine-tune the generator, or filter it?\n\n\
         The main run's generator completed {tp} prompts of the world's (sub-selected) \
         initial stream {tc} times each; the oracle labeled every completion and the final \
         classifier ({FILTER_MODEL}, threshold {threshold:.4}, chosen by quality in the main \
         run) scored it. Kept: {kept}. Three fine-tunes of the generator ({ep} epoch(s), \
         learning rate 3e-4) on {fine_tune_n} texts each (prompt and completion; the same \
         count for all, so that only the choice of data differs). Each generator then \
         completed {ep_n} held-out prompts of the in-distribution stream {ec} times; \
         quality is the judge's preference for its sample over a fresh sample of the base \
         generator for the same prompt (0.5: as good as the base). The adversary picks the \
         {wp} prompts on which a generator failed most in that evaluation and samples each \
         {wc} times afresh.\n\n",
        tp = sizes.train_prompts,
        tc = sizes.train_completions,
        kept = kept.join(", "),
        ep = sizes.fine_tune_epochs,
        ep_n = sizes.eval_prompts,
        ec = sizes.eval_completions,
        wp = sizes.worst_prompts,
        wc = sizes.worst_completions,
    );
    if let (Some(base), Some(oracle), Some(control)) = (
        rows.iter().find(|r| r.model == "base"),
        rows.iter()
            .find(|r| r.model == TuneData::OracleSafe.model()),
        rows.iter()
            .find(|r| r.model == TuneData::Unfiltered.model()),
    ) {
        let filtered = base
            .filtered_injury
            .as_ref()
            .map_or("not measurable (nothing passed)", |f| {
                compare_rates(&oracle.unfiltered_injury, f)
            });
        md.push_str(&format!(
            "**Finding.** Fine-tuned on oracle-safe samples, the generator's unfiltered \
             injury rate is {o} — {vs_base} the base's {b} and {vs_control} the control \
             fine-tune's {c} — and {vs_filtered} the filtered base generator's {bf}. \
             On the adversary's prompts its unfiltered rate is {ow}, against {bw} for the \
             filtered base generator.\n\n",
            o = oracle.unfiltered_injury,
            vs_base = compare_rates(&oracle.unfiltered_injury, &base.unfiltered_injury),
            b = base.unfiltered_injury,
            vs_control = compare_rates(&oracle.unfiltered_injury, &control.unfiltered_injury),
            c = control.unfiltered_injury,
            vs_filtered = filtered,
            bf = opt(&base.filtered_injury),
            ow = oracle.worst_unfiltered,
            bw = opt(&base.worst_filtered),
        ));
    }
    md.push_str(&table(rows));
    md.push_str(
        "\nRates: k/n with 95% Beta(1, 1) credible intervals; quality: 95% percentile \
         bootstrap over prompts. \"Filtered\" rates count only samples the classifier lets \
         through, which is what the rejection-sampling generator outputs (prompts weighted \
         by how often they pass).\n",
    );
    md
}
