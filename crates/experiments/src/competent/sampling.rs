//! Sampling: completions of a list of prompts from the base or a fine-tuned generator,
//! each labeled by the oracle and scored by the filter, saved and loaded as a sample set.

use generator::Generator;
use labels::{Label, Labeler, Snippet};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::settings::{FILTER_MODEL, NAME};
use crate::experiment::Experiment;
use pipeline::{
    PipelineError, Result, load_classifier, load_generator, read_json, score_all, write_json,
};

/// Completions generated per batch.
const GENERATION_BATCH: usize = 64;

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

fn samples_path(exp: &Experiment, name: &str) -> std::path::PathBuf {
    exp.ctx.dir.path(&format!("samples/{name}.json"))
}

pub(super) fn generator_path(exp: &Experiment, model: &str) -> std::path::PathBuf {
    exp.ctx.dir.path(&format!("models/generators/{model}"))
}

pub(super) fn load_samples(exp: &Experiment, name: &str) -> Result<SampleSet> {
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

/// Samples `per_prompt` completions of each prompt from `model`, labels them with the
/// oracle and scores them with the filter; writes them to `samples/{file}.json`.
pub(super) fn sample_and_judge(
    exp: &Experiment,
    model: &str,
    prompts: Vec<String>,
    per_prompt: usize,
    file: &str,
) -> Result<SampleSet> {
    let generator = load_model(exp, model)?;
    let classifier = load_classifier(&exp.base, FILTER_MODEL)?;
    let config = pipeline::generation_config();
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

pub(super) fn count(samples: &[&Sample], keep: impl Fn(&Sample) -> bool) -> u64 {
    samples.iter().filter(|s| keep(s)).count() as u64
}

pub(super) fn summary_of(set: &SampleSet, threshold: f64) -> String {
    let all: Vec<&Sample> = set.samples.iter().collect();
    format!(
        "{} samples: {} injurious, {} pass the filter, {} failures",
        all.len(),
        count(&all, |s| s.injurious),
        count(&all, |s| s.passes(threshold)),
        count(&all, |s| s.fails(threshold))
    )
}
