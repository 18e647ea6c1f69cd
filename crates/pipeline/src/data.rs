//! Stages of labeled data: the initial dataset and the in-distribution test set
//! (generator completions of the world's prompts, labeled by two simulated contractors
//! and a tie-breaking oracle), and the quality study (several completions per prompt,
//! every pair judged).

use labels::{Dataset, Example, NoisyLabeler, Panel, Snippet, Source, Split, SplitFractions};
use metrics::{Outcome, PairwiseJudgement};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use storyworld::{Preference, QualityJudge};

use super::context::Context;
use super::error::Result;
use super::fluency::{GeneratorCheck, WorldReference};
use super::models::load_generator;
use super::recipes::generation_config;
use super::run_dir::{read_json, write_json};
pub use super::study::{QualityPrompt, QualityStudy};

/// The initial dataset.
pub const INITIAL_FILE: &str = "data/initial.jsonl";
/// The in-distribution test set.
pub const TEST_FILE: &str = "data/test.jsonl";
/// The check of the generator's initial completions.
pub const INITIAL_CHECK_FILE: &str = "data/initial.generator.json";
/// The check of the generator's test completions.
pub const TEST_CHECK_FILE: &str = "data/test.generator.json";
/// The label journal of the test set.
pub const TEST_LABELS_FILE: &str = "data/test.labels.jsonl";
/// The quality study.
pub const QUALITY_FILE: &str = "data/quality.json";
/// The fresh prompts of Table 2's direct quality measurement.
pub const FRESH_QUALITY_FILE: &str = "data/fresh_quality.json";
/// How often each simulated contractor gets a label wrong, independently of the snippet.
/// The tie-breaker catches every disagreement, so what stays wrong are the snippets both
/// contractors get wrong: at rate e, about e² of the negatives end up labeled injurious,
/// and each is a false negative no classifier can avoid. The paper's test set allowed
/// 2/2447 on 97,586 negatives, so under independence e²·97,586 ≲ 2, e ≲ 0.45%. Measured
/// here on 24,000 test snippets (1.4% injurious): at 3%, 14 such labels among 451
/// injurious; at 1%, 5 among 341 ("Magda was not injured, only frightened"), a
/// false-negative floor of 1.5% and 0.015 off the ROC AUC. At 0.4%, about 0.4 per
/// 24,000 snippets are expected.
pub const CONTRACTOR_ERROR_RATE: f64 = 0.004;
/// The world's own completions beyond the reference sample that measure how much of the
/// world's language the check of the generator recognises.
const UNSEEN_WORLD_COMPLETIONS: u64 = 2_000;
/// Prompts completed per generator batch.
const GENERATION_BATCH: usize = 64;

/// Times a prompt is completed again when its completion has no word (the generator
/// ended the text at once, about 1–3% of first draws) before the empty one is kept.
pub const REDRAWS: usize = 3;

/// Whether a completion has a word to judge.
fn has_words(completion: &str) -> bool {
    completion.chars().any(char::is_alphabetic)
}

/// Completes each prompt once (batched, from the random stream `stream`), in the prompts'
/// order, drawing again (up to [`REDRAWS`] times) for a completion without a word; also
/// returns how many completions were drawn again.
fn draw_completions(
    ctx: &Context,
    prompts: &[String],
    stream: &str,
    label: &str,
) -> Result<(Vec<String>, usize)> {
    let generator = load_generator(ctx)?;
    let config = generation_config();
    let mut rng = ChaCha8Rng::seed_from_u64(ctx.seed_of(stream));
    let bar = ctx.bar(prompts.len() as u64, label);
    let mut draw = |which: &[usize], out: &mut Vec<String>| -> Result<()> {
        for chunk in which.chunks(GENERATION_BATCH) {
            let refs: Vec<&str> = chunk.iter().map(|&i| prompts[i].as_str()).collect();
            let _guard = tch::no_grad_guard();
            for (&i, c) in chunk
                .iter()
                .zip(generator.complete(&refs, &config, &mut rng)?)
            {
                out[i] = c.text;
            }
            bar.inc(chunk.len() as u64);
        }
        Ok(())
    };
    let mut completions = vec![String::new(); prompts.len()];
    let all: Vec<usize> = (0..prompts.len()).collect();
    draw(&all, &mut completions)?;
    let mut redrawn = 0;
    for _ in 0..REDRAWS {
        let empty: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| !has_words(&completions[i]))
            .collect();
        if empty.is_empty() {
            break;
        }
        redrawn += empty.len();
        bar.inc_length(empty.len() as u64);
        draw(&empty, &mut completions)?;
    }
    bar.finish_and_clear();
    Ok((completions, redrawn))
}

/// The snippets the oracle can judge: each prompt with its completion, kept when valid and
/// with at least one letter (a completion of punctuation alone is dropped).
fn with_words(prompts: &[String], completions: &[String]) -> Vec<Snippet> {
    prompts
        .iter()
        .zip(completions)
        .filter(|(_, c)| has_words(c))
        .map(|(p, c)| Snippet::new(p.clone(), c.clone()))
        .filter(|s| s.validate().is_ok())
        .collect()
}

/// Checks the generator's completions of a stream against the world's words and the
/// world's own completions of the same prompts, and saves the check to `file`.
fn check_generator(
    ctx: &Context,
    dataset: &str,
    completions: &[String],
    redrawn: usize,
    labeled: &Dataset,
    world: &[Snippet],
    file: &str,
) -> Result<GeneratorCheck> {
    let beyond = storyworld::fluency::REFERENCE_SNIPPETS as u64;
    let unseen: Vec<String> = (beyond..beyond + UNSEEN_WORLD_COMPLETIONS)
        .map(|i| ctx.world.test_snippet(i).snippet.completion)
        .collect();
    let oracle = ctx.oracle("oracle");
    let reference = WorldReference {
        vocabulary: ctx.vocabulary(),
        own: world,
        unseen: &unseen,
        oracle: &oracle,
    };
    let check = GeneratorCheck::measure(dataset, completions, redrawn, labeled, &reference)?;
    write_json(&ctx.dir.path(file), &check)?;
    Ok(check)
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
    let world: Vec<Snippet> = ctx
        .world
        .snippets(n)
        .into_iter()
        .map(|w| w.snippet)
        .collect();
    let prompts: Vec<String> = world.iter().map(|s| s.prompt.clone()).collect();
    let (all, redrawn) =
        draw_completions(ctx, &prompts, "initial completions", "initial completions")?;
    let snippets = with_words(&prompts, &all);
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
    let check = check_generator(
        ctx,
        "initial",
        &all,
        redrawn,
        &data,
        &world,
        INITIAL_CHECK_FILE,
    )?;
    Ok(format!(
        "{} snippets ({} completions without words dropped, {} duplicates), injurious {} (the world's own completions: {}); the contractors disagreed on {}; {}",
        data.len(),
        prompts.len() - snippets.len(),
        snippets.len() - data.len(),
        check.generator_injurious,
        check.world_injurious,
        disagreements(&data),
        check.summary()
    ))
}

/// Stage `test_set`: fresh prompts of the world's test stream, completed and labeled
/// like the initial data.
pub fn test_set(ctx: &mut Context) -> Result<String> {
    let n = ctx.settings.sizes.test_snippets as u64;
    let world: Vec<Snippet> = (0..n).map(|i| ctx.world.test_snippet(i).snippet).collect();
    let prompts: Vec<String> = world.iter().map(|s| s.prompt.clone()).collect();
    let (all, redrawn) = draw_completions(ctx, &prompts, "test completions", "test completions")?;
    let snippets = with_words(&prompts, &all);
    let mut data = label(ctx, &snippets, TEST_LABELS_FILE, Source::InDistributionTest)?;
    data.dedup();
    for e in data.examples_mut() {
        e.split = Some(Split::Test);
    }
    data.write_jsonl(ctx.dir.path(TEST_FILE))?;
    let check = check_generator(ctx, "test", &all, redrawn, &data, &world, TEST_CHECK_FILE)?;
    Ok(format!(
        "{} snippets, injurious {} (the world's own completions: {}); {}",
        data.len(),
        check.generator_injurious,
        check.world_injurious,
        check.summary()
    ))
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
    let (completions, _) =
        draw_completions(ctx, &repeated, "quality completions", "quality completions")?;
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
    let (completions, _) = draw_completions(
        ctx,
        &repeated,
        "fresh quality completions",
        "fresh quality completions",
    )?;
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

/// The fresh prompts written by stage `fresh_quality`.
pub fn load_fresh_quality(ctx: &Context) -> Result<Vec<QualityPrompt>> {
    read_json(&ctx.dir.path(FRESH_QUALITY_FILE))
}

/// The quality study written by stage `quality_study`.
pub fn load_quality(ctx: &Context) -> Result<QualityStudy> {
    read_json(&ctx.dir.path(QUALITY_FILE))
}

/// A labeled dataset of the run directory.
pub fn load(ctx: &Context, file: &str) -> Result<Dataset> {
    Ok(Dataset::read_jsonl(ctx.dir.path(file))?)
}
