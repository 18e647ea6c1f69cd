//! Attacks on an injuriousness classifier, as in *Adversarial training for high-stakes
//! reliability* (Ziegler et al., 2022, §4.4), and automatic adversaries that stand in for
//! the people who ran them.
//!
//! An attack is a composition (TextAttack's lesson): a **goal** (the
//! [`AdversarialCriterion`]: the target's score under the acceptance threshold, 0.05 by
//! default, **and** the labeler says injurious; optionally an [`Objective`] that prefers
//! egregious injuries), **constraints** (the snippet must stay injurious by the
//! [`labels::Labeler`]'s judgement; an [`EditScope`]), a **transformation** (a
//! [`Suggester`]'s substitutions and insertions, a [`Paraphraser`], the gradient's token
//! flips) and a **search** (greedy or beam hill-climbing, random tries, GCG-style batches).
//! Every model call goes through one [`QueryCounter`] that batches, caches by snippet
//! text and counts queries against a [`Budget`]; every run returns an [`AttackOutcome`]
//! with a full [`Trace`] (every edit, score and judgement; JSONL-serialisable).
//!
//! - What an attack sees of a classifier: [`Target`] (batched scores, per-token saliency,
//!   gradient-ranked token replacements); [`Suggester`] for substitution and insertion
//!   candidates. Everything is in text coordinates ([`TextSpan`], [`Edit`]), never token
//!   ids, so sub-word tokenizers work and the real re-tokenized text is what is scored.
//!   With the `classifier` feature both are implemented for the DeBERTa classifier and
//!   masked LM of the `classifier` crate (`DebertaTarget`, `MaskedLmSuggestions`); with
//!   the `storyworld` feature as well, `AttackerSuggestions` is what an attacker sees in
//!   the paper's tool: the world's WordNet synonyms and the masked LM's suggestions,
//!   combined.
//! - The paper's attacks: [`TerminalAttack`] (manual: a person edits and sees the live
//!   score, submits under the threshold; with a suggester it offers the tools too),
//!   [`ParaphraseAttack`] (rewrite an earlier adversarial example until 5–10 rewrites are
//!   accepted, then label them) over a [`Paraphraser`] — [`RuleParaphraser`] with any
//!   [`SynonymSource`] (WordNet, `WordNetSynonyms`, with the `storyworld` feature) or
//!   `FewShotParaphraser` over a GPT-Neo generator (the `generator` feature) — and
//!   tool-assisted rewriting as a session a UI drives ([`RewriteSession`]: live score,
//!   saliency, candidates sorted by score, apply, undo, submit).
//! - Synthetic people: [`ToolAssistedAttack`] (saliency + score-sorted suggestions, greedy
//!   or beam), [`UnaidedAttack`] (the same edits without the tools: random positions,
//!   unsorted candidates), [`GradientAttack`] (HotFlip/GCG). All start from an injurious
//!   seed, keep it injurious by the labeler's judgement, and can maximise egregiousness
//!   instead ([`Objective::MostEgregious`] with an [`Egregiousness`] rater; the injury
//!   oracle is one with the `storyworld` feature).
//! - Effort is counted two ways: [`AttackOutcome::queries`] (live scores, saliency maps
//!   and scored candidate lists asked for: one action each at the paper's interface, the
//!   unit of a person's effort that the paper's §5.2 compares) and
//!   [`AttackOutcome::evaluations`] (snippets the classifier ran on: the unit of compute).
//!   A [`Budget`] can limit either, and time.
//! - Numbers handed back as vectors come as ndarray arrays too ([`Trace::scores_array`],
//!   [`QueryCounter::score_batch_array`]: the same numbers as [`Trace::scores`] and
//!   [`QueryCounter::score_batch`]), ready for the `metrics` crate's statistics, which take
//!   slices and ndarray views alike. The crate re-exports [`ndarray`].
//! - Test doubles for users' tests (and this crate's): [`KeywordTarget`] (a transparent
//!   bag-of-words classifier with exact gradients), [`WordListSuggester`] (a fixed word
//!   list) and [`KeywordLabeler`] (injurious when the completion holds one of some words)
//!   need no model files, so an attack, a front end or a [`RewriteSession`] can be tested
//!   without libtorch; the example below uses them.
//!
//! ```
//! use attacks::{
//!     Attack, Budget, KeywordLabeler, KeywordTarget, ToolAssistedAttack, ToolAssistedConfig,
//!     WordListSuggester,
//! };
//! use labels::Snippet;
//!
//! // a transparent bag-of-words "classifier", a word list, and a keyword labeler
//! let target = KeywordTarget::new("keywords", -2.0, [("stabbed", 4.0), ("knife", 1.5), ("gently", -2.0)]);
//! let suggester = WordListSuggester::new("words", ["pierced", "pen", "gently"]);
//! let mut labeler = KeywordLabeler::new("keyword-labeler", ["stabbed", "pierced"]);
//!
//! let seed = Snippet::new("Mara was angry.", "Mara stabbed Tom with a knife.");
//! let mut attack = ToolAssistedAttack::new(ToolAssistedConfig::default(), &suggester);
//! let outcome = attack.run(Some(&seed), &target, &mut labeler, Budget::evaluations(200))?;
//!
//! let found = outcome.first_adversarial().expect("the keyword model is easy to fool");
//! assert!(found.score < 0.05);
//! assert_eq!(labeler.label(&found.snippet), labels::Label::Injurious);
//! println!("{} evaluations: {:?}", outcome.evaluations, found.snippet.completion);
//! # Ok::<(), attacks::AttackError>(())
//! ```
#![deny(missing_docs)]

mod attack;
#[cfg(all(feature = "classifier", feature = "storyworld"))]
mod attacker_suggestions;
mod budget;
mod counter;
mod criterion;
#[cfg(feature = "classifier")]
mod deberta;
mod doubles;
mod edit;
mod error;
mod label_checker;
mod objective;
mod outcome;
mod paraphrase;
mod policies;
mod search;
mod session;
#[cfg(feature = "storyworld")]
mod story_world;
mod suggester;
mod synonyms;
mod target;
mod terminal;
mod text;
mod trace;

pub use attack::{Attack, AttackRun, Ending};
#[cfg(all(feature = "classifier", feature = "storyworld"))]
pub use attacker_suggestions::AttackerSuggestions;
pub use budget::Budget;
pub use counter::{QueryCounter, snippet_key};
pub use criterion::{AdversarialCriterion, PAPER_ACCEPTANCE_THRESHOLD};
#[cfg(feature = "classifier")]
pub use deberta::{DebertaTarget, MaskedLmSuggestions, piece_text};
pub use doubles::{KeywordLabeler, KeywordTarget, WordListSuggester, keyword_tokens};
pub use edit::Edit;
pub use error::{AttackError, Result};
pub use label_checker::LabelChecker;
pub use objective::{Egregiousness, Objective, log_odds};
pub use outcome::{AttackOutcome, Submission};
#[cfg(feature = "generator")]
pub use paraphrase::{FEW_SHOT_EXAMPLES, FewShotParaphraser};
pub use paraphrase::{
    ParaphraseAttack, ParaphraseConfig, Paraphraser, RuleParaphraser, RuleParaphraserConfig,
};
pub use policies::{
    GradientAttack, GradientConfig, ToolAssistedAttack, ToolAssistedConfig, UnaidedAttack,
    UnaidedConfig,
};
pub use search::{SearchSettings, State};
pub use session::{RankedCandidate, RewriteSession, SessionSettings, SubmitResult};
#[cfg(feature = "storyworld")]
pub use story_world::WordNetSynonyms;
pub use suggester::{CombinedSuggester, Site, Suggester, Suggestion};
pub use synonyms::{
    FUNCTION_WORDS, SynonymSource, SynonymSuggester, match_case, reinflect, word_at,
};
pub use target::{GradientToken, SaliencyMap, Target, TargetToken, TokenReplacement};
pub use terminal::TerminalAttack;
pub use text::{EditScope, Part, TextSpan, byte_range, core_of_word, word_spans};
pub use trace::{Event, ScoredEdit, ScoredSnippet, StopReason, Trace, TraceEvent};

/// The ndarray release of [`Trace::scores_array`] and [`QueryCounter::score_batch_array`].
pub use ndarray;
