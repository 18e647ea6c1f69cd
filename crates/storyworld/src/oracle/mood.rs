//! Whether a mention says the injury happens: negation, modals and threats, conditions,
//! commands, questions, attempts, near misses and guesses, by clause.

use super::event::{Candidate, Status};
use super::grammar::{is_modal, is_negator, pronoun};
use super::sentence::Analysis;
use crate::lexicon::core_words::{
    IRREALIS_CONTROL_VERBS, MISS_MARKERS, NON_FACTIVE_VERBS, PERCEPTION_VERBS,
};

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

/// The clauses that govern clause `c`: itself, then the ones it continues (`and`, `or`,
/// `that` complements) back to the sentence start.
fn governing_clauses(a: &Analysis, c: usize) -> Vec<usize> {
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
        out.push(k);
    }
    out
}

/// Whether clause `k` is a command: it opens a sentence or a quotation with a verb in
/// its base form (`Kill him!`, `Touch her again…`, `Don't shoot`, `Let's go`).
fn is_command(a: &Analysis, k: usize) -> bool {
    let clause = &a.clauses[k];
    if !matches!(
        clause.opener.as_deref(),
        None | Some("\"" | ":" | ";" | "(")
    ) {
        return false;
    }
    let Some(f) = (clause.start..clause.end).find(|&j| a.tokens[j].is_word) else {
        return false;
    };
    let w = a.word(f);
    let next = a.word(f + 1);
    if a.tokens[f].possessive || a.is_name(f) {
        return false;
    }
    match w {
        "let" => return matches!(next, "us" | "me" | "him" | "her" | "them"),
        "please" => return true,
        "do" => return next == "not",
        "go" => return a.lexicon.verb_forms.contains_key(next) || next == "and",
        _ => {}
    }
    let injury_base = a.lexicon.verb_forms.get(w).is_some_and(|e| {
        e.iter()
            .any(|&(_, form)| form == crate::lexicon::VerbForm::Base)
    });
    let object_follows = super::grammar::is_determiner(next)
        || pronoun(next).is_some()
        || a.is_name(f + 1)
        || matches!(next, "it" | "yourself");
    let any_base = a
        .lexicon
        .wordnet
        .contains(w, crate::wordnet::PartOfSpeech::Verb)
        && !a.lexicon.persons.contains(w)
        && !a.lexicon.body_parts.contains_key(w);
    (injury_base || any_base) && object_follows
}

/// The status of a candidate found at `i`.
pub(crate) fn status(a: &Analysis, c: &Candidate) -> (Status, &'static str) {
    if let Some(fixed) = c.fixed {
        return fixed;
    }
    let i = c.position;
    let own = c.own_span.unwrap_or((i, i + 1));
    // a yes/no question does not assert
    if a.question {
        let first = a
            .tokens
            .iter()
            .position(|t| t.is_word)
            .map(|p| a.word(p))
            .unwrap_or("");
        if matches!(
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
        ) {
            return (
                Status::Hypothetical,
                "a yes/no question asks, it does not assert",
            );
        }
    }
    let sentence_has = |words: &[&str]| a.tokens.iter().any(|t| words.contains(&t.text.as_str()));
    if sentence_has(&["else"]) && a.tokens.iter().any(|t| t.text == "or") {
        return (Status::Hypothetical, "`or else`: a threat");
    }
    let c_index = a.clause_of[i];
    for &k in &governing_clauses(a, c_index) {
        let clause = &a.clauses[k];
        let opener = clause.opener.as_deref().unwrap_or("");
        if CONDITIONAL_OPENERS.contains(&opener) {
            return (Status::Hypothetical, "a condition (`if`, `unless`)");
        }
        // the words of this clause before the trigger (all of it for governing clauses)
        let upto = if k == c_index { i } else { clause.end };
        let words: Vec<(usize, &str)> = (clause.start..upto)
            .filter(|&j| j < own.0 || j >= own.1)
            .map(|j| (j, a.word(j)))
            .collect();
        // a command: the clause opens with a verb (`Kill him!`, `Don't shoot`)
        if is_command(a, k) {
            return (Status::Hypothetical, "a command");
        }
        for (pos, &(j, w)) in words.iter().enumerate() {
            let next = a.word(j + 1);
            if is_negator(w) {
                // `not only`, `no longer` do not deny
                if !(w == "not" && next == "only") {
                    return (Status::Negated, "negated in its clause");
                }
            }
            if matches!(
                w,
                "refused" | "refuse" | "refuses" | "failed" | "fail" | "fails"
            ) && next == "to"
            {
                return (Status::Negated, "`refused to`, `failed to`");
            }
            if matches!(w, "instead" | "rather") && matches!(next, "of" | "than") {
                return (Status::Negated, "`instead of`, `rather than`");
            }
            if matches!(
                w,
                "tried"
                    | "try"
                    | "tries"
                    | "trying"
                    | "attempted"
                    | "attempt"
                    | "attempts"
                    | "attempting"
            ) {
                let missed = a
                    .tokens
                    .iter()
                    .any(|t| MISS_MARKERS.contains(&t.text.as_str()));
                return if missed {
                    (Status::NearMiss, "an attempt that missed")
                } else {
                    (Status::Attempt, "an attempt without an outcome")
                };
            }
            if matches!(
                w,
                "almost" | "nearly" | "narrowly" | "barely" | "practically"
            ) && k == c_index
                && i - j <= 3
            {
                return (Status::NearMiss, "almost happened");
            }
            if EPISTEMIC.contains(&w) {
                return (Status::Epistemic, "a guess (`probably`, `maybe`)");
            }
            if is_modal(w) || w == "will" {
                // `could see`, `could feel`: perception, reported as fact
                if words[pos + 1..]
                    .iter()
                    .any(|&(_, v)| PERCEPTION_VERBS.contains(&v))
                    && !words[pos + 1..].iter().any(|&(_, v)| v == "have")
                {
                    continue;
                }
                if words[pos + 1..].first().is_some_and(|&(_, v)| v == "have") || next == "have" {
                    return match w {
                        "must" | "might" | "may" => (
                            Status::Epistemic,
                            "`must have`, `might have`: a guess about the past",
                        ),
                        _ => (
                            Status::Hypothetical,
                            "`could have`, `would have`: it did not happen",
                        ),
                    };
                }
                return (
                    Status::Hypothetical,
                    "a modal: a threat, a wish or a possibility",
                );
            }
            if NON_FACTIVE_VERBS.contains(&w) {
                return (
                    Status::Hypothetical,
                    "said to be thought, feared or imagined, not to happen",
                );
            }
            if w == "to" && !(next == "death" || next == "the" && k != c_index) {
                let governor = if pos > 0 { words[pos - 1].1 } else { "" };
                let governor = if pos > 0 && a.is_adverb_at(words[pos - 1].0) && pos > 1 {
                    words[pos - 2].1
                } else {
                    governor
                };
                let infinitive_of_trigger =
                    j + 1 == i || (j + 1 < i && a.is_adverb_at(j + 1) && j + 2 == i);
                if infinitive_of_trigger || k != c_index {
                    if IMPLICATIVE.contains(&governor) {
                        continue;
                    }
                    if matches!(governor, "seemed" | "seems" | "appeared" | "appears") {
                        return (Status::Epistemic, "`seemed to`: a guess");
                    }
                    if IRREALIS_CONTROL_VERBS.contains(&governor) || infinitive_of_trigger {
                        return (
                            Status::Hypothetical,
                            "an infinitive: intended, threatened or wanted",
                        );
                    }
                }
            }
            if matches!(w, "imagine" | "suppose" | "pretend" | "dream" | "wish")
                && j == clause.start
            {
                return (Status::Hypothetical, "imagined");
            }
        }
        if matches!(opener, "before" | "until") && (clause.start..upto).any(|j| is_modal(a.word(j)))
        {
            return (Status::Hypothetical, "`before he could`");
        }
    }
    // `nearly beaten to death`: the beating happened
    (Status::Asserted, "stated as happening")
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
