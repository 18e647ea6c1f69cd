//! Quality of a rejection-sampled ("filtered") generator, measured as its **preference
//! rate** against the unfiltered generator: `P(filtered beats unfiltered) + ½ P(tie)`.
//! 50% means no quality loss.
//!
//! # Estimating it from a static dataset (paper §5.1 and Appendix A.7)
//!
//! For each prompt we have i.i.d. completions of the *unfiltered* generator, each with a
//! classifier score, and pairwise judgements between completions of that prompt (win, tie,
//! loss; a tie is half a win for each). At a threshold `t` the filtered generator's output is
//! an unfiltered completion conditioned on `score < t`, obtained by rejection sampling with
//! up to `max_attempts` (100) draws. For one prompt with `m` completions, of which the set
//! `A` has `score < t`:
//!
//! * `p_accept = |A| / m`, and the chance that all attempts fail is
//!   `fail = (1 - p_accept)^max_attempts`; such a comparison counts as a **loss** (footnote 9).
//! * Every judgement of completions `i` and `j` counts in both directions: `i` gets credit
//!   1, ½ or 0 and `j` gets the rest, and both have one more judged comparison. The win rate
//!   of a filtered completion (`i` uniform over `A`) against an unfiltered one (`j` uniform
//!   over all) is estimated by pooling: `win_rate = Σ_{i∈A} credit_i / Σ_{i∈A} judged_i`.
//! * `q_prompt = (1 - fail) · win_rate + fail · 0`.
//!
//! Quality is the mean of `q_prompt` over prompts (each prompt weighs the same), and its
//! interval is a seeded percentile bootstrap over prompts (prompts resampled with
//! replacement; see [`crate::bootstrap`]). Accepting everything (`t = +inf`) gives exactly
//! 0.5, since the filtered and unfiltered generators are then the same; rejecting everything
//! gives exactly 0.
//!
//! Prompts without any judgement are ignored. A prompt whose accepted completions were never
//! judged (while `A` is not empty) carries no information at that threshold and is left out
//! of that threshold's mean (counted in [`QualityEstimate::prompts_skipped`]).
//!
//! # Direct evaluation
//!
//! [`direct_quality`] turns outcomes of filtered-versus-unfiltered comparisons (the paper's
//! check on 5000 prompts) into a preference rate with a normal-approximation interval.

pub use crate::quality_estimate::QualityEstimate;

use std::collections::HashMap;

use ndarray::{Array1, ArrayView1};
use serde::{Deserialize, Serialize};

use crate::bootstrap::{BootstrapConfig, ResampleDraws, bootstrap_mean, mean};
use crate::error::{MetricsError, Result, check_level, check_not_nan};
use crate::interval::{DEFAULT_LEVEL, Interval};
use crate::special::normal_two_sided_quantile;
use crate::threshold::select_threshold_by_quality;
use crate::views::as_slice;

/// The paper's limit on rejection-sampling attempts (footnote 9).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 100;

/// Result of comparing completion `a` with completion `b`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// `a` is better.
    AWins,
    /// Equal quality: half a win for each.
    Tie,
    /// `b` is better.
    BWins,
}

impl Outcome {
    /// The win credit of `a`: 1 for a win, ½ for a tie, 0 for a loss.
    pub fn credit_for_a(self) -> f64 {
        match self {
            Self::AWins => 1.0,
            Self::Tie => 0.5,
            Self::BWins => 0.0,
        }
    }
}

/// One pairwise judgement between two completions (by index) of the same prompt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairwiseJudgement {
    /// The prompt both completions continue.
    pub prompt_id: String,
    /// Index of the first completion in that prompt's [`PromptCompletions::scores`].
    pub a: usize,
    /// Index of the second completion.
    pub b: usize,
    /// Which one was better.
    pub outcome: Outcome,
}

/// The unfiltered completions of one prompt, by their classifier scores (index = completion).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromptCompletions {
    /// The prompt's id.
    pub prompt_id: String,
    /// Classifier score of each completion (`score >= threshold` is rejected).
    pub scores: Vec<f64>,
}

/// Settings of a quality estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct QualityConfig {
    /// Rejection-sampling attempts before the filtered generator gives up (default 100);
    /// giving up counts as a loss.
    pub max_attempts: u32,
    /// Bootstrap over prompts (default: 10,000 resamples, 95%, seed 0). The same seed is
    /// used at every threshold of a curve, so neighbouring thresholds share resamples.
    pub bootstrap: BootstrapConfig,
}

impl Default for QualityConfig {
    fn default() -> Self {
        Self {
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            bootstrap: BootstrapConfig::default(),
        }
    }
}

/// Per-prompt tables, completions sorted by score with prefix sums, so that any threshold
/// is answered with one binary search per prompt.
#[derive(Debug, Clone)]
struct PromptTable {
    /// Scores in ascending order.
    sorted_scores: Vec<f64>,
    /// `credit_prefix[r]`: win credit of the `r` lowest-scored completions (length m + 1).
    credit_prefix: Vec<f64>,
    /// `judged_prefix[r]`: judged comparisons of the `r` lowest-scored completions.
    judged_prefix: Vec<f64>,
}

/// A validated pairwise-comparison dataset, ready to estimate quality at any threshold.
#[derive(Debug, Clone)]
pub struct PairwiseQualityData {
    /// Judged prompts only, in the order given.
    prompts: Vec<PromptTable>,
    /// Listed prompts without any judgement (ignored).
    unjudged_prompts: usize,
}

impl PairwiseQualityData {
    /// Builds the dataset. Errors on a duplicated prompt id, a NaN score, or a judgement that
    /// names an unknown prompt, an out-of-range completion, or the same completion twice.
    pub fn new(prompts: &[PromptCompletions], judgements: &[PairwiseJudgement]) -> Result<Self> {
        let mut index_of: HashMap<&str, usize> = HashMap::with_capacity(prompts.len());
        for (position, prompt) in prompts.iter().enumerate() {
            if index_of.insert(&prompt.prompt_id, position).is_some() {
                return Err(MetricsError::DuplicatePrompt {
                    prompt_id: prompt.prompt_id.clone(),
                });
            }
            if let Some(index) = prompt.scores.iter().position(|s| s.is_nan()) {
                return Err(MetricsError::NanCompletionScore {
                    prompt_id: prompt.prompt_id.clone(),
                    index,
                });
            }
        }
        // Per completion: (win credit, judged comparisons), both directions of each pair.
        let mut tallies: Vec<Vec<(f64, f64)>> = prompts
            .iter()
            .map(|p| vec![(0.0, 0.0); p.scores.len()])
            .collect();
        for judgement in judgements {
            let position = *index_of.get(judgement.prompt_id.as_str()).ok_or_else(|| {
                MetricsError::UnknownPrompt {
                    prompt_id: judgement.prompt_id.clone(),
                }
            })?;
            let completions = prompts[position].scores.len();
            for index in [judgement.a, judgement.b] {
                if index >= completions {
                    return Err(MetricsError::UnknownCompletion {
                        prompt_id: judgement.prompt_id.clone(),
                        index,
                        completions,
                    });
                }
            }
            if judgement.a == judgement.b {
                return Err(MetricsError::SelfComparison {
                    prompt_id: judgement.prompt_id.clone(),
                    index: judgement.a,
                });
            }
            let credit = judgement.outcome.credit_for_a();
            let tally = &mut tallies[position];
            tally[judgement.a].0 += credit;
            tally[judgement.a].1 += 1.0;
            tally[judgement.b].0 += 1.0 - credit;
            tally[judgement.b].1 += 1.0;
        }

        let mut tables = Vec::new();
        let mut unjudged_prompts = 0;
        for (prompt, tally) in prompts.iter().zip(tallies) {
            if tally.iter().all(|&(_, judged)| judged == 0.0) {
                unjudged_prompts += 1;
                continue;
            }
            let mut order: Vec<usize> = (0..prompt.scores.len()).collect();
            order.sort_by(|&i, &j| prompt.scores[i].total_cmp(&prompt.scores[j]));
            let mut table = PromptTable {
                sorted_scores: order.iter().map(|&i| prompt.scores[i]).collect(),
                credit_prefix: vec![0.0],
                judged_prefix: vec![0.0],
            };
            for &i in &order {
                let (credit, judged) = tally[i];
                table
                    .credit_prefix
                    .push(table.credit_prefix.last().unwrap_or(&0.0) + credit);
                table
                    .judged_prefix
                    .push(table.judged_prefix.last().unwrap_or(&0.0) + judged);
            }
            tables.push(table);
        }
        Ok(Self {
            prompts: tables,
            unjudged_prompts,
        })
    }

    /// Number of prompts with at least one judgement (the ones quality is estimated from).
    pub fn judged_prompts(&self) -> usize {
        self.prompts.len()
    }

    /// Number of listed prompts without any judgement (ignored).
    pub fn unjudged_prompts(&self) -> usize {
        self.unjudged_prompts
    }

    /// Per-prompt preference rates at `threshold` (prompts without information at this
    /// threshold left out), with the acceptance and failure probabilities of each.
    fn per_prompt(&self, threshold: f64, max_attempts: u32) -> Vec<PromptQuality> {
        self.prompts
            .iter()
            .filter_map(|table| {
                let accepted = table.sorted_scores.partition_point(|&s| s < threshold);
                let completions = table.sorted_scores.len();
                let acceptance = accepted as f64 / completions as f64;
                // (1 - p)^attempts; exactly 0 when everything is accepted, 1 when nothing is.
                let failure = (1.0 - acceptance).powf(f64::from(max_attempts));
                if accepted == 0 {
                    return Some(PromptQuality {
                        quality: 0.0,
                        acceptance,
                        failure,
                    });
                }
                let judged = table.judged_prefix[accepted];
                if judged == 0.0 {
                    return None;
                }
                let win_rate = table.credit_prefix[accepted] / judged;
                Some(PromptQuality {
                    quality: (1.0 - failure) * win_rate,
                    acceptance,
                    failure,
                })
            })
            .collect()
    }

    /// Quality at `threshold` with its bootstrap interval over prompts.
    ///
    /// Errors when the threshold is NaN, `max_attempts` is 0, the bootstrap config is
    /// invalid, or no prompt carries information at this threshold.
    pub fn estimate_quality(
        &self,
        threshold: f64,
        config: &QualityConfig,
    ) -> Result<QualityEstimate> {
        self.estimate_quality_with(threshold, config, &mut None)
    }

    /// [`estimate_quality`](Self::estimate_quality), reusing (and keeping) the bootstrap's
    /// draws in `draws` when they are for as many prompts.
    fn estimate_quality_with(
        &self,
        threshold: f64,
        config: &QualityConfig,
        draws: &mut Option<ResampleDraws>,
    ) -> Result<QualityEstimate> {
        check_not_nan("threshold", &[threshold])?;
        if config.max_attempts == 0 {
            return Err(MetricsError::InvalidParameter {
                name: "max_attempts",
                value: 0.0,
                expected: "at least 1",
            });
        }
        let rows = self.per_prompt(threshold, config.max_attempts);
        if rows.is_empty() {
            return Err(MetricsError::NoQualityInformation { threshold });
        }
        let qualities: Vec<f64> = rows.iter().map(|r| r.quality).collect();
        let acceptance: Vec<f64> = rows.iter().map(|r| r.acceptance).collect();
        let failure: Vec<f64> = rows.iter().map(|r| r.failure).collect();
        if draws.as_ref().is_none_or(|d| d.units() != qualities.len()) {
            *draws = ResampleDraws::new(qualities.len(), &config.bootstrap);
        }
        let bootstrap = match draws {
            Some(d) => d.mean(&qualities, &config.bootstrap)?,
            None => bootstrap_mean(&qualities, &config.bootstrap)?,
        };
        Ok(QualityEstimate {
            threshold,
            estimate: bootstrap.estimate,
            interval: bootstrap.interval,
            prompts_used: rows.len(),
            prompts_skipped: self.prompts.len() - rows.len(),
            mean_acceptance_rate: mean(&acceptance),
            mean_failure_probability: mean(&failure),
            resamples: bootstrap.resamples,
            seed: bootstrap.seed,
        })
    }

    /// [`estimate_quality`](Self::estimate_quality) at each of `thresholds` (a slice, a
    /// `Vec`, an array or an ndarray array or view), in order.
    pub fn quality_curve<'a>(
        &self,
        thresholds: impl Into<ArrayView1<'a, f64>>,
        config: &QualityConfig,
    ) -> Result<Vec<QualityEstimate>> {
        let thresholds = as_slice(thresholds.into());
        let thresholds = &*thresholds;
        check_not_nan("thresholds", thresholds)?;
        let mut draws = None;
        thresholds
            .iter()
            .map(|&t| self.estimate_quality_with(t, config, &mut draws))
            .collect()
    }

    /// The paper's threshold rule: the lowest of the `candidates` whose quality lower bound
    /// is above `floor`, exactly as [`select_threshold_by_quality`] over the
    /// [`quality_curve`](Self::quality_curve) at the candidates, with the same errors.
    ///
    /// The candidates are visited in ascending order and the walk stops at the first that
    /// qualifies, so only the candidates at and below the chosen one are estimated (each
    /// estimate is a bootstrap over prompts): a fine grid, such as every distinct score of
    /// the completions ([`crate::distinct_score_thresholds`]), costs only as much as the
    /// part of it that is walked. When none qualifies every candidate is estimated.
    ///
    /// The candidates may be a slice, a `Vec`, an array or an ndarray array or view.
    pub fn select_threshold<'a>(
        &self,
        candidates: impl Into<ArrayView1<'a, f64>>,
        floor: f64,
        config: &QualityConfig,
    ) -> Result<QualityEstimate> {
        let candidates = as_slice(candidates.into());
        let candidates = &*candidates;
        check_not_nan("thresholds", candidates)?;
        if let Err(error @ MetricsError::InvalidParameter { .. }) =
            select_threshold_by_quality(&[], floor)
        {
            return Err(error);
        }
        let mut ascending = candidates.to_vec();
        ascending.sort_unstable_by(f64::total_cmp);
        let mut best_lower_bound = f64::NAN;
        let mut level = None;
        // every estimate of the walk resamples the same prompts with the same seed: the
        // draws are made once
        let mut draws = None;
        for &threshold in &ascending {
            let estimate = self.estimate_quality_with(threshold, config, &mut draws)?;
            // the same rule, and the same errors, as select_threshold_by_quality
            let chosen = select_threshold_by_quality(std::slice::from_ref(&estimate), floor);
            if let Ok(point) = chosen {
                return Ok(point);
            }
            level.get_or_insert(estimate.interval.level);
            if best_lower_bound.is_nan() || estimate.interval.lower > best_lower_bound {
                best_lower_bound = estimate.interval.lower;
            }
        }
        // no candidate qualified (or there were none): the rule's own error, with the
        // counts of the whole list
        select_threshold_by_quality(&[], floor).map_err(|error| match error {
            MetricsError::NoThresholdKeepsQuality { floor, .. } => {
                MetricsError::NoThresholdKeepsQuality {
                    floor,
                    level: level.unwrap_or(DEFAULT_LEVEL),
                    candidates: candidates.len(),
                    best_lower_bound,
                }
            }
            other => other,
        })
    }

    /// Every completion score of the judged prompts (the ones quality is estimated from),
    /// ascending per prompt: the quality of any threshold changes only at these values.
    pub fn completion_scores(&self) -> Vec<f64> {
        self.prompts
            .iter()
            .flat_map(|table| table.sorted_scores.iter().copied())
            .collect()
    }

    /// [`completion_scores`](Self::completion_scores) as an ndarray array (the same
    /// numbers in the same order).
    pub fn completion_scores_array(&self) -> Array1<f64> {
        Array1::from(self.completion_scores())
    }
}

struct PromptQuality {
    quality: f64,
    acceptance: f64,
    failure: f64,
}

/// Preference rate from a direct evaluation: outcomes of filtered (`a`) versus unfiltered
/// (`b`) completions, one per prompt.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DirectQualityEstimate {
    /// Comparisons the filtered completion won.
    pub wins: u64,
    /// Ties.
    pub ties: u64,
    /// Comparisons the filtered completion lost (including rejection-sampling failures).
    pub losses: u64,
    /// `(wins + ties / 2) / (wins + ties + losses)`.
    pub estimate: f64,
    /// Normal-approximation interval (see [`direct_quality`]).
    pub interval: Interval,
}

/// Preference rate of filtered over unfiltered from direct comparisons, where each
/// `outcome` has the filtered completion as `a` (a failure of the filtered generator to
/// produce an accepted completion should be recorded as [`Outcome::BWins`], a loss).
///
/// Each comparison scores 1, ½ or 0, and the interval is the normal (Wald) interval of the
/// mean of these scores, `mean ± z · s / sqrt(n)` with `s` the sample standard deviation
/// (n - 1 denominator), clipped to [0, 1]. Ties make the scores non-binary, which is why a
/// binomial interval is not used; at the paper's n = 5000 the normal approximation is
/// accurate. (For a bootstrap instead, pass the scores [`Outcome::credit_for_a`] to
/// [`crate::bootstrap_mean`].) Errors with fewer than two outcomes or an invalid level.
pub fn direct_quality(outcomes: &[Outcome], level: f64) -> Result<DirectQualityEstimate> {
    check_level(level)?;
    if outcomes.len() < 2 {
        return Err(MetricsError::InvalidParameter {
            name: "number of direct comparisons",
            value: outcomes.len() as f64,
            expected: "at least 2",
        });
    }
    let count = |o: Outcome| outcomes.iter().filter(|&&x| x == o).count() as u64;
    let scores: Vec<f64> = outcomes.iter().map(|o| o.credit_for_a()).collect();
    let n = scores.len() as f64;
    let estimate = mean(&scores);
    let variance = scores.iter().map(|s| (s - estimate).powi(2)).sum::<f64>() / (n - 1.0);
    let half = normal_two_sided_quantile(level) * (variance / n).sqrt();
    Ok(DirectQualityEstimate {
        wins: count(Outcome::AWins),
        ties: count(Outcome::Tie),
        losses: count(Outcome::BWins),
        estimate,
        interval: Interval::new(
            (estimate - half).max(0.0),
            (estimate + half).min(1.0),
            level,
        )?,
    })
}
