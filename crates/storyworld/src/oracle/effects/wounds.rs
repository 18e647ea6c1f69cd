//! Wounds made through a body: something thrust into a body part, a character run
//! through, a hole in a body part, a body part left broken `with` a participle.

use super::owners::possessive_owner;
use crate::lexicon::InjuryKind;
use crate::oracle::event::{Candidate, Form};
use crate::oracle::sentence::{Analysis, Head, Referent};

/// Verbs that drive something into a body (`rammed a boathook into his belly`).
#[rustfmt::skip]
const THRUST_VERBS: &[&str] = &[
    "rammed", "ram", "rams", "thrust", "thrusts", "drove", "drive", "drives", "plunged",
    "plunge", "plunges", "sank", "sink", "sinks", "jammed", "jam", "shoved", "shove", "stuck",
    "stick", "buried", "bury", "forced", "force", "pushed", "push",
];

/// Something driven into another's body part: `rammed a boathook into the coastguard's
/// belly`, `drove a stake through the vampire's heart`.
pub(crate) fn thrust_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !THRUST_VERBS.contains(&a.word(i)) {
        return None;
    }
    let object = a.np_at(i + 1)?;
    if !matches!(object.head, Head::Thing(_) | Head::Weapon(_)) {
        return None;
    }
    // a fist or a hand pushed into a body is a blow at most; things held are not driven
    if matches!(
        a.word(object.head_index),
        "hand" | "hands" | "fist" | "fists" | "finger" | "fingers"
    ) {
        return None;
    }
    let prep = object.end;
    if !matches!(a.word(prep), "into" | "through" | "deep") {
        return None;
    }
    let next = if a.word(prep + 1) == "into" {
        prep + 2
    } else {
        prep + 1
    };
    let target = a.np_at(next)?;
    let Head::Part { part, possessor } = target.head else {
        return None;
    };
    // one's own pocket or mouth is no wound: only a possessed part counts
    let victim = possessor?;
    Some(
        Candidate::new(
            InjuryKind::Stab,
            7,
            victim,
            i,
            format!("{} into", a.word(i)),
        )
        .part(Some(part)),
    )
}

/// `ran the cabin boy through with his cutlass`: a character run through.
pub(crate) fn run_through_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "ran" | "run" | "runs" | "running") {
        return None;
    }
    let np = a.np_at(i + 1)?;
    if !matches!(np.head, Head::Character(_)) || a.word(np.end) != "through" {
        return None;
    }
    Some(Candidate::new(
        InjuryKind::Stab,
        7,
        np.victim()?,
        i,
        "ran through",
    ))
}

/// `seared a hole through the pilot's shoulder`, `blew a hole in his chest`: a hole made
/// in a body part.
pub(crate) fn hole_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "hole" | "holes") || !matches!(a.word(i + 1), "through" | "in" | "into")
    {
        return None;
    }
    let np = a.np_at(i + 2)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    let victim = possessor
        .or_else(|| (np.start..np.head_index).find_map(|k| possessive_owner(a, k)))
        .unwrap_or(Referent::Unknown);
    Some(
        Candidate::new(InjuryKind::Harm, 6, victim, i, "a hole in a body part")
            .part(Some(part))
            .form(Form::Report),
    )
}

/// `found alive, but with both legs crushed`, `with his arm broken`: a body part after
/// `with` followed by an injury verb's participle.
pub(crate) fn with_part_participle_at(a: &Analysis, i: usize) -> Option<Candidate> {
    use crate::lexicon::{Frame, VerbForm};
    // cheap first: a `with` shortly before
    if !(i.saturating_sub(4)..i).any(|k| a.word(k) == "with") {
        return None;
    }
    let forms = a.lexicon.verb_forms.get(a.word(i))?;
    let verb = forms.iter().find_map(|&(v, f)| {
        let entry = &a.lexicon.verbs[v];
        (matches!(f, VerbForm::PastParticiple | VerbForm::PastOrParticiple)
            && matches!(entry.frame, Frame::Transitive | Frame::BodyPart))
        .then_some(entry)
    })?;
    let floor = a.clause(i).start.saturating_sub(1);
    let np = a.np_ending_at(i.checked_sub(1)?, floor)?;
    if np.start == 0 || a.word(np.start - 1) != "with" {
        return None;
    }
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    // the part's owner: its possessor, else the nearest character before `with`
    let victim = possessor
        .or_else(|| {
            (0..np.start - 1).rev().find_map(|k| {
                a.np_ending_at(k, 0).and_then(|n| match n.head {
                    Head::Character(r) => Some(r),
                    _ => None,
                })
            })
        })
        .unwrap_or(Referent::Unknown);
    Some(
        Candidate::new(verb.kind, verb.severity, victim, i, a.word(i).to_string())
            .part(Some(part))
            .form(Form::Report),
    )
}
