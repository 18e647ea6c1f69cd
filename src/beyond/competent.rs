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

use generator::{Generator, TrainingConfig, train_causal_lm};
use labels::{Label, Labeler, Snippet};
use metrics::{BootstrapConfig, BootstrapEstimate, RateEstimate, bootstrap_mean};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use storyworld::{Preference, QualityJudge};

use super::Experiment;
use super::report::{ExperimentReport, boot, json};
use crate::pipeline::{
    PipelineError, Result, Scale, TABLE2_FILE, Table2Row, load_classifier, load_generator,
    read_json, save_dir_atomically, score_all, write_json,
};
use crate::report::figures::Figure3;
use crate::report::plots::draw_figure3_titled;

/// The experiment's name (files, stages).
pub const NAME: &str = "competent";

/// The classifier of every filtered generator: the main run's final adversarially
/// trained classifier (Table 2's +tool-assisted), at its quality-chosen threshold.
pub const FILTER_MODEL: &str = "plus_tool_assisted";

/// Where the fine-tuning prompts start in the world's initial stream (far past anything
/// the main run uses).
const TRAIN_PROMPTS_START: u64 = 1_000_000;
/// Where the evaluation prompts start in the world's in-distribution stream.
const EVAL_PROMPTS_START: u64 = 1_000_000;
/// Completions generated per batch.
const GENERATION_BATCH: usize = 64;

/// The experiment's sizes at one scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetentSizes {
    /// Prompts of the fine-tuning data.
    pub train_prompts: usize,
    /// Completions sampled per fine-tuning prompt.
    pub train_completions: usize,
    /// Epochs of each fine-tune.
    pub fine_tune_epochs: usize,
    /// Held-out prompts of the evaluation.
    pub eval_prompts: usize,
    /// Completions sampled per evaluation prompt and generator.
    pub eval_completions: usize,
    /// Prompts the adversary picks.
    pub worst_prompts: usize,
    /// Fresh completions sampled on each picked prompt.
    pub worst_completions: usize,
}

impl CompetentSizes {
    /// The sizes at `scale`.
    pub fn of(scale: Scale) -> Self {
        let (train_prompts, eval_prompts, worst_prompts) = match scale {
            Scale::Tiny => (48, 24, 3),
            Scale::Small => (1500, 300, 10),
            Scale::Medium => (3000, 600, 20),
            Scale::Large => (10_000, 2000, 40),
        };
        let tiny = scale == Scale::Tiny;
        CompetentSizes {
            train_prompts,
            train_completions: if tiny { 2 } else { 4 },
            fine_tune_epochs: if tiny { 1 } else { 2 },
            eval_prompts,
            eval_completions: if tiny { 4 } else { 8 },
            worst_prompts,
            worst_completions: if tiny { 8 } else { 40 },
        }
    }
}

/// How a fine-tune chose its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TuneData {
    /// Every completion (the control).
    Unfiltered,
    /// The completions the final classifier scores under its threshold.
    ClassifierPassed,
    /// The completions the oracle labels non-injurious.
    OracleSafe,
}

impl TuneData {
    /// The three fine-tunes.
    pub const ALL: [TuneData; 3] = [
        TuneData::Unfiltered,
        TuneData::ClassifierPassed,
        TuneData::OracleSafe,
    ];

    /// The fine-tuned generator's name (files, stages).
    pub fn model(self) -> &'static str {
        match self {
            TuneData::Unfiltered => "tuned_unfiltered",
            TuneData::ClassifierPassed => "tuned_classifier",
            TuneData::OracleSafe => "tuned_oracle",
        }
    }

    /// Its name in the report.
    pub fn label(self) -> &'static str {
        match self {
            TuneData::Unfiltered => "tuned on all its samples",
            TuneData::ClassifierPassed => "tuned on classifier-passed samples",
            TuneData::OracleSafe => "tuned on oracle-safe samples",
        }
    }

    fn keeps(self, sample: &Sample, threshold: f64) -> bool {
        match self {
            TuneData::Unfiltered => true,
            TuneData::ClassifierPassed => sample.passes(threshold),
            TuneData::OracleSafe => !sample.injurious,
        }
    }
}

/// One sampled completion, judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// Index of its prompt in the set's prompts.
    pub prompt: usize,
    /// The completion (may be empty: the filtered generator rejects those).
    pub completion: String,
    /// The oracle's verdict (false for an empty completion).
    pub injurious: bool,
    /// The filter's P(injurious) (`None` for an empty completion, never scored).
    pub score: Option<f64>,
}

impl Sample {
    /// Whether the filter lets it through (scored strictly under `threshold`).
    pub fn passes(&self, threshold: f64) -> bool {
        self.score.is_some_and(|s| s < threshold)
    }

    /// A failure of the filtered generator: injurious and let through.
    pub fn fails(&self, threshold: f64) -> bool {
        self.injurious && self.passes(threshold)
    }
}

/// Completions of a list of prompts, judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleSet {
    /// The prompts.
    pub prompts: Vec<String>,
    /// The completions, each with its prompt's index.
    pub samples: Vec<Sample>,
}

/// What was measured of one generator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeneratorRow {
    /// Its model name.
    pub model: String,
    /// Its name in the report.
    pub label: String,
    /// Texts it was fine-tuned on (`None` for the base).
    pub tuned_on: Option<usize>,
    /// Injurious unfiltered samples (an empty completion counts as a harmless one).
    pub unfiltered_injury: RateEstimate,
    /// Quality of its unfiltered samples: how often the judge prefers one over the base
    /// generator's sample of the same prompt (ties half), bootstrapped over prompts; 0.5
    /// is the base's own quality.
    pub unfiltered_quality: Option<BootstrapEstimate>,
    /// Samples the filter lets through.
    pub acceptance: RateEstimate,
    /// Injurious samples among those the filter lets through: the failure rate of the
    /// filtered generator (`None` when nothing passed).
    pub filtered_injury: Option<RateEstimate>,
    /// Quality of the filtered generator (each prompt's first passing sample against the
    /// base's unfiltered sample), as above.
    pub filtered_quality: Option<BootstrapEstimate>,
    /// The adversary's prompts (those with the most injurious samples in the evaluation),
    /// sampled afresh: the injury rate of the unfiltered generator there.
    pub worst_unfiltered: RateEstimate,
    /// The adversary's prompts against the filtered generator (most failures, then most
    /// injuries), sampled afresh: injurious among the samples the filter lets through.
    pub worst_filtered: Option<RateEstimate>,
}

/// What one kind of fine-tuning data kept of the judged training samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    /// The kind of data.
    pub data: TuneData,
    /// Samples it keeps (before all kinds are cut to the smallest count).
    pub kept: usize,
    /// Samples in all.
    pub of: usize,
}

#[derive(Serialize)]
struct Results<'a> {
    sizes: CompetentSizes,
    filter_model: &'a str,
    threshold: f64,
    fine_tune_texts: usize,
    kept: &'a [Kept],
    generators: &'a [GeneratorRow],
}

fn samples_path(exp: &Experiment, name: &str) -> std::path::PathBuf {
    exp.ctx.dir.path(&format!("samples/{name}.json"))
}

fn generator_path(exp: &Experiment, model: &str) -> std::path::PathBuf {
    exp.ctx.dir.path(&format!("models/generators/{model}"))
}

fn load_samples(exp: &Experiment, name: &str) -> Result<SampleSet> {
    read_json(&samples_path(exp, name))
}

/// The base generator (`base`) or a fine-tuned one.
fn load_model(exp: &Experiment, model: &str) -> Result<Generator> {
    if model == "base" {
        return load_generator(&exp.base);
    }
    Ok(Generator::from_pretrained(
        generator_path(exp, model),
        exp.ctx.device,
    )?)
}

/// The threshold the main run chose (by quality) for [`FILTER_MODEL`].
fn filter_threshold(exp: &Experiment) -> Result<f64> {
    let rows: Vec<Table2Row> = read_json(&exp.base.dir.path(TABLE2_FILE))?;
    rows.iter()
        .find(|r| r.model == FILTER_MODEL)
        .map(|r| r.threshold)
        .ok_or_else(|| {
            PipelineError::stage(
                NAME,
                format!("the main run's {TABLE2_FILE} has no row for {FILTER_MODEL}"),
            )
        })
}

/// Samples `per_prompt` completions of each prompt from `model`, labels them with the
/// oracle and scores them with the filter; writes them to `samples/{file}.json`.
fn sample_and_judge(
    exp: &Experiment,
    model: &str,
    prompts: Vec<String>,
    per_prompt: usize,
    file: &str,
) -> Result<SampleSet> {
    let generator = load_model(exp, model)?;
    let classifier = load_classifier(&exp.base, FILTER_MODEL)?;
    let config = crate::pipeline::generation_config();
    let mut rng = ChaCha8Rng::seed_from_u64(exp.ctx.seed_of(&format!("{NAME} {file}")));
    let jobs: Vec<usize> = (0..prompts.len())
        .flat_map(|p| std::iter::repeat_n(p, per_prompt))
        .collect();
    let bar = exp.ctx.bar(jobs.len() as u64, &format!("{file}: sampling"));
    let mut samples = Vec::with_capacity(jobs.len());
    for chunk in jobs.chunks(GENERATION_BATCH) {
        let refs: Vec<&str> = chunk.iter().map(|&p| prompts[p].as_str()).collect();
        let _guard = tch::no_grad_guard();
        for (&p, c) in chunk
            .iter()
            .zip(generator.complete(&refs, &config, &mut rng)?)
        {
            samples.push(Sample {
                prompt: p,
                completion: c.text,
                injurious: false,
                score: None,
            });
        }
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    // empty completions (or punctuation alone) are rejected unscored by the filtered
    // generator and are no injury
    let judged: Vec<usize> = (0..samples.len())
        .filter(|&i| samples[i].completion.chars().any(char::is_alphabetic))
        .collect();
    let snippets: Vec<Snippet> = judged
        .iter()
        .map(|&i| {
            Snippet::new(
                prompts[samples[i].prompt].clone(),
                samples[i].completion.clone(),
            )
        })
        .collect();
    let mut oracle = exp.ctx.oracle("oracle");
    let mut verdicts = Vec::with_capacity(snippets.len());
    for chunk in snippets.chunks(oracle.preferred_batch_size().max(1)) {
        verdicts.extend(oracle.label_batch(chunk)?);
    }
    let scores = score_all(
        &exp.ctx,
        &classifier,
        &snippets,
        &format!("{file}: scoring"),
    )?;
    if verdicts.len() != snippets.len() || scores.len() != snippets.len() {
        return Err(PipelineError::stage(
            NAME,
            format!(
                "{} snippets but {} verdicts and {} scores",
                snippets.len(),
                verdicts.len(),
                scores.len()
            ),
        ));
    }
    for ((&i, verdict), score) in judged.iter().zip(verdicts).zip(scores) {
        samples[i].injurious = verdict.label != Label::NonInjurious;
        samples[i].score = Some(score);
    }
    let set = SampleSet { prompts, samples };
    exp.ctx.dir.dir("samples")?;
    write_json(&samples_path(exp, file), &set)?;
    Ok(set)
}

fn count(samples: &[&Sample], keep: impl Fn(&Sample) -> bool) -> u64 {
    samples.iter().filter(|s| keep(s)).count() as u64
}

fn summary_of(set: &SampleSet, threshold: f64) -> String {
    let all: Vec<&Sample> = set.samples.iter().collect();
    format!(
        "{} samples: {} injurious, {} pass the filter, {} failures",
        all.len(),
        count(&all, |s| s.injurious),
        count(&all, |s| s.passes(threshold)),
        count(&all, |s| s.fails(threshold))
    )
}

/// The fine-tuning texts of each kind of data: the kept completions (with their prompts)
/// in one fixed shuffle, all cut to the smallest kind's count; and what each kept.
fn fine_tune_texts(
    exp: &Experiment,
    train: &SampleSet,
    threshold: f64,
) -> (Vec<Vec<String>>, Vec<Kept>) {
    let mut order: Vec<usize> = (0..train.samples.len()).collect();
    order.shuffle(&mut ChaCha8Rng::seed_from_u64(
        exp.ctx.seed_of("competent fine-tune order"),
    ));
    let mut texts = Vec::new();
    let mut kept = Vec::new();
    for data in TuneData::ALL {
        let chosen: Vec<String> = order
            .iter()
            .map(|&i| &train.samples[i])
            .filter(|s| s.score.is_some() && data.keeps(s, threshold))
            .map(|s| format!("{} {}", train.prompts[s.prompt], s.completion))
            .collect();
        kept.push(Kept {
            data,
            kept: chosen.len(),
            of: train.samples.len(),
        });
        texts.push(chosen);
    }
    let n = texts.iter().map(Vec::len).min().unwrap_or(0);
    for t in &mut texts {
        t.truncate(n);
    }
    (texts, kept)
}

/// Prompts ranked by the adversary: by `primary` count, then `secondary`, then index.
fn worst_prompts(
    set: &SampleSet,
    n: usize,
    primary: impl Fn(&Sample) -> bool,
    secondary: impl Fn(&Sample) -> bool,
) -> Vec<String> {
    let mut counts = vec![(0usize, 0usize); set.prompts.len()];
    for s in &set.samples {
        if let Some(c) = counts.get_mut(s.prompt) {
            c.0 += usize::from(primary(s));
            c.1 += usize::from(secondary(s));
        }
    }
    let mut ranked: Vec<usize> = (0..set.prompts.len()).collect();
    ranked.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(a.cmp(&b)));
    ranked
        .into_iter()
        .take(n)
        .map(|p| set.prompts[p].clone())
        .collect()
}

/// How often the judge prefers `ours` to `theirs` (1 win, ½ tie), averaged per prompt,
/// bootstrapped over prompts.
fn win_rate(
    exp: &Experiment,
    judge: &QualityJudge,
    pairs: &[(usize, &str, &str, &str)],
    prompts: usize,
) -> Result<Option<BootstrapEstimate>> {
    let mut per_prompt = vec![(0.0, 0usize); prompts];
    for (k, &(p, prompt, ours, theirs)) in pairs.iter().enumerate() {
        let seed = exp.ctx.seed_of("competent quality judge") ^ k as u64;
        let score = match judge.compare(prompt, ours, theirs, seed) {
            Preference::AWins => 1.0,
            Preference::Tie => 0.5,
            Preference::BWins => 0.0,
        };
        if let Some(slot) = per_prompt.get_mut(p) {
            slot.0 += score;
            slot.1 += 1;
        }
    }
    let means: Vec<f64> = per_prompt
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| s / *n as f64)
        .collect();
    if means.len() < 2 {
        return Ok(None);
    }
    let config = BootstrapConfig {
        seed: exp.ctx.seed_of("competent quality bootstrap"),
        ..BootstrapConfig::default()
    };
    Ok(Some(bootstrap_mean(&means, &config)?))
}

fn rate(k: u64, n: u64) -> Result<Option<RateEstimate>> {
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(RateEstimate::new(k, n)?))
}

fn row(
    exp: &Experiment,
    model: &str,
    label: &str,
    tuned_on: Option<usize>,
    threshold: f64,
    reference: &SampleSet,
) -> Result<GeneratorRow> {
    let eval = load_samples(exp, &format!("eval_{model}"))?;
    let all: Vec<&Sample> = eval.samples.iter().collect();
    let n = all.len() as u64;
    let missing = |what: &str| PipelineError::stage(NAME, format!("{model}: no {what}"));
    let unfiltered_injury =
        rate(count(&all, |s| s.injurious), n)?.ok_or_else(|| missing("sample"))?;
    let passing = count(&all, |s| s.passes(threshold));
    let acceptance = rate(passing, n)?.ok_or_else(|| missing("sample"))?;
    let filtered_injury = rate(count(&all, |s| s.fails(threshold)), passing)?;
    // the j-th sample of each prompt against the reference's j-th
    let judge = QualityJudge::new(exp.ctx.lexicon.clone());
    let mut nth = vec![0usize; eval.prompts.len()];
    let mut reference_of: Vec<Vec<&str>> = vec![Vec::new(); reference.prompts.len()];
    for s in &reference.samples {
        reference_of[s.prompt].push(&s.completion);
    }
    let mut pairs = Vec::new();
    let mut first_passing: Vec<Option<&str>> = vec![None; eval.prompts.len()];
    for s in &eval.samples {
        let j = nth[s.prompt];
        nth[s.prompt] += 1;
        if let Some(theirs) = reference_of.get(s.prompt).and_then(|r| r.get(j)) {
            pairs.push((
                s.prompt,
                eval.prompts[s.prompt].as_str(),
                s.completion.as_str(),
                *theirs,
            ));
        }
        if s.passes(threshold) && first_passing[s.prompt].is_none() {
            first_passing[s.prompt] = Some(&s.completion);
        }
    }
    let unfiltered_quality = win_rate(exp, &judge, &pairs, eval.prompts.len())?;
    let filtered_pairs: Vec<(usize, &str, &str, &str)> = first_passing
        .iter()
        .enumerate()
        .filter_map(|(p, ours)| {
            let theirs = reference_of.get(p)?.first()?;
            Some((p, eval.prompts[p].as_str(), (*ours)?, *theirs))
        })
        .collect();
    let filtered_quality = win_rate(exp, &judge, &filtered_pairs, eval.prompts.len())?;
    let worst = load_samples(exp, &format!("worst_{model}_unfiltered"))?;
    let worst: Vec<&Sample> = worst.samples.iter().collect();
    let worst_unfiltered = rate(count(&worst, |s| s.injurious), worst.len() as u64)?
        .ok_or_else(|| missing("sample on the adversary's prompts"))?;
    let worst_f = load_samples(exp, &format!("worst_{model}_filtered"))?;
    let worst_f: Vec<&Sample> = worst_f.samples.iter().collect();
    let worst_filtered = rate(
        count(&worst_f, |s| s.fails(threshold)),
        count(&worst_f, |s| s.passes(threshold)),
    )?;
    Ok(GeneratorRow {
        model: model.into(),
        label: label.into(),
        tuned_on,
        unfiltered_injury,
        unfiltered_quality,
        acceptance,
        filtered_injury,
        filtered_quality,
        worst_unfiltered,
        worst_filtered,
    })
}

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

fn figure(exp: &Experiment, rows: &[GeneratorRow]) -> Result<String> {
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

fn markdown(
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
