//! How far a negation, a modal or a supposition reaches: the verbs it does not reach
//! through (`nobody noticed that he bled`), the definite phrases that presuppose an injury
//! (`the dead horse`), and the clauses that govern a clause.

use crate::oracle::grammar::{is_modal, is_negator, pronoun};
use crate::oracle::sentence::Analysis;

/// Verbs through which a negator or a negated modal does not reach an injury in their
/// object or complement: `nobody noticed that he bled`, `no one saw him stab the guard`,
/// `it didn't stop him from stabbing her`, `she could not stop the bleeding` — the
/// negation denies the noticing, not the injury.
#[rustfmt::skip]
pub(super) const SCOPE_BARRIERS: &[&str] = &[
    "notice", "noticed", "notices", "noticing", "see", "saw", "seen", "sees", "seeing", "hear",
    "heard", "hears", "know", "knew", "known", "knows", "realize", "realized", "realise",
    "realised", "tell", "told", "tells", "explain", "explained", "explains", "expect",
    "expected", "feel", "felt", "feels", "remember", "remembered", "understand", "understood",
    "recover", "recovered", "recovers", "stop", "stopped", "stops", "believe", "believed",
    "care", "cared", "mind", "minded", "look", "looked", "watch", "watched", "cry", "cried",
    "flinch", "flinched", "mention", "mentioned", "forget", "forgot", "forgotten", "find",
    "found", "survive", "survived", "save", "saved", "heal", "healed", "ease", "eased", "hide",
    "hid", "hidden", "want", "wanted", "wants", "dare", "dared", "report", "reported", "move",
    "moved", "complain", "complained", "speak", "spoke", "talk", "talked", "forgive",
    "forgave", "learn", "learned", "learnt", "discover", "discovered", "suspect", "suspected",
    "register", "registered", "registers", "reveal", "revealed", "reveals", "grasp", "grasped",
    "spot", "spotted",
];

/// Words that a negation reaches through even past a barrier verb: `didn't see anyone
/// get hurt` (a negative polarity item right before the injury).
const NEGATIVE_POLARITY: &[&str] = &["anyone", "anybody", "any", "anything", "ever"];

/// Whether a negator at `j` reaches the trigger at `i`: not when a barrier verb (a verb of
/// perception, knowledge, telling, stopping) stands between them, unless a negative
/// polarity item sits right before the trigger.
pub(super) fn negation_reaches(a: &Analysis, j: usize, i: usize, end: usize) -> bool {
    let upto = end.min(a.tokens.len());
    let barrier = (j + 1..upto).any(|k| SCOPE_BARRIERS.contains(&a.word(k)));
    if !barrier {
        return true;
    }
    (i.saturating_sub(3)..i).any(|k| NEGATIVE_POLARITY.contains(&a.word(k)))
}

/// The verb a modal at `j` governs, skipping negators, adverbs and `even`.
pub(super) fn governed_by_modal<'a>(a: &'a Analysis, j: usize) -> &'a str {
    let mut k = j + 1;
    while k < a.tokens.len()
        && (is_negator(a.word(k)) || a.is_adverb_at(k) || matches!(a.word(k), "even" | "ever"))
    {
        k += 1;
    }
    a.word(k)
}

/// Whether the trigger at `i` sits inside a definite noun phrase (`the dead horse`, `his
/// stab wound`, `Elif's broken arm`): such an injury is presupposed, so negation,
/// modals and suppositions around the phrase do not deny it.
pub(super) fn in_definite_phrase(a: &Analysis, i: usize) -> bool {
    let mut k = i;
    while k > 0 && i - k < 4 {
        k -= 1;
        let t = &a.tokens[k];
        if !t.is_word {
            return false;
        }
        let w = t.text.as_str();
        // `fell to her death` is a result, not a presupposition
        let result = k > 0 && a.word(k - 1) == "to";
        // `the sentry dead`: a character noun before the trigger is the head, and the
        // adjective after it is predicative
        if !t.possessive && (a.is_character_noun(k) || a.is_name(k)) {
            return false;
        }
        if t.possessive
            || matches!(w, "the" | "this" | "that" | "these" | "those")
            || pronoun(w).is_some_and(|p| p.possessive && w != "her")
        {
            return !result;
        }
        if w == "her" {
            return !result && (k + 1 == i || a.is_contentful(k + 1));
        }
        if is_negator(w)
            || is_modal(w)
            || crate::oracle::grammar::is_auxiliary(w)
            || crate::oracle::grammar::is_copula(w)
            || crate::oracle::grammar::is_preposition(w)
            || matches!(w, "a" | "an")
            || pronoun(w).is_some()
        {
            return false;
        }
    }
    false
}

/// The clauses that govern clause `c`: itself, then the ones it continues (`and`, `or`,
/// `that` complements) back to the sentence start.
pub(super) fn governing_clauses(a: &Analysis, c: usize) -> Vec<usize> {
    let mut out = vec![c];
    let mut k = c;
    while k > 0 {
        let opener = a.clauses[k].opener.as_deref().unwrap_or("");
        // a clause with its own subject after `and` stands on its own
        let own_subject = {
            let start = a.clauses[k].start
                + usize::from(opener.chars().all(char::is_alphabetic) && !opener.is_empty());
            let w = a.word(start);
            pronoun(w).is_some_and(|p| !p.possessive)
                || a.is_name(start)
                || matches!(w, "the" | "a" | "an")
        };
        let continues = match opener {
            "and" | "or" | "nor" | "then" | "," | "but" => !own_subject,
            "that" => true,
            _ => false,
        };
        if !continues {
            break;
        }
        k -= 1;
        if skips_relative(a, k + 1, k) {
            k -= 1;
        }
        out.push(k);
    }
    out
}

/// Whether clause `from`, a verb in its base form after `and`, continues past the relative
/// clause `k` before it to the clause the relative hangs on (`I will find the man who took
/// my horse and kill him`: `kill` goes with `will find`).
fn skips_relative(a: &Analysis, from: usize, k: usize) -> bool {
    if k == 0
        || !matches!(
            a.clauses[k].opener.as_deref(),
            Some("who" | "whom" | "which")
        )
    {
        return false;
    }
    let start = a.clauses[from].start + 1;
    a.lexicon
        .verb_forms
        .get(a.word(start))
        .is_some_and(|forms| {
            forms
                .iter()
                .any(|&(_, f)| f == crate::lexicon::VerbForm::Base)
        })
}
