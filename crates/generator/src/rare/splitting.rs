//! Adaptive multi-level splitting over generated text: a [`SplittingProblem`] whose
//! states are (prompt, generated sequence) pairs, whose score is
//! [`FailureCheck::splitting_score`], and whose moves are Metropolis–Hastings steps that
//! leave the generator's own distribution invariant.
//!
//! **The move.** Pick a position `i` of the generated tokens and one of three edits
//! (replace the token there, insert one before it, delete it; insertions and deletions
//! are each chosen with probability 1/4, replacements 1/2, or replacements only). A new
//! token is drawn from the generator's own next-token distribution after the prefix
//! `prompt ++ x_<i` (end-of-text excluded, renormalised): the prefix is the same before
//! and after the edit, so the reverse move's probability is known exactly. The edit is
//! accepted with the Metropolis–Hastings probability for the target `p` (the generator's
//! distribution over whole generated sequences, [`SequenceModel::log_prob`]):
//!
//! * replace `x_i → v`: `min(1, p(y) r(x_i) / (p(x) r(v)))`;
//! * insert `v` at `i`: `min(1, p(y) / (p(x) r(v)))`;
//! * delete `x_i`: `min(1, p(y) r(x_i) / p(x))`
//!
//! (the position choices cancel: `len + 1` insertion points in `x`, `len + 1` deletion
//! points in `y`). So the kernel is reversible with respect to the generator's
//! distribution, and splitting estimates the failure probability **under the
//! generator** — not under some resampling chain's own stationary law. The prompt never
//! changes (prompts are drawn uniformly from the list at the start), which keeps the
//! kernel reversible for the joint law of prompt and completion.
//!
//! A masked LM (the attacks' DeBERTa suggester) could propose better-informed edits, but
//! it reads another tokenizer's pieces, and the reverse move's probability in the
//! generator's token space would not be available; the generator's own conditional is the
//! proposal whose correction is exact.

use labels::{Labeler, Snippet};
use metrics::SplittingProblem;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::generation::filtered::Filter;

use super::error::{RareEventError, RareResult};
use super::judge::{FAILURE_LEVEL, FailureJudge, LabelScope};
use super::sampler::{draw_index, draw_sequences};
use super::sequence::SequenceModel;

/// A particle: a prompt (by index) and a generated sequence, with its log-probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextParticle {
    /// Index of the prompt in [`TextSplitting`]'s list.
    pub prompt: usize,
    /// The generated tokens (end-of-text excluded, before the sentence cut).
    pub tokens: Vec<i64>,
    /// `ln p(tokens | prompt)` under the generator.
    pub log_p: f64,
}

/// Counts of the moves made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveStats {
    /// Moves asked for.
    pub proposed: usize,
    /// Moves that changed nothing or were impossible (e.g. deleting from nothing).
    pub void: usize,
    /// Moves whose result the generator cannot produce (probability 0).
    pub impossible: usize,
    /// Moves the Metropolis–Hastings test accepted.
    pub accepted: usize,
}

/// The filtered generator's failure event as a [`SplittingProblem`]: run
/// [`metrics::run_splitting`] on it with `threshold: FAILURE_LEVEL` to estimate
/// `P(injurious ∧ score < threshold)` per candidate under the generator (divide by the
/// acceptance rate for the filtered generator's rate, as in
/// [`super::FailureRateEstimate`]).
pub struct TextSplitting<'m, 'g, F: Filter, L: Labeler> {
    model: &'m SequenceModel<'g>,
    prompts: Vec<String>,
    prompt_ids: Vec<Vec<i64>>,
    judge: FailureJudge<F, L>,
    length_moves: bool,
    batch_size: usize,
    stats: MoveStats,
    failures: Vec<Snippet>,
    keep_failures: usize,
}

impl<'m, 'g, F: Filter, L: Labeler> TextSplitting<'m, 'g, F, L> {
    /// Splitting over completions of `prompts` (drawn uniformly) by `model`'s generator,
    /// judged by `judge`. `length_moves`: also insert and delete tokens (otherwise every
    /// particle keeps the length it was drawn with).
    pub fn new<S: AsRef<str>>(
        model: &'m SequenceModel<'g>,
        prompts: &[S],
        judge: FailureJudge<F, L>,
        length_moves: bool,
    ) -> RareResult<Self> {
        if prompts.is_empty() {
            return Err(RareEventError::setting("prompts", "no prompt to complete"));
        }
        let prompt_ids = prompts
            .iter()
            .map(|p| model.prompt_ids(p.as_ref()))
            .collect::<RareResult<Vec<_>>>()?;
        Ok(TextSplitting {
            model,
            prompts: prompts.iter().map(|p| p.as_ref().to_string()).collect(),
            prompt_ids,
            judge,
            length_moves,
            batch_size: 64,
            stats: MoveStats::default(),
            failures: Vec::new(),
            keep_failures: 20,
        })
    }

    /// Draws at most this many sequences per generation batch (default 64).
    pub fn with_batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size.max(1);
        self
    }

    /// The moves made so far.
    pub fn move_stats(&self) -> MoveStats {
        self.stats
    }

    /// The distinct failing snippets met so far (at most 20).
    pub fn failures_found(&self) -> &[Snippet] {
        &self.failures
    }

    /// The judge.
    pub fn judge(&self) -> &FailureJudge<F, L> {
        &self.judge
    }

    /// The snippet of a particle (`None` if the generator cannot produce it).
    pub fn snippet(&self, particle: &TextParticle) -> RareResult<Option<Snippet>> {
        let prompt = self.prompts.get(particle.prompt).ok_or_else(|| {
            RareEventError::setting("prompt", format!("no prompt {}", particle.prompt))
        })?;
        Ok(self
            .model
            .completion(&particle.tokens)?
            .map(|c| Snippet::new(prompt.clone(), c.text)))
    }
}

/// One proposed edit.
enum Edit {
    Replace(usize),
    Insert(usize),
    Delete(usize),
}

impl<F: Filter, L: Labeler> SplittingProblem for TextSplitting<'_, '_, F, L> {
    type State = TextParticle;
    type Error = RareEventError;

    fn sample_initial(
        &mut self,
        count: usize,
        rng: &mut ChaCha8Rng,
    ) -> RareResult<Vec<TextParticle>> {
        let mut per_prompt = vec![0usize; self.prompts.len()];
        for _ in 0..count {
            per_prompt[rng.random_range(0..self.prompts.len())] += 1;
        }
        let mut out = Vec::with_capacity(count);
        for (prompt, &n) in per_prompt.iter().enumerate() {
            let mut left = n;
            while left > 0 {
                let m = left.min(self.batch_size);
                left -= m;
                for d in draw_sequences(self.model, &self.prompt_ids[prompt], m, None, rng)? {
                    out.push(TextParticle {
                        prompt,
                        tokens: d.tokens,
                        log_p: d.log_p,
                    });
                }
            }
        }
        Ok(out)
    }

    fn score(&mut self, states: &[TextParticle]) -> RareResult<Vec<f64>> {
        let mut snippets = Vec::with_capacity(states.len());
        for s in states {
            // a particle the generator cannot produce never arises (moves to one are
            // rejected); scored as an empty completion if it did
            let snippet = self
                .snippet(s)?
                .unwrap_or_else(|| Snippet::new(self.prompts[s.prompt].clone(), ""));
            snippets.push(snippet);
        }
        let checks = self.judge.check(&snippets, LabelScope::All)?;
        let threshold = self.judge.threshold();
        let scores: Vec<f64> = checks
            .iter()
            .map(|c| c.splitting_score(threshold))
            .collect();
        for (snippet, score) in snippets.into_iter().zip(&scores) {
            if *score >= FAILURE_LEVEL
                && self.failures.len() < self.keep_failures
                && !self.failures.contains(&snippet)
            {
                self.failures.push(snippet);
            }
        }
        Ok(scores)
    }

    fn propose(
        &mut self,
        states: &[TextParticle],
        rng: &mut ChaCha8Rng,
    ) -> RareResult<Vec<Option<TextParticle>>> {
        self.stats.proposed += states.len();
        // 1. an edit for each state (None: impossible here, e.g. deleting from nothing)
        let edits: Vec<Option<Edit>> = states
            .iter()
            .map(|s| {
                let len = s.tokens.len();
                let u: f64 = rng.random();
                if !self.length_moves || u < 0.5 {
                    (len > 0).then(|| Edit::Replace(rng.random_range(0..len)))
                } else if u < 0.75 {
                    Some(Edit::Insert(rng.random_range(0..=len)))
                } else {
                    (len > 0).then(|| Edit::Delete(rng.random_range(0..len)))
                }
            })
            .collect();
        // 2. the next-token distribution after each edit's prefix, in one batch
        let asked: Vec<usize> = (0..states.len()).filter(|&i| edits[i].is_some()).collect();
        let prefixes: Vec<(&[i64], &[i64])> = asked
            .iter()
            .map(|&i| {
                let at = match edits[i] {
                    Some(Edit::Replace(at) | Edit::Insert(at) | Edit::Delete(at)) => at,
                    None => 0,
                };
                (
                    self.prompt_ids[states[i].prompt].as_slice(),
                    &states[i].tokens[..at],
                )
            })
            .collect();
        let tables = self.model.next_token_probabilities(&prefixes)?;
        // 3. the proposals, with ln of the proposal correction r(reverse) / r(forward)
        let mut proposals: Vec<(usize, Vec<i64>, f64)> = Vec::new();
        for (&i, probs) in asked.iter().zip(&tables) {
            let x = &states[i].tokens;
            let rest = 1.0 - self.model.end_of_text_mass(probs);
            if rest <= 0.0 {
                continue; // only end-of-text can follow: nothing to propose
            }
            let r = |t: i64| probs[t as usize] / rest;
            let draw = |rng: &mut ChaCha8Rng| loop {
                let v = draw_index(probs, rng) as i64;
                if !self.model.end_of_text().contains(&v) {
                    break v;
                }
            };
            match edits[i] {
                Some(Edit::Replace(at)) => {
                    let v = draw(rng);
                    if v == x[at] {
                        continue;
                    }
                    let mut y = x.clone();
                    y[at] = v;
                    proposals.push((i, y, r(x[at]).ln() - r(v).ln()));
                }
                Some(Edit::Insert(at)) => {
                    let v = draw(rng);
                    let mut y = x.clone();
                    y.insert(at, v);
                    proposals.push((i, y, -r(v).ln()));
                }
                Some(Edit::Delete(at)) => {
                    let mut y = x.clone();
                    y.remove(at);
                    proposals.push((i, y, r(x[at]).ln()));
                }
                None => {}
            }
        }
        // 4. the Metropolis–Hastings test, with ln p of every proposal in one batch
        let items: Vec<(&[i64], &[i64])> = proposals
            .iter()
            .map(|(i, y, _)| (self.prompt_ids[states[*i].prompt].as_slice(), y.as_slice()))
            .collect();
        let log_ps = self.model.log_probs(&items)?;
        let mut out: Vec<Option<TextParticle>> = vec![None; states.len()];
        let mut made = 0;
        for ((i, y, correction), log_p) in proposals.into_iter().zip(log_ps) {
            made += 1;
            if log_p == f64::NEG_INFINITY {
                self.stats.impossible += 1;
                continue;
            }
            let log_alpha = log_p - states[i].log_p + correction;
            if log_alpha >= 0.0 || rng.random::<f64>().ln() < log_alpha {
                self.stats.accepted += 1;
                out[i] = Some(TextParticle {
                    prompt: states[i].prompt,
                    tokens: y,
                    log_p,
                });
            }
        }
        self.stats.void += states.len() - made;
        Ok(out)
    }
}
