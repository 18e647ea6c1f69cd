//! The `Attack` trait, and the context every attack run works in.

use labels::{Judgement, Labeler, Snippet, Source};

use crate::budget::Budget;
use crate::counter::QueryCounter;
use crate::criterion::AdversarialCriterion;
use crate::error::{AttackError, Result};
use crate::label_checker::LabelChecker;
use crate::outcome::{AttackOutcome, Submission};
use crate::target::Target;
use crate::trace::{Event, StopReason, Trace};

/// An attack: from a seed snippet (or none), against a target, with a labeler to confirm
/// injuriousness, within a budget, it returns an [`AttackOutcome`] with its submissions
/// and a full trace. A submission counts as adversarial only when the target's score is
/// under the acceptance threshold **and** the labeler says it is injurious.
pub trait Attack {
    /// The attack's name (recorded in outcomes).
    fn name(&self) -> &str;

    /// Runs the attack once.
    fn run(
        &mut self,
        seed: Option<&Snippet>,
        target: &dyn Target,
        labeler: &mut dyn Labeler,
        budget: Budget,
    ) -> Result<AttackOutcome>;
}

/// The state of one run: the query counter (scores, cache, budget, clock), the labeler
/// (with its memory), the trace and the submissions so far.
pub struct AttackRun<'t, 'l> {
    /// Scores through the target.
    pub counter: QueryCounter<'t>,
    /// Judgements through the labeler.
    pub labels: LabelChecker<'l>,
    /// What happened so far.
    pub trace: Trace,
    /// When a submission is adversarial.
    pub criterion: AdversarialCriterion,
    submissions: Vec<Submission>,
}

impl<'t, 'l> AttackRun<'t, 'l> {
    /// A run against `target` with `labeler`, within `budget`.
    pub fn new(
        target: &'t dyn Target,
        labeler: &'l mut dyn Labeler,
        budget: Budget,
        criterion: AdversarialCriterion,
    ) -> Result<Self> {
        criterion.validate()?;
        Ok(AttackRun {
            counter: QueryCounter::new(target, budget)?,
            labels: LabelChecker::new(labeler),
            trace: Trace::default(),
            criterion,
            submissions: Vec::new(),
        })
    }

    /// Records an event.
    pub fn record(&mut self, event: Event) {
        self.trace.push(&self.counter, event);
    }

    /// The labeler's judgement (recorded in the trace the first time it is asked).
    pub fn judge(&mut self, snippet: &Snippet) -> Result<Judgement> {
        let before = self.labels.calls();
        let judgement = self.labels.judge(snippet)?;
        if self.labels.calls() > before {
            self.record(Event::Labeled {
                key: snippet.key(),
                judgement: judgement.clone(),
            });
        }
        Ok(judgement)
    }

    /// Judgements of several snippets, the new ones asked in batches (each recorded).
    pub fn judge_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<Judgement>> {
        let new: Vec<bool> = snippets.iter().map(|s| !self.labels.known(s)).collect();
        let judgements = self.labels.judge_batch(snippets)?;
        for ((s, j), new) in snippets.iter().zip(&judgements).zip(new) {
            if new {
                self.record(Event::Labeled {
                    key: s.key(),
                    judgement: j.clone(),
                });
            }
        }
        Ok(judgements)
    }

    /// Whether the labeler judges the snippet injurious (under the criterion's policy).
    pub fn is_injurious(&mut self, snippet: &Snippet) -> Result<bool> {
        let label = self.judge(snippet)?.label;
        Ok(self.criterion.injurious(label))
    }

    /// Submits a snippet: labels it, records it, and says whether it is adversarial.
    pub fn submit(
        &mut self,
        snippet: &Snippet,
        score: f64,
        egregiousness: Option<f64>,
    ) -> Result<bool> {
        let judgement = self.judge(snippet)?;
        let accepted = self.criterion.accepts(score);
        let injurious = self.criterion.injurious(judgement.label);
        let adversarial = accepted && injurious;
        let rejected_because = match (accepted, injurious) {
            (true, true) => None,
            (false, _) => Some(format!(
                "score {score:.4} is not under the threshold {}",
                self.criterion.threshold
            )),
            (true, false) => Some(format!(
                "labeler `{}` said {}",
                judgement.labeler, judgement.label
            )),
        };
        self.record(Event::Submitted {
            snippet: snippet.clone(),
            score,
            adversarial,
            rejected_because,
        });
        self.submissions.push(Submission {
            snippet: snippet.clone(),
            score,
            judgement,
            adversarial,
            egregiousness,
            queries: self.counter.queries(),
            evaluations: self.counter.evaluations(),
            seconds: self.counter.elapsed_seconds(),
        });
        Ok(adversarial)
    }

    /// The submissions so far.
    pub fn submissions(&self) -> &[Submission] {
        &self.submissions
    }

    /// Turns an error that says the budget ran out into the matching stop reason; any
    /// other error is passed on.
    pub fn stop_on_budget<T>(
        &self,
        result: Result<T>,
    ) -> Result<std::result::Result<T, StopReason>> {
        match result {
            Ok(x) => Ok(Ok(x)),
            Err(AttackError::Budget(_)) => Ok(Err(if self.counter.out_of_time() {
                StopReason::TimeBudget
            } else {
                StopReason::QueryBudget
            })),
            Err(e) => Err(e),
        }
    }

    /// The stop reason when the budget is used up, if it is.
    pub fn budget_stop(&self) -> Option<StopReason> {
        if self.counter.out_of_time() {
            Some(StopReason::TimeBudget)
        } else if self.counter.remaining_evaluations() == Some(0)
            || self.counter.remaining_queries() == Some(0)
        {
            Some(StopReason::QueryBudget)
        } else {
            None
        }
    }

    /// Ends the run.
    pub fn finish(mut self, ending: Ending) -> AttackOutcome {
        self.record(Event::Stopped {
            reason: ending.stop,
        });
        AttackOutcome {
            attack: ending.attack,
            target: self.counter.target().name().to_string(),
            author: ending.author,
            source: ending.source,
            seed: ending.seed,
            last_score: ending.last.as_ref().and_then(|s| self.counter.cached(s)),
            last: ending.last,
            submissions: self.submissions,
            evaluations: self.counter.evaluations(),
            cache_hits: self.counter.cache_hits(),
            queries: self.counter.queries(),
            labeler_calls: self.labels.calls(),
            seconds: self.counter.elapsed_seconds(),
            stop: ending.stop,
            trace: self.trace,
        }
    }
}

/// How a run ended, for [`AttackRun::finish`].
pub struct Ending {
    /// The attack's name.
    pub attack: String,
    /// Who attacked.
    pub author: String,
    /// The source of its examples.
    pub source: Source,
    /// The seed.
    pub seed: Option<Snippet>,
    /// The snippet it ended on.
    pub last: Option<Snippet>,
    /// Why it ended.
    pub stop: StopReason,
}
