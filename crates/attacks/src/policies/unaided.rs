//! The unaided policy: the same kind of edits as the tool-assisted policy, from the same
//! suggester, but without the tools — no saliency (a random word), no score-sorted list (a
//! random one of the suggestions), one candidate scored per try. It keeps an edit when it
//! improves the objective and the labeler still judges the snippet injurious, as a person
//! trying edits by hand and watching the live score would. Used for the paper's
//! tools-versus-no-tools comparison (§5.2).

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use labels::{Labeler, Snippet, Source};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::attack::{Attack, AttackRun};
use crate::budget::Budget;
use crate::edit::Edit;
use crate::error::{AttackError, Result};
use crate::outcome::AttackOutcome;
use crate::search::{Climber, SearchSettings, State, Step, run_automatic};
use crate::suggester::{Site, Suggester, Suggestion};
use crate::target::Target;
use crate::text::{EditScope, Part, TextSpan, core_of_word, word_spans};

use super::persona::{Persona, persona_builders};

/// Settings of the unaided policy.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnaidedConfig {
    /// Criterion, objective, scope, steps (tries), seed.
    pub search: SearchSettings,
    /// Suggestions asked for per site (one of them is tried at random).
    pub suggestions_per_site: usize,
    /// Whether insertions are tried as well as substitutions (half the tries each).
    pub insertions: bool,
}

impl Default for UnaidedConfig {
    /// 12 suggestions per site, insertions on, 2,000 tries at most.
    fn default() -> Self {
        UnaidedConfig {
            search: SearchSettings {
                max_steps: 2_000,
                ..SearchSettings::default()
            },
            suggestions_per_site: 12,
            insertions: true,
        }
    }
}

/// The unaided automatic adversary (see the module docs).
pub struct UnaidedAttack<'a> {
    config: UnaidedConfig,
    suggester: &'a dyn Suggester,
    persona: Persona<'a>,
}

impl<'a> UnaidedAttack<'a> {
    /// The policy with these settings and suggestions from `suggester`.
    pub fn new(config: UnaidedConfig, suggester: &'a dyn Suggester) -> Self {
        UnaidedAttack {
            config,
            suggester,
            persona: Persona::new("unaided_policy"),
        }
    }

    persona_builders!('a);
}

/// The words (without surrounding punctuation) of the parts in scope.
pub(crate) fn words_in_scope(snippet: &Snippet, scope: EditScope) -> Vec<TextSpan> {
    Part::BOTH
        .iter()
        .filter(|&&p| scope.allows(p))
        .flat_map(|&p| word_spans(snippet, p))
        .filter_map(|w| core_of_word(snippet, w))
        .collect()
}

/// The unaided person: their random choices, and what they remember about the current
/// snippet (the suggestions seen at each site, the edits already tried).
struct Person {
    rng: ChaCha8Rng,
    snippet: Option<Snippet>,
    suggestions: HashMap<Site, Vec<Suggestion>>,
    tried: HashSet<Edit>,
}

impl Person {
    fn new(seed: u64) -> Self {
        Person {
            rng: ChaCha8Rng::seed_from_u64(seed),
            snippet: None,
            suggestions: HashMap::new(),
            tried: HashSet::new(),
        }
    }

    fn forget_if_moved(&mut self, snippet: &Snippet) {
        if self.snippet.as_ref() != Some(snippet) {
            self.snippet = Some(snippet.clone());
            self.suggestions.clear();
            self.tried.clear();
        }
    }
}

fn unaided_step(
    run: &mut AttackRun,
    climber: &Climber,
    suggester: &dyn Suggester,
    config: &UnaidedConfig,
    person: &mut Person,
    current: &State,
    polishing: bool,
) -> Result<Step> {
    person.forget_if_moved(&current.snippet);
    let words = words_in_scope(&current.snippet, config.search.scope);
    if words.is_empty() {
        return Ok(Step::Exhausted);
    }
    let word = words[person.rng.random_range(0..words.len())];
    let site = if config.insertions && person.rng.random_bool(0.5) {
        Site::Insert {
            part: word.part,
            at: word.start,
        }
    } else {
        Site::Replace(word)
    };
    if let Entry::Vacant(slot) = person.suggestions.entry(site) {
        let mut got = suggester.suggest(&current.snippet, &[site], config.suggestions_per_site)?;
        slot.insert(got.pop().unwrap_or_default());
    }
    let untried: Vec<&Suggestion> = person.suggestions[&site]
        .iter()
        .filter(|s| !person.tried.contains(&s.edit))
        .collect();
    if untried.is_empty() {
        return Ok(Step::NoMove);
    }
    let edit = untried[person.rng.random_range(0..untried.len())]
        .edit
        .clone();
    person.tried.insert(edit.clone());
    let span = match site {
        Site::Replace(span) => span,
        Site::Insert { part, at } => TextSpan::new(part, at, at),
    };
    let candidates = climber.score_edits(run, &current.snippet, vec![edit], Some(span))?;
    Ok(match climber.pick(run, current, candidates, polishing)? {
        Some((edit, state)) => Step::Moved(vec![edit], state),
        None => Step::NoMove,
    })
}

impl Attack for UnaidedAttack<'_> {
    fn name(&self) -> &str {
        "unaided"
    }

    fn run(
        &mut self,
        seed: Option<&Snippet>,
        target: &dyn Target,
        labeler: &mut dyn Labeler,
        budget: Budget,
    ) -> Result<AttackOutcome> {
        if self.config.suggestions_per_site == 0 {
            return Err(AttackError::Setting(
                "suggestions_per_site must be positive".into(),
            ));
        }
        let config = self.config;
        let suggester = self.suggester;
        let mut person = Person::new(config.search.seed);
        let frame = self
            .persona
            .frame(self.name(), Source::ManualAdversarial, &config.search);
        run_automatic(
            frame,
            seed,
            target,
            labeler,
            budget,
            |run, climber, current, polishing| {
                unaided_step(
                    run,
                    climber,
                    suggester,
                    &config,
                    &mut person,
                    current,
                    polishing,
                )
            },
        )
    }
}
