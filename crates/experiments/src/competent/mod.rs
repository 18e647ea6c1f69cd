//! "Competent catastrophes" (the authors' look back): instead of (or beside) filtering
//! the generator's output with a classifier, fine-tune the generator itself so that it
//! rarely writes injuries. Three fine-tunes of the main run's generator on its own
//! completions of the same prompts, the same number of texts each:
//!
//! - on every completion (the control: what fine-tuning on its own samples does alone);
//! - on the completions the final classifier lets through (rejection sampling with the
//!   filter: no labels needed);
//! - on the completions the oracle calls safe (rejection sampling with perfect labels).
//!
//! Each generator, and the base, is then measured on held-out prompts: the injury rate of
//! its unfiltered samples, their quality against the base generator's, the injury rate
//! once filtered by the same classifier, and how attackable each is by an adversary who
//! chooses prompts: the prompts on which it failed most in the evaluation, sampled afresh.
//!
//! `settings` holds the experiment's name, filter and sizes; `sampling` samples and
//! judges completions; `fine_tune` chooses the fine-tuning data; `evaluation` measures
//! each generator; `rendering` writes the report's table, figure and text. This module
//! runs the stages.

mod evaluation;
mod fine_tune;
mod rendering;
mod sampling;
mod settings;

use generator::{TrainingConfig, train_causal_lm};
use serde::Serialize;

use super::report::{ExperimentReport, json};
use crate::experiment::Experiment;
pub use evaluation::GeneratorRow;
use evaluation::{filter_threshold, row, worst_prompts};
use fine_tune::fine_tune_texts;
pub use fine_tune::{Kept, TuneData};
use pipeline::{PipelineError, Result, load_generator, save_dir_atomically};
use rendering::{figure, markdown};
pub use sampling::{Sample, SampleSet};
use sampling::{generator_path, load_samples, sample_and_judge, summary_of};
pub use settings::{CompetentSizes, FILTER_MODEL, NAME};

/// Where the fine-tuning prompts start in the world's initial stream (far past anything
/// the main run uses).
const TRAIN_PROMPTS_START: u64 = 1_000_000;

/// Where the evaluation prompts start in the world's in-distribution stream.
const EVAL_PROMPTS_START: u64 = 1_000_000;

#[derive(Serialize)]
struct Results<'a> {
    sizes: CompetentSizes,
    filter_model: &'a str,
    threshold: f64,
    fine_tune_texts: usize,
    kept: &'a [Kept],
    generators: &'a [GeneratorRow],
}

/// Runs (or resumes) the experiment and writes its report.
pub fn run(exp: &mut Experiment) -> Result<ExperimentReport> {
    let sizes = CompetentSizes::of(exp.ctx.settings.scale);
    let threshold = filter_threshold(exp)?;
    exp.stage(&format!("{NAME}_train_samples"), |exp| {
        let prompts = (0..sizes.train_prompts as u64)
            .map(|i| {
                exp.ctx
                    .world
                    .snippet(TRAIN_PROMPTS_START + i)
                    .snippet
                    .prompt
            })
            .collect();
        let set = sample_and_judge(exp, "base", prompts, sizes.train_completions, "train")?;
        Ok(summary_of(&set, threshold))
    })?;
    let train = load_samples(exp, "train")?;
    let (texts, kept) = fine_tune_texts(exp, &train, threshold);
    let fine_tune_n = texts.first().map_or(0, Vec::len);
    for (data, texts) in TuneData::ALL.iter().zip(&texts) {
        exp.stage(&format!("{NAME}_fine_tune_{}", data.model()), |exp| {
            let held_out = (texts.len() / 20).max(1);
            if texts.len() < held_out + 1 {
                return Err(PipelineError::stage(
                    NAME,
                    format!("{} fine-tuning texts: too few", texts.len()),
                ));
            }
            let (validation, train) = texts.split_at(held_out);
            let mut generator = load_generator(&exp.base)?;
            let config = TrainingConfig {
                epochs: sizes.fine_tune_epochs,
                learning_rate: 3e-4,
                seed: exp.ctx.seed_of("competent fine-tune"),
                ..TrainingConfig::default()
            };
            let report = train_causal_lm(&mut generator, train, validation, &config, &mut |_| {})?;
            exp.ctx.dir.dir("models/generators")?;
            save_dir_atomically(&generator_path(exp, data.model()), |tmp| {
                Ok(generator.save_pretrained(tmp)?)
            })?;
            Ok(format!(
                "{} texts, validation perplexity {:.2} → {:.2} (best epoch {})",
                train.len(),
                report.initial_validation_perplexity,
                report.best_validation_perplexity,
                report.best_epoch
            ))
        })?;
    }
    let eval_prompts: Vec<String> = (0..sizes.eval_prompts as u64)
        .map(|i| {
            exp.ctx
                .world
                .test_snippet(EVAL_PROMPTS_START + i)
                .snippet
                .prompt
        })
        .collect();
    exp.stage(&format!("{NAME}_reference"), |exp| {
        let set = sample_and_judge(
            exp,
            "base",
            eval_prompts.clone(),
            sizes.eval_completions,
            "reference",
        )?;
        Ok(summary_of(&set, threshold))
    })?;
    let models: Vec<(&str, &str, Option<usize>)> =
        std::iter::once(("base", "base generator", None))
            .chain(
                TuneData::ALL
                    .iter()
                    .map(|d| (d.model(), d.label(), Some(fine_tune_n))),
            )
            .collect();
    for &(model, _, _) in &models {
        exp.stage(&format!("{NAME}_eval_{model}"), |exp| {
            let set = sample_and_judge(
                exp,
                model,
                eval_prompts.clone(),
                sizes.eval_completions,
                &format!("eval_{model}"),
            )?;
            Ok(summary_of(&set, threshold))
        })?;
        exp.stage(&format!("{NAME}_adversary_{model}"), |exp| {
            let eval = load_samples(exp, &format!("eval_{model}"))?;
            let unfiltered = worst_prompts(&eval, sizes.worst_prompts, |s| s.injurious, |_| false);
            let filtered = worst_prompts(
                &eval,
                sizes.worst_prompts,
                |s| s.fails(threshold),
                |s| s.injurious,
            );
            let u = sample_and_judge(
                exp,
                model,
                unfiltered,
                sizes.worst_completions,
                &format!("worst_{model}_unfiltered"),
            )?;
            let f = sample_and_judge(
                exp,
                model,
                filtered,
                sizes.worst_completions,
                &format!("worst_{model}_filtered"),
            )?;
            Ok(format!(
                "unfiltered: {}; filtered: {}",
                summary_of(&u, threshold),
                summary_of(&f, threshold)
            ))
        })?;
    }
    let reference = load_samples(exp, "reference")?;
    let rows = models
        .iter()
        .map(|&(model, label, tuned_on)| row(exp, model, label, tuned_on, threshold, &reference))
        .collect::<Result<Vec<_>>>()?;
    let figure = figure(exp, &rows)?;
    let markdown = markdown(&sizes, threshold, fine_tune_n, &kept, &rows) + "\n" + &figure;
    let results = json(&Results {
        sizes,
        filter_model: FILTER_MODEL,
        threshold,
        fine_tune_texts: fine_tune_n,
        kept: &kept,
        generators: &rows,
    });
    let report = ExperimentReport { markdown, results };
    report.write(exp)?;
    Ok(report)
}
