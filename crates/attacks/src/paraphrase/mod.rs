//! The paraphrase attack (the paper §4.4.2): rewrite an earlier adversarial example many
//! ways, keep only the rewrites the target accepts, and continue until 5–10 are accepted;
//! the accepted ones are then labeled (the paper kept them all as labeled data; the ones
//! judged injurious are the adversarial examples).

#[cfg(feature = "generator")]
mod few_shot;
mod paraphraser;
mod rules;

#[cfg(feature = "generator")]
pub use few_shot::{FEW_SHOT_EXAMPLES, FewShotParaphraser};
pub use paraphraser::Paraphraser;
pub use rules::{RuleParaphraser, RuleParaphraserConfig};

use std::collections::HashSet;

use labels::{Labeler, Snippet, Source};
use serde::{Deserialize, Serialize};

use crate::attack::{Attack, AttackRun, Ending};
use crate::budget::Budget;
use crate::counter::snippet_key;
use crate::criterion::AdversarialCriterion;
use crate::error::{AttackError, Result};
use crate::outcome::AttackOutcome;
use crate::target::Target;
use crate::trace::{Event, ScoredSnippet, StopReason};

/// Settings of the paraphrase attack.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParaphraseConfig {
    /// When a paraphrase is accepted and adversarial.
    pub criterion: AdversarialCriterion,
    /// Paraphrases asked for per round (scored in one batch).
    pub per_round: usize,
    /// Stop once this many are accepted (the paper: 5).
    pub min_accepted: usize,
    /// Keep at most this many (the paper: 10).
    pub max_accepted: usize,
    /// Most rounds.
    pub max_rounds: usize,
}

impl Default for ParaphraseConfig {
    /// 16 per round, 5–10 accepted, at most 20 rounds.
    fn default() -> Self {
        ParaphraseConfig {
            criterion: AdversarialCriterion::default(),
            per_round: 16,
            min_accepted: 5,
            max_accepted: 10,
            max_rounds: 20,
        }
    }
}

impl ParaphraseConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        self.criterion.validate()?;
        if self.per_round == 0
            || self.min_accepted == 0
            || self.max_accepted < self.min_accepted
            || self.max_rounds == 0
        {
            return Err(AttackError::Setting(format!(
                "paraphrase settings need per_round, min_accepted, max_rounds ≥ 1 and max_accepted ≥ min_accepted: {self:?}"
            )));
        }
        Ok(())
    }
}

/// The paraphrase attack over a [`Paraphraser`].
pub struct ParaphraseAttack<P> {
    config: ParaphraseConfig,
    paraphraser: P,
    author: String,
}

impl<P: Paraphraser> ParaphraseAttack<P> {
    /// The attack with these settings.
    pub fn new(config: ParaphraseConfig, paraphraser: P) -> Self {
        let author = format!("paraphraser:{}", paraphraser.name());
        ParaphraseAttack {
            config,
            paraphraser,
            author,
        }
    }

    /// The paraphraser.
    pub fn paraphraser(&self) -> &P {
        &self.paraphraser
    }

    /// Takes the paraphraser back.
    pub fn into_paraphraser(self) -> P {
        self.paraphraser
    }
}

/// Rounds in a row that bring no new paraphrase before the attack gives up.
const EMPTY_ROUNDS: usize = 3;

impl<P: Paraphraser> Attack for ParaphraseAttack<P> {
    fn name(&self) -> &str {
        "paraphrase"
    }

    fn run(
        &mut self,
        seed: Option<&Snippet>,
        target: &dyn Target,
        labeler: &mut dyn Labeler,
        budget: Budget,
    ) -> Result<AttackOutcome> {
        self.config.validate()?;
        let config = self.config;
        let seed = seed.ok_or_else(|| {
            AttackError::Setting("the paraphrase attack rewrites a seed; none was given".into())
        })?;
        seed.validate()
            .map_err(|e| AttackError::Snippet(e.to_string()))?;
        let mut run = AttackRun::new(target, labeler, budget, config.criterion)?;
        let ending = |stop| Ending {
            attack: "paraphrase".into(),
            author: self.author.clone(),
            source: Source::Paraphrase,
            seed: Some(seed.clone()),
            last: Some(seed.clone()),
            stop,
        };
        let first = run.counter.score(seed);
        match run.stop_on_budget(first)? {
            Ok(score) => run.record(Event::Start {
                snippet: seed.clone(),
                score,
            }),
            Err(stop) => return Ok(run.finish(ending(stop))),
        }
        let mut seen: HashSet<String> = HashSet::from([snippet_key(seed)]);
        let mut accepted: Vec<(Snippet, f64)> = Vec::new();
        let mut empty_rounds = 0;
        let mut stop = StopReason::SearchExhausted;
        for _ in 0..config.max_rounds {
            if accepted.len() >= config.min_accepted {
                break;
            }
            let fresh: Vec<Snippet> = self
                .paraphraser
                .paraphrase(seed, config.per_round)?
                .into_iter()
                .filter(|p| p.validate().is_ok() && seen.insert(snippet_key(p)))
                .collect();
            if fresh.is_empty() {
                empty_rounds += 1;
                if empty_rounds >= EMPTY_ROUNDS {
                    break;
                }
                continue;
            }
            empty_rounds = 0;
            let n = run.counter.affordable(&fresh);
            let scores = run.counter.score_batch(&fresh[..n])?;
            run.record(Event::Snippets {
                scored: fresh
                    .iter()
                    .zip(&scores)
                    .map(|(s, &score)| ScoredSnippet {
                        snippet: s.clone(),
                        score,
                    })
                    .collect(),
            });
            for (s, &score) in fresh.iter().zip(&scores) {
                if config.criterion.accepts(score) && accepted.len() < config.max_accepted {
                    accepted.push((s.clone(), score));
                }
            }
            if n < fresh.len() || run.counter.exhausted() {
                stop = run.budget_stop().unwrap_or(StopReason::QueryBudget);
                break;
            }
        }
        if accepted.len() >= config.min_accepted {
            stop = StopReason::Success;
        }
        let snippets: Vec<Snippet> = accepted.iter().map(|(s, _)| s.clone()).collect();
        run.judge_batch(&snippets)?;
        for (s, score) in &accepted {
            run.submit(s, *score, None)?;
        }
        Ok(run.finish(ending(stop)))
    }
}
