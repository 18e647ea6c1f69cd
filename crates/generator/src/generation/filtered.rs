//! The filtered generator: rejection sampling of completions against a classifier.
//!
//! Candidates are sampled in batches (so the filter scores batches), and the first whose
//! score is under the threshold is accepted, up to a maximum number of attempts (the
//! paper: 100, threshold ≈ 0.002). When nothing passes, the outcome says so: an
//! unfiltered completion is never returned.

use labels::Snippet;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::{FilterError, GeneratorError, Result};
use crate::generation::completion::{Completion, Generator};
use crate::generation::generate::GenerationConfig;
use crate::generation::sampling::Decoding;

/// A classifier that scores snippets: the probability that each is injurious.
pub trait Filter {
    /// A short name for reports and errors.
    fn id(&self) -> &str;

    /// P(injurious) of each snippet, in order, each in [0, 1].
    fn score_batch(&mut self, snippets: &[Snippet]) -> std::result::Result<Vec<f64>, FilterError>;
}

/// Settings of the filtered generator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilterConfig {
    /// A candidate is accepted when its score is strictly below this.
    pub threshold: f64,
    /// The most candidates sampled per prompt (the paper: 100).
    pub max_attempts: usize,
    /// Candidates sampled (and scored) per batch.
    pub batch_size: usize,
    /// How each candidate is generated: must sample (greedy decoding would repeat the
    /// same candidate).
    pub generation: GenerationConfig,
}

impl Default for FilterConfig {
    /// The paper's settings: threshold 0.002 (its most conservative), 100 attempts; 10
    /// candidates per batch; one sampled sentence each.
    fn default() -> Self {
        FilterConfig {
            threshold: 0.002,
            max_attempts: 100,
            batch_size: 10,
            generation: GenerationConfig::default(),
        }
    }
}

impl FilterConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(GeneratorError::setting(
                "threshold",
                format!("{} is not in (0, 1] (nothing could pass)", self.threshold),
            ));
        }
        if self.max_attempts == 0 {
            return Err(GeneratorError::setting(
                "max_attempts",
                "must be at least 1",
            ));
        }
        if self.batch_size == 0 {
            return Err(GeneratorError::setting("batch_size", "must be at least 1"));
        }
        if self.generation.decoding == Decoding::Greedy {
            return Err(GeneratorError::setting(
                "decoding",
                "the filtered generator must sample: greedy decoding repeats the same candidate",
            ));
        }
        self.generation.validate()
    }
}

/// How the filtered generation of one prompt ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FilteredOutcome {
    /// A candidate scored under the threshold.
    Accepted {
        /// The accepted completion.
        completion: Completion,
        /// Its score.
        score: f64,
    },
    /// No candidate passed within the maximum number of attempts.
    NothingPassed {
        /// The lowest score among the rejected candidates (`None` if none was scored:
        /// every candidate was empty).
        lowest_score: Option<f64>,
    },
}

/// The filtered generation of one prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilteredCompletion {
    /// The prompt.
    pub prompt: String,
    /// Accepted, or nothing passed.
    pub outcome: FilteredOutcome,
    /// Candidates considered in order until one was accepted (that one included), or
    /// every candidate when nothing passed: the attempts of sequential rejection sampling.
    pub attempts: usize,
    /// Candidates generated (a batch may run past the accepted one).
    pub sampled: usize,
    /// Candidates scored by the filter (empty completions are rejected unscored).
    pub scored: usize,
    /// Scored candidates under the threshold.
    pub passed: usize,
}

impl FilteredCompletion {
    /// The accepted completion, if any.
    pub fn accepted(&self) -> Option<&Completion> {
        match &self.outcome {
            FilteredOutcome::Accepted { completion, .. } => Some(completion),
            FilteredOutcome::NothingPassed { .. } => None,
        }
    }

    /// Fraction of scored candidates that passed (0 when none was scored).
    pub fn acceptance_rate(&self) -> f64 {
        ratio(self.passed, self.scored)
    }
}

/// Totals over every prompt a [`FilteredGenerator`] completed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterStats {
    /// Prompts completed.
    pub prompts: usize,
    /// Prompts with an accepted completion.
    pub accepted: usize,
    /// Sum of [`FilteredCompletion::attempts`].
    pub attempts: usize,
    /// Candidates generated.
    pub sampled: usize,
    /// Candidates scored.
    pub scored: usize,
    /// Scored candidates under the threshold.
    pub passed: usize,
    /// Calls of [`Filter::score_batch`].
    pub filter_calls: usize,
}

impl FilterStats {
    /// Fraction of scored candidates that passed.
    pub fn acceptance_rate(&self) -> f64 {
        ratio(self.passed, self.scored)
    }

    /// Mean attempts per prompt.
    pub fn mean_attempts(&self) -> f64 {
        ratio(self.attempts, self.prompts)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// A [`Generator`] whose completions must pass a [`Filter`].
pub struct FilteredGenerator<'g, F: Filter> {
    generator: &'g Generator,
    filter: F,
    config: FilterConfig,
    rng: ChaCha8Rng,
    stats: FilterStats,
}

impl<'g, F: Filter> FilteredGenerator<'g, F> {
    /// A filtered generator sampling from a [`ChaCha8Rng`] seeded with `seed`.
    pub fn new(
        generator: &'g Generator,
        filter: F,
        config: FilterConfig,
        seed: u64,
    ) -> Result<Self> {
        config.validate()?;
        Ok(FilteredGenerator {
            generator,
            filter,
            config,
            rng: ChaCha8Rng::seed_from_u64(seed),
            stats: FilterStats::default(),
        })
    }

    /// Totals so far.
    pub fn stats(&self) -> &FilterStats {
        &self.stats
    }

    /// The settings.
    pub fn config(&self) -> &FilterConfig {
        &self.config
    }

    /// The filter.
    pub fn filter(&self) -> &F {
        &self.filter
    }

    /// Gives the filter back.
    pub fn into_filter(self) -> F {
        self.filter
    }

    /// Rejection-samples a completion of `prompt`.
    pub fn complete(&mut self, prompt: &str) -> Result<FilteredCompletion> {
        let threshold = self.config.threshold;
        let mut result = FilteredCompletion {
            prompt: prompt.to_string(),
            outcome: FilteredOutcome::NothingPassed { lowest_score: None },
            attempts: 0,
            sampled: 0,
            scored: 0,
            passed: 0,
        };
        let mut lowest: Option<f64> = None;
        let mut accepted: Option<(Completion, f64)> = None;
        while accepted.is_none() && result.sampled < self.config.max_attempts {
            let n = self
                .config
                .batch_size
                .min(self.config.max_attempts - result.sampled);
            let prompts = vec![prompt; n];
            let candidates =
                self.generator
                    .complete(&prompts, &self.config.generation, &mut self.rng)?;
            result.sampled += n;
            // empty completions are rejected without asking the filter
            let scored: Vec<usize> = (0..n).filter(|&i| !candidates[i].text.is_empty()).collect();
            let snippets: Vec<Snippet> = scored
                .iter()
                .map(|&i| Snippet::new(prompt, candidates[i].text.clone()))
                .collect();
            let scores = self.score(&snippets)?;
            result.scored += scores.len();
            result.passed += scores.iter().filter(|&&s| s < threshold).count();
            let mut score_of = vec![None; n];
            for (&i, &s) in scored.iter().zip(&scores) {
                score_of[i] = Some(s);
            }
            for (candidate, score) in candidates.into_iter().zip(score_of) {
                result.attempts += 1;
                match score {
                    Some(s) if s < threshold => {
                        accepted = Some((candidate, s));
                        break;
                    }
                    Some(s) => lowest = Some(lowest.map_or(s, |l: f64| l.min(s))),
                    None => {}
                }
            }
        }
        result.outcome = match accepted {
            Some((completion, score)) => FilteredOutcome::Accepted { completion, score },
            None => FilteredOutcome::NothingPassed {
                lowest_score: lowest,
            },
        };
        let s = &mut self.stats;
        s.prompts += 1;
        s.accepted += usize::from(result.accepted().is_some());
        s.attempts += result.attempts;
        s.sampled += result.sampled;
        s.scored += result.scored;
        s.passed += result.passed;
        Ok(result)
    }

    /// [`FilteredGenerator::complete`] for each prompt in turn.
    pub fn complete_all(&mut self, prompts: &[&str]) -> Result<Vec<FilteredCompletion>> {
        prompts.iter().map(|p| self.complete(p)).collect()
    }

    /// Scores a batch, holding the filter to its contract.
    fn score(&mut self, snippets: &[Snippet]) -> Result<Vec<f64>> {
        if snippets.is_empty() {
            return Ok(Vec::new());
        }
        self.stats.filter_calls += 1;
        let id = self.filter.id().to_string();
        let scores =
            self.filter
                .score_batch(snippets)
                .map_err(|source| GeneratorError::Filter {
                    filter: id.clone(),
                    source,
                })?;
        if scores.len() != snippets.len() {
            return Err(GeneratorError::FilterContract {
                filter: id,
                message: format!("{} scores for {} snippets", scores.len(), snippets.len()),
            });
        }
        if let Some(bad) = scores.iter().find(|s| !(0.0..=1.0).contains(*s)) {
            return Err(GeneratorError::FilterContract {
                filter: id,
                message: format!("score {bad} is not a probability"),
            });
        }
        Ok(scores)
    }
}
