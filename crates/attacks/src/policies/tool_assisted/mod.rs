//! The tool-assisted policy: a synthetic person who uses the paper's tools the way the
//! authors describe the strongest use of them — "multiple passes substituting many of the
//! words with their (greedy) best replacements". Each step computes the saliency map,
//! visits tokens from the most salient, asks the suggester for substitutions and
//! insertions at them, scores every candidate in one batch, and takes the best one that
//! improves the objective and that the labeler still judges injurious; a pass over every
//! token without an improvement ends the search. With `beam_width > 1` it keeps that many
//! snippets instead of one (the beam's step is in `beam.rs`).

mod beam;

use labels::{Labeler, Snippet, Source};
use serde::{Deserialize, Serialize};

use self::beam::beam_step;
use super::persona::{Persona, persona_builders};
use crate::attack::{Attack, AttackRun};
use crate::budget::Budget;
use crate::error::{AttackError, Result};
use crate::outcome::AttackOutcome;
use crate::search::{Climber, SearchSettings, State, Step, run_automatic};
use crate::suggester::{Site, Suggester};
use crate::target::{SaliencyMap, Target};
use crate::text::EditScope;
use crate::trace::Event;

/// Settings of the tool-assisted policy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ToolAssistedConfig {
    /// Criterion, objective, scope, steps, seed.
    pub search: SearchSettings,
    /// Suggestions asked for per site.
    pub suggestions_per_site: usize,
    /// Whether insertions (before the token) are proposed as well as substitutions.
    pub insertions: bool,
    /// Tokens whose candidates are scored together in one batch.
    pub positions_per_step: usize,
    /// Snippets kept per step (1: greedy hill-climbing).
    pub beam_width: usize,
    /// Most tokens visited per step, from the most salient (`None`: all of them, a full
    /// pass). A person looks at the highlighted tokens, not at every one.
    pub max_positions: Option<usize>,
}

impl Default for ToolAssistedConfig {
    /// 12 suggestions per site, insertions on, one token at a time, greedy, every
    /// token visited before giving up.
    fn default() -> Self {
        ToolAssistedConfig {
            search: SearchSettings::default(),
            suggestions_per_site: 12,
            insertions: true,
            positions_per_step: 1,
            beam_width: 1,
            max_positions: None,
        }
    }
}

impl ToolAssistedConfig {
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        self.search.validate()?;
        if self.suggestions_per_site == 0 || self.positions_per_step == 0 || self.beam_width == 0 {
            return Err(AttackError::Setting(format!(
                "suggestions_per_site, positions_per_step and beam_width must be positive: {self:?}"
            )));
        }
        Ok(())
    }
}

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

/// The sites of a token: its substitution, and an insertion before it.
pub(crate) fn token_sites(map: &SaliencyMap, indices: &[usize], insertions: bool) -> Vec<Site> {
    let mut sites = Vec::new();
    for &i in indices {
        let span = map.tokens[i].span;
        sites.push(Site::Replace(span));
        if insertions {
            sites.push(Site::Insert {
                part: span.part,
                at: span.start,
            });
        }
    }
    sites
}

/// Saliency of the current snippet, recorded.
pub(crate) fn saliency(run: &mut AttackRun, snippet: &Snippet) -> Result<SaliencyMap> {
    let map = run.counter.saliency(snippet)?;
    run.record(Event::Saliency {
        score: map.score,
        tokens: map.tokens.clone(),
    });
    Ok(map)
}

/// Ranked tokens in scope.
pub(crate) fn ranked_tokens(map: &SaliencyMap, scope: EditScope) -> Vec<usize> {
    map.ranked(|span| scope.allows(span.part))
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
