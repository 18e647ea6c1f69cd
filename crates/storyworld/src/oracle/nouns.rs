//! Injury nouns (with what they are attached to) and injury adjectives (said of a
//! character or a body part).

use super::event::{Candidate, Directness, Form, Status};
use super::grammar::{is_determiner, pronoun};
use super::sentence::{Analysis, Head, Referent};
use super::voice::{SEEM_VERBS, part_of};
use crate::lexicon::core_words::ABSTRACT_AGENTS;
use crate::lexicon::{AdjectiveUse, InjuryKind};

/// Words after `dead` that make it an intensifier (`dead tired`) or a non-living noun.
#[rustfmt::skip]
const DEAD_INTENSIFIED: &[&str] = &[
    "tired", "serious", "silent", "silence", "wrong", "certain", "set", "sure", "calm", "quiet",
    "drunk", "broke", "center", "centre", "ahead", "last", "even", "straight", "heat", "end",
    "weight", "line", "ringer", "giveaway", "eyes", "stop", "still", "asleep", "easy", "air",
    "leaves", "battery", "phone", "language", "letter", "wood",
];

/// Verbs by which a wound appears on a body (`a bruise bloomed on her arm`).
#[rustfmt::skip]
const PLACING_VERBS: &[&str] = &[
    "bloomed", "blooms", "blossomed", "rose", "rises", "spread", "spreads", "appeared",
    "appears", "formed", "forms", "covered", "covers", "marked", "marks", "ran", "runs",
    "crossed", "crosses", "striped", "dotted", "darkened", "swelled", "showed", "stood",
    "welled", "split", "opened", "ringed", "circled", "encircled",
];

/// The noun trigger at `i`, if the word there is an injury noun attached to a character
/// (or free to stand alone).
pub(crate) fn noun_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    let &n = a.lexicon.noun_forms.get(w)?;
    let entry = &a.lexicon.nouns[n];
    if super::names::part_of_proper_name(a, i) {
        return None;
    }
    // a verb reading (`he cut`, `they wound`) is not a noun
    if i > 0 && verb_subject_before(a, i) {
        return None;
    }
    let directness = if entry.implied {
        Directness::Implied
    } else if entry.kind == InjuryKind::Scar {
        Directness::Past
    } else {
        Directness::Explicit
    };
    let make = |victim: Referent, part: Option<String>| {
        Candidate::new(entry.kind, entry.severity, victim, i, w)
            .part(part)
            .form(Form::State)
            .directness(directness)
    };
    if let Some((victim, part)) = placed_on_part(a, i) {
        return Some(make(victim, part));
    }
    // `was slowly killing the team`: an `-ing` form after an auxiliary is a verb
    if w.ends_with("ing") && after_auxiliary(a, i) {
        return None;
    }
    // `the headstone bore the name of her husband`, `the grave that held his wife`
    if entry.implied
        && entry.kind == InjuryKind::Death
        && let Some(victim) = named_after(a, i)
    {
        return Some(make(victim, None));
    }
    // a modifier of another noun (`death stare`, `murder weapon`) is not an injury
    if modifies_a_noun(a, i) {
        return None;
    }
    if let Some(who) = possessor_before(a, i) {
        return Some(make(who, None));
    }
    match attached_by_preposition(a, i, entry.needs_attachment) {
        Some(Attached::To(victim, part)) => return Some(make(victim, part)),
        Some(Attached::Nothing) => return None,
        None => {}
    }
    if let Some((victim, part)) = bearer_before(a, i) {
        return Some(make(victim, part));
    }
    if let Some(who) = relative_owner(a, i) {
        return Some(make(who, None));
    }
    // `wash that cut`: a wound pointed at and treated is someone's
    let pointed_at = i > 0 && matches!(a.word(i - 1), "that" | "this");
    if entry.needs_attachment && !(pointed_at && super::voice::demonstrative_wound(a, i)) {
        return None;
    }
    Some(make(Referent::Unknown, None))
}

/// Whether the word before the noun at `i` (`i > 0`) makes it a verb (`he cut`, `to
/// wound`, `could scar`, `fear kills`): a subject pronoun, `to`, an abstract agent or a
/// modal.
fn verb_subject_before(a: &Analysis, i: usize) -> bool {
    let prev = a.word(i - 1);
    pronoun(prev).is_some_and(|p| !p.possessive && prev != "her")
        || prev == "to"
        || ABSTRACT_AGENTS.contains(&prev) && !a.tokens[i - 1].possessive && !is_determiner(prev)
        || super::grammar::is_modal(prev)
}

/// `a bruise bloomed on her arm`, `welts rose across his back`, `blisters covered her
/// hands`: the owner and the body part when the noun at `i` is the subject of a verb that
/// places it on a body.
fn placed_on_part(a: &Analysis, i: usize) -> Option<(Referent, Option<String>)> {
    let verb = a.word(i + 1);
    let placed = PLACING_VERBS.contains(&verb);
    let np = if placed && super::grammar::is_preposition(a.word(i + 2)) {
        a.np_at(i + 3)
    } else if placed {
        a.np_at(i + 2)
    } else {
        None
    };
    if let Some(np) = np
        && let Head::Part { part, possessor } = &np.head
    {
        return Some((
            possessor.clone().unwrap_or(Referent::Unknown),
            Some(part.clone()),
        ));
    }
    None
}

/// Whether the noun at `i` modifies the noun after it (`death stare`, `murder weapon`):
/// a noun of WordNet follows that is no verb form, body part or wound word.
fn modifies_a_noun(a: &Analysis, i: usize) -> bool {
    let next = a.word(i + 1);
    let wordnet = &a.lexicon.wordnet;
    !next.is_empty()
        && !super::grammar::is_function_word(next)
        && pronoun(next).is_none()
        && !a.is_adverb_at(i + 1)
        && !a.lexicon.verb_forms.contains_key(next)
        && !matches!(
            next,
            "mark" | "marks" | "wound" | "wounds" | "scar" | "scars"
        )
        && !next.ends_with("ed")
        // an irregular past (`his ashes sat on the mantel`) is the noun's verb
        && wordnet
            .exception_bases(next, crate::wordnet::PartOfSpeech::Verb)
            .is_empty()
        && wordnet.contains(next, crate::wordnet::PartOfSpeech::Noun)
        && !a.lexicon.body_parts.contains_key(next)
}

/// The possessor before the noun at `i`, within four words (`his wound`, `Tom's
/// death`).
fn possessor_before(a: &Analysis, i: usize) -> Option<Referent> {
    let mut k = i;
    while k > 0 && i - k < 4 {
        k -= 1;
        let t = &a.tokens[k];
        if !t.is_word {
            break;
        }
        if t.possessive {
            let who = if a.is_name(k) {
                Referent::Name(t.text.clone())
            } else {
                Referent::Noun(t.text.clone())
            };
            return Some(who);
        }
        if let Some(p) = pronoun(&t.text)
            && (p.possessive || t.text == "her")
        {
            return Some(Referent::Pronoun(p.group));
        }
        if is_determiner(&t.text) || super::grammar::is_function_word(&t.text) {
            break;
        }
    }
    None
}

/// What a prepositional phrase after an injury noun says it is attached to.
enum Attached {
    /// This victim, and this body part.
    To(Referent, Option<String>),
    /// Nothing a wound is on: no injury.
    Nothing,
}

/// What the prepositional phrase after the noun at `i` attaches it to, if it says: `of` +
/// character, or a body part or character after a preposition, also past a participle
/// (`a splint strapped to her ankle`) or a quantifier (`burns all along his ribs`).
fn attached_by_preposition(a: &Analysis, i: usize, needs_attachment: bool) -> Option<Attached> {
    // `of` + character, or a body part or character after a preposition, also past a
    // participle (`a splint strapped to her ankle`, `the burns he got`)
    // `burns all along his ribs`: a quantifier before the preposition
    let placed_by = usize::from(
        a.word(i + 1).ends_with("ed") && a.word(i + 1).len() > 3
            || matches!(a.word(i + 1), "all" | "right" | "just" | "up"),
    );
    let prep = a.word(i + 1 + placed_by);
    if matches!(
        prep,
        "of" | "on"
            | "in"
            | "across"
            | "along"
            | "above"
            | "below"
            | "over"
            | "under"
            | "to"
            | "into"
            | "down"
            | "at"
            | "behind"
            | "near"
            | "around"
            | "round"
            | "about"
    ) && let Some(np) = a.np_at(side_of_part(a, i + 2 + placed_by))
    {
        match &np.head {
            Head::Character(r) if prep == "of" || prep == "on" => {
                return Some(Attached::To(r.clone(), None));
            }
            Head::Part { part, possessor } => {
                return Some(Attached::To(
                    possessor.clone().unwrap_or(Referent::Unknown),
                    Some(part.clone()),
                ));
            }
            // `the scars of the whip on her back`: the part after the instrument
            Head::Thing(_) | Head::Weapon(_)
                if prep == "of" && matches!(a.word(np.end), "on" | "across" | "along") =>
            {
                if let Some(Head::Part { part, possessor }) = a.np_at(np.end + 1).map(|n| n.head) {
                    return Some(Attached::To(
                        possessor.unwrap_or(Referent::Unknown),
                        Some(part),
                    ));
                }
                return Some(Attached::Nothing);
            }
            // a thing after a free noun (`a coffin draped in the flag`) says nothing
            Head::Thing(_) | Head::Weapon(_) if prep != "to" && needs_attachment => {
                return Some(Attached::Nothing);
            }
            _ => {}
        }
    }
    None
}

/// `he had a cut`, `a man with a scar`: the one who has, suffered or bears the noun at
/// `i` (a verb of having within four words before it), and the body part named.
fn bearer_before(a: &Analysis, i: usize) -> Option<(Referent, Option<String>)> {
    let mut k = i;
    while k > 0 && i - k < 4 {
        k -= 1;
        let v = a.word(k);
        if matches!(
            v,
            "had"
                | "has"
                | "have"
                | "having"
                | "suffered"
                | "sustained"
                | "received"
                | "took"
                | "bore"
                | "nursed"
                | "showed"
                | "got"
                | "with"
                | "bearing"
                | "covered"
                | "riddled"
                | "peppered"
                | "full"
        ) {
            let owner = if v == "with" {
                k.checked_sub(1).and_then(|p| a.np_ending_at(p, 0))
            } else {
                a.subject_of(k)
            };
            if let Some(np) = owner
                && let Some(victim) = np.victim()
            {
                return Some((victim, part_of(&np)));
            }
            break;
        }
    }
    None
}

/// Whether the word before `i` (past adverbs) is an auxiliary or a copula.
fn after_auxiliary(a: &Analysis, i: usize) -> bool {
    let mut k = i;
    while k > 0 {
        k -= 1;
        if a.is_adverb_at(k) {
            continue;
        }
        let w = a.word(k);
        return super::grammar::is_auxiliary(w) || super::grammar::is_copula(w);
    }
    false
}

/// Someone named after a death noun at `i`: `bore the name of her husband`, `that
/// carried her father`, `the burns he got` (a relative clause with its own subject).
fn named_after(a: &Analysis, i: usize) -> Option<Referent> {
    let end = (i + 8).min(a.tokens.len());
    let k = (i + 1..end).find(|&k| a.word(k) == "name" && a.word(k + 1) == "of")?;
    match a.np_at(k + 2)?.head {
        Head::Character(r) => Some(r),
        _ => None,
    }
}

/// The owner of an injury noun at `i` told by a relative clause after it: `the burns he
/// got in the fire`, `the wound she had suffered`.
fn relative_owner(a: &Analysis, i: usize) -> Option<Referent> {
    let mut k = i + 1;
    if matches!(a.word(k), "that" | "which") {
        k += 1;
    }
    let np = a.np_at(k)?;
    let Head::Character(who) = np.head else {
        return None;
    };
    let mut v = np.end;
    while matches!(a.word(v), "had" | "has" | "have" | "d") || a.is_adverb_at(v) {
        v += 1;
    }
    matches!(
        a.word(v),
        "got" | "gotten" | "suffered" | "received" | "sustained" | "took" | "bore" | "carried"
    )
    .then_some(who)
}

/// `the inside of her forearm`, `the back of his hand`: the part a side at `k` is of (or
/// `k` itself).
fn side_of_part(a: &Analysis, k: usize) -> usize {
    let side = matches!(
        a.word(k + 1),
        "inside" | "outside" | "back" | "side" | "top" | "length" | "underside" | "palm"
    );
    if a.word(k) == "the" && side && a.word(k + 2) == "of" {
        k + 3
    } else {
        k
    }
}

/// The adjective trigger at `i` (`dead`, `wounded`, `unconscious`, `bloody`).
pub(crate) fn adjective_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    let entry = a.lexicon.adjectives.get(w)?;
    let next = a.word(i + 1);
    let prev = if i > 0 { a.word(i - 1) } else { "" };
    if w == "dead" && DEAD_INTENSIFIED.contains(&next) {
        return None;
    }
    if super::names::part_of_proper_name(a, i) {
        return None;
    }
    let make = |victim: Referent, part: Option<String>| {
        Candidate::new(entry.kind, entry.severity, victim, i, w)
            .part(part)
            .form(Form::State)
    };
    let wants_character = matches!(entry.used_of, AdjectiveUse::Animate | AdjectiveUse::Either);
    let wants_part = matches!(entry.used_of, AdjectiveUse::Part | AdjectiveUse::Either);
    // attributive before a possessive: `the dead man's hat`
    if wants_character
        && is_determiner(prev)
        && let Some(r) = a.possessive_character_after(i)
    {
        return Some(make(r, None));
    }
    // attributive: `the dead guard`, `a bloody nose`
    if let Some(np) = a
        .np_at(i + 1)
        .filter(|np| np.start == i + 1 || np.head_index <= i + 2)
    {
        match &np.head {
            Head::Character(r) if wants_character => {
                return Some(make(r.clone(), None));
            }
            Head::Part { part, possessor } if wants_part => {
                let owner = possessor.clone().or_else(|| {
                    let p = i.checked_sub(1)?;
                    let t = &a.tokens[p];
                    if t.possessive {
                        Some(Referent::Name(t.text.clone()))
                    } else {
                        pronoun(&t.text).map(|p| Referent::Pronoun(p.group))
                    }
                });
                return Some(make(owner.unwrap_or(Referent::Unknown), Some(part.clone())));
            }
            Head::Thing(_) | Head::Weapon(_)
                if np.start == i + 1 && !matches!(next, "by" | "from" | "and" | "or") =>
            {
                return None;
            }
            _ => {}
        }
    }
    // predicative of a body part: `his face blistered and raw`, `left her face scarred`
    if wants_part && i > 0 {
        let mut k = i - 1;
        // `his leg was mangled`, `his hind leg had been mangled`
        while k > 0
            && (super::grammar::is_copula(a.word(k)) || super::grammar::is_auxiliary(a.word(k)))
        {
            k -= 1;
        }
        if a.is_body_part(k)
            && let Some(np) = a.np_ending_at(k, a.clause(i).start)
            && let Head::Part { part, possessor } = &np.head
        {
            let owner = possessor.clone().or_else(|| {
                let t = &a.tokens[np.start.checked_sub(1)?];
                t.possessive.then(|| Referent::Name(t.text.clone()))
            });
            return Some(make(owner.unwrap_or(Referent::Unknown), Some(part.clone())));
        }
    }
    if !wants_character {
        return None;
    }
    // `played dead`, `half dead`, `left for dead`
    if matches!(
        prev,
        "play" | "played" | "playing" | "plays" | "pretend" | "pretended" | "pretending"
    ) {
        let c = make(Referent::Unknown, None);
        return Some(c.fixed(Status::Figurative, "playing dead"));
    }
    // object predicative: `found him dead`, `shot him dead`, `left him for dead`
    let object_before = i
        .checked_sub(if prev == "for" { 2 } else { 1 })
        .and_then(|p| a.np_ending_at(p, a.clause(i).start))
        .filter(|np| matches!(np.head, Head::Character(_)) && np.start > a.clause(i).start);
    // `Tom was found dead`, `she lay dead`: the subject of the verb that reports the state
    let reported = matches!(
        prev,
        "found"
            | "discovered"
            | "declared"
            | "pronounced"
            | "confirmed"
            | "certified"
            | "lay"
            | "lying"
            | "fell"
            | "dropped"
            | "turned"
    );
    // after a reporting verb its subject is the state's; `a.subject_of(i)` would take the
    // verb itself for a noun (`he ate and was found dead`: `found`)
    let subject = object_before
        .or_else(|| {
            if reported {
                a.subject_of(i - 1)
            } else {
                a.subject_of(i)
            }
        })
        .or_else(|| a.neighbouring_subject(i))?;
    let victim = match &subject.head {
        Head::Character(r) => r.clone(),
        Head::Part { .. } if wants_part => subject.victim()?,
        _ => return None,
    };
    let mut c = make(victim, part_of(&subject));
    if w == "dead" && prev == "half" {
        c.kind = InjuryKind::Harm;
        c.severity = 6;
    }
    if prev == "for" && w == "dead" {
        c.kind = InjuryKind::Harm;
        c.severity = 7;
    }
    let seem = (a.clause(i).start..i).any(|j| SEEM_VERBS.contains(&a.word(j)));
    if seem {
        return Some(if w == "dead" {
            c.fixed(Status::Borderline, "`looked dead` is not `was dead`")
        } else {
            c.fixed(Status::Figurative, "looking hurt is an emotion")
        });
    }
    if matches!(w, "paralyzed" | "paralysed") && next == "with" {
        return Some(c.fixed(Status::Figurative, "paralysed with fear"));
    }
    Some(c)
}
