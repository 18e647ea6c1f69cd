//! A weapon reaching a body (`the arrow found his throat`, `a knife in his chest`), stuck
//! in it or taken out of it; a weapon held in a hand is carried, not driven.

use crate::lexicon::Weapon;
use crate::oracle::event::{Candidate, Directness, Form};
use crate::oracle::grammar::{is_negator, pronoun};
use crate::oracle::idioms::subject_victim;
use crate::oracle::sentence::{Analysis, Head, Np, Referent};

/// Verbs that take a weapon out of a body (`removed the bullet from his shoulder`).
#[rustfmt::skip]
const REMOVAL_VERBS: &[&str] = &[
    "removed", "remove", "removes", "removing", "pulled", "pull", "pulls", "dug", "dig",
    "extracted", "extract", "take", "took", "takes", "yanked", "yank", "plucked", "pluck",
    "drew", "draw", "tugged", "tug", "wrenched", "wrench", "cut", "eased", "ease", "picked",
    "pick", "picks", "prised", "pried", "prized", "tweezed", "worked",
];

/// Verbs of a weapon sticking out of a body (`an arrow jutted from his thigh`).
#[rustfmt::skip]
const PROTRUSION_VERBS: &[&str] = &[
    "jutted", "jutting", "juts", "protruded", "protruding", "protrudes", "stuck", "sticking",
    "poked", "poking", "stood", "standing", "quivered", "quivering",
];

/// Prepositions through which a weapon reaches into a body.
const INTO: &[&str] = &["in", "into", "through", "deep", "between", "under", "below"];

/// Body parts in which a weapon is held or carried, not driven.
#[rustfmt::skip]
const HOLDING_PARTS: &[&str] = &[
    "hand", "hands", "fist", "fists", "palm", "grip", "mouth", "teeth", "lap", "arms", "belt",
    "pocket", "fingers",
];

/// Whether a weapon word is a projectile (one in a hand went in; a knife there is held).
fn is_projectile(w: &str) -> bool {
    matches!(
        w,
        "arrow"
            | "arrows"
            | "bullet"
            | "bullets"
            | "bolt"
            | "bolts"
            | "dart"
            | "darts"
            | "slug"
            | "slugs"
            | "pellet"
            | "pellets"
            | "buckshot"
            | "shrapnel"
            | "shot"
    )
}

/// A weapon reaching a body: `the arrow found his throat`, `a knife in his chest`,
/// `the bullet tore into his leg`.
pub(crate) fn weapon_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    let weapon = *a.lexicon.weapons.get(w)?;
    if !weapon_noun_here(a, i) {
        return None;
    }
    // `removed the bullet from his shoulder`, `an arrow jutted from his thigh`: a weapon
    // taken out of a body, or sticking out of one, had gone in
    if let Some(from) = out_of_body_from(a, i)
        && let Some(np) = a.np_at(from + 1)
        && let Head::Part { part, possessor } = &np.head
    {
        // `pulled the knife from his hand`: a blade taken from a hand was held
        if !is_projectile(w) && HOLDING_PARTS.contains(&part.as_str()) {
            return None;
        }
        return Some(
            Candidate::new(
                weapon.kind,
                weapon.severity,
                possessor.clone().unwrap_or(Referent::Unknown),
                i,
                format!("{w} {}", a.word(from)),
            )
            .part(Some(part.clone()))
            .directness(Directness::Implied)
            .form(Form::State)
            .presupposed(),
        );
    }
    reaching_body(a, i, weapon)
}

/// Whether the weapon word at `i` is a noun here, not a verb (`pain shot through his
/// leg`): after a determiner, a possessive or an adjective that follows one, or a plural
/// opening the sentence.
fn weapon_noun_here(a: &Analysis, i: usize) -> bool {
    let w = a.word(i);
    let prev = if i > 0 { a.word(i - 1) } else { "" };
    let prev_possessive = i > 0 && a.tokens[i - 1].possessive;
    crate::oracle::grammar::is_determiner(prev)
        || prev_possessive
        || crate::oracle::grammar::is_number_word(prev)
        || (i >= 2
            && crate::oracle::grammar::is_determiner(a.word(i - 2))
            && !a.lexicon.verb_forms.contains_key(prev))
        || (prev.is_empty() && w.ends_with('s'))
}

/// The `from` (or the `of` of `out of`) after the weapon at `i` when a verb takes it out
/// of something (`removed the bullet from`) or it sticks out of something (`an arrow
/// jutted from`), within its clause.
fn out_of_body_from(a: &Analysis, i: usize) -> Option<usize> {
    let removed = (i.saturating_sub(3)..i).any(|j| REMOVAL_VERBS.contains(&a.word(j)));
    let clause_end = a.clause(i).end;
    for j in i + 1..(i + 5).min(clause_end) {
        let v = a.word(j);
        let protruding = PROTRUSION_VERBS.contains(&v);
        if !(removed || protruding) {
            continue;
        }
        let from = (j..(j + 3).min(clause_end))
            .find(|&k| a.word(k) == "from" || (a.word(k) == "of" && a.word(k - 1) == "out"));
        if from.is_some() {
            return from;
        }
    }
    None
}

/// The weapon at `i` reaching a body through a preposition or a verb of contact after it
/// (`a knife in his chest`, `the arrow found his throat`), or taken to a body part (`took
/// an arrow to the knee`); none past a miss, a negation or a character of its own.
fn reaching_body(a: &Analysis, i: usize, weapon: Weapon) -> Option<Candidate> {
    let end = (i + 10).min(a.tokens.len());
    for j in i + 1..end {
        let v = a.word(j);
        // `took an arrow to the knee`: `to` reaches the body after taking a hit
        let took = i >= 2
            && matches!(
                a.word(i - 2),
                "took" | "take" | "takes" | "taking" | "caught" | "catches"
            );
        if took && v == "to" {
            return taken_to_part(a, i, weapon, j);
        }
        if stops_reach(a, j) {
            return None;
        }
        let into = INTO.contains(&v);
        let contact = !into && a.lexicon.contact_forms.contains(v);
        if !into && !contact {
            continue;
        }
        // skip `itself`, `deep` and further prepositions: `buried itself deep in his side`
        let mut k = j + 1;
        while k < end + 3
            && (INTO.contains(&a.word(k)) || matches!(a.word(k), "itself" | "deep" | "straight"))
        {
            k += 1;
        }
        let np = a.np_at(k)?;
        // `cut through the rope and into his wrist`: past a thing, read on
        if matches!(np.head, Head::Thing(_)) && a.word(np.end) == "and" {
            continue;
        }
        return reached(a, i, weapon, v, contact, &np);
    }
    None
}

/// `took an arrow to the knee`: the body part after the `to` at `j`, its owner (or the
/// taker) the victim.
fn taken_to_part(a: &Analysis, i: usize, weapon: Weapon, j: usize) -> Option<Candidate> {
    let w = a.word(i);
    let np = a.np_at(j + 1)?;
    if let Head::Part { part, possessor } = &np.head {
        let victim = possessor
            .clone()
            .unwrap_or_else(|| subject_victim(a, i - 2));
        return Some(
            Candidate::new(
                weapon.kind,
                weapon.severity,
                victim,
                i,
                format!("took a {w}"),
            )
            .part(Some(part.clone())),
        );
    }
    None
}

/// Whether the word at `j` after a weapon stops it reaching a body: the end of the
/// sentence, a negation or a miss, or a character in between (the weapon is then the
/// subject of some verb of its own, `the arrow struck Imri in the shin`, which the verb
/// rules read).
fn stops_reach(a: &Analysis, j: usize) -> bool {
    let v = a.word(j);
    if v.is_empty()
        || is_negator(v)
        || matches!(
            v,
            "missed" | "misses" | "past" | "wide" | "off" | "to" | "at"
        )
    {
        return true;
    }
    // a character in between: the weapon is the subject of some verb of its own
    // (`the arrow struck Imri in the shin`), which the verb rules read
    a.is_name(j) || pronoun(v).is_some_and(|p| !p.possessive) || a.lexicon.persons.contains(v)
}

/// The weapon at `i` reaching the noun phrase `np` through `v` (a preposition into a
/// body, or a verb of contact when `contact`): a body part (not a blade held in a hand),
/// or a character touched (not one carried off, `the bus took Tom to school`).
fn reached(
    a: &Analysis,
    i: usize,
    weapon: Weapon,
    v: &str,
    contact: bool,
    np: &Np,
) -> Option<Candidate> {
    let w = a.word(i);
    let (victim, part) = match &np.head {
        Head::Part { part, possessor } => {
            // a knife in his hand is held; an arrow in his hand is not
            if v == "in" && !is_projectile(w) && HOLDING_PARTS.contains(&part.as_str()) {
                return None;
            }
            (
                possessor.clone().unwrap_or(Referent::Unknown),
                Some(part.clone()),
            )
        }
        // `the bus took Tom to school`: a take that carries someone somewhere
        Head::Character(_)
            if contact
                && matches!(
                    v,
                    "took" | "takes" | "take" | "taking" | "caught" | "catches"
                )
                && (matches!(
                    a.word(np.end),
                    "to" | "home"
                        | "away"
                        | "back"
                        | "up"
                        | "by"
                        | "aside"
                        | "along"
                        | "with"
                        | "into"
                        | "out"
                        | "for"
                        | "across"
                        | "over"
                        | "around"
                        | "round"
                        | "too"
                        | "unawares"
                        | "napping"
                ) || a.word(np.end + 1) == "guard") =>
        {
            return None;
        }
        Head::Character(r) if contact => (r.clone(), None),
        _ => return None,
    };
    Some(
        Candidate::new(weapon.kind, weapon.severity, victim, i, format!("{w} {v}"))
            .part(part)
            .form(if contact { Form::Act } else { Form::State }),
    )
}
