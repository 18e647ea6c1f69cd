//! The one place where attacks call the target: it batches, caches by snippet text,
//! counts queries and enforces the budget (TextAttack's lesson: model calls go through
//! one door).

use std::collections::HashMap;
use std::time::Instant;

use labels::Snippet;
use ndarray::Array1;

use crate::budget::Budget;
use crate::error::{AttackError, Result};
use crate::target::{GradientToken, SaliencyMap, Target};

/// The exact text of a snippet as a cache key (whitespace matters to a tokenizer, so it
/// is not normalised away).
pub fn snippet_key(snippet: &Snippet) -> String {
    let mut key = String::with_capacity(snippet.prompt.len() + snippet.completion.len() + 1);
    key.push_str(&snippet.prompt);
    key.push('\u{1f}');
    key.push_str(&snippet.completion);
    key
}

/// Scores through a target, with a cache and counts of queries and evaluations held
/// against a budget.
///
/// A **query** is one request to the target's interface: a non-empty score batch (a live
/// score, or a whole dropdown of scored candidates), a saliency map or a gradient call,
/// cached or not — one action of a person at the paper's interface. An **evaluation** is
/// one snippet the model runs on that it did not run on before (scores), or one saliency
/// map, or one gradient call. A request that would pass either limit is refused whole,
/// before the target is called, with [`AttackError::Budget`];
/// [`QueryCounter::affordable`] tells how much of a batch fits.
pub struct QueryCounter<'t> {
    target: &'t dyn Target,
    budget: Budget,
    started: Instant,
    cache: HashMap<String, f64>,
    evaluations: u64,
    cache_hits: u64,
    queries: u64,
}

impl<'t> QueryCounter<'t> {
    /// A counter over `target` under `budget`; the clock starts now.
    pub fn new(target: &'t dyn Target, budget: Budget) -> Result<Self> {
        budget.validate()?;
        Ok(QueryCounter {
            target,
            budget,
            started: Instant::now(),
            cache: HashMap::new(),
            evaluations: 0,
            cache_hits: 0,
            queries: 0,
        })
    }

    /// The target.
    pub fn target(&self) -> &'t dyn Target {
        self.target
    }

    /// The budget.
    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    /// Model evaluations used so far.
    pub fn evaluations(&self) -> u64 {
        self.evaluations
    }

    /// Scores answered from the cache.
    pub fn cache_hits(&self) -> u64 {
        self.cache_hits
    }

    /// Queries answered so far: each non-empty score batch, saliency map or gradient
    /// call counts one, cached or not (one action of a person at an interface).
    pub fn queries(&self) -> u64 {
        self.queries
    }

    /// Seconds since the counter was made.
    pub fn elapsed_seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Queries left (`None`: no limit).
    pub fn remaining_queries(&self) -> Option<u64> {
        self.budget
            .max_queries
            .map(|m| m.saturating_sub(self.queries))
    }

    /// Evaluations left (`None`: no limit).
    pub fn remaining_evaluations(&self) -> Option<u64> {
        self.budget
            .max_evaluations
            .map(|m| m.saturating_sub(self.evaluations))
    }

    /// Whether the time limit has passed.
    pub fn out_of_time(&self) -> bool {
        self.budget
            .max_seconds
            .is_some_and(|s| self.elapsed_seconds() >= s)
    }

    /// Whether nothing more can be asked (no queries, evaluations or time left).
    pub fn exhausted(&self) -> bool {
        self.out_of_time()
            || self.remaining_queries() == Some(0)
            || self.remaining_evaluations() == Some(0)
    }

    /// The cached score of a snippet, if it was scored before.
    pub fn cached(&self, snippet: &Snippet) -> Option<f64> {
        self.cache.get(&snippet_key(snippet)).copied()
    }

    /// How many snippets of `snippets`, from the start, can be scored within the budget
    /// (cached ones and repeats are free).
    pub fn affordable(&self, snippets: &[Snippet]) -> usize {
        if self.out_of_time() || self.remaining_queries() == Some(0) {
            return 0;
        }
        let Some(left) = self.remaining_evaluations() else {
            return snippets.len();
        };
        let mut new = std::collections::HashSet::new();
        for (i, s) in snippets.iter().enumerate() {
            let key = snippet_key(s);
            if !self.cache.contains_key(&key) && new.insert(key) && new.len() as u64 > left {
                return i;
            }
        }
        snippets.len()
    }

    fn charge(&self, n: u64, what: &str) -> Result<()> {
        if self.out_of_time() {
            return Err(AttackError::Budget(format!(
                "the time limit of {:.1} s has passed",
                self.budget.max_seconds.unwrap_or_default()
            )));
        }
        if self.remaining_queries() == Some(0) {
            return Err(AttackError::Budget(format!(
                "{what} needs a query, none of {} left",
                self.budget.max_queries.unwrap_or_default()
            )));
        }
        if let Some(left) = self.remaining_evaluations()
            && n > left
        {
            return Err(AttackError::Budget(format!(
                "{what} needs {n} evaluations, {left} of {} left",
                self.budget.max_evaluations.unwrap_or_default()
            )));
        }
        Ok(())
    }

    /// As [`Self::score_batch`] (one query), but a snippet the target refuses (e.g. one
    /// grown past the model's length limit by an edit) gets `None` instead of failing the
    /// whole batch: when the batch call fails with a target error, each snippet is scored
    /// alone and the refused ones are left out. Other errors (budget, bad scores) still fail.
    pub fn score_batch_lenient(&mut self, snippets: &[Snippet]) -> Result<Vec<Option<f64>>> {
        match self.score_batch(snippets) {
            Ok(scores) => return Ok(scores.into_iter().map(Some).collect()),
            // even for one snippet alone: the retry below tells a refusal from a bad score
            Err(AttackError::Target { .. } | AttackError::Refused { .. }) => {}
            Err(e) => return Err(e),
        }
        // the failed call was charged its query; the retries are part of it
        let mut out = Vec::with_capacity(snippets.len());
        for snippet in snippets {
            let key = snippet_key(snippet);
            if let Some(&score) = self.cache.get(&key) {
                self.cache_hits += 1;
                out.push(Some(score));
                continue;
            }
            match self.target.score_batch(std::slice::from_ref(snippet)) {
                Ok(scores) if scores.len() == 1 => {
                    check_score(self.target.name(), scores[0])?;
                    self.evaluations += 1;
                    self.cache.insert(key, scores[0]);
                    out.push(Some(scores[0]));
                }
                Ok(scores) => {
                    return Err(AttackError::target(
                        self.target.name(),
                        format!("{} scores for 1 snippet", scores.len()),
                    ));
                }
                Err(AttackError::Target { .. } | AttackError::Refused { .. }) => out.push(None),
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// Scores snippets (cached ones from the cache, the rest in one target call).
    pub fn score_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<f64>> {
        if snippets.is_empty() {
            return Ok(Vec::new());
        }
        let keys: Vec<String> = snippets.iter().map(snippet_key).collect();
        let mut todo: Vec<usize> = Vec::new();
        let mut pending: HashMap<&str, usize> = HashMap::new();
        for (i, key) in keys.iter().enumerate() {
            if !self.cache.contains_key(key) && !pending.contains_key(key.as_str()) {
                pending.insert(key, todo.len());
                todo.push(i);
            }
        }
        self.charge(todo.len() as u64, "scoring")?;
        self.queries += 1;
        if !todo.is_empty() {
            let batch: Vec<Snippet> = todo.iter().map(|&i| snippets[i].clone()).collect();
            let scores = self.target.score_batch(&batch)?;
            if scores.len() != batch.len() {
                return Err(AttackError::target(
                    self.target.name(),
                    format!("{} scores for {} snippets", scores.len(), batch.len()),
                ));
            }
            self.evaluations += batch.len() as u64;
            for (&i, &score) in todo.iter().zip(&scores) {
                check_score(self.target.name(), score)?;
                self.cache.insert(keys[i].clone(), score);
            }
        }
        self.cache_hits += (snippets.len() - todo.len()) as u64;
        Ok(keys.iter().map(|k| self.cache[k]).collect())
    }

    /// [`QueryCounter::score_batch`] as an ndarray array: the same scores, queries,
    /// evaluations and cache.
    pub fn score_batch_array(&mut self, snippets: &[Snippet]) -> Result<Array1<f64>> {
        self.score_batch(snippets).map(Array1::from)
    }

    /// Scores one snippet.
    pub fn score(&mut self, snippet: &Snippet) -> Result<f64> {
        // one snippet in, one score out
        Ok(self.score_batch(std::slice::from_ref(snippet))?[0])
    }

    /// The saliency map of one snippet (one query, one evaluation; its score is cached).
    pub fn saliency(&mut self, snippet: &Snippet) -> Result<SaliencyMap> {
        self.charge(1, "a saliency map")?;
        self.queries += 1;
        let mut maps = self.target.saliency_batch(std::slice::from_ref(snippet))?;
        self.evaluations += 1;
        let map = maps
            .pop()
            .ok_or_else(|| AttackError::target(self.target.name(), "no saliency map returned"))?;
        check_score(self.target.name(), map.score)?;
        self.cache.insert(snippet_key(snippet), map.score);
        Ok(map)
    }

    /// The gradient's replacement candidates for each token of one snippet (one query,
    /// one evaluation).
    pub fn gradient_replacements(
        &mut self,
        snippet: &Snippet,
        per_token: usize,
    ) -> Result<Vec<GradientToken>> {
        self.charge(1, "a gradient")?;
        self.queries += 1;
        let out = self.target.gradient_replacements(snippet, per_token)?;
        self.evaluations += 1;
        Ok(out)
    }
}

fn check_score(target: &str, score: f64) -> Result<()> {
    if (0.0..=1.0).contains(&score) {
        Ok(())
    } else {
        Err(AttackError::target(
            target,
            format!("score {score} is not a probability"),
        ))
    }
}

#[cfg(test)]
mod lenient_tests {
    use super::*;

    /// Scores a completion by its length in characters over 100, and refuses (as the
    /// DeBERTa target does past its token limit) any completion over 20 characters.
    struct Short;

    impl Target for Short {
        fn name(&self) -> &str {
            "short"
        }
        fn score_batch(&self, snippets: &[Snippet]) -> Result<Vec<f64>> {
            snippets
                .iter()
                .map(|s| {
                    if s.completion.len() > 20 {
                        Err(AttackError::target("short", "too long"))
                    } else {
                        Ok(s.completion.len() as f64 / 100.0)
                    }
                })
                .collect()
        }
        fn saliency_batch(&self, _: &[Snippet]) -> Result<Vec<SaliencyMap>> {
            Err(AttackError::target("short", "no saliency"))
        }
    }

    #[test]
    fn refused_snippets_are_left_out_in_one_query() {
        let target = Short;
        let mut counter = QueryCounter::new(&target, Budget::unlimited()).unwrap();
        let snippets = [
            Snippet::new("p", "four"),
            Snippet::new("p", "far too long for the target"),
            Snippet::new("p", "six ch"),
        ];
        let scores = counter.score_batch_lenient(&snippets).unwrap();
        // the lengths over 100 (by hand), and None for the refused one
        assert_eq!(scores, vec![Some(0.04), None, Some(0.06)]);
        assert_eq!(counter.queries(), 1);
        assert_eq!(counter.evaluations(), 2);
        // the plain batch call still fails on it
        assert!(counter.score_batch(&snippets).is_err());
        // a batch the target takes whole is scored as usual (from the cache here)
        assert_eq!(
            counter.score_batch_lenient(&snippets[..1]).unwrap(),
            vec![Some(0.04)]
        );
        // a refused snippet alone (the unaided policy scores one edit per try) is left
        // out too, charged its one query
        let before = counter.queries();
        assert_eq!(
            counter.score_batch_lenient(&snippets[1..2]).unwrap(),
            vec![None]
        );
        assert_eq!(counter.queries(), before + 1);
    }
}
