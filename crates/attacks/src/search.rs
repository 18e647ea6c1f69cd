//! The hill-climbing machinery shared by the automatic attacks: states, scoring a list of
//! candidate edits through the counter, picking the best candidate that still satisfies
//! the constraint (the labeler says injurious), and the driver loop with the objective's
//! two phases (reach the threshold; then, for the egregiousness objective, polish).

use labels::Snippet;

use crate::attack::AttackRun;
use crate::edit::Edit;
use crate::error::Result;
use crate::objective::{Egregiousness, Objective};
use crate::text::TextSpan;
use crate::trace::{Event, ScoredEdit, StopReason};

/// A point of the search.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The snippet.
    pub snippet: Snippet,
    /// Its score.
    pub score: f64,
    /// Its egregiousness, when the objective needs it.
    pub egregiousness: Option<f64>,
    /// The objective's value (lower is better).
    pub value: f64,
}

/// A scored candidate: the edit from the current snippet, and what it makes.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub edit: Edit,
    pub snippet: Snippet,
    pub score: f64,
}

/// What one step of a policy did.
pub(crate) enum Step {
    /// Moved to a better state by these edits (one, except for a beam's sibling move).
    Moved(Vec<Edit>, State),
    /// Tried and found nothing this time (a random policy may try again).
    NoMove,
    /// Nothing is left to try from here.
    Exhausted,
}

/// Objective, egregiousness rater and constraint checking.
pub(crate) struct Climber<'r> {
    pub objective: Objective,
    pub rater: Option<&'r dyn Egregiousness>,
    /// Most candidates per step sent to the labeler (best first) before giving up the step.
    pub max_label_checks: usize,
}

impl<'r> Climber<'r> {
    /// The state of a snippet with a known score (rated when the objective needs it).
    pub fn state(&self, run: &mut AttackRun, snippet: Snippet, score: f64) -> Result<State> {
        let egregiousness = match (self.objective.needs_egregiousness(), self.rater) {
            (true, Some(rater)) => {
                let e = rater.egregiousness(&snippet)?;
                run.record(Event::Rated {
                    key: snippet.key(),
                    egregiousness: e,
                });
                Some(e)
            }
            _ => None,
        };
        Ok(State {
            value: self.objective.value(score, egregiousness),
            snippet,
            score,
            egregiousness,
        })
    }

    /// Applies `edits` to `current`, drops failures, no-ops and repeats, keeps what the
    /// budget affords, scores the rest in one batch and records them.
    pub fn score_edits(
        &self,
        run: &mut AttackRun,
        current: &Snippet,
        edits: Vec<Edit>,
        site: Option<TextSpan>,
    ) -> Result<Vec<Candidate>> {
        let mut seen = std::collections::HashSet::new();
        let mut kept: Vec<(Edit, Snippet)> = Vec::new();
        for edit in edits {
            let Ok(snippet) = edit.apply(current) else {
                continue;
            };
            if snippet != *current && seen.insert(crate::counter::snippet_key(&snippet)) {
                kept.push((edit, snippet));
            }
        }
        let snippets: Vec<Snippet> = kept.iter().map(|(_, s)| s.clone()).collect();
        let n = run.counter.affordable(&snippets);
        if n == 0 && !kept.is_empty() {
            // nothing fits: ask for one, which fails with the budget error
            run.counter.score(&snippets[0])?;
        }
        kept.truncate(n);
        // a candidate the target refuses (e.g. grown past its length limit) is dropped
        let scores = run.counter.score_batch_lenient(&snippets[..n])?;
        let candidates: Vec<Candidate> = kept
            .into_iter()
            .zip(scores)
            .filter_map(|((edit, snippet), score)| {
                Some(Candidate {
                    edit,
                    snippet,
                    score: score?,
                })
            })
            .collect();
        if !candidates.is_empty() {
            run.record(Event::Candidates {
                site,
                scored: candidates
                    .iter()
                    .map(|c| ScoredEdit {
                        edit: c.edit.clone(),
                        score: c.score,
                    })
                    .collect(),
            });
        }
        Ok(candidates)
    }

    /// The best candidates as states, best first: those that improve on `current` (and,
    /// when `stay_accepted`, that the target accepts).
    pub fn improving(
        &self,
        run: &mut AttackRun,
        current: &State,
        candidates: Vec<Candidate>,
        stay_accepted: bool,
    ) -> Result<Vec<(Edit, State)>> {
        let threshold = run.criterion.threshold;
        let mut states = Vec::new();
        for c in candidates {
            if stay_accepted && c.score >= threshold {
                continue;
            }
            if !self.objective.needs_egregiousness() && c.score >= current.score {
                continue; // cannot improve: skip without rating
            }
            let state = self.state(run, c.snippet, c.score)?;
            if state.value < current.value {
                states.push((c.edit, state));
            }
        }
        states.sort_by(|a, b| a.1.value.total_cmp(&b.1.value));
        Ok(states)
    }

    /// The best improving candidate that the labeler still judges injurious (at most
    /// `max_label_checks` are asked).
    pub fn pick(
        &self,
        run: &mut AttackRun,
        current: &State,
        candidates: Vec<Candidate>,
        stay_accepted: bool,
    ) -> Result<Option<(Edit, State)>> {
        for (edit, state) in self
            .improving(run, current, candidates, stay_accepted)?
            .into_iter()
            .take(self.max_label_checks.max(1))
        {
            if run.is_injurious(&state.snippet)? {
                return Ok(Some((edit, state)));
            }
        }
        Ok(None)
    }

    /// The better of two successes: the more egregious (then the lower score) for the
    /// egregiousness objective, the lower score otherwise.
    fn better_success(&self, a: &State, b: &State) -> bool {
        match self.objective {
            Objective::LowestScore => a.score < b.score,
            Objective::MostEgregious { .. } => {
                let (ea, eb) = (
                    a.egregiousness.unwrap_or(0.0),
                    b.egregiousness.unwrap_or(0.0),
                );
                ea > eb || (ea == eb && a.score < b.score)
            }
        }
    }

    /// Runs a policy from `start` (already judged injurious) for at most `max_steps`
    /// steps: each `Moved` is recorded; a state the target accepts is a success, which
    /// ends the run for the lowest-score objective and starts the polishing phase for
    /// the egregiousness objective. Returns the last state, the best success and why it
    /// stopped.
    pub fn climb(
        &self,
        run: &mut AttackRun,
        start: State,
        max_steps: usize,
        mut step: impl FnMut(&mut AttackRun, &State, bool) -> Result<Step>,
    ) -> Result<(State, Option<State>, StopReason)> {
        let mut current = start;
        let mut best: Option<State> = None;
        let mut polish_left = match self.objective {
            Objective::LowestScore => 0,
            Objective::MostEgregious { extra_steps, .. } => extra_steps,
        };
        if run.criterion.accepts(current.score) {
            best = Some(current.clone());
            if polish_left == 0 {
                return Ok((current, best, StopReason::Success));
            }
        }
        for _ in 0..max_steps {
            let polishing = best.is_some();
            if polishing {
                if polish_left == 0 {
                    return Ok((current, best, StopReason::Success));
                }
                polish_left -= 1;
            }
            let outcome = step(run, &current, polishing);
            let outcome = match run.stop_on_budget(outcome)? {
                Ok(o) => o,
                Err(reason) => {
                    let reason = if best.is_some() {
                        StopReason::Success
                    } else {
                        reason
                    };
                    return Ok((current, best, reason));
                }
            };
            match outcome {
                Step::Moved(edits, next) => {
                    run.record(Event::Applied {
                        edits,
                        score: next.score,
                    });
                    current = next;
                    if run.criterion.accepts(current.score) {
                        if best
                            .as_ref()
                            .is_none_or(|b| self.better_success(&current, b))
                        {
                            best = Some(current.clone());
                        }
                        if polish_left == 0 {
                            return Ok((current, best, StopReason::Success));
                        }
                    }
                }
                Step::NoMove => {
                    if let Some(reason) = run.budget_stop() {
                        let reason = if best.is_some() {
                            StopReason::Success
                        } else {
                            reason
                        };
                        return Ok((current, best, reason));
                    }
                }
                Step::Exhausted => {
                    let reason = if best.is_some() {
                        StopReason::Success
                    } else {
                        StopReason::SearchExhausted
                    };
                    return Ok((current, best, reason));
                }
            }
        }
        let reason = if best.is_some() {
            StopReason::Success
        } else {
            StopReason::SearchExhausted
        };
        Ok((current, best, reason))
    }
}

/// Settings every automatic attack shares.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SearchSettings {
    /// When a snippet is adversarial.
    pub criterion: crate::criterion::AdversarialCriterion,
    /// What to optimise.
    pub objective: Objective,
    /// Which parts may be edited.
    pub scope: crate::text::EditScope,
    /// Most steps (moves and failed tries) per run.
    pub max_steps: usize,
    /// Most candidates per step sent to the labeler, best first.
    pub max_label_checks: usize,
    /// Seed of the attack's random choices.
    pub seed: u64,
}

impl Default for SearchSettings {
    /// Threshold 0.05, lowest score, completion only, 200 steps, 10 label checks (a
    /// person scanning a sorted list for the best edit that keeps the injury), seed 0.
    fn default() -> Self {
        SearchSettings {
            criterion: crate::criterion::AdversarialCriterion::default(),
            objective: Objective::LowestScore,
            scope: crate::text::EditScope::Completion,
            max_steps: 200,
            max_label_checks: 10,
            seed: 0,
        }
    }
}

impl SearchSettings {
    /// Checks the settings.
    pub fn validate(&self) -> Result<()> {
        self.criterion.validate()?;
        self.objective.validate()?;
        if self.max_label_checks == 0 {
            return Err(crate::error::AttackError::Setting(
                "max_label_checks must be at least 1".into(),
            ));
        }
        Ok(())
    }
}

/// Who runs an automatic attack, what its examples are, and how it searches.
pub(crate) struct Frame<'a> {
    pub attack: &'a str,
    pub author: &'a str,
    pub source: labels::Source,
    pub settings: &'a SearchSettings,
    pub rater: Option<&'a dyn Egregiousness>,
}

/// The frame of every automatic attack: checks the seed (present, valid, injurious),
/// scores it, climbs from it for at most `max_steps` steps, each taken by
/// `step(run, climber, current, polishing)` (see [`Climber::climb`]), submits the best
/// success, and finishes.
pub(crate) fn run_automatic(
    who: Frame<'_>,
    seed: Option<&Snippet>,
    target: &dyn crate::target::Target,
    labeler: &mut dyn labels::Labeler,
    budget: crate::budget::Budget,
    mut step: impl FnMut(&mut AttackRun, &Climber, &State, bool) -> Result<Step>,
) -> Result<crate::outcome::AttackOutcome> {
    let (settings, rater) = (who.settings, who.rater);
    settings.validate()?;
    if settings.objective.needs_egregiousness() && rater.is_none() {
        return Err(crate::error::AttackError::Setting(format!(
            "{}: the egregiousness objective needs a rater (with_egregiousness)",
            who.attack
        )));
    }
    let seed = seed.ok_or_else(|| {
        crate::error::AttackError::Setting(format!(
            "{} starts from a seed snippet; none was given",
            who.attack
        ))
    })?;
    seed.validate()
        .map_err(|e| crate::error::AttackError::Snippet(e.to_string()))?;
    let mut run = AttackRun::new(target, labeler, budget, settings.criterion)?;
    let climber = Climber {
        objective: settings.objective,
        rater,
        max_label_checks: settings.max_label_checks,
    };
    let ending = |last: Option<Snippet>, stop| crate::attack::Ending {
        attack: who.attack.to_string(),
        author: who.author.to_string(),
        source: who.source.clone(),
        seed: Some(seed.clone()),
        last,
        stop,
    };
    let first = run.counter.score(seed);
    let score = match run.stop_on_budget(first)? {
        Ok(s) => s,
        Err(reason) => return Ok(run.finish(ending(None, reason))),
    };
    let start = climber.state(&mut run, seed.clone(), score)?;
    run.record(Event::Start {
        snippet: seed.clone(),
        score,
    });
    if !run.is_injurious(seed)? {
        return Ok(run.finish(ending(Some(seed.clone()), StopReason::SeedNotInjurious)));
    }
    let (last, best, stop) = climber.climb(
        &mut run,
        start,
        settings.max_steps,
        |run, current, polishing| step(run, &climber, current, polishing),
    )?;
    if let Some(best) = best {
        run.submit(&best.snippet, best.score, best.egregiousness)?;
    }
    Ok(run.finish(ending(Some(last.snippet), stop)))
}
