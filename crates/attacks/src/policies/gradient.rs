//! A gradient-guided token attack in the style of HotFlip and GCG: the target's gradient
//! with respect to the token embeddings ranks, for every token, the replacements that
//! lower the score most to first order; each step samples a batch of (token,
//! replacement) pairs from those top lists, scores the whole batch at once, and keeps the
//! best that improves the objective and stays injurious. Replacements are text spliced at
//! the token's span, so sub-word tokenizers work and what is scored is the real
//! re-tokenized text.

use labels::{Labeler, Snippet, Source};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::attack::{Attack, AttackRun};
use crate::budget::Budget;
use crate::edit::Edit;
use crate::error::{AttackError, Result};
use crate::outcome::AttackOutcome;
use crate::search::{Climber, SearchSettings, State, Step, run_automatic};
use crate::target::Target;

use super::persona::{Persona, persona_builders};

/// Settings of the gradient-guided attack.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GradientConfig {
    /// Criterion, objective, scope, steps, seed.
    pub search: SearchSettings,
    /// Replacements per token taken from the gradient ranking (GCG's top-k).
    pub replacements_per_token: usize,
    /// Candidates sampled and scored per step, in one batch.
    pub candidates_per_step: usize,
    /// Steps in a row without an improvement before the search gives up.
    pub patience: usize,
}

impl Default for GradientConfig {
    /// Top 16 per token, 32 candidates per step, patience 3.
    fn default() -> Self {
        GradientConfig {
            search: SearchSettings::default(),
            replacements_per_token: 16,
            candidates_per_step: 32,
            patience: 3,
        }
    }
}

/// The gradient-guided automatic adversary (see the module docs).
pub struct GradientAttack<'a> {
    config: GradientConfig,
    persona: Persona<'a>,
}

impl<'a> GradientAttack<'a> {
    /// The attack with these settings.
    pub fn new(config: GradientConfig) -> Self {
        GradientAttack {
            config,
            persona: Persona::new("gradient_policy"),
        }
    }

    persona_builders!('a);
}

fn gradient_step(
    run: &mut AttackRun,
    climber: &Climber,
    config: &GradientConfig,
    rng: &mut ChaCha8Rng,
    failures: &mut usize,
    current: &State,
    polishing: bool,
) -> Result<Step> {
    let tokens = run
        .counter
        .gradient_replacements(&current.snippet, config.replacements_per_token)?;
    let mut pool: Vec<Edit> = tokens
        .iter()
        .filter(|t| config.search.scope.allows(t.token.span.part))
        .flat_map(|t| {
            t.replacements
                .iter()
                .map(|r| Edit::replace(t.token.span, r.text.clone()))
        })
        .collect();
    if pool.is_empty() {
        return Ok(Step::Exhausted);
    }
    pool.shuffle(rng);
    pool.truncate(config.candidates_per_step);
    let candidates = climber.score_edits(run, &current.snippet, pool, None)?;
    match climber.pick(run, current, candidates, polishing)? {
        Some((edit, state)) => {
            *failures = 0;
            Ok(Step::Moved(vec![edit], state))
        }
        None => {
            *failures += 1;
            Ok(if *failures >= config.patience {
                Step::Exhausted
            } else {
                Step::NoMove
            })
        }
    }
}

impl Attack for GradientAttack<'_> {
    fn name(&self) -> &str {
        "gradient_token"
    }

    fn run(
        &mut self,
        seed: Option<&Snippet>,
        target: &dyn Target,
        labeler: &mut dyn Labeler,
        budget: Budget,
    ) -> Result<AttackOutcome> {
        let config = self.config;
        if config.replacements_per_token == 0
            || config.candidates_per_step == 0
            || config.patience == 0
        {
            return Err(AttackError::Setting(format!(
                "replacements_per_token, candidates_per_step and patience must be positive: {config:?}"
            )));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(config.search.seed);
        let mut failures = 0;
        let source = Source::Custom("gradient_token_attack".into());
        let frame = self.persona.frame(self.name(), source, &config.search);
        run_automatic(
            frame,
            seed,
            target,
            labeler,
            budget,
            |run, climber, current, polishing| {
                gradient_step(
                    run,
                    climber,
                    &config,
                    &mut rng,
                    &mut failures,
                    current,
                    polishing,
                )
            },
        )
    }
}
