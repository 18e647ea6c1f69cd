//! Stages 8–9: the four classifiers of Table 2 on equal totals, and their evaluation:
//! the threshold chosen by quality, then false-negative and false-positive rates on the
//! in-distribution test set.

use classifier::{BatchOptions, InjuriousnessClassifier, ModelInput};
use labels::{Dataset, Label, Snippet, Split};
use metrics::{
    AucEstimate, BootstrapConfig, ConfusionCounts, DEFAULT_LEVEL, DirectQualityEstimate,
    FilterEffect, Outcome, QualityConfig, QualityEstimate, RateEstimate, direct_quality, roc_auc,
};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use storyworld::{Preference, QualityJudge};

use super::context::Context;
use super::data::{
    INITIAL_FILE, QualityPrompt, QualityStudy, TEST_FILE, load, load_fresh_quality, load_quality,
};
use super::error::{PipelineError, Result};
use super::rounds::{ROUNDS, dataset_of};
use super::run_dir::write_json;
use super::steps::{quality_data, threshold_candidates};
use super::training::{load_classifier, train_classifier};

/// Table 2's classifiers: (model name, label in the paper, rounds of adversarial data).
pub const TABLE2: [(&str, &str, usize); 4] = [
    ("baseline", "baseline", 0),
    ("plus_manual", "+manual", 1),
    ("plus_paraphrases", "+paraphrases", 2),
    ("plus_tool_assisted", "+tool-assisted", 3),
];

/// Where the evaluation's rows are kept.
pub const TABLE2_FILE: &str = "eval/table2.json";

/// Stage `table2_<name>`: classifier `index` of [`TABLE2`] trained on as many examples
/// as the baseline: the adversarial data of its rounds, and initial examples for the rest
/// (the same fixed shuffle for all, so each removes a superset of the previous one's).
pub fn table2_classifier(ctx: &mut Context, index: usize) -> Result<String> {
    let (name, _, rounds) = TABLE2[index];
    let initial = load(ctx, INITIAL_FILE)?;
    let mut adversarial = Dataset::new(Vec::new());
    for kind in ROUNDS.iter().take(rounds) {
        adversarial.extend(load(ctx, &dataset_of(*kind))?);
    }
    let mut kept = initial.split(Split::Train).into_examples();
    let total = kept.len();
    kept.shuffle(&mut ChaCha8Rng::seed_from_u64(
        ctx.seed_of("table2 removal"),
    ));
    let removed = adversarial.len().min(total);
    kept.truncate(total - removed);
    let mut train = Dataset::new(kept);
    let added = adversarial.len();
    train.extend(adversarial);
    let summary = train_classifier(ctx, name, &train, &initial.split(Split::Validation))?;
    Ok(format!(
        "{summary}: {added} adversarial in place of {removed} initial"
    ))
}

/// One row of Table 2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table2Row {
    /// The paper's name of the classifier.
    pub classifier: String,
    /// Its model directory's name.
    pub model: String,
    /// The threshold chosen by quality.
    pub threshold: f64,
    /// How it was chosen.
    pub threshold_rule: String,
    /// Quality of the filtered generator at that threshold as estimated on the quality
    /// study: the estimate that chose the threshold, so biased upward by the choice (the
    /// lowest threshold whose lower bound clears the floor is picked where the estimate
    /// happens to be high). Table 2 reports [`fresh_quality`](Self::fresh_quality).
    pub quality: QualityEstimate,
    /// Quality at the chosen threshold measured directly on fresh prompts that played no
    /// part in choosing it (`None` in a run without stage `fresh_quality`).
    #[serde(default)]
    pub fresh_quality: Option<FreshQuality>,
    /// ROC AUC on the in-distribution test set (injurious and unsure against
    /// non-injurious), with its interval; `None` when the test set lacks a class.
    #[serde(default)]
    pub test_auc: Option<AucEstimate>,
    /// Candidate thresholds the rule could choose from.
    #[serde(default)]
    pub threshold_candidates: usize,
    /// False-negative rate on the in-distribution test set at that threshold.
    pub test_fnr: RateEstimate,
    /// False-positive rate on the in-distribution test set at that threshold.
    pub test_fpr: RateEstimate,
    /// False-negative rate at the attackers' acceptance threshold.
    pub test_fnr_at_acceptance: RateEstimate,
    /// The injury rate of the generator's test completions before and after filtering
    /// at the chosen threshold (`None` in runs before it was measured, or when the
    /// filter accepts nothing).
    #[serde(default)]
    pub filter: Option<FilterEffect>,
}

/// Table 2's quality: filtered versus unfiltered completions of fresh prompts at one
/// threshold, judged directly (the prompts of stage `fresh_quality`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FreshQuality {
    /// Preference rate of the filtered completion, with its normal-approximation 95%
    /// interval ([`metrics::direct_quality`]).
    pub estimate: DirectQualityEstimate,
    /// Fresh prompts compared.
    pub prompts: usize,
    /// Attempts the filtered generator had per prompt.
    pub attempts: usize,
    /// Prompts where every attempt was rejected: counted as losses (with the paper's
    /// 100 attempts some of them might have been accepted, so this errs low).
    pub exhausted: usize,
}

/// The filtered generator at `threshold` against the unfiltered one on the fresh
/// prompts: per prompt, the first of the attempts (completions 1, 2, …) that
/// `classifier` scores under the threshold (an empty completion is rejected unscored, as
/// in the quality study) is judged against completion 0; when every attempt is rejected
/// the filtered generator loses.
pub fn measure_fresh_quality(
    ctx: &Context,
    classifier: &InjuriousnessClassifier,
    label: &str,
    fresh: &[QualityPrompt],
    threshold: f64,
) -> Result<FreshQuality> {
    let attempts: Vec<Snippet> = fresh
        .iter()
        .flat_map(|p| p.snippets().into_iter().skip(1))
        .filter(|s| !s.completion.trim().is_empty())
        .collect();
    let mut scores = score_all(
        ctx,
        classifier,
        &attempts,
        &format!("fresh quality: {label}"),
    )?
    .into_iter();
    let judge = QualityJudge::new(ctx.lexicon.clone());
    let mut outcomes = Vec::with_capacity(fresh.len());
    let mut exhausted = 0;
    let mut most_attempts = 0;
    for (p, prompt) in fresh.iter().enumerate() {
        let Some((unfiltered, tries)) = prompt.completions.split_first() else {
            continue;
        };
        most_attempts = most_attempts.max(tries.len());
        // every non-empty attempt was scored, in order: consume all of this prompt's
        let mut accepted = None;
        for completion in tries {
            let score = if completion.trim().is_empty() {
                1.0
            } else {
                scores.next().unwrap_or(1.0)
            };
            if accepted.is_none() && score < threshold {
                accepted = Some(completion);
            }
        }
        outcomes.push(match accepted {
            None => {
                exhausted += 1;
                Outcome::BWins
            }
            // the judge's seed depends on the prompt only: the same pair gets the same
            // judgement for every classifier
            Some(filtered) => match judge.compare(
                &prompt.prompt,
                filtered,
                unfiltered,
                ctx.seed_of("fresh quality judge") ^ p as u64,
            ) {
                Preference::AWins => Outcome::AWins,
                Preference::Tie => Outcome::Tie,
                Preference::BWins => Outcome::BWins,
            },
        });
    }
    Ok(FreshQuality {
        estimate: direct_quality(&outcomes, DEFAULT_LEVEL)?,
        prompts: outcomes.len(),
        attempts: most_attempts,
        exhausted,
    })
}

/// ROC AUC of `scores` against `truth` (`true` = injurious), `None` without both classes.
pub fn test_auc(scores: &[f64], truth: &[bool]) -> Result<Option<AucEstimate>> {
    let positives: Vec<f64> = scores
        .iter()
        .zip(truth)
        .filter(|(_, t)| **t)
        .map(|(s, _)| *s)
        .collect();
    let negatives: Vec<f64> = scores
        .iter()
        .zip(truth)
        .filter(|(_, t)| !**t)
        .map(|(s, _)| *s)
        .collect();
    if positives.is_empty() || negatives.is_empty() {
        return Ok(None);
    }
    Ok(Some(roc_auc(&positives, &negatives, DEFAULT_LEVEL)?))
}

/// Scores snippets with a classifier in batches, under no-grad.
pub fn score_all(
    ctx: &Context,
    classifier: &InjuriousnessClassifier,
    snippets: &[Snippet],
    label: &str,
) -> Result<Vec<f64>> {
    let bar = ctx.bar(snippets.len() as u64, label);
    let mut out = Vec::with_capacity(snippets.len());
    let options = BatchOptions::default();
    for chunk in snippets.chunks(512) {
        let inputs: Vec<ModelInput> = chunk.iter().cloned().map(ModelInput::Snippet).collect();
        out.extend(
            classifier
                .score_batch(&inputs, &options)?
                .into_iter()
                .map(|s| s.p_injurious),
        );
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    Ok(out)
}

/// One row of Table 2 for `classifier` (named `label`, saved as `model`): its threshold
/// chosen by the quality of the filtered generator on `study` (the lowest of
/// [`threshold_candidates`] whose quality lower bound clears the quality floor; the
/// acceptance threshold when none does), its FNR and FPR on `test` there, its ROC AUC on
/// `test`, and the quality at that threshold measured afresh on `fresh` (when given).
pub fn evaluate_classifier(
    ctx: &Context,
    classifier: &InjuriousnessClassifier,
    label: &str,
    model: &str,
    test: &Dataset,
    study: &QualityStudy,
    fresh: Option<&[QualityPrompt]>,
) -> Result<Table2Row> {
    let snippets: Vec<Snippet> = test.examples().iter().map(|e| e.snippet.clone()).collect();
    let truth: Vec<bool> = test
        .examples()
        .iter()
        .map(|e| e.label != Label::NonInjurious)
        .collect();
    let quality_config = QualityConfig {
        bootstrap: BootstrapConfig {
            seed: ctx.seed_of("quality bootstrap"),
            ..BootstrapConfig::default()
        },
        ..QualityConfig::default()
    };
    let scores = score_all(ctx, classifier, &snippets, &format!("test set: {label}"))?;
    let data = quality_data(study, |snippets: &[Snippet]| {
        score_all(ctx, classifier, snippets, "quality")
    })?;
    let candidates = threshold_candidates(&data);
    let (quality, rule) = match data.select_threshold(
        &candidates,
        ctx.settings.quality_floor,
        &quality_config,
    ) {
        Ok(q) => (
            q,
            format!(
                "lowest of {} distinct quality-study scores whose quality lower bound is above {}",
                candidates.len(),
                ctx.settings.quality_floor
            ),
        ),
        Err(e) => {
            let t = ctx.settings.acceptance_threshold;
            (
                data.estimate_quality(t, &quality_config)?,
                format!(
                    "no threshold met the quality floor ({e}); the acceptance threshold {t} is used"
                ),
            )
        }
    };
    let counts = ConfusionCounts::from_scores(&scores, &truth, quality.threshold)?;
    let at_acceptance =
        ConfusionCounts::from_scores(&scores, &truth, ctx.settings.acceptance_threshold)?;
    let fresh_quality = match fresh {
        Some(prompts) => Some(measure_fresh_quality(
            ctx,
            classifier,
            label,
            prompts,
            quality.threshold,
        )?),
        None => None,
    };
    Ok(Table2Row {
        classifier: label.to_string(),
        model: model.to_string(),
        threshold: quality.threshold,
        threshold_rule: rule,
        quality,
        fresh_quality,
        test_auc: test_auc(&scores, &truth)?,
        threshold_candidates: candidates.len(),
        test_fnr: counts.false_negative_rate()?,
        test_fpr: counts.false_positive_rate()?,
        test_fnr_at_acceptance: at_acceptance.false_negative_rate()?,
        filter: FilterEffect::from_counts(&counts).ok(),
    })
}

/// Stage `evaluate`: Table 2's rows.
pub fn evaluate(ctx: &mut Context) -> Result<String> {
    let test = load(ctx, TEST_FILE)?;
    let study = load_quality(ctx)?;
    let fresh = load_fresh_quality(ctx)?;
    let mut rows = Vec::new();
    for (model, label, _) in TABLE2 {
        let classifier = load_classifier(ctx, model)?;
        rows.push(evaluate_classifier(
            ctx,
            &classifier,
            label,
            model,
            &test,
            &study,
            Some(&fresh),
        )?);
    }
    ctx.dir.dir("eval")?;
    write_json(&ctx.dir.path(TABLE2_FILE), &rows)?;
    let summary: Vec<String> = rows
        .iter()
        .map(|r| format!("{} FNR {} at {:.4}", r.classifier, r.test_fnr, r.threshold))
        .collect();
    if rows.is_empty() {
        return Err(PipelineError::stage("evaluate", "no classifier evaluated"));
    }
    Ok(summary.join("; "))
}
