//! Stages of labeled data: the initial dataset and the in-distribution test set
//! (generator completions of the world's prompts, labeled by two simulated contractors
//! and a tie-breaking oracle), and the quality study (several completions per prompt,
//! every pair judged).

use labels::{Dataset, Example, NoisyLabeler, Panel, Snippet, Source, Split, SplitFractions};
use metrics::{Outcome, PairwiseJudgement};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use storyworld::{Preference, QualityJudge};

use super::context::Context;
use super::error::Result;
use super::models::load_generator;
use super::run_dir::{read_json, write_json};

/// The initial dataset.
pub const INITIAL_FILE: &str = "data/initial.jsonl";
/// The in-distribution test set.
pub const TEST_FILE: &str = "data/test.jsonl";
/// The quality study.
pub const QUALITY_FILE: &str = "data/quality.json";
/// The fresh prompts of Table 2's direct quality measurement.
pub const FRESH_QUALITY_FILE: &str = "data/fresh_quality.json";
/// How often each simulated contractor gets a label wrong.
pub const CONTRACTOR_ERROR_RATE: f64 = 0.03;
/// Prompts completed per generator batch.
const GENERATION_BATCH: usize = 64;

/// Completes each prompt once (batched), dropping empty completions.
fn complete(ctx: &Context, prompts: &[String], stream: &str, label: &str) -> Result<Vec<Snippet>> {
    let generator = load_generator(ctx)?;
    let config = generator::GenerationConfig::default();
    let mut rng = ChaCha8Rng::seed_from_u64(ctx.seed_of(stream));
    let bar = ctx.bar(prompts.len() as u64, label);
    let mut out = Vec::with_capacity(prompts.len());
    for chunk in prompts.chunks(GENERATION_BATCH) {
        let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        let _guard = tch::no_grad_guard();
        for (prompt, c) in chunk
            .iter()
            .zip(generator.complete(&refs, &config, &mut rng)?)
        {
            let snippet = Snippet::new(prompt.clone(), c.text);
            // the oracle judges words: a completion of punctuation alone is dropped
            if snippet.validate().is_ok() && snippet.completion.chars().any(char::is_alphabetic) {
                out.push(snippet);
            }
        }
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(out)
}

/// Labels snippets with the paper's rule: two contractors (each wrong on
/// [`CONTRACTOR_ERROR_RATE`] of snippets) and the oracle breaking ties, every judgement
/// journaled to `journal` (a rerun reuses it).
fn label(ctx: &Context, snippets: &[Snippet], journal: &str, source: Source) -> Result<Dataset> {
    let mut first = NoisyLabeler::new(
        ctx.oracle("oracle"),
        "contractor-1",
        CONTRACTOR_ERROR_RATE,
        ctx.seed_of("contractor-1"),
    )?;
    let mut second = NoisyLabeler::new(
        ctx.oracle("oracle"),
        "contractor-2",
        CONTRACTOR_ERROR_RATE,
        ctx.seed_of("contractor-2"),
    )?;
    let mut tie_breaker = ctx.oracle("oracle");
    let mut panel = Panel::new(&mut first, &mut second, &mut tie_breaker)?.with_batch_size(512);
    let labeled = panel.label(snippets, Some(&ctx.dir.path(journal)))?;
    Ok(Dataset::new(
        labeled
            .into_iter()
            .map(|l| Example {
                judgements: l.judgements,
                ..Example::new(l.snippet, l.label, source.clone())
            })
            .collect(),
    ))
}

fn injurious_share(data: &Dataset) -> String {
    let k = data
        .examples()
        .iter()
        .filter(|e| e.label != labels::Label::NonInjurious)
        .count() as u64;
    match metrics::RateEstimate::new(k, data.len() as u64) {
        Ok(rate) => format!("injurious {rate}"),
        Err(_) => "empty".into(),
    }
}

fn disagreements(data: &Dataset) -> usize {
    data.examples()
        .iter()
        .filter(|e| e.judgements.len() > 2)
        .count()
}

/// Stage `initial_data`: the world's (danger-leaning) prompts completed by the
/// generator, labeled, split 90/10 into train and validation.
pub fn initial_data(ctx: &mut Context) -> Result<String> {
    let n = ctx.settings.sizes.initial_snippets;
    let prompts: Vec<String> = ctx
        .world
        .snippets(n)
        .into_iter()
        .map(|w| w.snippet.prompt)
        .collect();
    let snippets = complete(ctx, &prompts, "initial completions", "initial completions")?;
    let mut data = label(
        ctx,
        &snippets,
        "data/initial.labels.jsonl",
        Source::InitialStories,
    )?;
    data.dedup();
    data.assign_splits(
        SplitFractions {
            train: 0.9,
            validation: 0.1,
            test: 0.0,
        },
        ctx.seed_of("initial splits"),
    )?;
    data.write_jsonl(ctx.dir.path(INITIAL_FILE))?;
    Ok(format!(
        "{} snippets ({} completions without words dropped, {} duplicates), {}; the contractors disagreed on {}",
        data.len(),
        prompts.len() - snippets.len(),
        snippets.len() - data.len(),
        injurious_share(&data),
        disagreements(&data)
    ))
}

/// Stage `test_set`: fresh prompts of the world's test stream, completed and labeled
/// like the initial data.
pub fn test_set(ctx: &mut Context) -> Result<String> {
    let n = ctx.settings.sizes.test_snippets as u64;
    let prompts: Vec<String> = (0..n)
        .map(|i| ctx.world.test_snippet(i).snippet.prompt)
        .collect();
    let snippets = complete(ctx, &prompts, "test completions", "test completions")?;
    let mut data = label(
        ctx,
        &snippets,
        "data/test.labels.jsonl",
        Source::InDistributionTest,
    )?;
    data.dedup();
    for e in data.examples_mut() {
        e.split = Some(Split::Test);
    }
    data.write_jsonl(ctx.dir.path(TEST_FILE))?;
    Ok(format!(
        "{} snippets, {}",
        data.len(),
        injurious_share(&data)
    ))
}

/// The quality study: several unfiltered completions per prompt, every pair judged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityStudy {
    /// The prompts and their completions.
    pub prompts: Vec<QualityPrompt>,
    /// One judgement per unordered pair of completions of a prompt.
    pub judgements: Vec<PairwiseJudgement>,
    /// Who judged.
    pub judge: String,
}

/// One prompt of the quality study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityPrompt {
    /// Its id in the judgements.
    pub id: String,
    /// The prompt.
    pub prompt: String,
    /// Its unfiltered completions.
    pub completions: Vec<String>,
}

impl QualityPrompt {
    /// The completions as snippets.
    pub fn snippets(&self) -> Vec<Snippet> {
        self.completions
            .iter()
            .map(|c| Snippet::new(self.prompt.clone(), c.clone()))
            .collect()
    }
}

/// Stage `quality_study`: prompts of the test stream after the test set's, each
/// completed several times; the world's quality judge compares every pair.
pub fn quality_study(ctx: &mut Context) -> Result<String> {
    let sizes = ctx.settings.sizes.clone();
    let start = sizes.test_snippets as u64;
    let mut repeated = Vec::new();
    for i in 0..sizes.quality_prompts as u64 {
        let prompt = ctx.world.test_snippet(start + i).snippet.prompt;
        repeated.extend(std::iter::repeat_n(prompt, sizes.quality_completions));
    }
    let completions = sample_completions(ctx, &repeated, "quality completions")?;
    let judge = QualityJudge::new(ctx.lexicon.clone());
    let mut prompts = Vec::new();
    let mut judgements = Vec::new();
    for (p, group) in completions.chunks(sizes.quality_completions).enumerate() {
        let prompt = repeated[p * sizes.quality_completions].clone();
        let id = format!("q{p}");
        for a in 0..group.len() {
            for b in a + 1..group.len() {
                let seed =
                    ctx.seed_of("quality judge") ^ ((p as u64) << 20 | (a as u64) << 10 | b as u64);
                let outcome = match judge.compare(&prompt, &group[a], &group[b], seed) {
                    Preference::AWins => Outcome::AWins,
                    Preference::Tie => Outcome::Tie,
                    Preference::BWins => Outcome::BWins,
                };
                judgements.push(PairwiseJudgement {
                    prompt_id: id.clone(),
                    a,
                    b,
                    outcome,
                });
            }
        }
        prompts.push(QualityPrompt {
            id,
            prompt,
            completions: group.to_vec(),
        });
    }
    let study = QualityStudy {
        prompts,
        judgements,
        judge: "storyworld quality judge".into(),
    };
    write_json(&ctx.dir.path(QUALITY_FILE), &study)?;
    Ok(format!(
        "{} prompts × {} completions, {} pairwise judgements",
        study.prompts.len(),
        sizes.quality_completions,
        study.judgements.len()
    ))
}

/// One unfiltered completion of each of `prompts` (in order, batched), from the random
/// stream `stream`, empty ones kept.
fn sample_completions(ctx: &Context, prompts: &[String], stream: &str) -> Result<Vec<String>> {
    let generator = load_generator(ctx)?;
    let config = generator::GenerationConfig::default();
    let mut rng = ChaCha8Rng::seed_from_u64(ctx.seed_of(stream));
    let bar = ctx.bar(prompts.len() as u64, stream);
    let mut completions = Vec::with_capacity(prompts.len());
    for chunk in prompts.chunks(GENERATION_BATCH) {
        let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        let _guard = tch::no_grad_guard();
        completions.extend(
            generator
                .complete(&refs, &config, &mut rng)?
                .into_iter()
                .map(|c| c.text),
        );
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(completions)
}

/// Stage `fresh_quality`: prompts of the test stream after the quality study's (so
/// neither in the test set nor among the prompts that choose the threshold), each
/// completed `1 + fresh_quality_attempts` times from its own random stream. Completion
/// 0 is the unfiltered generator's; completions 1, 2, … are the filtered generator's
/// attempts in order: at a threshold it keeps the first that scores under it. This is
/// exactly rejection sampling with at most `fresh_quality_attempts` attempts, the draws
/// shared by every classifier (common random numbers), so Table 2's quality is measured
/// directly, judged by the world's quality judge, on prompts that played no part in the
/// choice of the threshold.
pub fn fresh_quality(ctx: &mut Context) -> Result<String> {
    let sizes = ctx.settings.sizes.clone();
    let start = (sizes.test_snippets + sizes.quality_prompts) as u64;
    let per_prompt = 1 + sizes.fresh_quality_attempts;
    let mut repeated = Vec::new();
    for i in 0..sizes.fresh_quality_prompts as u64 {
        let prompt = ctx.world.test_snippet(start + i).snippet.prompt;
        repeated.extend(std::iter::repeat_n(prompt, per_prompt));
    }
    let completions = sample_completions(ctx, &repeated, "fresh quality completions")?;
    let prompts: Vec<QualityPrompt> = completions
        .chunks(per_prompt)
        .enumerate()
        .map(|(p, group)| QualityPrompt {
            id: format!("f{p}"),
            prompt: repeated[p * per_prompt].clone(),
            completions: group.to_vec(),
        })
        .collect();
    write_json(&ctx.dir.path(FRESH_QUALITY_FILE), &prompts)?;
    Ok(format!(
        "{} fresh prompts × (1 unfiltered + {} filtered attempts)",
        prompts.len(),
        sizes.fresh_quality_attempts
    ))
}

/// The fresh prompts written by [`fresh_quality`].
pub fn load_fresh_quality(ctx: &Context) -> Result<Vec<QualityPrompt>> {
    read_json(&ctx.dir.path(FRESH_QUALITY_FILE))
}

/// The quality study written by [`quality_study`].
pub fn load_quality(ctx: &Context) -> Result<QualityStudy> {
    read_json(&ctx.dir.path(QUALITY_FILE))
}

/// A labeled dataset of the run directory.
pub fn load(ctx: &Context, file: &str) -> Result<Dataset> {
    Ok(Dataset::read_jsonl(ctx.dir.path(file))?)
}
