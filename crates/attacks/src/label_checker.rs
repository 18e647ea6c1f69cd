//! Asking the labeler, once per distinct snippet.

use std::collections::HashMap;

use labels::{Judgement, Labeler, Snippet};

use crate::counter::snippet_key;
use crate::error::{AttackError, Result};

/// A labeler with a memory: each distinct snippet is labeled once; calls are counted.
pub struct LabelChecker<'l> {
    labeler: &'l mut dyn Labeler,
    cache: HashMap<String, Judgement>,
    calls: u64,
}

impl<'l> LabelChecker<'l> {
    /// Wraps a labeler.
    pub fn new(labeler: &'l mut dyn Labeler) -> Self {
        LabelChecker {
            labeler,
            cache: HashMap::new(),
            calls: 0,
        }
    }

    /// The labeler's id.
    pub fn id(&self) -> &str {
        self.labeler.id()
    }

    /// Snippets sent to the labeler so far.
    pub fn calls(&self) -> u64 {
        self.calls
    }

    /// Whether the snippet was judged before (its judgement is remembered).
    pub fn known(&self, snippet: &Snippet) -> bool {
        self.cache.contains_key(&snippet_key(snippet))
    }

    /// The labeler's judgement of a snippet (asked once, then remembered).
    pub fn judge(&mut self, snippet: &Snippet) -> Result<Judgement> {
        Ok(self.judge_batch(std::slice::from_ref(snippet))?.remove(0))
    }

    /// Judgements of several snippets; the ones not seen before go to the labeler in
    /// batches of its preferred size.
    pub fn judge_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<Judgement>> {
        let keys: Vec<String> = snippets.iter().map(snippet_key).collect();
        let mut todo: Vec<usize> = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            if !self.cache.contains_key(key) && !todo.iter().any(|&j| keys[j] == *key) {
                todo.push(i);
            }
        }
        let size = self.labeler.preferred_batch_size().max(1);
        for chunk in todo.chunks(size) {
            let batch: Vec<Snippet> = chunk.iter().map(|&i| snippets[i].clone()).collect();
            let given = self.labeler.label_batch(&batch)?;
            if given.len() != batch.len() {
                return Err(AttackError::Labeler(labels::LabelsError::Invalid(format!(
                    "labeler `{}` returned {} judgements for {} snippets",
                    self.labeler.id(),
                    given.len(),
                    batch.len()
                ))));
            }
            self.calls += batch.len() as u64;
            for (&i, mut judgement) in chunk.iter().zip(given) {
                if judgement.labeler.is_empty() {
                    judgement.labeler = self.labeler.id().to_string();
                }
                self.cache.insert(keys[i].clone(), judgement);
            }
        }
        Ok(keys.iter().map(|k| self.cache[k].clone()).collect())
    }
}
