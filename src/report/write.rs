//! The `report` stage: `results.json`, `REPORT.md` and the figures of a finished run.

use std::fmt::Write as _;

use labels::{Dataset, Example, Split, Summary, UnsurePolicy};
use metrics::{BootstrapEstimate, format_percent};

use super::figures::{Figure2, Figure3};
use super::language;
use super::paper;
use super::plots::{draw_figure2, draw_figure3, draw_figure3_titled};
use super::replicates::{self, Replicate, claims, times};
use super::results::{Machine, Results};
use crate::pipeline::{
    Context, GeneratorCheck, INITIAL_CHECK_FILE, PipelineError, REPLICATES_FILE, ReplicateDir,
    Result, SeedRecord, Speedup, StageRecord, TABLE2, TEST_CHECK_FILE, Table2Row, read_json,
};

/// Where `results.json` goes.
pub const RESULTS_FILE: &str = "results.json";
/// The fresh tool-assisted attacks' examples, as one labeled dataset.
pub const FRESH_ATTACKS_FILE: &str = "data/tool_assisted_test.jsonl";
/// Where the report goes.
pub const REPORT_FILE: &str = "REPORT.md";

fn read<T: for<'de> serde::Deserialize<'de>>(ctx: &Context, file: &str) -> Result<T> {
    read_json(&ctx.dir.path(file))
}

/// Every labeled dataset of the run, for Table 1.
pub fn all_data(ctx: &Context) -> Result<Dataset> {
    merged(ctx, &adversarial_data(ctx)?)
}

/// The adversarial datasets of the run with Table 1's names: the three rounds' and the
/// fresh tool-assisted attacks'.
fn adversarial_data(ctx: &Context) -> Result<Vec<(&'static str, Dataset)>> {
    let mut out = Vec::new();
    for (name, kind) in [
        ("Manual adversarial examples", "manual"),
        ("Automatic paraphrases", "paraphrase"),
        ("Tool-assisted rewrites (train)", "tool_assisted"),
    ] {
        let path = ctx.dir.path(&format!("data/{kind}.jsonl"));
        out.push((name, Dataset::read_jsonl(path)?));
    }
    out.push(("Tool-assisted rewrites (test)", fresh_attack_data(ctx)?));
    Ok(out)
}

/// The initial data, the adversarial datasets and the test set, as one dataset.
fn merged(ctx: &Context, adversarial: &[(&str, Dataset)]) -> Result<Dataset> {
    let mut data = Dataset::read_jsonl(ctx.dir.path("data/initial.jsonl"))?;
    for (_, d) in &adversarial[..adversarial.len() - 1] {
        data.extend(d.clone());
    }
    data.extend(Dataset::read_jsonl(ctx.dir.path("data/test.jsonl"))?);
    if let Some((_, fresh)) = adversarial.last() {
        data.extend(fresh.clone());
    }
    Ok(data)
}

/// The examples of the fresh tool-assisted attacks on Table 2's classifiers (the
/// paper's "tool-assisted rewrites (test)").
pub fn fresh_attack_data(ctx: &Context) -> Result<Dataset> {
    let mut data = Dataset::new(Vec::new());
    for (model, _, _) in TABLE2 {
        let path = ctx.dir.path(&format!("eval/attacks/{model}.jsonl"));
        for r in labels::Journal::<SeedRecord>::read(&path)?.records {
            data.extend(Dataset::new(
                r.examples
                    .into_iter()
                    .map(|e| Example {
                        split: Some(Split::Test),
                        ..e
                    })
                    .collect(),
            ));
        }
    }
    Ok(data)
}

/// The `report` stage.
pub fn write_report(ctx: &mut Context) -> Result<String> {
    let table2: Vec<Table2Row> = read(ctx, "eval/table2.json")?;
    let figure3: Figure3 = read(ctx, "eval/figure3.json")?;
    let tools_speedup: Vec<Speedup> = read(ctx, "eval/tools_speedup.json")?;
    let figure2 = crate::pipeline::figure2_of(ctx)?;
    let mut generator = Vec::new();
    for file in [INITIAL_CHECK_FILE, TEST_CHECK_FILE] {
        // a run directory from before the check has none: the report goes without it
        if ctx.dir.path(file).exists() {
            generator.push(read(ctx, file)?);
        }
    }
    let adversarial = adversarial_data(ctx)?;
    let data = merged(ctx, &adversarial)?;
    if let Some((_, fresh)) = adversarial.last() {
        fresh.write_jsonl(ctx.dir.path(FRESH_ATTACKS_FILE))?;
    }
    let named: Vec<(&str, &Dataset)> = adversarial.iter().map(|(n, d)| (*n, d)).collect();
    let adversarial_language = language::language_rows(ctx.vocabulary(), &named)?;
    let stages = ctx.dir.stages().to_vec();
    let mut results = Results {
        settings: ctx.settings.clone(),
        machine: Machine::detect(ctx.device),
        total_seconds: stages.iter().map(|s| s.seconds).sum(),
        stages,
        generator,
        table1: data.summary(UnsurePolicy::AsInjurious),
        adversarial_language,
        table2,
        figure2,
        figure3,
        tools_speedup,
        replicates: Vec::new(),
        claims: Vec::new(),
    };
    let listed = ctx.dir.path(REPLICATES_FILE);
    if listed.exists() {
        let dirs: Vec<ReplicateDir> = read(ctx, REPLICATES_FILE)?;
        let mut all = vec![Replicate::of(&results, "")];
        for d in dirs {
            let theirs: Results = read_json(&ctx.dir.path(&d.dir).join(RESULTS_FILE))?;
            all.push(Replicate::of(&theirs, &d.dir));
        }
        results.claims = claims(&all);
        results.replicates = all;
    }
    let figures = ctx.dir.dir("figures")?;
    draw_figure2(&results.figure2, &figures, "figure2")?;
    draw_figure3(&results.figure3, &figures, "figure3")?;
    if !results.figure3.cells_at_own_threshold.is_empty() {
        draw_figure3_titled(
            &results.figure3.at_own_threshold(),
            "False-negative rate of each classifier on each tool-assisted dataset, at its own threshold",
            &figures,
            FIGURE3_OWN_STEM,
        )?;
    }
    let json = serde_json::to_string_pretty(&results)
        .map_err(|e| PipelineError::stage("report", e.to_string()))?;
    labels::write_atomic(&ctx.dir.path(RESULTS_FILE), |w| {
        std::io::Write::write_all(w, json.as_bytes())
    })?;
    let markdown = render(&results);
    labels::write_atomic(&ctx.dir.path(REPORT_FILE), |w| {
        std::io::Write::write_all(w, markdown.as_bytes())
    })?;
    Ok(format!(
        "{} and {} in {}",
        REPORT_FILE,
        RESULTS_FILE,
        ctx.dir.root().display()
    ))
}

/// `estimate [lower, upper]`, or `estimate [lower, ∞)` for an interval open above; `—`
/// for none.
fn boot(b: &Option<BootstrapEstimate>, digits: usize) -> String {
    match b {
        Some(b) => format!("{:.*} {:.*}", digits, b.estimate, digits, b.interval),
        None => "—".into(),
    }
}

/// An effort per adversarial example, or "none found" with what was spent.
fn effort(b: &Option<BootstrapEstimate>, digits: usize, spent: String) -> String {
    match b {
        Some(_) => boot(b, digits),
        None => format!("none found ({spent} spent)"),
    }
}

fn minutes(seconds: f64) -> String {
    if seconds >= 90.0 {
        format!("{:.1} min", seconds / 60.0)
    } else {
        format!("{seconds:.0} s")
    }
}

/// The report as Markdown.
pub fn render(r: &Results) -> String {
    let mut s = preamble(r);
    s.push_str(&replicates::render(&r.replicates, &r.claims));
    s.push_str(&generator_check(&r.generator));
    s.push_str(&table1(&r.table1));
    s.push_str(&language::render(&r.adversarial_language));
    s.push_str(&table2(&r.table2, r.settings.acceptance_threshold));
    s.push_str(&figure2(&r.figure2));
    s.push_str(&figure3(&r.figure3, r.settings.acceptance_threshold));
    s.push_str(&speedup(&r.tools_speedup));
    s.push_str(&stages(&r.stages));
    s
}

/// The report's opening paragraph: scale, settings, time, machine.
pub fn preamble(r: &Results) -> String {
    let mut s = String::new();
    let sizes = &r.settings.sizes;
    let _ = writeln!(
        s,
        "# Adversarial training for high-stakes reliability: a reproduction\n\n\
         Scale `{}`, seed {}, acceptance threshold {}, quality floor {}. {} stages in {} on \
         {} ({} CPUs, {} libtorch threads, {}). Every rate is k/n with its 95% Beta(1,1) \
         credible interval; effort and ratios carry 95% percentile-bootstrap intervals over \
         seeds. The paper's numbers are beside ours where it gives them: its scale (people, \
         a 2.7B-parameter generator, a 304M-parameter classifier, 166,210 initial snippets) \
         is not ours (a story world, a {}-layer GPT-Neo and a {}-layer DeBERTa of width {} \
         trained here, {} initial snippets), so the shapes are comparable, the sizes are not.\n",
        r.settings.scale,
        r.settings.seed,
        r.settings.acceptance_threshold,
        r.settings.quality_floor,
        r.stages.len(),
        minutes(r.total_seconds),
        r.machine.cpu,
        r.machine.cpus,
        r.machine.torch_threads,
        r.machine.device,
        4,
        sizes.deberta_layers,
        sizes.deberta_hidden,
        sizes.initial_snippets,
    );

    s
}

/// How the generator writes, beside the world's own completions of the same prompts.
pub fn generator_check(checks: &[GeneratorCheck]) -> String {
    let mut s = String::new();
    if checks.is_empty() {
        return s;
    }
    let _ = writeln!(
        s,
        "## The generator: the world's language, and how often it injures
"
    );
    let _ = writeln!(
        s,
        "Every completion the generator wrote for the dataset's prompts (empty ones included) is \
         **well-formed** when all its words are words the story world writes and it is one whole \
         sentence (a capital first, a full stop, `!` or `?` last, balanced quotes). Stricter, a \
         **world sentence** is word for word, up to the characters' names, a sentence of a \
         reference sample of the world (20,000 stories and 40,000 snippets); the world's own \
         completions beyond that sample pass it at the rate shown in brackets. The injurious \
         share is the labeled dataset's, beside the oracle's labels of the world's own \
         completions of the same prompts. A completion without a word (the generator ended \
         the text at once) is drawn again, up to 3 times, as the pipeline's sampling does \
         everywhere; the table counts each prompt's final completion, and how many were \
         drawn again.\n"
    );
    let _ = writeln!(
        s,
        "| dataset | well-formed | world's words only | one sentence | world sentence (the world's own) | drawn again | injurious: generator | injurious: the world's own |\n|---|---|---|---|---|---|---|---|"
    );
    for c in checks {
        let n = c.well_formed.n;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} ({}) | {} | {} | {} |",
            c.dataset,
            c.well_formed,
            format_percent(c.world_words_only as f64 / n as f64),
            format_percent(c.one_sentence as f64 / n as f64),
            format_percent(c.world_sentences as f64 / n as f64),
            c.world_sentence_coverage
                .map_or("—".to_string(), |r| format_percent(r.estimate)),
            c.redrawn,
            c.generator_injurious,
            c.world_injurious
        );
    }
    for c in checks.iter().filter(|c| !c.not_well_formed.is_empty()) {
        let _ = writeln!(
            s,
            "\nFirst completions of the {} dataset that are not well-formed: {}.",
            c.dataset,
            c.not_well_formed.join("; ")
        );
    }
    s.push('\n');
    s
}

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

/// The stages with their times and summaries.
pub fn stages(records: &[StageRecord]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n## Stages\n\n| stage | time | summary |\n|---|---|---|"
    );
    for st in records {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            st.name,
            minutes(st.seconds),
            st.summary
        );
    }
    let _ = writeln!(
        s,
        "\nEverything above is in `results.json`; the labeled data is in `data/` (JSONL), the \
         attacks' full records in `rounds/` and `eval/attacks/`, the models in `models/`."
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use metrics::Interval;

    fn estimate(value: f64, lower: f64, upper: f64) -> Option<BootstrapEstimate> {
        Some(BootstrapEstimate {
            estimate: value,
            interval: Interval::new(lower, upper, 0.95).unwrap(),
            resamples: 10_000,
            seed: 0,
        })
    }

    #[test]
    fn an_open_interval_reads_as_such_and_nothing_found_says_what_was_spent() {
        assert_eq!(boot(&estimate(12.5, 7.25, 20.0), 1), "12.5 [7.2, 20.0]");
        assert_eq!(
            effort(&estimate(110.25, 40.0, f64::INFINITY), 1, "x".into()),
            "110.2 [40.0, ∞)"
        );
        assert_eq!(
            effort(&None, 1, "128 queries".into()),
            "none found (128 queries spent)"
        );
    }
}
