//! Labeled data for adversarial training toward high-stakes reliability.
//!
//! The unit of data is a [`Snippet`]: a story prompt and a one-sentence completion. People
//! (or an automatic oracle) give [`Judgement`]s — [`Label::Injurious`],
//! [`Label::NonInjurious`] or [`Label::Unsure`] — which [`aggregate`] turns into one label
//! the way the paper did: two labels, and a third to break a disagreement. Every
//! [`Example`] records its [`Source`] (initial data, manual, paraphrase, tool-assisted…)
//! and [`Provenance`] (which classifier it fooled, who wrote it, how long it took).
//!
//! A [`Dataset`] reads and writes JSONL (atomically; a malformed line is an error that
//! names the file and line), de-duplicates, assigns stable train/validation/test splits
//! keyed on the snippet text (duplicates never straddle splits), up-samples injurious
//! examples for training (the paper: up to 5×) and summarises itself in the shape of the
//! paper's Table 1. [`Labeler`]s label batches: [`ImportedLabels`] from a JSONL file,
//! [`TerminalLabeler`] a person at a terminal; a [`Panel`] of three applies the
//! two-plus-tie-break rule and journals every judgement as it is given, so an interrupted
//! labeling session resumes without losing or repeating anything.
//!
//! ```
//! use labels::{Dataset, Example, Label, Snippet, Source, SplitFractions, UnsurePolicy, Upsampling};
//!
//! let mut data = Dataset::default();
//! data.push(Example::new(
//!     Snippet::new("The knight drew his sword. The dragon roared. Smoke filled the hall.", "The dragon's claw tore open his arm."),
//!     Label::Injurious,
//!     Source::InitialStories,
//! ));
//! data.push(Example::new(
//!     Snippet::new("They sat by the fire. It was late. Nobody spoke.", "She shot him a glance and smiled."),
//!     Label::NonInjurious,
//!     Source::InitialStories,
//! ));
//! data.assign_splits(SplitFractions::default(), 0).unwrap();
//! let training = data.training_examples(UnsurePolicy::AsInjurious, Upsampling::PAPER);
//! assert_eq!(training.iter().filter(|t| t.injurious).count(), 1); // ratio 1:1, no copies
//! println!("{}", data.summary(UnsurePolicy::AsInjurious).to_markdown());
//! ```
#![deny(missing_docs)]

mod dataset;
mod error;
mod example;
#[cfg(feature = "fuzzing")]
pub mod fuzz;
mod imported;
mod interactive;
mod journal;
mod jsonl;
mod label;
mod labeler;
mod noisy;
mod snippet;
mod source;
mod summary;

pub use dataset::{Dataset, DedupReport, SplitFractions, TrainingExample, Upsampling};
pub use error::{LabelsError, Result};
pub use example::{Example, Provenance, Split};
pub use imported::{ImportedLabels, LabelRecord};
pub use interactive::TerminalLabeler;
pub use journal::Journal;
pub use jsonl::{JsonlContents, read_jsonl, read_jsonl_lenient, write_atomic, write_jsonl_atomic};
pub use label::{Aggregate, Judgement, Label, UnsurePolicy, aggregate};
pub use labeler::{JournalEntry, Labeled, Labeler, Panel};
pub use noisy::NoisyLabeler;
pub use snippet::{MAX_COMPLETION_CHARS, MAX_PROMPT_CHARS, Snippet};
pub use source::Source;
pub use summary::{Count, Summary, SummaryRow};
