//! Stages 8–9: the four classifiers of Table 2 on equal totals, and their evaluation:
//! the threshold chosen by quality, then false-negative and false-positive rates on the
//! in-distribution test set.

use classifier::{BatchOptions, InjuriousnessClassifier, ModelInput};
use labels::{Dataset, Label, Snippet, Split};
use metrics::{BootstrapConfig, ConfusionCounts, QualityConfig, QualityEstimate, RateEstimate};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::context::Context;
use super::data::{INITIAL_FILE, QualityStudy, TEST_FILE, load, load_quality};
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
    /// Quality of the filtered generator at that threshold.
    pub quality: QualityEstimate,
    /// False-negative rate on the in-distribution test set at that threshold.
    pub test_fnr: RateEstimate,
    /// False-positive rate on the in-distribution test set at that threshold.
    pub test_fpr: RateEstimate,
    /// False-negative rate at the attackers' acceptance threshold.
    pub test_fnr_at_acceptance: RateEstimate,
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
/// acceptance threshold when none does), and its FNR and FPR on `test` there.
pub fn evaluate_classifier(
    ctx: &Context,
    classifier: &InjuriousnessClassifier,
    label: &str,
    model: &str,
    test: &Dataset,
    study: &QualityStudy,
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
    let (quality, rule) = match data.select_threshold(
        &threshold_candidates(),
        ctx.settings.quality_floor,
        &quality_config,
    ) {
        Ok(q) => (
            q,
            format!(
                "lowest of 80 log-spaced thresholds whose quality lower bound is above {}",
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
    Ok(Table2Row {
        classifier: label.to_string(),
        model: model.to_string(),
        threshold: quality.threshold,
        threshold_rule: rule,
        quality,
        test_fnr: counts.false_negative_rate()?,
        test_fpr: counts.false_positive_rate()?,
        test_fnr_at_acceptance: at_acceptance.false_negative_rate()?,
    })
}

/// Stage `evaluate`: Table 2's rows.
pub fn evaluate(ctx: &mut Context) -> Result<String> {
    let test = load(ctx, TEST_FILE)?;
    let study = load_quality(ctx)?;
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
