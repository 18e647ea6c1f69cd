//! The `Labeler` trait, and a panel of labelers that applies the two-plus-tie-break rule
//! with every judgement journaled as it is given.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{LabelsError, Result};
use crate::journal::Journal;
use crate::label::{Aggregate, Judgement, Label, aggregate};
use crate::snippet::Snippet;

/// Anything that labels snippets: a person at a terminal or in a browser, labels imported
/// from a file, or an automatic oracle.
pub trait Labeler {
    /// A stable name for this labeler, recorded in every [`Judgement`] it gives.
    fn id(&self) -> &str;

    /// Labels a batch: one judgement per snippet, in order. A labeler that cannot label
    /// a snippet returns an error rather than guessing.
    fn label_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<Judgement>>;

    /// The largest batch this labeler should be given at once. People answer one snippet
    /// at a time, so interactive labelers return 1: a [`Panel`] then journals each answer
    /// before asking the next question, and stopping loses nothing.
    fn preferred_batch_size(&self) -> usize {
        usize::MAX
    }
}

impl<L: Labeler + ?Sized> Labeler for Box<L> {
    fn id(&self) -> &str {
        (**self).id()
    }
    fn label_batch(&mut self, snippets: &[Snippet]) -> Result<Vec<Judgement>> {
        (**self).label_batch(snippets)
    }
    fn preferred_batch_size(&self) -> usize {
        (**self).preferred_batch_size()
    }
}

/// One line of a labeling journal: which snippet, and one judgement of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// [`Snippet::key`] of the snippet.
    pub key: String,
    /// The snippet itself, so that the journal alone is a complete record.
    #[serde(flatten)]
    pub snippet: Snippet,
    /// The judgement.
    pub judgement: Judgement,
}

/// A snippet with all its judgements and their aggregate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labeled {
    /// The snippet.
    pub snippet: Snippet,
    /// Its judgements, first labeler first.
    pub judgements: Vec<Judgement>,
    /// The label under [`aggregate`].
    pub label: Label,
}

/// Two labelers and a tie-breaker, as the paper labeled its test sets (§5.3, §5.4): the
/// first two label every snippet; the third labels only the snippets they disagree on.
///
/// With a journal, every judgement is appended (and flushed) the moment it is given, and
/// a run that was interrupted resumes where it stopped: judgements already in the journal
/// are reused, never asked for again.
pub struct Panel<'a> {
    first: &'a mut dyn Labeler,
    second: &'a mut dyn Labeler,
    tie_breaker: &'a mut dyn Labeler,
    batch_size: usize,
}

impl<'a> Panel<'a> {
    /// A panel of three distinct labelers (distinct ids: one labeler's two judgements
    /// would count once).
    pub fn new(
        first: &'a mut dyn Labeler,
        second: &'a mut dyn Labeler,
        tie_breaker: &'a mut dyn Labeler,
    ) -> Result<Self> {
        let ids = [first.id(), second.id(), tie_breaker.id()];
        if ids[0] == ids[1] || ids[0] == ids[2] || ids[1] == ids[2] {
            return Err(LabelsError::Setting(format!(
                "a panel needs three distinct labelers, got ids {ids:?}"
            )));
        }
        Ok(Panel {
            first,
            second,
            tie_breaker,
            batch_size: 64,
        })
    }

    /// How many snippets each labeler is given at a time (default 64); also how often the
    /// journal is written at the least.
    pub fn with_batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size.max(1);
        self
    }

    /// Labels the snippets, journaling every judgement to `journal` when given.
    pub fn label(&mut self, snippets: &[Snippet], journal: Option<&Path>) -> Result<Vec<Labeled>> {
        for s in snippets {
            s.validate()?;
        }
        let mut known: HashMap<(String, String), Judgement> = HashMap::new();
        let mut journal = match journal {
            Some(path) => {
                for entry in Journal::<JournalEntry>::read(path)?.records {
                    known
                        .entry((entry.key, entry.judgement.labeler.clone()))
                        .or_insert(entry.judgement);
                }
                Some(Journal::<JournalEntry>::open(path)?)
            }
            None => None,
        };
        let keys: Vec<String> = snippets.iter().map(Snippet::key).collect();
        let mut judgements: Vec<Vec<Judgement>> = vec![Vec::new(); snippets.len()];
        let batch_size = self.batch_size;
        let all: Vec<usize> = (0..snippets.len()).collect();
        for labeler in [&mut *self.first, &mut *self.second] {
            collect(
                labeler,
                &all,
                snippets,
                &keys,
                &mut known,
                journal.as_mut(),
                &mut judgements,
                batch_size,
            )?;
        }
        let disputed: Vec<usize> = (0..snippets.len())
            .filter(|&i| matches!(aggregate(&judgements[i]), Aggregate::NeedsMore { .. }))
            .collect();
        collect(
            &mut *self.tie_breaker,
            &disputed,
            snippets,
            &keys,
            &mut known,
            journal.as_mut(),
            &mut judgements,
            batch_size,
        )?;
        snippets
            .iter()
            .zip(judgements)
            .map(|(snippet, judgements)| match aggregate(&judgements) {
                Aggregate::Decided(label) => Ok(Labeled {
                    snippet: snippet.clone(),
                    judgements,
                    label,
                }),
                Aggregate::NeedsMore { missing } => Err(LabelsError::Invalid(format!(
                    "snippet {} still needs {missing} judgement(s) after the tie-break",
                    snippet.key()
                ))),
            })
            .collect()
    }
}

#[allow(clippy::too_many_arguments)]
fn collect(
    labeler: &mut dyn Labeler,
    indices: &[usize],
    snippets: &[Snippet],
    keys: &[String],
    known: &mut HashMap<(String, String), Judgement>,
    mut journal: Option<&mut Journal<JournalEntry>>,
    judgements: &mut [Vec<Judgement>],
    batch_size: usize,
) -> Result<()> {
    let id = labeler.id().to_string();
    let mut todo = Vec::new();
    for &i in indices {
        match known.get(&(keys[i].clone(), id.clone())) {
            Some(j) => judgements[i].push(j.clone()),
            None => todo.push(i),
        }
    }
    for chunk in todo.chunks(batch_size.min(labeler.preferred_batch_size()).max(1)) {
        let batch: Vec<Snippet> = chunk.iter().map(|&i| snippets[i].clone()).collect();
        let given = labeler.label_batch(&batch)?;
        if given.len() != batch.len() {
            return Err(LabelsError::Invalid(format!(
                "labeler `{id}` returned {} judgements for {} snippets",
                given.len(),
                batch.len()
            )));
        }
        for (&i, mut judgement) in chunk.iter().zip(given) {
            judgement.labeler = id.clone();
            if let Some(journal) = journal.as_deref_mut() {
                journal.append(&JournalEntry {
                    key: keys[i].clone(),
                    snippet: snippets[i].clone(),
                    judgement: judgement.clone(),
                })?;
            }
            known.insert((keys[i].clone(), id.clone()), judgement.clone());
            judgements[i].push(judgement);
        }
    }
    Ok(())
}
