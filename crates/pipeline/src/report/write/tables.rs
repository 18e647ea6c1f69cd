//! The report's tables: Table 1 (labeled snippets per source), Table 2 (classifiers
//! trained on equal totals) with the filtered generator's injury rates, and §5.2's
//! speed-up of the tools.

use std::fmt::Write as _;

use labels::Summary;
use metrics::{BootstrapEstimate, format_percent};

use super::cells::{boot, effort};
use crate::effort::Speedup;
use crate::evaluation::Table2Row;
use crate::report::paper;
use crate::report::replicates::times;

/// Table 1, ours and the paper's.
pub fn table1(summary: &Summary) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## Table 1: labeled snippets per source\n");
    let _ = writeln!(
        s,
        "Ours (count, % injurious; unsure counted as injurious):\n"
    );
    let _ = writeln!(s, "{}", summary.to_markdown());
    let _ = writeln!(
        s,
        "The paper's:\n\n| dataset | train | validation | test |\n|---|---|---|---|"
    );
    for (d, a, b, c) in paper::TABLE1 {
        let _ = writeln!(s, "| {d} | {a} | {b} | {c} |");
    }

    s
}

/// Table 2, ours beside the paper's.
pub fn table2(rows: &[Table2Row], acceptance: f64) -> String {
    let mut s = String::new();
    let fresh = rows
        .iter()
        .find_map(|r| r.fresh_quality.as_ref())
        .map_or(String::new(), |f| {
            format!(
                " on {} fresh prompts, up to {} attempts each",
                f.prompts, f.attempts
            )
        });
    let _ = writeln!(
        s,
        "\n## Table 2: classifiers trained on equal totals\n\n\
         The threshold is the lowest distinct score of the quality study's completions whose \
         quality lower bound stays above the floor (§5.1); FNR, FPR and ROC AUC are on the \
         in-distribution test set (FNR and FPR at that threshold). **Quality** is measured \
         afresh at the chosen threshold{fresh}, prompts that played no part in choosing it: \
         the filtered generator's completion against an unfiltered one, judged directly \
         (a prompt whose attempts were all rejected counts as a loss); 95% normal interval. \
         *Selection estimate* is the quality-study estimate that chose the threshold, biased \
         upward by that choice. ROC AUC: Mann–Whitney estimate with a 95% interval of \
         Clopper–Pearson form at the smaller class's size (honest when the injurious class \
         is small).\n\n\
         | classifier | threshold | test FNR | test FPR | test ROC AUC | quality | selection estimate | FNR at {} | paper: threshold | paper: FNR | paper: quality |\n\
         |---|---|---|---|---|---|---|---|---|---|---|",
        acceptance
    );
    for row in rows {
        let p = paper::TABLE2.iter().find(|p| p.0 == row.classifier);
        let fresh = match &row.fresh_quality {
            Some(f) => format!(
                "{} [{}, {}]",
                format_percent(f.estimate.estimate),
                format_percent(f.estimate.interval.lower),
                format_percent(f.estimate.interval.upper)
            ),
            None => "—".into(),
        };
        let auc = row.test_auc.as_ref().map_or("—".into(), |a| a.to_string());
        let _ = writeln!(
            s,
            "| {} | {:.4} | {} | {} | {} | {} | {} [{}, {}] | {} | {} | {} | {} |",
            row.classifier,
            row.threshold,
            row.test_fnr,
            row.test_fpr,
            auc,
            fresh,
            format_percent(row.quality.estimate),
            format_percent(row.quality.interval.lower),
            format_percent(row.quality.interval.upper),
            row.test_fnr_at_acceptance,
            p.map_or("", |p| p.1),
            p.map_or("", |p| p.2),
            p.map_or("", |p| p.3),
        );
    }
    // every row whose threshold fell back to the acceptance threshold, by name
    let fell_back: Vec<&Table2Row> = rows
        .iter()
        .filter(|r| !r.threshold_rule.starts_with("lowest"))
        .collect();
    if !fell_back.is_empty() {
        let names: Vec<&str> = fell_back.iter().map(|r| r.classifier.as_str()).collect();
        let _ = writeln!(
            s,
            "\nNote: no candidate met the quality floor for {} of {} classifiers ({}); \
             each uses the acceptance threshold {acceptance} instead:\n",
            fell_back.len(),
            rows.len(),
            names.join(", ")
        );
        for row in fell_back {
            let _ = writeln!(s, "- {}: {}", row.classifier, row.threshold_rule);
        }
    }
    s.push_str(&filter_table(rows));
    s
}

/// The injury rate of the generator with and without each classifier's filter.
pub fn filter_table(rows: &[Table2Row]) -> String {
    let mut s = String::new();
    if rows.iter().all(|r| r.filter.is_none()) {
        return s;
    }
    let _ = writeln!(
        s,
        "\n### The filtered generator\n\n\
         The generator's injury rate on the in-distribution test completions (i.i.d. samples \
         of it), unfiltered and among the completions each classifier accepts at its Table 2 \
         threshold (what rejection sampling lets through), with Clopper–Pearson 95% intervals; \
         the reduction's interval takes both rates at 97.5% (conservative).\n\n\
         | classifier | unfiltered | filtered | reduction |\n|---|---|---|---|"
    );
    for row in rows {
        let Some(f) = &row.filter else {
            let _ = writeln!(s, "| {} | — | — | — |", row.classifier);
            continue;
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} [{}, {}] |",
            row.classifier,
            f.unfiltered,
            f.filtered,
            times(f.reduction),
            times(f.reduction_interval.lower),
            times(f.reduction_interval.upper),
        );
    }
    s
}

/// §5.2's section: attackers with and without the tools.
pub fn speedup(rows: &[Speedup]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n## §5.2: attackers with and without the tools\n\n\
         The same seeds attacked by the tool-assisted policy and by the unaided one (random \
         words, one unsorted suggestion tried at a time, the live score only). A query is \
         one thing a person asks of the interface (a live score, a saliency map, a dropdown \
         of scored suggestions); the paper measured a person's minutes.\n\n\
         | classifier | seeds | queries / example, unaided | with the tools | speed-up (queries) | speed-up (seconds) | paper: minutes unaided | paper: with the tools |\n\
         |---|---|---|---|---|---|---|---|"
    );
    for sp in rows {
        let p = paper::SPEEDUP.iter().find(|p| p.0 == sp.classifier);
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            sp.classifier,
            sp.seeds,
            effort(
                &sp.unaided.queries_per_success,
                1,
                format!("{} queries", sp.unaided.spent.queries)
            ),
            effort(
                &sp.tools.queries_per_success,
                1,
                format!("{} queries", sp.tools.spent.queries)
            ),
            speedup_cell(&sp.query_speedup, sp),
            speedup_cell(&sp.time_speedup, sp),
            p.map_or("", |p| p.1),
            p.map_or("", |p| p.2),
        );
    }

    s
}

/// A speed-up, or why there is none: a side that found nothing makes the ratio 0 or ∞.
fn speedup_cell(b: &Option<BootstrapEstimate>, sp: &Speedup) -> String {
    match (b, sp.unaided.success_rate.k, sp.tools.success_rate.k) {
        (Some(_), _, _) => boot(b, 2),
        (None, 0, 0) => "— (neither found any)".into(),
        (None, 0, _) => "— (none found unaided)".into(),
        (None, _, 0) => "— (none found with the tools)".into(),
        (None, _, _) => "—".into(),
    }
}
