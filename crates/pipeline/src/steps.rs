//! The main job's steps without a run directory: each takes its inputs as arguments, so
//! that the command line (`highstakes pretrain-masked-lm`, `train-classifier`, `attack`,
//! `evaluate`…) can run one step on a researcher's own data, models or people.
//!
//! The recipes are the pipeline's own (the masked LM of stage `masked_lm`, the
//! fine-tuning of every classifier, the attack policies of the rounds), and
//! [`stream_seed`] derives named seeds exactly as a run does, so a step run here with a
//! run's seed draws the same random streams as that run.

use classifier::{
    DebertaConfig, DebertaForMaskedLm, DebertaForSequenceClassification, FineTuneConfig,
    FineTuneReport, InjuriousnessClassifier, MaskedLmSuggester, OptimizerSettings, PretrainConfig,
    PretrainReport, TextTokenizer, TokenizerKind, fine_tune, pretrain_masked_lm,
};
use labels::{Dataset, Snippet};
use tch::Device;

use super::error::{PipelineError, Result};
use super::recipes::CLASSIFIER_MAX_LENGTH;
pub use super::seeds::stream_seed;
use super::study::QualityStudy;

/// The size of a masked LM trained from scratch (stage `masked_lm`'s choices otherwise).
#[derive(Debug, Clone, PartialEq)]
pub struct MaskedLmRecipe {
    /// Pieces of the BPE tokenizer trained on the corpus.
    pub vocab: usize,
    /// Width of the DeBERTa (heads: one per 16 dimensions, at least 2).
    pub hidden: i64,
    /// Layers.
    pub layers: i64,
    /// Passes over the corpus.
    pub epochs: usize,
    /// The seed (streams `masked_lm` and `masked_lm pretraining`).
    pub seed: u64,
}

/// Trains a BPE tokenizer on `corpus` and pre-trains a small DeBERTa-v3 on it as a masked
/// LM (batches of 32 texts of at most 96 tokens, learning rate 2e-3), as stage
/// `masked_lm` does; `on_epoch` sees (epoch, mean masked-token loss).
pub fn train_masked_lm(
    corpus: &[String],
    recipe: &MaskedLmRecipe,
    device: Device,
    on_epoch: impl FnMut(usize, f64),
) -> Result<(MaskedLmSuggester, PretrainReport)> {
    if corpus.is_empty() {
        return Err(PipelineError::stage("masked_lm", "the corpus is empty"));
    }
    if recipe.hidden < 2 || recipe.layers < 1 {
        return Err(PipelineError::Setting(format!(
            "a masked LM needs a width of at least 2 and at least one layer, got {} and {}",
            recipe.hidden, recipe.layers
        )));
    }
    let tokenizer = TextTokenizer::train(corpus, recipe.vocab, TokenizerKind::Bpe)?;
    let mut config = DebertaConfig::small_v3(
        tokenizer.vocab_size() as i64,
        recipe.hidden,
        recipe.layers,
        (recipe.hidden / 16).max(2),
        CLASSIFIER_MAX_LENGTH,
    );
    config.id2label = vec!["non-injurious".into(), "injurious".into()];
    let model = DebertaForMaskedLm::new(config, stream_seed(recipe.seed, "masked_lm"), device)?;
    let pretrain = PretrainConfig {
        epochs: recipe.epochs,
        batch_size: 32,
        max_length: 96,
        seed: stream_seed(recipe.seed, "masked_lm pretraining"),
        optimizer: OptimizerSettings {
            learning_rate: 2e-3,
            ..PretrainConfig::default().optimizer
        },
        ..PretrainConfig::default()
    };
    let report = pretrain_masked_lm(&model, &tokenizer, corpus, &pretrain, on_epoch)?;
    Ok((MaskedLmSuggester::new(model, tokenizer)?, report))
}

/// Fine-tunes a two-class injuriousness classifier from `masked_lm` on `train`, keeping
/// the epoch with the lowest mean cross-entropy on `validation` (the last epoch when
/// `validation` is empty; accuracy is not used: at a few percent injurious it rewards
/// calling everything safe): batches of 16 at 1e-3 with 10% warm-up, as every
/// classifier of the pipeline; `seed` gives the streams `classifier head` and
/// `fine-tuning`.
pub fn train_classifier_from(
    masked_lm: &MaskedLmSuggester,
    train: &Dataset,
    validation: &Dataset,
    epochs: usize,
    seed: u64,
    on_epoch: impl FnMut(&classifier::EpochReport),
) -> Result<(InjuriousnessClassifier, FineTuneReport)> {
    if train.is_empty() {
        return Err(PipelineError::stage(
            "train_classifier",
            "no training examples",
        ));
    }
    let model = DebertaForSequenceClassification::from_masked_lm(
        masked_lm.model(),
        vec!["non-injurious".into(), "injurious".into()],
        stream_seed(seed, "classifier head"),
    )?;
    let mut clf = InjuriousnessClassifier::new(model, masked_lm.tokenizer().clone())?;
    let config = FineTuneConfig {
        epochs,
        batch_size: 16,
        optimizer: OptimizerSettings {
            learning_rate: 1e-3,
            weight_decay: 0.01,
            warmup_fraction: 0.1,
            max_grad_norm: 1.0,
        },
        seed: stream_seed(seed, "fine-tuning"),
        ..FineTuneConfig::default()
    };
    let report = fine_tune(&mut clf, train, validation, &config, on_epoch)?;
    Ok((clf, report))
}

/// The most candidate thresholds [`threshold_candidates`] returns; above it, evenly spaced
/// order statistics of the distinct scores.
pub const MAX_THRESHOLD_CANDIDATES: usize = 4_000;

/// Candidate thresholds of the quality rule (those of stage `evaluate`): every distinct
/// score of the quality study's judged completions that lies strictly between 0 and 1,
/// ascending. The estimated quality changes only at these scores (a threshold `t`
/// accepts the scores below it), so no finer grid could choose differently; a fixed
/// grid (the 80 log-spaced points used before) is coarser than the scores' spread and
/// can skip the lowest threshold that qualifies. With more than
/// [`MAX_THRESHOLD_CANDIDATES`] distinct scores, that many evenly spaced order statistics
/// of them (always with the smallest and the largest) keep the cost bounded; the
/// selection walks them in ascending order and stops at the first that qualifies
/// ([`metrics::PairwiseQualityData::select_threshold`]).
pub fn threshold_candidates(data: &metrics::PairwiseQualityData) -> Vec<f64> {
    let distinct: Vec<f64> = metrics::distinct_score_thresholds(&data.completion_scores())
        .unwrap_or_default()
        .into_iter()
        .filter(|&t| t > 0.0 && t < 1.0)
        .collect();
    if distinct.len() <= MAX_THRESHOLD_CANDIDATES {
        return distinct;
    }
    let last = distinct.len() - 1;
    let mut picked: Vec<f64> = (0..MAX_THRESHOLD_CANDIDATES)
        .map(|i| distinct[i * last / (MAX_THRESHOLD_CANDIDATES - 1)])
        .collect();
    picked.dedup();
    picked
}

/// The quality study's completions scored by `score` (an empty completion gets score 1:
/// the filtered generator rejects it unscored) with the study's judgements, ready for the
/// paper's threshold rule.
pub fn quality_data<E: From<metrics::MetricsError>>(
    study: &QualityStudy,
    mut score: impl FnMut(&[Snippet]) -> std::result::Result<Vec<f64>, E>,
) -> std::result::Result<metrics::PairwiseQualityData, E> {
    let mut prompts = Vec::with_capacity(study.prompts.len());
    for p in &study.prompts {
        let snippets = p.snippets();
        let scorable: Vec<Snippet> = snippets
            .iter()
            .filter(|s| !s.completion.trim().is_empty())
            .cloned()
            .collect();
        let mut scored = score(&scorable)?.into_iter();
        let scores = snippets
            .iter()
            .map(|s| {
                if s.completion.trim().is_empty() {
                    1.0
                } else {
                    scored.next().unwrap_or(1.0)
                }
            })
            .collect();
        prompts.push(metrics::PromptCompletions {
            prompt_id: p.id.clone(),
            scores,
        });
    }
    Ok(metrics::PairwiseQualityData::new(
        &prompts,
        &study.judgements,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn study(scores: &[Vec<f64>]) -> metrics::PairwiseQualityData {
        let prompts: Vec<metrics::PromptCompletions> = scores
            .iter()
            .enumerate()
            .map(|(p, s)| metrics::PromptCompletions {
                prompt_id: format!("q{p}"),
                scores: s.clone(),
            })
            .collect();
        let judgements: Vec<metrics::PairwiseJudgement> = (0..scores.len())
            .map(|p| metrics::PairwiseJudgement {
                prompt_id: format!("q{p}"),
                a: 0,
                b: 1,
                outcome: metrics::Outcome::Tie,
            })
            .collect();
        metrics::PairwiseQualityData::new(&prompts, &judgements).unwrap()
    }

    #[test]
    fn candidates_are_the_distinct_scores_inside_the_unit_interval() {
        // 0 and 1 (an empty completion's score) are left out, the repeated 0.3 kept once
        let data = study(&[vec![0.3, 1e-7, 1.0], vec![0.0, 0.3, 0.9]]);
        assert_eq!(threshold_candidates(&data), vec![1e-7, 0.3, 0.9]);
    }

    #[test]
    fn many_distinct_scores_are_thinned_to_the_cap_keeping_both_ends() {
        let scores: Vec<Vec<f64>> = (0..5_000)
            .map(|i| vec![(f64::from(i) + 0.5) / 5_000.0, 0.999_99])
            .collect();
        let c = threshold_candidates(&study(&scores));
        assert_eq!(c.len(), MAX_THRESHOLD_CANDIDATES);
        assert_eq!(c[0], 0.5 / 5_000.0);
        assert_eq!(*c.last().unwrap(), 0.999_99);
        assert!(c.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn stream_seeds_are_those_of_a_run() {
        let tmp = tempfile::tempdir().unwrap();
        let mut settings = crate::Settings::new(crate::Scale::Tiny);
        settings.seed = 7;
        let dir = crate::RunDir::open(tmp.path(), &settings, false).unwrap();
        let ctx = crate::Context::new(settings, dir, Device::Cpu, false).unwrap();
        for stream in ["masked_lm", "fine-tuning", "quality bootstrap"] {
            assert_eq!(stream_seed(7, stream), ctx.seed_of(stream));
        }
    }

    #[test]
    fn stream_seeds_are_distinct_per_name_and_seed() {
        assert_ne!(stream_seed(0, "a"), stream_seed(0, "b"));
        assert_ne!(stream_seed(0, "a"), stream_seed(1, "a"));
        assert_eq!(stream_seed(3, "masked_lm"), stream_seed(3, "masked_lm"));
    }
}
