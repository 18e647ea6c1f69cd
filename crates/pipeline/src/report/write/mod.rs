//! The `report` stage: `results.json`, `REPORT.md` and the figures of a finished run.
//!
//! This module gathers the run's data and writes the files; [`render`](mod@render) turns
//! the results into Markdown, from the sections of [`tables`] and [`figure_sections`] and
//! the numbers formatted by [`cells`].

mod cells;
mod figure_sections;
mod render;
mod tables;

use labels::{Dataset, Example, Split, UnsurePolicy};

use super::figures::Figure3;
use super::language;
use super::plots::{draw_figure2, draw_figure3, draw_figure3_titled};
use super::replicates::{Replicate, claims};
use super::results::{Machine, Results};
use crate::attack_journal::SeedRecord;
use crate::context::Context;
use crate::data::{INITIAL_CHECK_FILE, TEST_CHECK_FILE};
use crate::effort::Speedup;
use crate::error::{PipelineError, Result};
use crate::evaluation::{TABLE2, Table2Row};
use crate::replicates::{REPLICATES_FILE, ReplicateDir};
use crate::run_dir::read_json;
use figure_sections::FIGURE3_OWN_STEM;
pub use figure_sections::{figure2, figure3};
pub use render::{preamble, render, stages};
pub use tables::{speedup, table1, table2};

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
    let figure2 = crate::effort::figure2(ctx)?;
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
