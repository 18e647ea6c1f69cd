//! The aids a lasting injury needs, however they are worded: someone on crutches or in a
//! wheelchair, a body part in a sling or a splint (`her arm hung in a black silk sling`,
//! `strapped the wrist into a foam splint`, `a splint was taped to her finger`), a sleeve
//! that ends in a hook, a prosthetic limb.

use super::event::{Candidate, Directness, Form};
use super::idioms::subject_victim;
use super::sentence::{Analysis, Head};
use crate::lexicon::InjuryKind;

/// Aids, the injury each implies and its severity.
const AIDS: &[(&str, InjuryKind, u8)] = &[
    ("crutches", InjuryKind::Fracture, 4),
    ("crutch", InjuryKind::Fracture, 4),
    ("wheelchair", InjuryKind::Maim, 6),
    ("splint", InjuryKind::Fracture, 5),
    ("splints", InjuryKind::Fracture, 5),
    ("sling", InjuryKind::Fracture, 4),
    ("fixator", InjuryKind::Fracture, 6),
    ("prosthesis", InjuryKind::Maim, 8),
    ("prosthetic", InjuryKind::Maim, 8),
    ("artificial", InjuryKind::Maim, 8),
    ("synthetic", InjuryKind::Maim, 8),
    ("bionic", InjuryKind::Maim, 8),
    ("plaster", InjuryKind::Fracture, 4),
    ("hook", InjuryKind::Maim, 8),
];

/// Whether a trigger is an aid's: what follows from an injury, not an injury itself.
pub(crate) fn is_aid(trigger: &str) -> bool {
    AIDS.iter().any(|(aid, _, _)| *aid == trigger)
}

/// Prepositions that put a body or a body part in or on an aid (`in a sling`, `on
/// crutches`, `into a splint`).
const LINKS: &[&str] = &["in", "on", "into", "onto", "from", "with"];

/// An aid at `i` that a character or a body part is in, on or fitted with.
pub(crate) fn aid_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    let &(_, kind, severity) = AIDS.iter().find(|(aid, _, _)| *aid == w)?;
    let linked = match w {
        // `a prosthetic knee`, `his prosthetic hand`
        "prosthetic" | "artificial" | "synthetic" | "bionic" => a.is_body_part(i + 1),
        // `her foot was in a plaster boot`: plaster on a body, not on a wall
        "plaster" => link_before(a, i) && super::effects::part_before(a, i).is_some(),
        // `his sleeve ended in a steel hook`
        "hook" => (i.saturating_sub(5)..i)
            .any(|j| matches!(a.word(j), "ended" | "ends" | "ending") && a.word(j + 1) == "in"),
        _ => link_before(a, i) || part_after_to(a, i),
    };
    if !linked {
        return None;
    }
    // `killed the giant with a sling`: a sling held is a weapon
    if w == "sling" && (i.saturating_sub(4)..i).any(|j| a.word(j) == "with") {
        return None;
    }
    let (victim, part) = match super::effects::part_before(a, i) {
        Some((owner, part)) => (owner, Some(part)),
        None => match part_after(a, i) {
            Some((owner, part)) => (owner, Some(part)),
            None => (subject_victim(a, i), None),
        },
    };
    let victim = if victim == super::sentence::Referent::Unknown {
        subject_victim(a, i)
    } else {
        victim
    };
    let mut c = Candidate::new(kind, severity, victim, i, w)
        .part(part)
        .directness(Directness::Implied)
        .form(Form::State);
    // `a prosthetic knee` is a limb, not the make-up artist's `prosthetic wound`
    if a.is_body_part(i + 1) {
        c.own_span = Some((i, i + 2));
    }
    Some(c)
}

/// Materials a limb is made of when it replaces one (`his leg of carved oak`).
#[rustfmt::skip]
const LIMB_MATERIALS: &[&str] = &[
    "oak", "ash", "wood", "willow", "pine", "beech", "timber", "iron", "steel", "brass",
    "ivory", "whalebone", "cork", "walnut", "elm", "hickory", "teak",
];

/// A limb or a peg made of wood or metal: `his leg of carved oak`, `a peg of carved ash`,
/// `a peg leg`.
pub(crate) fn made_limb_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    let limb = matches!(w, "leg" | "arm" | "hand" | "foot" | "peg");
    if !limb {
        return None;
    }
    let made = if w == "peg" && a.word(i + 1) == "leg" {
        true
    } else if a.word(i + 1) == "of" {
        (i + 2..(i + 5).min(a.tokens.len())).any(|k| LIMB_MATERIALS.contains(&a.word(k)))
    } else {
        false
    };
    if !made {
        return None;
    }
    // a character's own limb (`his leg of carved oak`, not `the table leg of oak`), or a
    // peg walked on (`on a peg of carved ash`; a tent peg is a peg too)
    let possessed = i
        .checked_sub(1)
        .and_then(|k| super::effects::possessive_owner(a, k));
    let walked_on = w == "peg" && (i.saturating_sub(3)..i).any(|k| a.word(k) == "on");
    let owner = match possessed {
        Some(owner) => owner,
        None if walked_on || w == "peg" && a.word(i + 1) == "leg" => subject_victim(a, i),
        None => return None,
    };
    Some(
        Candidate::new(InjuryKind::Maim, 8, owner, i, "a limb of wood or metal")
            .part(Some(if w == "peg" {
                "leg".into()
            } else {
                w.to_string()
            }))
            .directness(Directness::Implied)
            .form(Form::State),
    )
}

/// `in a black silk sling`, `on a pair of aluminium crutches`: a link before the aid,
/// with only a determiner and modifiers between.
fn link_before(a: &Analysis, i: usize) -> bool {
    let floor = i.saturating_sub(6);
    let mut j = i;
    while j > floor {
        j -= 1;
        if !a.tokens[j].is_word {
            return false;
        }
        let w = a.word(j);
        if LINKS.contains(&w) {
            return true;
        }
        if a.lexicon.verb_forms.contains_key(w) || super::grammar::is_copula(w) {
            return false;
        }
    }
    false
}

/// `a splint was taped to her finger`: `to` and a body part after the aid.
fn part_after_to(a: &Analysis, i: usize) -> bool {
    (i + 1..(i + 6).min(a.tokens.len())).any(|j| a.word(j) == "to") && part_after(a, i).is_some()
}

/// The first body part after the aid (at most eight words on), with its owner.
fn part_after(a: &Analysis, i: usize) -> Option<(super::sentence::Referent, String)> {
    (i + 1..(i + 8).min(a.tokens.len())).find_map(|j| {
        let np = a.np_at(j)?;
        match np.head {
            Head::Part { part, possessor } => Some((
                possessor.unwrap_or(super::sentence::Referent::Unknown),
                part,
            )),
            _ => None,
        }
    })
}
