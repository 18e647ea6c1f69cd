//! Whether a mention says the injury happens: negation, modals and threats, conditions,
//! commands, questions, attempts, near misses and guesses, by clause.
//!
//! [`status`] settles a candidate from its sentence (dreams, stories, the one spoken to,
//! conditions, presupposed states) and hands the rest to the clause rules of [`clause`];
//! [`scope`] says how far a negation or a supposition reaches, [`command`] which clauses
//! are commands.

mod clause;
mod command;
mod scope;

use super::event::{Candidate, Status};
use super::sentence::Analysis;
use crate::lexicon::core_words::NON_FACTIVE_VERBS;
use clause::clause_status;
use scope::{governing_clauses, in_definite_phrase};

/// Words that frame what follows as a dream or a nightmare.
const DREAM_WORDS: &[&str] = &[
    "dream",
    "dreams",
    "nightmare",
    "nightmares",
    "vision",
    "visions",
];

/// The status of a candidate found at `i`.
pub(crate) fn status(a: &Analysis, c: &Candidate) -> (Status, &'static str) {
    let i = c.position;
    let story = super::frames::inside_a_story(a, i);
    if let Some(fixed) = c.fixed
        && (fixed.0 == Status::Figurative || !in_dream(a) && story.is_none())
    {
        return fixed;
    }
    if in_dream(a) {
        return (Status::Hypothetical, "in a dream");
    }
    if let Some(why) = story {
        return (Status::Hypothetical, why);
    }
    if let Some(found) = super::unreal::unreal(a, i) {
        return found;
    }
    // `you're dead`, `you will lie cold in your grave`: the one spoken to is alive to
    // hear it, so their death is a threat or a game
    if c.kind == crate::lexicon::InjuryKind::Death
        && matches!(
            c.victim,
            super::sentence::Referent::Pronoun(super::grammar::PronounGroup::Second)
        )
        && !told_as_past(a, i)
    {
        return (
            Status::Hypothetical,
            "the death of the one spoken to: a threat or a game",
        );
    }
    // `if she testified, her family would be arranging her funeral`: a consequence of a
    // condition is supposed, definite phrase or not
    let supposed_consequence = a
        .tokens
        .iter()
        .any(|t| matches!(t.text.as_str(), "if" | "unless"))
        && (a.clause(i).start..i).any(|j| matches!(a.word(j), "would" | "will" | "'ll"));
    if supposed_consequence {
        return (Status::Hypothetical, "the consequence of a condition");
    }
    // a state inside a definite phrase is presupposed: `nobody looked at the dead horse`
    if c.form == super::event::Form::State && in_definite_phrase(a, i) {
        return (Status::Asserted, "presupposed by a definite phrase");
    }
    // a sentence that opens with a condition supposes its main clause too
    let first_word = a
        .tokens
        .iter()
        .position(|t| t.is_word)
        .map(|p| a.word(p))
        .unwrap_or("");
    let inverted = matches!(first_word, "had" | "should" | "were") && !a.question;
    if matches!(first_word, "if" | "unless") || inverted {
        return (Status::Hypothetical, "a condition (`if`, `unless`)");
    }
    // `hurt nobody`, `killed no one`: a negative patient
    if matches!(a.word(i + 1), "nobody" | "none" | "nothing" | "neither")
        || a.word(i + 1) == "no" && a.word(i + 2) == "one"
    {
        return (Status::Negated, "a negative patient (`hurt nobody`)");
    }
    // `to avoid hitting the deer`, `escaped being crushed`
    if i > 0
        && matches!(
            a.word(i - 1),
            "avoid"
                | "avoided"
                | "avoiding"
                | "avoids"
                | "escape"
                | "escaped"
                | "escaping"
                | "prevent"
                | "prevented"
                | "preventing"
        )
    {
        return (Status::NearMiss, "avoided");
    }
    let (found, why) = clause_status(a, c);
    if !matches!(found, Status::Epistemic | Status::Attempt) {
        return (found, why);
    }
    // a guess or an attempt inside a fear or a wish is still not asserted
    let c_index = a.clause_of[i];
    for &k in governing_clauses(a, c_index).iter().skip(1) {
        let clause = &a.clauses[k];
        if (clause.start..clause.end).any(|j| NON_FACTIVE_VERBS.contains(&a.word(j))) {
            return (
                Status::Hypothetical,
                "said to be thought, feared or imagined, not to happen",
            );
        }
    }
    (found, why)
}

/// Whether the injury at `i` is told in the past (`you were dead for two minutes`, `you
/// died on the table`).
fn told_as_past(a: &Analysis, i: usize) -> bool {
    (a.clause(i).start..=i)
        .any(|j| matches!(a.word(j), "were" | "was" | "had" | "died" | "drowned"))
}

/// Whether the sentence frames its events as a dream: `in the dream, …`, `a nightmare in
/// which …`.
fn in_dream(a: &Analysis) -> bool {
    // `in the dream, …`, `a nightmare in which …`: nothing in the sentence happens
    a.tokens.iter().enumerate().any(|(j, t)| {
        DREAM_WORDS.contains(&t.text.as_str())
            && (j > 0
                && matches!(
                    a.word(j - 1),
                    "the" | "a" | "her" | "his" | "my" | "their" | "your" | "our"
                )
                && j > 1
                && a.word(j - 2) == "in"
                || matches!(a.word(j + 1), "in" | "where")
                    && (a.word(j + 1) != "in" || a.word(j + 2) == "which"))
    })
}

/// Applies [`status`], with `nearly … to death` turned into the injury short of death.
pub(crate) fn settle(a: &Analysis, mut c: Candidate) -> (Candidate, Status, &'static str) {
    let (status, why) = status(a, &c);
    if status == Status::NearMiss
        && let Some((kind, severity)) = c.to_death_of
    {
        c.kind = kind;
        c.severity = severity;
        return (
            c,
            Status::Asserted,
            "nearly killed, but the injury happened",
        );
    }
    (c, status, why)
}
