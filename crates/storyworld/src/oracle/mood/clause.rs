//! The status from the words of a candidate's clause and the clauses governing it:
//! questions, conditions, negators, attempts, near misses, guesses, modals, infinitives,
//! rescues and the consequences of commands.

use super::command::is_command;
use super::scope::{SCOPE_BARRIERS, governed_by_modal, governing_clauses, negation_reaches};
use crate::lexicon::core_words::{
    IRREALIS_CONTROL_VERBS, MISS_MARKERS, NON_FACTIVE_VERBS, PERCEPTION_VERBS,
};
use crate::oracle::event::{Candidate, Status};
use crate::oracle::grammar::{is_modal, is_negator};
use crate::oracle::sentence::Analysis;

/// Verbs before `to` whose complement did happen (`began to bleed`, `managed to stab`).
#[rustfmt::skip]
const IMPLICATIVE: &[&str] = &[
    "began", "begin", "begins", "started", "start", "starts", "continued", "continue", "continues",
    "managed", "manage", "manages", "proceeded", "kept", "happened", "used", "had", "came",
];

/// Openers of a clause that is only supposed.
const CONDITIONAL_OPENERS: &[&str] = &["if", "unless", "whether", "lest"];

/// Adverbs that make a statement a guess.
#[rustfmt::skip]
const EPISTEMIC: &[&str] = &[
    "probably", "maybe", "perhaps", "possibly", "apparently", "presumably", "likely", "seemingly",
    "supposedly",
];

/// Verbs of rescue: an injury in a `before` clause after one did not happen (`pulled him
/// out just before he drowned`).
#[rustfmt::skip]
const RESCUE_VERBS: &[&str] = &[
    "pulled", "saved", "rescued", "caught", "grabbed", "stopped", "dragged", "hauled",
    "snatched", "yanked", "pushed", "shoved", "stepped",
];

/// `Nobody expected the old queen to die so suddenly`, `she hadn't expected the blade to
/// cut so deep`: a negated expectation presupposes that what follows did happen.
fn negated_expectation(a: &Analysis, start: usize, to: usize) -> bool {
    (start..to).any(|k| {
        matches!(
            a.word(k),
            "expected" | "expect" | "expects" | "anticipated" | "foresaw" | "predicted"
        ) && (start..k).any(|m| is_negator(a.word(m)))
    })
}

/// Words that make `would` a past habit (`would beat her every night`).
#[rustfmt::skip]
const HABITUAL: &[&str] = &[
    "every", "each", "whenever", "nightly", "daily", "weekly", "often", "always", "regularly",
    "routinely",
];

/// Whether the sentence tells a habit: `every night`, `whenever he drank`.
fn habitual(a: &Analysis) -> bool {
    a.tokens.iter().any(|t| HABITUAL.contains(&t.text.as_str()))
        && !a
            .tokens
            .iter()
            .any(|t| matches!(t.text.as_str(), "if" | "unless"))
}

/// `must`, `have to`, `need to`, `should`: an obligation at `j`.
fn obliges(a: &Analysis, j: usize) -> bool {
    matches!(a.word(j), "must" | "should")
        || matches!(
            a.word(j),
            "have" | "has" | "had" | "need" | "needs" | "needed"
        ) && a.word(j + 1) == "to"
}

/// Times of a past occasion that a dream or a memory can be about.
#[rustfmt::skip]
const OCCASIONS: &[&str] = &[
    "morning", "night", "day", "evening", "afternoon", "time", "moment", "year", "summer",
    "winter", "spring", "autumn", "hour", "week", "battle", "raid", "war", "fire", "accident",
];

/// `dreams about the morning the soldiers hanged her father`: a dream about a past
/// occasion recalls a real event; the verb at `j` does not make it imagined.
fn recalls_an_occasion(a: &Analysis, j: usize) -> bool {
    matches!(
        a.word(j),
        "dream" | "dreams" | "dreamed" | "dreamt" | "dreaming"
    ) && matches!(a.word(j + 1), "about" | "of")
        && matches!(a.word(j + 2), "the" | "that")
        && OCCASIONS.contains(&a.word(j + 3))
}

/// The status from the words of the candidate's clause and the clauses governing it.
pub(super) fn clause_status(a: &Analysis, c: &Candidate) -> (Status, &'static str) {
    let i = c.position;
    // a yes/no question does not assert
    if a.question && opens_with_auxiliary(a) {
        return (
            Status::Hypothetical,
            "a yes/no question asks, it does not assert",
        );
    }
    let sentence_has = |words: &[&str]| a.tokens.iter().any(|t| words.contains(&t.text.as_str()));
    if sentence_has(&["else"]) && a.tokens.iter().any(|t| t.text == "or") {
        return (Status::Hypothetical, "`or else`: a threat");
    }
    let c_index = a.clause_of[i];
    for &k in &governing_clauses(a, c_index) {
        if let Some(found) = one_clause_status(a, c, k) {
            return found;
        }
    }
    // `nearly beaten to death`: the beating happened
    (Status::Asserted, "stated as happening")
}

/// Whether the sentence's first word is an auxiliary (`did`, `is`, `could`…): a
/// question that opens with one is a yes/no question.
fn opens_with_auxiliary(a: &Analysis) -> bool {
    let first = a
        .tokens
        .iter()
        .position(|t| t.is_word)
        .map(|p| a.word(p))
        .unwrap_or("");
    matches!(
        first,
        "did"
            | "does"
            | "do"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "can"
            | "could"
            | "has"
            | "have"
            | "had"
            | "should"
            | "shall"
            | "may"
            | "might"
            | "must"
            | "am"
    )
}

/// The status that clause `k` (the candidate's own or one governing it) gives the
/// candidate, if any: a condition, a command, a word before the trigger (all the words of
/// a governing clause), or the clause's opener.
fn one_clause_status(a: &Analysis, c: &Candidate, k: usize) -> Option<(Status, &'static str)> {
    let i = c.position;
    let own = c.own_span.unwrap_or((i, i + 1));
    let c_index = a.clause_of[i];
    let clause = &a.clauses[k];
    let opener = clause.opener.as_deref().unwrap_or("");
    if CONDITIONAL_OPENERS.contains(&opener) {
        return Some((Status::Hypothetical, "a condition (`if`, `unless`)"));
    }
    // the words of this clause before the trigger (all of it for governing clauses)
    let upto = if k == c_index { i } else { clause.end };
    let words: Vec<(usize, &str)> = (clause.start..upto)
        .filter(|&j| j < own.0 || j >= own.1)
        .map(|j| (j, a.word(j)))
        .collect();
    // a command: the clause opens with a verb (`Kill him!`, `Don't shoot`)
    if is_command(a, k) {
        return Some((Status::Hypothetical, "a command"));
    }
    for pos in 0..words.len() {
        if let Some(found) = word_status(a, c, k, &words, pos) {
            return Some(found);
        }
    }
    opener_status(a, k, opener, upto)
}

/// The status that the word `words[pos]` of clause `k` gives the candidate, if any.
fn word_status(
    a: &Analysis,
    c: &Candidate,
    k: usize,
    words: &[(usize, &str)],
    pos: usize,
) -> Option<(Status, &'static str)> {
    let (j, w) = words[pos];
    let i = c.position;
    let c_index = a.clause_of[i];
    let clause = &a.clauses[k];
    let next = a.word(j + 1);
    if let Some(found) = denial_or_attempt_status(a, c, k, j, w) {
        return Some(found);
    }
    if is_modal(w) || w == "will" {
        return modal_status(a, c, k, words, pos);
    }
    // `couldn't believe he had been shot`: disbelief at a fact
    let disbelief = matches!(w, "believe" | "believed")
        && (j.saturating_sub(3)..j).any(|m| is_negator(a.word(m)));
    if NON_FACTIVE_VERBS.contains(&w) && !disbelief && !recalls_an_occasion(a, j) {
        return Some((
            Status::Hypothetical,
            "said to be thought, feared or imagined, not to happen",
        ));
    }
    if w == "to" && !(next == "death" || next == "the" && k != c_index) {
        return infinitive_status(a, c, k, words, pos);
    }
    if matches!(w, "imagine" | "suppose" | "pretend" | "dream" | "wish") && j == clause.start {
        return Some((Status::Hypothetical, "imagined"));
    }
    None
}

/// The status that the word `w` at `j` of clause `k` gives by denying, attempting or
/// guessing, if it does: a negator that reaches the trigger, `refused to`, `instead of`,
/// `tried`, `almost`, `probably`.
fn denial_or_attempt_status(
    a: &Analysis,
    c: &Candidate,
    k: usize,
    j: usize,
    w: &str,
) -> Option<(Status, &'static str)> {
    let i = c.position;
    let c_index = a.clause_of[i];
    let clause = &a.clauses[k];
    let next = a.word(j + 1);
    if is_negator(w) {
        // `not only`, `no longer` do not deny; nor does a negation of noticing,
        // telling or stopping (`nobody noticed that he bled`)
        let end = if k == c_index { i } else { clause.end };
        if !(w == "not" && next == "only") && negation_reaches(a, j, i, end) {
            return Some((Status::Negated, "negated in its clause"));
        }
    }
    // `refused to kill`; but `refused to talk about how he lost his leg` denies
    // the talking, not the loss
    let reported = (j + 2..i).any(|k| {
        matches!(
            a.word(k),
            "how" | "why" | "what" | "when" | "where" | "who" | "that" | "about"
        )
    });
    if matches!(
        w,
        "refused" | "refuse" | "refuses" | "failed" | "fail" | "fails"
    ) && next == "to"
        && !reported
    {
        return Some((Status::Negated, "`refused to`, `failed to`"));
    }
    if matches!(w, "instead" | "rather") && matches!(next, "of" | "than") {
        return Some((Status::Negated, "`instead of`, `rather than`"));
    }
    if matches!(
        w,
        "tried" | "try" | "tries" | "trying" | "attempted" | "attempt" | "attempts" | "attempting"
    ) {
        let missed = a
            .tokens
            .iter()
            .any(|t| MISS_MARKERS.contains(&t.text.as_str()));
        return Some(if missed {
            (Status::NearMiss, "an attempt that missed")
        } else {
            (Status::Attempt, "an attempt without an outcome")
        });
    }
    if matches!(
        w,
        "almost" | "nearly" | "narrowly" | "barely" | "practically"
    ) && k == c_index
        && i - j <= 3
    {
        return Some((Status::NearMiss, "almost happened"));
    }
    if EPISTEMIC.contains(&w) {
        return Some((Status::Epistemic, "a guess (`probably`, `maybe`)"));
    }
    None
}

/// The status that the modal (or `will`) `words[pos]` of clause `k` gives, unless it
/// denies only a barrier verb, comes before a presupposed act, tells a habit or reports
/// a perception: a guess or an unreal past (`must have`, `could have`), or else a threat,
/// a wish or a possibility.
fn modal_status(
    a: &Analysis,
    c: &Candidate,
    k: usize,
    words: &[(usize, &str)],
    pos: usize,
) -> Option<(Status, &'static str)> {
    let (j, w) = words[pos];
    let i = c.position;
    let clause = &a.clauses[k];
    let upto = if k == a.clause_of[i] { i } else { clause.end };
    let next = a.word(j + 1);
    // `could not stop the bleeding`, `couldn't believe he was shot`: a negated
    // modal of a barrier verb denies only that verb
    let governed = governed_by_modal(a, j);
    let negated = (clause.start..upto).any(|m| is_negator(a.word(m)));
    if negated && SCOPE_BARRIERS.contains(&governed) {
        return None;
    }
    // `he will be buried tomorrow`: the death comes before the burial
    if c.presupposed && matches!(w, "will" | "shall" | "would") {
        return None;
    }
    // `would beat her every night`: a habit in the past, which happened
    if w == "would" && habitual(a) {
        return None;
    }
    // `could see`, `could feel`: perception, reported as fact
    if words[pos + 1..]
        .iter()
        .any(|&(_, v)| PERCEPTION_VERBS.contains(&v))
        && !words[pos + 1..].iter().any(|&(_, v)| v == "have")
    {
        return None;
    }
    if words[pos + 1..].first().is_some_and(|&(_, v)| v == "have") || next == "have" {
        return Some(match w {
            "must" | "might" | "may" => (
                Status::Epistemic,
                "`must have`, `might have`: a guess about the past",
            ),
            _ => (
                Status::Hypothetical,
                "`could have`, `would have`: it did not happen",
            ),
        });
    }
    Some((
        Status::Hypothetical,
        "a modal: a threat, a wish or a possibility",
    ))
}

/// The status that the `to` at `words[pos]` of clause `k` gives when it opens the
/// trigger's infinitive or a governing clause's: none after an implicative verb or a
/// negated expectation (`began to bleed`), a near miss (`came close to`), a guess
/// (`seemed to`), or an intention, threat or wish.
fn infinitive_status(
    a: &Analysis,
    c: &Candidate,
    k: usize,
    words: &[(usize, &str)],
    pos: usize,
) -> Option<(Status, &'static str)> {
    let j = words[pos].0;
    let i = c.position;
    let c_index = a.clause_of[i];
    let clause = &a.clauses[k];
    let governor = if pos > 0 { words[pos - 1].1 } else { "" };
    let governor = if pos > 0 && a.is_adverb_at(words[pos - 1].0) && pos > 1 {
        words[pos - 2].1
    } else {
        governor
    };
    // `to kill`, `to swiftly kill`, `to be executed`
    let infinitive_of_trigger = j + 1 == i
        || (j + 1 < i && a.is_adverb_at(j + 1) && j + 2 == i)
        || (a.word(j + 1) == "be" && j + 2 == i);
    if infinitive_of_trigger || k != c_index {
        if IMPLICATIVE.contains(&governor) || negated_expectation(a, clause.start, j) {
            return None;
        }
        // `came close to bleeding to death`: a near miss
        if governor == "close" {
            return Some((Status::NearMiss, "`came close to`: almost happened"));
        }
        if matches!(governor, "seemed" | "seems" | "appeared" | "appears") {
            return Some((Status::Epistemic, "`seemed to`: a guess"));
        }
        if IRREALIS_CONTROL_VERBS.contains(&governor) || infinitive_of_trigger {
            return Some((
                Status::Hypothetical,
                "an infinitive: intended, threatened or wanted",
            ));
        }
    }
    None
}

/// The status that the opener of clause `k` gives, if any (`upto`: the end of the words
/// read in it): `before he could`, prevented or rescued before it happened, the
/// consequence of a command.
fn opener_status(
    a: &Analysis,
    k: usize,
    opener: &str,
    upto: usize,
) -> Option<(Status, &'static str)> {
    let clause = &a.clauses[k];
    if matches!(opener, "before" | "until") && (clause.start..upto).any(|j| is_modal(a.word(j))) {
        return Some((Status::Hypothetical, "`before he could`"));
    }
    // `we have to stop them before they kill the hostages`: an obligation to prevent
    if opener == "before" && (0..clause.start).any(|j| obliges(a, j)) {
        return Some((Status::Hypothetical, "prevented before it happens"));
    }
    // `pulled him out just before he drowned`
    if opener == "before" && (0..clause.start).any(|j| RESCUE_VERBS.contains(&a.word(j))) {
        return Some((Status::NearMiss, "a rescue before it happened"));
    }
    // `cross me and you're a dead man`: the consequence of a command is a threat; so
    // is an alternative told as to come (`bring me the money, or you're getting a
    // shiner`, `pay up or I'll break your arm`)
    let to_come = opener == "or"
        && (clause.start..upto).any(|j| {
            is_modal(a.word(j))
                || matches!(a.word(j), "you're" | "gonna" | "going" | "getting")
                || a.word(j) == "you" && a.word(j + 1) == "'re"
        });
    if matches!(opener, "and" | "or") && (to_come || (0..k).any(|m| is_command(a, m))) {
        return Some((
            Status::Hypothetical,
            "the consequence of a command: a threat",
        ));
    }
    None
}
