//! A new act or victim told without an injury verb: a weapon that takes a character or a
//! body part (`the second arrow took the orc through the eye`, `a roundshot took her head
//! clean off`), what took lives taking one more (`it took his apprentice as well`, after a
//! plague), and a bite told by where the teeth went (`bit down on his shoulder`, `bit
//! into his own forearm`).

use super::effects::possessive_owner;
use super::event::{Candidate, Directness, Form};
use super::sentence::{Analysis, Head, Referent};
use crate::lexicon::InjuryKind;

/// The words at which this module's rules start.
#[rustfmt::skip]
pub(super) const TRIGGERS: &[&str] = &[
    "took", "takes", "take", "taking", "caught", "catches", "claimed", "bit", "bites", "bite",
    "biting", "bitten", "put", "puts", "putting",
];

fn is_take(w: &str) -> bool {
    matches!(
        w,
        "took" | "takes" | "take" | "taking" | "caught" | "catches"
    )
}

/// A weapon as the subject of `take` or `catch`: `the second arrow took the orc through
/// the eye`, `the bolt caught him in the throat`, `a roundshot took her head clean off`.
pub(crate) fn weapon_takes_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !is_take(a.word(i)) {
        return None;
    }
    let subject = a.subject_of(i)?;
    if !matches!(subject.head, Head::Weapon(_)) {
        return None;
    }
    let weapon = a.lexicon.weapons.get(a.word(subject.head_index))?;
    let object = a.np_at(i + 1)?;
    match &object.head {
        // `took the orc through the eye`, `caught him in the throat`
        Head::Character(victim) => {
            if !matches!(
                a.word(object.end),
                "in" | "through" | "under" | "between" | "square"
            ) {
                return None;
            }
            let part = a.np_at(object.end + 1).and_then(|np| match np.head {
                Head::Part { part, .. } => Some(part),
                _ => None,
            });
            part.as_ref()?;
            Some(
                Candidate::new(
                    weapon.kind,
                    weapon.severity,
                    victim.clone(),
                    i,
                    "a weapon took",
                )
                .part(part),
            )
        }
        // `took her head clean off`
        Head::Part { part, possessor } => {
            let mut k = object.end;
            while matches!(a.word(k), "clean" | "right" | "straight" | "neatly") {
                k += 1;
            }
            if a.word(k) != "off" {
                return None;
            }
            let owner = possessor
                .clone()
                .or_else(|| (object.start..object.head_index).find_map(|m| possessive_owner(a, m)))
                .unwrap_or(Referent::Unknown);
            Some(
                Candidate::new(InjuryKind::Maim, 8, owner, i, "a weapon took off")
                    .part(Some(part.clone())),
            )
        }
        _ => None,
    }
}

/// `it took his apprentice as well`: what takes lives, named by `it`, taking one more
/// character; the marker of one more (`as well`, `too`) at the clause's end keeps `it
/// took him too long` out.
pub(crate) fn took_another_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "took" | "claimed") || i == 0 || a.word(i - 1) != "it" {
        return None;
    }
    let object = a.np_at(i + 1)?;
    let Head::Character(victim) = &object.head else {
        return None;
    };
    // `it took his apprentice Wat as well`: a name in apposition
    let mut k = object.end;
    if a.is_name(k) {
        k += 1;
    }
    let one_more = match a.word(k) {
        "too" => true,
        "as" => a.word(k + 1) == "well",
        _ => false,
    };
    let after = if a.word(k) == "as" { k + 2 } else { k + 1 };
    let clause_end = a.word(after).is_empty();
    if !(one_more && clause_end) {
        return None;
    }
    Some(
        Candidate::new(InjuryKind::Death, 9, victim.clone(), i, "it took another")
            .directness(Directness::Implied)
            .form(Form::Report),
    )
}

/// Parts a person bites of their own as a habit.
const HABIT_PARTS: &[&str] = &["lip", "lips", "tongue", "cheek", "nail", "nails", "knuckle"];

/// A bite told by where the teeth went: `the bear bit down on his shoulder`, `he bit into
/// his own forearm`, `bit clean through the board and into his left hip`.
pub(crate) fn bit_into_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "bit" | "bites" | "bite" | "biting" | "bitten") {
        return None;
    }
    // `a bit on the side`: a noun
    if i > 0 && super::grammar::is_determiner(a.word(i - 1)) {
        return None;
    }
    let end = (i + 12).min(a.tokens.len());
    let mut k = i + 1;
    while k < end
        && matches!(
            a.word(k),
            "down" | "hard" | "deep" | "deeply" | "clean" | "straight"
        )
    {
        k += 1;
    }
    // `through the board and into his hip`: past a thing
    let mut at = None;
    while k < end {
        match a.word(k) {
            "on" | "into" | "through" => {
                let np = a.np_at(k + 1)?;
                match np.head {
                    Head::Part { .. } => {
                        at = Some(np);
                        break;
                    }
                    Head::Thing(_) if a.word(np.end) == "and" => k = np.end + 1,
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    let np = at?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    if HABIT_PARTS.contains(&part.as_str()) {
        return None;
    }
    let owner =
        possessor.or_else(|| (np.start..np.head_index).find_map(|m| possessive_owner(a, m)))?;
    Some(Candidate::new(InjuryKind::Bite, 4, owner, i, "bit into").part(Some(part)))
}

/// Prepositions that place a blow or a wound in a body part.
const INTO_PART: &[&str] = &["in", "into", "through", "between", "under", "across"];

/// An injury verb done to `it` in a body part: `he shot it through the chest`, `stabbed
/// it in the neck`. `It` is no character on its own, but what has a chest or a neck is a
/// creature.
pub(crate) fn it_in_part_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if a.word(i + 1) != "it" || !INTO_PART.contains(&a.word(i + 2)) {
        return None;
    }
    let entries = a.lexicon.verb_forms.get(a.word(i))?;
    let &(index, _) = entries.first()?;
    let verb = &a.lexicon.verbs[index];
    let np = a.np_at(i + 3)?;
    let Head::Part { part, .. } = np.head else {
        return None;
    };
    // a wall, a tree or a car has a side, a back and a face too
    if matches!(
        part.as_str(),
        "side"
            | "back"
            | "face"
            | "head"
            | "arm"
            | "arms"
            | "leg"
            | "legs"
            | "foot"
            | "hand"
            | "mouth"
            | "skin"
            | "body"
    ) {
        return None;
    }
    Some(
        Candidate::new(
            verb.kind,
            verb.severity,
            Referent::Unknown,
            i,
            format!("{} it", a.word(i)),
        )
        .part(Some(part)),
    )
}

/// Eyes put out: `the king's guard had put out both of Brannoc's father's eyes`.
pub(crate) fn eyes_put_out_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "put" | "puts" | "putting") {
        return None;
    }
    let end = (i + 9).min(a.tokens.len());
    let out_first = a.word(i + 1) == "out";
    let from = if out_first { i + 2 } else { i + 1 };
    let eyes = (from..end).find(|&k| matches!(a.word(k), "eye" | "eyes"))?;
    // `put her eyes out of focus` is no blinding
    if !out_first && (a.word(eyes + 1) != "out" || a.word(eyes + 2) == "of") {
        return None;
    }
    let owner = (from..eyes)
        .rev()
        .find_map(|k| possessive_owner(a, k))
        .unwrap_or(Referent::Unknown);
    Some(Candidate::new(InjuryKind::Maim, 8, owner, i, "put out the eyes").part(Some("eye".into())))
}
