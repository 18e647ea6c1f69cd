//! A collection of labeled examples: JSONL I/O, de-duplication, stable splits and
//! up-sampling for training.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{LabelsError, Result};
use crate::example::{Example, Split};
use crate::jsonl::{JsonlContents, read_jsonl_lenient, write_jsonl_atomic};
use crate::label::UnsurePolicy;
use crate::snippet::{Snippet, stable_hash};

/// Labeled examples, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    examples: Vec<Example>,
}

/// Fractions of examples that go to each split; they must be non-negative and sum to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SplitFractions {
    /// Fraction for [`Split::Train`].
    pub train: f64,
    /// Fraction for [`Split::Validation`].
    pub validation: f64,
    /// Fraction for [`Split::Test`].
    pub test: f64,
}

impl SplitFractions {
    /// Checks that the fractions are finite, non-negative and sum to 1 (within 1e-9).
    pub fn validate(&self) -> Result<()> {
        let parts = [self.train, self.validation, self.test];
        if parts.iter().any(|p| !p.is_finite() || *p < 0.0)
            || (parts.iter().sum::<f64>() - 1.0).abs() > 1e-9
        {
            return Err(LabelsError::Setting(format!(
                "split fractions must be non-negative and sum to 1, got {self:?}"
            )));
        }
        Ok(())
    }

    /// The split that a snippet falls in for a given seed. Depends only on the snippet's
    /// normalized text and the seed, so the same snippet (and every duplicate of it) lands
    /// in the same split in every dataset, whatever else the dataset holds.
    pub fn split_of(&self, snippet: &Snippet, seed: u64) -> Split {
        let h = stable_hash(snippet.normalized().as_bytes(), seed ^ 0x5eed_5eed);
        // the top 53 bits as a uniform number in [0, 1)
        let u = (h >> 11) as f64 / (1u64 << 53) as f64;
        if u < self.train {
            Split::Train
        } else if u < self.train + self.validation {
            Split::Validation
        } else {
            Split::Test
        }
    }
}

impl Default for SplitFractions {
    /// 80% train, 10% validation, 10% test.
    fn default() -> Self {
        SplitFractions {
            train: 0.8,
            validation: 0.1,
            test: 0.1,
        }
    }
}

/// What [`Dataset::dedup`] removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DedupReport {
    /// Examples removed because an earlier one had the same normalized snippet.
    pub removed: usize,
    /// Keys of snippets whose duplicates carried different labels (the first was kept).
    pub conflicting: Vec<String>,
}

/// How injurious examples are repeated for training (the paper §4.2: "upsampled snippets
/// labeled injurious by up to 5× so that they were closer to the number of non-injurious
/// examples").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upsampling {
    /// The largest number of copies of an injurious example (1 = no up-sampling).
    pub max_factor: usize,
}

impl Upsampling {
    /// The paper's setting: up to 5 copies.
    pub const PAPER: Upsampling = Upsampling { max_factor: 5 };

    /// The number of copies for each injurious example given the class counts: the ratio
    /// of non-injurious to injurious examples rounded to the nearest integer, clamped to
    /// `1..=max_factor`.
    pub fn factor(&self, injurious: usize, non_injurious: usize) -> usize {
        if injurious == 0 {
            return 1;
        }
        let ratio = (non_injurious as f64 / injurious as f64).round() as usize;
        ratio.clamp(1, self.max_factor.max(1))
    }
}

/// A snippet with its binary training target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingExample {
    /// The text.
    pub snippet: Snippet,
    /// `true` for injurious (including `Unsure` under the default policy).
    pub injurious: bool,
}

impl Dataset {
    /// A dataset holding these examples.
    pub fn new(examples: Vec<Example>) -> Self {
        Dataset { examples }
    }

    /// Reads a JSONL file of [`Example`]s strictly: the first malformed line is an error
    /// naming the file and line, and so is a record with an empty completion.
    pub fn read_jsonl(path: impl AsRef<Path>) -> Result<Self> {
        let (dataset, errors) = Self::read_jsonl_lenient(path)?;
        match errors.into_iter().next() {
            Some(first) => Err(first),
            None => Ok(dataset),
        }
    }

    /// Reads a JSONL file of [`Example`]s, keeping every good line and returning an error
    /// per bad line (named by file and line; a record with an empty completion is bad)
    /// beside the dataset.
    pub fn read_jsonl_lenient(path: impl AsRef<Path>) -> Result<(Self, Vec<LabelsError>)> {
        let path = path.as_ref();
        let JsonlContents {
            records,
            lines,
            mut errors,
            ..
        } = read_jsonl_lenient::<Example>(path)?;
        let mut examples = Vec::with_capacity(records.len());
        for (example, line) in records.into_iter().zip(lines) {
            match example.snippet.validate() {
                Ok(()) => examples.push(example),
                Err(err) => errors.push(LabelsError::MalformedLine {
                    path: path.to_path_buf(),
                    line,
                    message: err.to_string(),
                }),
            }
        }
        errors.sort_by_key(|e| match e {
            LabelsError::MalformedLine { line, .. } => *line,
            _ => 0,
        });
        Ok((Dataset { examples }, errors))
    }

    /// Writes the dataset as JSONL, atomically (see [`crate::write_jsonl_atomic`]).
    pub fn write_jsonl(&self, path: impl AsRef<Path>) -> Result<()> {
        write_jsonl_atomic(path.as_ref(), &self.examples)
    }

    /// The examples.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// The examples, mutably.
    pub fn examples_mut(&mut self) -> &mut Vec<Example> {
        &mut self.examples
    }

    /// Takes the examples out.
    pub fn into_examples(self) -> Vec<Example> {
        self.examples
    }

    /// Number of examples.
    pub fn len(&self) -> usize {
        self.examples.len()
    }

    /// Whether there are no examples.
    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    /// Adds an example at the end.
    pub fn push(&mut self, example: Example) {
        self.examples.push(example);
    }

    /// Adds all examples of another dataset at the end.
    pub fn extend(&mut self, other: Dataset) {
        self.examples.extend(other.examples);
    }

    /// Removes later duplicates (same [`Snippet::normalized`] text), keeping the first
    /// occurrence, and reports what it removed.
    pub fn dedup(&mut self) -> DedupReport {
        let mut first_label = HashMap::with_capacity(self.examples.len());
        let mut report = DedupReport::default();
        self.examples.retain(|e| {
            let key = e.snippet.normalized();
            match first_label.get(&key) {
                None => {
                    first_label.insert(key, e.label);
                    true
                }
                Some(label) => {
                    report.removed += 1;
                    if *label != e.label {
                        report.conflicting.push(e.snippet.key());
                    }
                    false
                }
            }
        });
        report.conflicting.sort();
        report.conflicting.dedup();
        report
    }

    /// Gives every example without a split one, by [`SplitFractions::split_of`].
    /// Examples that already have a split keep it.
    pub fn assign_splits(&mut self, fractions: SplitFractions, seed: u64) -> Result<()> {
        fractions.validate()?;
        for e in &mut self.examples {
            if e.split.is_none() {
                e.split = Some(fractions.split_of(&e.snippet, seed));
            }
        }
        Ok(())
    }

    /// The examples of one split (examples without a split are left out).
    pub fn split(&self, split: Split) -> Dataset {
        self.filter(|e| e.split == Some(split))
    }

    /// The examples for which `keep` is true.
    pub fn filter(&self, keep: impl Fn(&Example) -> bool) -> Dataset {
        Dataset {
            examples: self.examples.iter().filter(|e| keep(e)).cloned().collect(),
        }
    }

    /// Binary training targets: retracted examples are left out, `Unsure` is mapped by
    /// `policy`, and each injurious example is repeated [`Upsampling::factor`] times
    /// (copies follow their original, in dataset order; shuffle before training).
    pub fn training_examples(
        &self,
        policy: UnsurePolicy,
        upsampling: Upsampling,
    ) -> Vec<TrainingExample> {
        let targets: Vec<(&Snippet, bool)> = self
            .examples
            .iter()
            .filter(|e| !e.provenance.retracted)
            .filter_map(|e| e.label.training_target(policy).map(|t| (&e.snippet, t)))
            .collect();
        let injurious = targets.iter().filter(|(_, t)| *t).count();
        let factor = upsampling.factor(injurious, targets.len() - injurious);
        let mut out = Vec::with_capacity(targets.len() + injurious * (factor - 1));
        for (snippet, target) in targets {
            let copies = if target { factor } else { 1 };
            for _ in 0..copies {
                out.push(TrainingExample {
                    snippet: snippet.clone(),
                    injurious: target,
                });
            }
        }
        out
    }
}

impl FromIterator<Example> for Dataset {
    fn from_iter<I: IntoIterator<Item = Example>>(iter: I) -> Self {
        Dataset {
            examples: iter.into_iter().collect(),
        }
    }
}

impl<'a> IntoIterator for &'a Dataset {
    type Item = &'a Example;
    type IntoIter = std::slice::Iter<'a, Example>;
    fn into_iter(self) -> Self::IntoIter {
        self.examples.iter()
    }
}
