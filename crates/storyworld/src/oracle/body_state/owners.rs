//! Whose body part it is: the owner of a body part phrase when it is a character, and the
//! ambiguous part words that need one.

use crate::oracle::effects::possessive_owner;
use crate::oracle::sentence::{Analysis, Head, Referent};

/// Ambiguous part words that need an owner to be a body part (`the chest was smashed`
/// may be a box).
#[rustfmt::skip]
pub(super) const OWNER_NEEDED: &[&str] = &[
    "chest", "side", "back", "temple", "palm", "trunk", "arms", "arm", "head", "hand", "hands",
    "face", "skin", "flesh", "crown", "heel", "neck", "leg", "legs", "foot", "feet", "nose",
    "mouth", "eye", "eyes", "tongue", "lip", "lips", "spine", "body",
];

/// The body part the noun phrase at `at` names and the character it belongs to; `None`
/// when it names no body part or its owner is no known character.
pub(super) fn characters_part(a: &Analysis, at: usize) -> Option<(String, Referent)> {
    let np = a.np_at(at)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    let owner = character_owner(a, np.start, possessor)?;
    (owner != Referent::Unknown).then_some((part, owner))
}

/// The owner of a body part phrase, when it is a character (or not said).
pub(super) fn character_owner(
    a: &Analysis,
    start: usize,
    possessor: Option<Referent>,
) -> Option<Referent> {
    let owner = possessor
        .or_else(|| (start.saturating_sub(1)..start + 1).find_map(|k| possessive_owner(a, k)))
        .unwrap_or(Referent::Unknown);
    match &owner {
        Referent::Noun(n) if !a.lexicon.is_character_noun(n) => None,
        _ => Some(owner),
    }
}
