//! Blows on a body part: a blunt thing or weapon landing on one (`a baton cracked across
//! his skull`), moved across one (`drew the blade across her throat`), feet stamping on
//! one.

use super::owners::{OWNER_NEEDED, character_owner, characters_part};
use crate::lexicon::InjuryKind;
use crate::oracle::event::{Candidate, Form};
use crate::oracle::sentence::{Analysis, Head, Referent};

/// Blunt things that break a head when they crack across it, on top of the weapons.
#[rustfmt::skip]
const BLUNT_THINGS: &[&str] = &[
    "pole", "stick", "bat", "club", "rock", "stone", "brick", "bottle", "pipe", "plank", "board",
    "chair", "hammer", "shovel", "spade", "butt", "pan", "skillet", "hoof", "hooves", "boot",
    "cane", "crowbar", "wrench", "iron", "poker", "oar", "paddle", "cudgel", "truncheon",
    "baton", "mallet", "log", "branch", "beam", "girder", "fist", "knee", "cosh", "blackjack",
    "bludgeon", "tankard", "ashtray",
];

/// Verbs of a hard blow landing.
#[rustfmt::skip]
pub(in crate::oracle) const IMPACT_VERBS: &[&str] = &[
    "cracked", "smashed", "slammed", "crashed", "thudded", "thumped", "crunched", "connected",
    "smacked", "whacked", "clanged", "cracks", "smashes", "slams", "crashes", "thuds", "thumps",
    "crunches", "connects", "slapped", "thwacked", "bounced", "glanced",
];

/// A blunt thing or weapon landing on a body part: `a baton cracked across his skull`,
/// `the metal pole cracked against her temple`.
pub(crate) fn impact_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let verb = a.word(i);
    if !matches!(
        verb.as_bytes().first(),
        Some(b'b' | b'c' | b'g' | b's' | b't' | b'w')
    ) || !IMPACT_VERBS.contains(&verb)
    {
        return None;
    }
    let prep = a.word(i + 1);
    if !matches!(
        prep,
        "across" | "against" | "into" | "on" | "onto" | "over" | "off" | "down"
    ) {
        return None;
    }
    // a blow that glances off a helmet or bounces off a shield missed the body
    if matches!(verb, "bounced" | "glanced") {
        return None;
    }
    let subject = a.subject_of(i)?;
    let head = a.word(subject.head_index);
    if !(matches!(subject.head, Head::Weapon(_)) || BLUNT_THINGS.contains(&head)) {
        return None;
    }
    let at = if prep == "down" && a.word(i + 2) == "on" {
        i + 3
    } else {
        i + 2
    };
    // a fist or a knee on a table is no blow; on a body part it is one
    let (part, owner) = characters_part(a, at)?;
    Some(
        Candidate::new(
            InjuryKind::Blow,
            3,
            owner,
            i,
            format!("{head} {verb} {prep}"),
        )
        .part(Some(part))
        .form(Form::Act),
    )
}

/// Verbs that move a thing along a path (`drew the blade across her throat`, `brought the
/// cosh down on his skull`, `smashed a bottle across his face`).
#[rustfmt::skip]
pub(in crate::oracle) const PATH_VERBS: &[&str] = &[
    "drew", "draw", "draws", "drawing", "ran", "run", "runs", "running", "dragged", "drag",
    "swept", "slid", "smashed", "smash", "smashes", "smashing", "broke", "break", "breaks",
    "brought", "bring", "brings", "bringing", "swung", "swing", "swings", "slammed", "slam",
    "slams", "crashed", "cracked", "crack", "cracks", "whipped", "lashed",
];

/// Parts a razor runs over when shaving.
const SHAVED: &[&str] = &[
    "face", "chin", "cheek", "cheeks", "jaw", "head", "scalp", "leg", "legs", "neck",
];

/// A weapon or a blunt thing moved across, over or down on a character's body part:
/// `drew the blade across her throat`, `bring the cosh down on the back of his skull`,
/// `smash a bottle across his mother's face`.
pub(crate) fn moved_across_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !PATH_VERBS.contains(&a.word(i)) {
        return None;
    }
    let object = a.np_at(i + 1)?;
    let head = a.word(object.head_index);
    let weapon = a.lexicon.weapons.get(head);
    let blunt = BLUNT_THINGS.contains(&head) && !matches!(head, "fist" | "knee" | "boot");
    if weapon.is_none() && !blunt {
        return None;
    }
    let mut k = object.end;
    if a.word(k) == "down" {
        k += 1;
    }
    if !matches!(
        a.word(k),
        "across" | "over" | "into" | "onto" | "on" | "against" | "through" | "along"
    ) {
        return None;
    }
    let np = a.np_at(k + 1)?;
    let (np, part, possessor) = match np.head {
        // `the back of his skull`, `the side of her head`
        _ if a.word(np.end) == "of"
            && !matches!(
                np.head,
                Head::Part {
                    possessor: Some(_),
                    ..
                }
            ) =>
        {
            let inner = a.np_at(np.end + 1)?;
            match inner.head.clone() {
                Head::Part { part, possessor } => (inner, part, possessor),
                _ => return None,
            }
        }
        Head::Part {
            ref part,
            ref possessor,
        } => (np.clone(), part.clone(), possessor.clone()),
        _ => return None,
    };
    let owner = character_owner(a, np.start, possessor)?;
    if owner == Referent::Unknown && OWNER_NEEDED.contains(&part.as_str()) {
        return None;
    }
    if head == "razor" && SHAVED.contains(&part.as_str()) {
        return None;
    }
    // `swung the bat over her shoulder`, `broke the stick over her knee`, `ran the sword
    // along her arm`: a thing moved over one's own body is carried or handled
    let own = a
        .subject_of(i)
        .and_then(|s| s.victim())
        .is_some_and(|s| s == owner);
    if own
        || matches!(
            part.as_str(),
            "lap" | "shoulder" | "shoulders" | "back" | "knee" | "knees"
        ) && a.word(k) != "into"
    {
        return None;
    }
    let (kind, severity) = match weapon {
        Some(w) if matches!(w.kind, InjuryKind::Cut | InjuryKind::Stab) => (InjuryKind::Cut, 4),
        _ => (InjuryKind::Blow, 3),
    };
    Some(
        Candidate::new(
            kind,
            severity,
            owner,
            i,
            format!("{} {head} across", a.word(i)),
        )
        .part(Some(part))
        .form(Form::Act),
    )
}

/// Feet brought down on a character's body part: `they stamped on his head`.
pub(crate) fn stamped_on_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "stamped"
            | "stamp"
            | "stamps"
            | "stamping"
            | "stomped"
            | "stomp"
            | "stomps"
            | "stomping"
            | "trampled"
            | "trample"
            | "tramples"
            | "trampling"
    ) {
        return None;
    }
    // `stamped on his head`, `stomped down on her hand`; not `stomped his foot`
    let k = match (a.word(i + 1), a.word(i + 2)) {
        ("on" | "upon", _) => i + 2,
        ("down", "on" | "upon") => i + 3,
        _ => return None,
    };
    let (part, owner) = characters_part(a, k)?;
    Some(
        Candidate::new(InjuryKind::Blow, 4, owner, i, format!("{} on", a.word(i)))
            .part(Some(part))
            .form(Form::Act),
    )
}
