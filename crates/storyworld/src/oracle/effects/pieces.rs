//! Body parts lost: taken or blown off (`took the tip off his finger`), pulled or gouged
//! out, fallen off their body (`the dragon's head fell off`).

use super::owners::possessive_owner;
use crate::lexicon::InjuryKind;
use crate::oracle::event::{Candidate, Form};
use crate::oracle::sentence::{Analysis, Head, Referent};

/// Pieces of a body part taken off it (`took the tip off his index finger`).
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "tip", "tips", "end", "ends", "top", "tops", "lobe", "half", "pad", "side",
];

/// A body part taken off: `the axe took off two of his toes`, `the bomb blew off his legs`,
/// `the knife took the tip off his finger`.
pub(crate) fn taken_off_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "took"
            | "take"
            | "takes"
            | "taken"
            | "taking"
            | "blew"
            | "blown"
            | "blow"
            | "blows"
            | "ripped"
            | "tore"
            | "torn"
            | "hacked"
            | "chopped"
            | "sliced"
            | "lopped"
            | "bit"
            | "bitten"
            | "blowing"
            | "ripping"
            | "tearing"
            | "hacking"
            | "chopping"
            | "slicing"
            | "lopping"
            | "biting"
            | "shot"
            | "shooting"
    ) {
        return None;
    }
    // `took off two toes`, or a piece of the part: `took the tip off his index finger`
    let part_at = if a.word(i + 1) == "off" {
        i + 2
    } else if matches!(a.word(i + 1), "the" | "a")
        && PIECES.contains(&a.word(i + 2))
        && a.word(i + 3) == "off"
    {
        i + 4
    } else {
        return None;
    };
    let np = a.np_at(part_at)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    let victim = possessor
        .or_else(|| (np.start..np.head_index).find_map(|k| possessive_owner(a, k)))
        .unwrap_or(Referent::Unknown);
    Some(Candidate::new(InjuryKind::Maim, 8, victim, i, "took off").part(Some(part)))
}

/// Parts pulled out in torture or by violence, on top of the body parts (nails are
/// otherwise grooming).
const PULLED_PARTS: &[&str] = &[
    "nail",
    "nails",
    "fingernail",
    "fingernails",
    "toenail",
    "toenails",
];

/// A body part pulled, torn or gouged out: `pulled out every one of his fingernails`,
/// `gouged his eyes out`.
pub(crate) fn pulled_out_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "pulled"
            | "pull"
            | "pulls"
            | "tore"
            | "tear"
            | "tears"
            | "torn"
            | "ripped"
            | "rip"
            | "rips"
            | "gouged"
            | "gouge"
            | "gouges"
            | "yanked"
            | "wrenched"
            | "plucked"
    ) {
        return None;
    }
    let end = (i + 9).min(a.clause(i).end);
    let out_first = a.word(i + 1) == "out";
    let from = if out_first { i + 2 } else { i + 1 };
    let part_at = (from..end).find(|&k| a.is_body_part(k) || PULLED_PARTS.contains(&a.word(k)))?;
    if !out_first && a.word(part_at + 1) != "out" {
        return None;
    }
    let part = a.word(part_at);
    if matches!(part, "hair" | "heart") {
        return None;
    }
    let victim = (from..part_at)
        .rev()
        .find_map(|k| possessive_owner(a, k))
        .unwrap_or(Referent::Unknown);
    Some(
        Candidate::new(InjuryKind::Maim, 7, victim, i, format!("{} out", a.word(i)))
            .part(Some(part.to_string())),
    )
}

/// `the dragon's head fell off`: a body part falling off its body, at the end of a clause.
pub(crate) fn fell_off_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "fell" | "falls" | "fall" | "falling" | "dropped")
        || a.word(i + 1) != "off"
        || !(a.word(i + 2).is_empty() || a.word(i + 2) == "and")
        || i == 0
    {
        return None;
    }
    let np = a.np_ending_at(i - 1, a.clause(i).start)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    let (kind, severity) = if part == "head" {
        (InjuryKind::Death, 9)
    } else {
        (InjuryKind::Maim, 8)
    };
    let victim = possessor
        .or_else(|| (np.start..np.head_index).find_map(|k| possessive_owner(a, k)))
        .unwrap_or(Referent::Unknown);
    Some(
        Candidate::new(kind, severity, victim, i, "fell off")
            .part(Some(part))
            .form(Form::Report),
    )
}
