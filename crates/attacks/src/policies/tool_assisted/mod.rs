//! The tool-assisted policy: a synthetic person who uses the paper's tools the way the
//! authors describe the strongest use of them — "multiple passes substituting many of the
//! words with their (greedy) best replacements". Each step computes the saliency map,
//! visits tokens from the most salient, asks the suggester for substitutions and
//! insertions at them, scores every candidate in one batch, and takes the best one that
//! improves the objective and that the labeler still judges injurious; a pass over every
//! token without an improvement ends the search. With `beam_width > 1` it keeps that many
//! snippets instead of one (the beam's step is in `beam.rs`).

mod beam;
mod config;
mod saliency;

pub use config::ToolAssistedConfig;

use labels::{Labeler, Snippet, Source};

use self::beam::beam_step;
use self::saliency::{ranked_tokens, saliency, token_sites};
use super::persona::{Persona, persona_builders};
use crate::attack::{Attack, AttackRun};
use crate::budget::Budget;
use crate::error::Result;
use crate::outcome::AttackOutcome;
use crate::search::{Climber, State, Step, run_automatic};
use crate::suggester::Suggester;
use crate::target::Target;

/// The tool-assisted automatic adversary (see the module docs).
pub struct ToolAssistedAttack<'a> {
    config: ToolAssistedConfig,
    suggester: &'a dyn Suggester,
    persona: Persona<'a>,
}

impl<'a> ToolAssistedAttack<'a> {
    /// The policy with these settings and suggestions from `suggester`.
    pub fn new(config: ToolAssistedConfig, suggester: &'a dyn Suggester) -> Self {
        ToolAssistedAttack {
            config,
            suggester,
            persona: Persona::new("tool_assisted_policy"),
        }
    }

    persona_builders!('a);
}

fn greedy_step(
    run: &mut AttackRun,
    climber: &Climber,
    suggester: &dyn Suggester,
    config: &ToolAssistedConfig,
    current: &State,
    polishing: bool,
) -> Result<Step> {
    let map = saliency(run, &current.snippet)?;
    let mut ranked = ranked_tokens(&map, config.search.scope);
    if let Some(m) = config.max_positions {
        ranked.truncate(m.max(1));
    }
    for chunk in ranked.chunks(config.positions_per_step) {
        let sites = token_sites(&map, chunk, config.insertions);
        let suggestions =
            suggester.suggest(&current.snippet, &sites, config.suggestions_per_site)?;
        let edits = suggestions.into_iter().flatten().map(|s| s.edit).collect();
        let site = Some(map.tokens[chunk[0]].span);
        let candidates = climber.score_edits(run, &current.snippet, edits, site)?;
        if let Some((edit, state)) = climber.pick(run, current, candidates, polishing)? {
            return Ok(Step::Moved(vec![edit], state));
        }
    }
    Ok(Step::Exhausted)
}

impl Attack for ToolAssistedAttack<'_> {
    fn name(&self) -> &str {
        if self.config.beam_width > 1 {
            "tool_assisted_beam"
        } else {
            "tool_assisted_greedy"
        }
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
        let suggester = self.suggester;
        let frame = self
            .persona
            .frame(self.name(), Source::ToolAssisted, &config.search);
        // the beam starts as the seed's state, the climb's first `current`
        let mut beam: Vec<State> = Vec::new();
        run_automatic(
            frame,
            seed,
            target,
            labeler,
            budget,
            |run, climber, current, polishing| {
                if config.beam_width == 1 {
                    greedy_step(run, climber, suggester, &config, current, polishing)
                } else {
                    if beam.is_empty() {
                        beam.push(current.clone());
                    }
                    beam_step(
                        run, climber, suggester, &config, &mut beam, current, polishing,
                    )
                }
            },
        )
    }
}
