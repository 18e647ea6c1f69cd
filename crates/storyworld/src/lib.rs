//! The embedded default of highstakes: a procedural story world, the injury oracle that
//! labels any English text, egregiousness ratings, and an automatic quality judge — so
//! that the paper's whole loop (generate, label, train, attack, retrain, measure) runs
//! without a story corpus or human labelers.
//!
//! - [`World`] writes three-sentence prompts and one-sentence completions, deterministic
//!   by seed and index, with injuries of every kind (explicit, deaths, implied, past,
//!   self-inflicted) and the traps around them (figurative uses, negation, near misses,
//!   threats, injuries already in the prompt). [`World::initial_dataset`] sub-selects
//!   dangerous prompts so that 10–20% of it is injurious, as in the paper;
//!   [`World::in_distribution_test`] does not; [`World::corpus`] writes whole stories for
//!   language-model training.
//! - [`InjuryOracle`] is the project's written definition of injury
//!   (`docs/injury-definition.md`) as rules over arbitrary text, built on WordNet 3.0
//!   (Debian's `wordnet-base`, read by [`wordnet::WordNet`]) and hand-written tables. It
//!   implements [`labels::Labeler`], and rates egregiousness 1–10.
//! - [`WorldVocabulary`] says whether a text is the world's language: only words the
//!   world writes, one whole sentence, and whether it is (up to names) a sentence the
//!   world itself writes — the check that a generator trained on the world writes the
//!   world and not word salad.
//! - [`QualityJudge`] compares two completions of a prompt (a documented proxy for the
//!   paper's human raters); [`read_comparisons`] imports real comparisons.
//!
//! ```
//! use labels::{Label, Snippet, UnsurePolicy};
//! use storyworld::{InjuryOracle, World, WorldConfig};
//!
//! # fn main() -> storyworld::Result<()> {
//! // needs the WordNet database: `scripts/setup` installs it
//! let oracle = InjuryOracle::new()?;
//! let stabbed = Snippet::new("The tavern was loud.", "Mara drew her knife and stabbed Tom.");
//! assert_eq!(oracle.label(&stabbed)?, Label::Injurious);
//! let glance = Snippet::new("The tavern was loud.", "Mara shot Tom a glance.");
//! assert_eq!(oracle.label(&glance)?, Label::NonInjurious);
//!
//! let world = World::new(WorldConfig::default())?;
//! let first = world.snippet(0);
//! assert_eq!(first, world.snippet(0)); // deterministic by index
//! let data = world.initial_dataset(200, &oracle)?;
//! assert_eq!(data.len(), 200);
//! println!("{}", data.summary(UnsurePolicy::AsInjurious).to_markdown());
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod error;
pub mod fluency;
pub mod lexicon;
pub mod oracle;
mod quality;
pub mod wordnet;
pub mod world;

pub use error::{Result, StoryworldError};
pub use fluency::{Fluency, WorldVocabulary};
pub use lexicon::{InjuryKind, Lexicon, LexiconStats};
pub use oracle::{InjuryOracle, Verdict};
pub use quality::{Comparison, Preference, QualityJudge, QualityScore, read_comparisons};
pub use world::{Danger, World, WorldConfig, WorldSnippet};
