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

/// Verbs through which a negator or a negated modal does not reach an injury in their
/// object or complement: `nobody noticed that he bled`, `no one saw him stab the guard`,
/// `it didn't stop him from stabbing her`, `she could not stop the bleeding` — the
/// negation denies the noticing, not the injury.
#[rustfmt::skip]
const SCOPE_BARRIERS: &[&str] = &[
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

/// Verbs of rescue: an injury in a `before` clause after one did not happen (`pulled him
/// out just before he drowned`).
#[rustfmt::skip]
const RESCUE_VERBS: &[&str] = &[
    "pulled", "saved", "rescued", "caught", "grabbed", "stopped", "dragged", "hauled",
    "snatched", "yanked", "pushed", "shoved", "stepped",
];

/// Words that frame what follows as a dream or a nightmare.
const DREAM_WORDS: &[&str] = &[
    "dream",
    "dreams",
    "nightmare",
    "nightmares",
    "vision",
    "visions",
];

/// Whether a negator at `j` reaches the trigger at `i`: not when a barrier verb (a verb of
/// perception, knowledge, telling, stopping) stands between them, unless a negative
/// polarity item sits right before the trigger.
fn negation_reaches(a: &Analysis, j: usize, i: usize, end: usize) -> bool {
    let upto = end.min(a.tokens.len());
    let barrier = (j + 1..upto).any(|k| SCOPE_BARRIERS.contains(&a.word(k)));
    if !barrier {
        return true;
    }
    (i.saturating_sub(3)..i).any(|k| NEGATIVE_POLARITY.contains(&a.word(k)))
}

/// The verb a modal at `j` governs, skipping negators, adverbs and `even`.
fn governed_by_modal<'a>(a: &'a Analysis, j: usize) -> &'a str {
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
fn in_definite_phrase(a: &Analysis, i: usize) -> bool {
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
            || super::grammar::is_auxiliary(w)
            || super::grammar::is_copula(w)
            || super::grammar::is_preposition(w)
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
    // a capitalised first word is a name unless it is a verb before an object pronoun
    // (`Cross me and…`, `Try not to…`)
    let verb_first = || {
        (matches!(
            next,
            "me" | "us" | "him" | "them" | "not" | "yourself" | "careful" | "it" | "her"
        ) || super::grammar::is_determiner(next)
            || matches!(next, "that" | "this" | "these" | "those"))
            && a.lexicon
                .wordnet
                .contains(w, crate::wordnet::PartOfSpeech::Verb)
    };
    // `Move and you die`: a bare verb, then its consequence for the hearer
    let hearer_or_threat = a.word(f + 2) == "you" && !matches!(a.word(f + 3), "were" | "are")
        || a.word(f + 2) == "i" && a.word(f + 3) == "will";
    if next == "and"
        && hearer_or_threat
        && a.lexicon
            .wordnet
            .contains(w, crate::wordnet::PartOfSpeech::Verb)
    {
        return true;
    }
    if a.tokens[f].possessive || (a.is_name(f) && !verb_first()) {
        return false;
    }
    match w {
        "let" => return matches!(next, "us" | "me" | "him" | "her" | "them"),
        "please" => return true,
        "do" => return next == "not",
        // `Try not to cut yourself`
        "try" | "be" | "careful" => return next == "not" || next == "careful" || w == "careful",
        "go" => return a.lexicon.verb_forms.contains_key(next) || next == "and",
        _ => {}
    }
    let injury_base = a.lexicon.verb_forms.get(w).is_some_and(|e| {
        e.iter()
            .any(|&(_, form)| form == crate::lexicon::VerbForm::Base)
    });
    let object_follows = super::grammar::is_determiner(next)
        || matches!(next, "that" | "this" | "these" | "those")
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
fn clause_status(a: &Analysis, c: &Candidate) -> (Status, &'static str) {
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
                // `not only`, `no longer` do not deny; nor does a negation of noticing,
                // telling or stopping (`nobody noticed that he bled`)
                let end = if k == c_index { i } else { clause.end };
                if !(w == "not" && next == "only") && negation_reaches(a, j, i, end) {
                    return (Status::Negated, "negated in its clause");
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
                // `could not stop the bleeding`, `couldn't believe he was shot`: a negated
                // modal of a barrier verb denies only that verb
                let governed = governed_by_modal(a, j);
                let negated = (clause.start..upto).any(|m| is_negator(a.word(m)));
                if negated && SCOPE_BARRIERS.contains(&governed) {
                    continue;
                }
                // `he will be buried tomorrow`: the death comes before the burial
                if c.presupposed && matches!(w, "will" | "shall" | "would") {
                    continue;
                }
                // `would beat her every night`: a habit in the past, which happened
                if w == "would" && habitual(a) {
                    continue;
                }
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
            // `couldn't believe he had been shot`: disbelief at a fact
            let disbelief = matches!(w, "believe" | "believed")
                && (j.saturating_sub(3)..j).any(|m| is_negator(a.word(m)));
            if NON_FACTIVE_VERBS.contains(&w) && !disbelief && !recalls_an_occasion(a, j) {
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
                // `to kill`, `to swiftly kill`, `to be executed`
                let infinitive_of_trigger = j + 1 == i
                    || (j + 1 < i && a.is_adverb_at(j + 1) && j + 2 == i)
                    || (a.word(j + 1) == "be" && j + 2 == i);
                if infinitive_of_trigger || k != c_index {
                    if IMPLICATIVE.contains(&governor) || negated_expectation(a, clause.start, j) {
                        continue;
                    }
                    // `came close to bleeding to death`: a near miss
                    if governor == "close" {
                        return (Status::NearMiss, "`came close to`: almost happened");
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
        // `we have to stop them before they kill the hostages`: an obligation to prevent
        if opener == "before" && (0..clause.start).any(|j| obliges(a, j)) {
            return (Status::Hypothetical, "prevented before it happens");
        }
        // `pulled him out just before he drowned`
        if opener == "before" && (0..clause.start).any(|j| RESCUE_VERBS.contains(&a.word(j))) {
            return (Status::NearMiss, "a rescue before it happened");
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
            return (
                Status::Hypothetical,
                "the consequence of a command: a threat",
            );
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
