//! Tool-assisted rewriting as a session that a user interface drives (the paper §4.4.3):
//! the current snippet and its live score, per-token saliency, for a chosen token the
//! substitution and insertion candidates sorted by how much they lower the score (all
//! scored in one batch), applying an edit, free rewriting, undo, and submitting. Without a
//! suggester the same session is the manual attack's (§4.4.1): live score, edit, submit.

use labels::{Example, Judgement, Labeler, Snippet, Source};
use serde::{Deserialize, Serialize};

use crate::budget::Budget;
use crate::counter::QueryCounter;
use crate::criterion::AdversarialCriterion;
use crate::edit::Edit;
use crate::error::{AttackError, Result};
use crate::label_checker::LabelChecker;
use crate::outcome::{AttackOutcome, Submission};
use crate::suggester::{Site, Suggester};
use crate::target::{SaliencyMap, Target};
use crate::text::{Part, TextSpan};
use crate::trace::{Event, ScoredEdit, StopReason, Trace};

/// Settings of a rewriting session.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionSettings {
    /// When a submission counts.
    pub criterion: AdversarialCriterion,
    /// Suggestions asked for per site when candidates are requested.
    pub suggestions_per_site: usize,
    /// Whether insertions before the chosen token are offered too.
    pub insertions: bool,
    /// The most characters the prompt or the completion may reach by edits (`None`: no
    /// limit); an edit beyond it is refused and the snippet stays as it was.
    pub max_part_chars: Option<usize>,
    /// Changes that undo can take back; older ones are forgotten (each keeps a copy of
    /// the snippet it replaced, so this bounds a session's memory).
    pub max_undo: usize,
}

impl Default for SessionSettings {
    /// Threshold 0.05, 12 suggestions per site, insertions on, no length limit, 256
    /// changes of undo.
    fn default() -> Self {
        SessionSettings {
            criterion: AdversarialCriterion::default(),
            suggestions_per_site: 12,
            insertions: true,
            max_part_chars: None,
            max_undo: 256,
        }
    }
}

/// A candidate edit with its score, as the dropdown shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedCandidate {
    /// The edit.
    pub edit: Edit,
    /// The snippet it makes.
    pub snippet: Snippet,
    /// Its score.
    pub score: f64,
    /// How much it lowers the current score (negative: raises it).
    pub score_drop: f64,
    /// The suggester's plausibility.
    pub plausibility: f64,
}

/// What a submission came to.
#[derive(Debug, Clone, PartialEq)]
pub enum SubmitResult {
    /// Accepted and judged injurious: a new adversarial example, with its provenance.
    Adversarial(Box<Example>),
    /// The target does not accept the snippet yet (nothing was sent to the labeler).
    NotAccepted {
        /// The current score.
        score: f64,
        /// The threshold it must go under.
        threshold: f64,
    },
    /// Accepted by the target, but the labeler did not judge it injurious.
    NotInjurious(Judgement),
}

/// A rewriting session (see the module docs).
pub struct RewriteSession<'t, 's> {
    counter: QueryCounter<'t>,
    suggester: Option<&'s dyn Suggester>,
    settings: SessionSettings,
    author: String,
    seed: Option<Snippet>,
    current: Snippet,
    score: Option<f64>,
    history: Vec<(Snippet, Option<f64>)>,
    trace: Trace,
    submissions: Vec<Submission>,
    labeler_calls: u64,
}

impl<'t, 's> RewriteSession<'t, 's> {
    /// A session against `target`, starting from `seed` (or from nothing, for a person
    /// writing a snippet from scratch), within `budget`. Without tools until
    /// [`RewriteSession::with_tools`].
    pub fn new(
        target: &'t dyn Target,
        seed: Option<Snippet>,
        budget: Budget,
        settings: SessionSettings,
    ) -> Result<Self> {
        settings.criterion.validate()?;
        if settings.suggestions_per_site == 0 {
            return Err(AttackError::Setting(
                "suggestions_per_site must be positive".into(),
            ));
        }
        let counter = QueryCounter::new(target, budget)?;
        let mut session = RewriteSession {
            counter,
            suggester: None,
            settings,
            author: "anonymous".into(),
            current: seed.clone().unwrap_or_else(|| Snippet::new("", "")),
            seed,
            score: None,
            history: Vec::new(),
            trace: Trace::default(),
            submissions: Vec::new(),
            labeler_calls: 0,
        };
        session.score = session.rescore()?;
        if let Some(score) = session.score {
            session.trace.push(
                &session.counter,
                Event::Start {
                    snippet: session.current.clone(),
                    score,
                },
            );
        }
        Ok(session)
    }

    /// Turns the tools on: saliency and candidates from `suggester`.
    pub fn with_tools(mut self, suggester: &'s dyn Suggester) -> Self {
        self.suggester = Some(suggester);
        self
    }

    /// Names the person (or program) at the keyboard.
    pub fn with_author(mut self, author: impl Into<String>) -> Self {
        self.author = author.into();
        self
    }

    /// The source of this session's examples: tool-assisted with tools, manual without.
    pub fn source(&self) -> Source {
        if self.suggester.is_some() {
            Source::ToolAssisted
        } else {
            Source::ManualAdversarial
        }
    }

    /// The current snippet.
    pub fn snippet(&self) -> &Snippet {
        &self.current
    }

    /// Its live score (`None` while the completion is empty).
    pub fn score(&self) -> Option<f64> {
        self.score
    }

    /// The acceptance criterion.
    pub fn criterion(&self) -> &AdversarialCriterion {
        &self.settings.criterion
    }

    /// Whether the target accepts the current snippet (it may be submitted).
    pub fn can_submit(&self) -> bool {
        self.score
            .is_some_and(|s| self.settings.criterion.accepts(s))
    }

    /// Queries used so far: live scores, saliency maps and dropdowns, each one.
    pub fn queries(&self) -> u64 {
        self.counter.queries()
    }

    /// Model evaluations used so far (snippets scored).
    pub fn evaluations(&self) -> u64 {
        self.counter.evaluations()
    }

    /// Seconds since the session began.
    pub fn elapsed_seconds(&self) -> f64 {
        self.counter.elapsed_seconds()
    }

    /// Whether the budget's time limit has passed.
    pub fn out_of_time(&self) -> bool {
        self.counter.out_of_time()
    }

    /// Edits that can be undone.
    pub fn undo_depth(&self) -> usize {
        self.history.len()
    }

    /// The trace so far.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    fn rescore(&mut self) -> Result<Option<f64>> {
        if self.current.completion.trim().is_empty() {
            return Ok(None);
        }
        self.counter.score(&self.current).map(Some)
    }

    fn tools(&self) -> Result<&'s dyn Suggester> {
        self.suggester.ok_or_else(|| AttackError::Unsupported {
            target: self.counter.target().name().to_string(),
            what: "tools in a session without them (manual attack)".into(),
        })
    }

    /// The saliency of every token of the current snippet (one query).
    pub fn saliency(&mut self) -> Result<SaliencyMap> {
        self.tools()?;
        if self.current.completion.trim().is_empty() {
            return Err(AttackError::Snippet(
                "write a completion before asking for saliency".into(),
            ));
        }
        let map = self.counter.saliency(&self.current)?;
        self.trace.push(
            &self.counter,
            Event::Saliency {
                score: map.score,
                tokens: map.tokens.clone(),
            },
        );
        Ok(map)
    }

    /// For the token under `span` (a point span: only insertions there), the
    /// substitution and insertion candidates, each scored (in one batch, within the
    /// budget), sorted by score, lowest first.
    pub fn candidates(&mut self, span: TextSpan) -> Result<Vec<RankedCandidate>> {
        let suggester = self.tools()?;
        span.text(&self.current)?;
        let mut sites = Vec::new();
        if !span.is_empty() {
            sites.push(Site::Replace(span));
        }
        if self.settings.insertions || span.is_empty() {
            sites.push(Site::Insert {
                part: span.part,
                at: span.start,
            });
        }
        let suggestions =
            suggester.suggest(&self.current, &sites, self.settings.suggestions_per_site)?;
        let mut made: Vec<(Edit, Snippet, f64)> = Vec::new();
        for s in suggestions.into_iter().flatten() {
            if let Ok(snippet) = s.edit.apply(&self.current)
                && snippet != self.current
                && !made.iter().any(|(_, m, _)| *m == snippet)
            {
                made.push((s.edit, snippet, s.plausibility));
            }
        }
        let snippets: Vec<Snippet> = made.iter().map(|(_, s, _)| s.clone()).collect();
        let n = self.counter.affordable(&snippets);
        // a suggestion the target refuses (e.g. text grown past its length limit) is
        // left out of the dropdown
        let scores = self.counter.score_batch_lenient(&snippets[..n])?;
        let now = self.score.unwrap_or(f64::NAN);
        let mut ranked: Vec<RankedCandidate> = made
            .into_iter()
            .zip(scores)
            .filter_map(|((edit, snippet, plausibility), score)| {
                let score = score?;
                Some(RankedCandidate {
                    edit,
                    snippet,
                    score,
                    score_drop: now - score,
                    plausibility,
                })
            })
            .collect();
        ranked.sort_by(|a, b| a.score.total_cmp(&b.score));
        self.trace.push(
            &self.counter,
            Event::Candidates {
                site: Some(span),
                scored: ranked
                    .iter()
                    .map(|c| ScoredEdit {
                        edit: c.edit.clone(),
                        score: c.score,
                    })
                    .collect(),
            },
        );
        Ok(ranked)
    }

    fn change_to(&mut self, next: Snippet, edits: Vec<Edit>) -> Result<Option<f64>> {
        if edits.is_empty() {
            return Ok(self.score);
        }
        if let Some(max) = self.settings.max_part_chars {
            for (what, text) in [("prompt", &next.prompt), ("completion", &next.completion)] {
                let n = text.chars().count();
                if n > max {
                    return Err(AttackError::Snippet(format!(
                        "the edit makes the {what} {n} characters long, more than {max}; \
                         the snippet is unchanged"
                    )));
                }
            }
        }
        let previous = std::mem::replace(&mut self.current, next);
        match self.rescore() {
            Ok(score) => {
                if self.settings.max_undo == 0 {
                    self.history.clear();
                } else {
                    if self.history.len() >= self.settings.max_undo {
                        self.history.remove(0);
                    }
                    self.history.push((previous, self.score));
                }
                self.score = score;
                self.trace.push(
                    &self.counter,
                    Event::Applied {
                        edits,
                        score: score.unwrap_or(f64::NAN),
                    },
                );
                Ok(score)
            }
            Err(e) => {
                self.current = previous;
                Err(e)
            }
        }
    }

    /// Makes an edit (a candidate's, or any other) and returns the new live score.
    pub fn apply(&mut self, edit: &Edit) -> Result<Option<f64>> {
        let next = edit.apply(&self.current)?;
        self.change_to(next, vec![edit.clone()])
    }

    /// Replaces the whole text of a part (a free edit at the keyboard) and returns the
    /// new live score; the trace records the smallest edit that makes the change.
    pub fn set_part(&mut self, part: Part, text: impl Into<String>) -> Result<Option<f64>> {
        let mut next = self.current.clone();
        *part.text_mut(&mut next) = text.into();
        let edits = Edit::diff(&self.current, &next);
        self.change_to(next, edits)
    }

    /// Undoes the last change; `false` when there is none.
    pub fn undo(&mut self) -> bool {
        let Some((previous, score)) = self.history.pop() else {
            return false;
        };
        self.current = previous;
        self.score = score;
        self.trace.push(
            &self.counter,
            Event::Undone {
                score: score.unwrap_or(f64::NAN),
            },
        );
        true
    }

    /// Submits the current snippet: when the target accepts it, the labeler judges it;
    /// an adversarial example comes back with its provenance (attacked classifier, score,
    /// author, seconds, queries).
    pub fn submit(&mut self, labeler: &mut dyn Labeler) -> Result<SubmitResult> {
        let threshold = self.settings.criterion.threshold;
        let score = match self.score {
            Some(s) if self.settings.criterion.accepts(s) => s,
            other => {
                return Ok(SubmitResult::NotAccepted {
                    score: other.unwrap_or(f64::NAN),
                    threshold,
                });
            }
        };
        let mut checker = LabelChecker::new(labeler);
        let judgement = checker.judge(&self.current)?;
        self.labeler_calls += checker.calls();
        self.trace.push(
            &self.counter,
            Event::Labeled {
                key: self.current.key(),
                judgement: judgement.clone(),
            },
        );
        let adversarial = self.settings.criterion.injurious(judgement.label);
        self.trace.push(
            &self.counter,
            Event::Submitted {
                snippet: self.current.clone(),
                score,
                adversarial,
                rejected_because: (!adversarial)
                    .then(|| format!("labeler `{}` said {}", judgement.labeler, judgement.label)),
            },
        );
        let submission = Submission {
            snippet: self.current.clone(),
            score,
            judgement: judgement.clone(),
            adversarial,
            egregiousness: None,
            queries: self.counter.queries(),
            evaluations: self.counter.evaluations(),
            seconds: self.counter.elapsed_seconds(),
        };
        let example = submission.example(
            self.counter.target().name(),
            &self.author,
            self.source(),
            self.seed.as_ref(),
        );
        self.submissions.push(submission);
        Ok(if adversarial {
            SubmitResult::Adversarial(Box::new(example))
        } else {
            SubmitResult::NotInjurious(judgement)
        })
    }

    /// Ends the session.
    pub fn finish(mut self, attack: impl Into<String>, stop: StopReason) -> AttackOutcome {
        self.trace
            .push(&self.counter, Event::Stopped { reason: stop });
        let source = self.source();
        let has_text = !self.current.completion.trim().is_empty();
        AttackOutcome {
            attack: attack.into(),
            target: self.counter.target().name().to_string(),
            author: self.author,
            source,
            seed: self.seed,
            last_score: self.score,
            last: has_text.then_some(self.current),
            submissions: self.submissions,
            evaluations: self.counter.evaluations(),
            cache_hits: self.counter.cache_hits(),
            queries: self.counter.queries(),
            labeler_calls: self.labeler_calls,
            seconds: self.counter.elapsed_seconds(),
            stop,
            trace: self.trace,
        }
    }
}
