//! The main job: the paper's whole pipeline on the embedded default (or on real
//! checkpoints), as resumable stages in a run directory.
//!
//! 1. `corpus`, `generator`, `masked_lm`: the story corpus, a small GPT-Neo trained on it,
//!    a small DeBERTa pre-trained on it as a masked LM.
//! 2. `test_set`, `quality_study`, `fresh_quality`: the evaluation sets, generator
//!    completions of prompts no classifier trains on (they depend on the generator
//!    alone).
//! 3. `initial_data`: generator completions of the world's prompts, labeled by two
//!    simulated contractors and a tie-breaking oracle, and checked against the world's
//!    language ([`GeneratorCheck`]); `baseline` is trained on it.
//! 4. Three rounds (manual, paraphrases, tool-assisted), each attacking the classifier
//!    trained on everything so far, with a retrain half way.
//! 5. Table 2's four classifiers on equal totals.
//! 6. `evaluate`: threshold by quality on the study, test FNR, FPR and ROC AUC, and the
//!    quality at that threshold measured afresh on prompts that did not choose it.
//! 7. Fresh tool-assisted attacks on each classifier (Figures 2 and 3) and the unaided
//!    attacker on the same seeds (§5.2).
//! 8. `report`: `REPORT.md`, `results.json` and the figures.
//!
//! Every stage records itself in `manifest.json` when it finishes; a rerun skips the
//! finished ones, and attacks and labels are journaled as they happen.
//!
//! # Replicates
//!
//! With [`RunOptions::replicates`] = N > 1, [`run`] runs steps 3–8 again in
//! `replicates/1/` … `replicates/N-1/`, each on its own seed
//! ([`Settings::replicate_seed`]) and sharing the main run's models and evaluation sets
//! ([`SHARED_STAGES`]); the main run's report then gives every replicate's Table 2,
//! Figure 2 and §5.2, and says which claims hold on all of them.

#![deny(missing_docs)]

mod attacking;
mod context;
mod data;
mod effort;
mod error;
mod evaluation;
pub mod filter;
mod fluency;
mod models;
mod replicates;
pub mod report;
mod rounds;
mod run_dir;
mod scale;
mod settings;
pub mod steps;
mod training;

use std::path::Path;
use std::time::Instant;

pub use attacking::{AttackKind, Attacker, SeedRecord};
pub use attacking::{Suggestions, attack_seeds};
pub use context::Context;
pub use data::{INITIAL_CHECK_FILE, QualityPrompt, QualityStudy, TEST_CHECK_FILE};
pub use data::{INITIAL_FILE, TEST_FILE, load, load_fresh_quality, load_quality};
pub use effort::effort_row;
pub use effort::{FIGURE3_FILE, SPEEDUP_FILE, Speedup, figure2 as figure2_of};
pub use error::{PipelineError, Result};
pub use evaluation::{FreshQuality, TABLE2, TABLE2_FILE, Table2Row, test_auc};
pub use evaluation::{evaluate_classifier, score_all};
pub use fluency::{GeneratorCheck, WorldReference};
pub use models::{GENERATOR_DIR, MASKED_LM_DIR};
pub use models::{TOP_P, generation_config};
pub use models::{load_corpus, load_generator, load_masked_lm};
pub use replicates::{REPLICATES_DIR, REPLICATES_FILE, ReplicateDir, SHARED_STAGES, replicate_dir};
pub use run_dir::{
    MANIFEST_FILE, MANIFEST_FORMAT, Manifest, RunDir, StageRecord, read_json, save_dir_atomically,
    write_json,
};
pub use scale::{Scale, Sizes};
pub use settings::Settings;
pub use training::load_classifier;

/// How to run (what does not change the results).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Remove a previous run in the directory first.
    pub fresh: bool,
    /// Draw progress bars (on a terminal).
    pub progress: bool,
    /// Print one line per stage.
    pub verbose: bool,
    /// How many times [`run`] runs the experiment, on as many seeds (0 and 1: the main
    /// run alone): see [`replicates`](self#replicates).
    pub replicates: u32,
}

type StageFn = Box<dyn Fn(&mut Context) -> Result<String>>;

/// The stages, in order.
fn stages() -> Vec<(String, StageFn)> {
    let mut s: Vec<(String, StageFn)> = vec![
        ("corpus".into(), Box::new(models::corpus)),
        ("generator".into(), Box::new(models::generator)),
        ("masked_lm".into(), Box::new(models::masked_lm)),
        // the evaluation sets depend on the generator alone: made once, before any
        // classifier, they are shared by every replicate
        ("test_set".into(), Box::new(data::test_set)),
        ("quality_study".into(), Box::new(data::quality_study)),
        ("fresh_quality".into(), Box::new(data::fresh_quality)),
        ("initial_data".into(), Box::new(data::initial_data)),
        ("baseline".into(), Box::new(rounds::baseline)),
    ];
    for kind in rounds::ROUNDS {
        let name = attacking::name_of(kind);
        s.push((
            format!("{name}_half1"),
            Box::new(move |ctx| rounds::round_half(ctx, kind, 1)),
        ));
        s.push((
            format!("{name}_retrain_mid"),
            Box::new(move |ctx| rounds::retrain(ctx, kind, false)),
        ));
        s.push((
            format!("{name}_half2"),
            Box::new(move |ctx| rounds::round_half(ctx, kind, 2)),
        ));
        s.push((
            format!("{name}_data"),
            Box::new(move |ctx| rounds::round_data(ctx, kind)),
        ));
        if rounds::end_target(kind).is_some() {
            s.push((
                format!("{name}_retrain_end"),
                Box::new(move |ctx| rounds::retrain(ctx, kind, true)),
            ));
        }
    }
    for (index, (model, _, _)) in TABLE2.iter().enumerate().skip(1) {
        s.push((
            format!("table2_{model}"),
            Box::new(move |ctx| evaluation::table2_classifier(ctx, index)),
        ));
    }
    s.push(("evaluate".into(), Box::new(evaluation::evaluate)));
    s.push(("attack_seeds".into(), Box::new(effort::choose_seeds)));
    for (index, (model, _, _)) in TABLE2.iter().enumerate() {
        s.push((
            format!("attack_{model}"),
            Box::new(move |ctx| {
                let n = ctx.settings.sizes.evaluation_seeds;
                effort::fresh_attack(ctx, index, AttackKind::ToolAssisted, n)
            }),
        ));
    }
    for index in [0, TABLE2.len() - 1] {
        s.push((
            format!("unaided_{}", TABLE2[index].0),
            Box::new(move |ctx| {
                let n = ctx.settings.sizes.speedup_seeds;
                effort::fresh_attack(ctx, index, AttackKind::Unaided, n)
            }),
        ));
    }
    s.push(("figure3".into(), Box::new(effort::figure3)));
    s.push(("tools_speedup".into(), Box::new(effort::tools_speedup)));
    s.push(("report".into(), Box::new(report::write_report)));
    s
}

/// The names of the stages, in order.
pub fn stage_names() -> Vec<String> {
    stages().into_iter().map(|(name, _)| name).collect()
}

/// Runs (or resumes) the pipeline in `out`, then its replicates (in
/// `out/replicates/k/`, when `options.replicates > 1`), and returns the main run's
/// context. The main run's report covers the replicates.
pub fn run(settings: Settings, out: &Path, options: &RunOptions) -> Result<Context> {
    let mut main = run_until(settings.clone(), out, options, None)?;
    let done = (1..options.replicates.max(1))
        .map(|k| replicates::run_replicate(&main, &settings, k, options))
        .collect::<Result<Vec<_>>>()?;
    let had = main.dir.path(REPLICATES_FILE).exists();
    replicates::record(&main.dir, &done)?;
    if had || !done.is_empty() {
        // the report (the main run's last stage) again, now with the replicates
        report::write_report(&mut main)?;
    }
    Ok(main)
}

/// Runs (or resumes) the pipeline in `out` up to and with stage `last` (all of it when
/// `None`): what an example that shows one table or figure needs.
pub fn run_until(
    settings: Settings,
    out: &Path,
    options: &RunOptions,
    last: Option<&str>,
) -> Result<Context> {
    if let Some(last) = last
        && !stage_names().iter().any(|s| s == last)
    {
        return Err(PipelineError::Setting(format!(
            "there is no stage {last:?}"
        )));
    }
    settings.validate().map_err(PipelineError::Setting)?;
    let dir = RunDir::open(out, &settings, options.fresh)?;
    let device = classifier::default_device();
    let mut ctx = Context::new(settings, dir, device, options.progress)?;
    let all = stages();
    let count = all.len();
    for (i, (name, stage)) in all.into_iter().enumerate() {
        if let Some(done) = ctx.dir.finished(&name) {
            if options.verbose {
                println!(
                    "[{:>2}/{count}] {name}: done before ({:.0} s): {}",
                    i + 1,
                    done.seconds,
                    done.summary
                );
            }
            if last == Some(name.as_str()) {
                break;
            }
            continue;
        }
        let clock = Instant::now();
        let summary = stage(&mut ctx)?;
        let seconds = clock.elapsed().as_secs_f64();
        if options.verbose {
            println!("[{:>2}/{count}] {name} ({seconds:.0} s): {summary}", i + 1);
        }
        ctx.dir.finish(&name, seconds, summary)?;
        if last == Some(name.as_str()) {
            break;
        }
    }
    Ok(ctx)
}
