//! Open wounds on a body part: a wound oozing across or from one (`four deep furrows
//! oozing across his chest`), flesh laid open (`her shin was laid open`).

use super::owners::character_owner;
use crate::lexicon::InjuryKind;
use crate::oracle::event::{Candidate, Form};
use crate::oracle::sentence::{Analysis, Head};

/// Fluids that ooze without a wound (`sweat oozing down his back`).
#[rustfmt::skip]
const FLUIDS: &[&str] = &[
    "sweat", "tears", "water", "oil", "mud", "juice", "sap", "honey", "paint", "syrup", "grease",
    "lotion", "cream", "ointment", "gel", "jam", "butter", "sauce", "charm", "confidence",
];

/// A wound oozing across or from a body part: `four deep furrows oozing across his chest`,
/// `pus seeping from his shin`.
pub(crate) fn oozing_on_part_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "oozing"
            | "oozed"
            | "oozes"
            | "festering"
            | "suppurating"
            | "seeping"
            | "seeped"
            | "weeping"
    ) {
        return None;
    }
    if !matches!(
        a.word(i + 1),
        "across" | "on" | "down" | "over" | "from" | "along" | "through"
    ) {
        return None;
    }
    let clause = a.clause(i);
    if (clause.start..i).any(|k| FLUIDS.contains(&a.word(k))) {
        return None;
    }
    let np = a.np_at(i + 2)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    // eyes weep tears
    if matches!(part.as_str(), "eye" | "eyes" | "nose") {
        return None;
    }
    let owner = character_owner(a, np.start, possessor)?;
    Some(
        Candidate::new(
            InjuryKind::Cut,
            4,
            owner,
            i,
            format!("{} on the {part}", a.word(i)),
        )
        .part(Some(part))
        .form(Form::State),
    )
}

/// Flesh laid open: `her shin was laid open`, `laid open Mr. Liang's earlobe`, `laying
/// him open from shoulder to hip`.
pub(crate) fn laid_open_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "laid" | "lay" | "lays" | "laying") {
        return None;
    }
    let (victim, part) = if a.word(i + 1) == "open" {
        // `laid open his cheek`, or `her shin was laid open`
        if let Some(np) = a.np_at(i + 2)
            && let Head::Part { part, possessor } = &np.head
        {
            (
                character_owner(a, np.start, possessor.clone())?,
                Some(part.clone()),
            )
        } else {
            let subject = a.subject_of(i)?;
            match subject.head {
                Head::Part { part, possessor } => {
                    (character_owner(a, subject.start, possessor)?, Some(part))
                }
                Head::Character(r) => (r, None),
                _ => return None,
            }
        }
    } else {
        let np = a.np_at(i + 1)?;
        if a.word(np.end) != "open" {
            return None;
        }
        match np.head {
            // `laid his hand open on the table`, `laid her heart open`: a gesture
            Head::Part { part, .. }
                if matches!(
                    part.as_str(),
                    "hand" | "hands" | "palm" | "palms" | "heart" | "soul" | "mind" | "arms"
                ) =>
            {
                return None;
            }
            Head::Part { part, possessor } => {
                (character_owner(a, np.start, possessor)?, Some(part))
            }
            Head::Character(r) => (r, None),
            _ => return None,
        }
    };
    Some(
        Candidate::new(InjuryKind::Cut, 5, victim, i, "laid open")
            .part(part)
            .form(Form::Act),
    )
}
