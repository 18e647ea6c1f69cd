//! Injuries told by the state of a body part, composed rather than listed: a body part of
//! a character in a clause whose participle or predicate adjective describes damage or an
//! abnormal state (`his kneecap shoved sideways under the skin`, `two fingers blackened
//! by frostbite`, `her lip was swollen`, `his mangled hand`), a wound oozing across a body
//! part (`four deep furrows oozing across his chest`), and a blunt thing cracking across
//! one (`a baton cracked across his skull`).
//!
//! The family of damage words is hand-written: WordNet's hyponyms of *damage*, *injure*
//! and *deform* mix body damage with rust, stains and oppression (`corrode`, `sully`,
//! `plague`), so only the words said of flesh and bone are kept (`blacken`, `char`,
//! `singe`, `maul`, `mutilate`, `disfigure` from *damage*), with the states a body shows
//! (`swollen`, `blistered`, `shattered`). Guards: a heart that breaks and a face that
//! twists are emotions, a cause that is no injury (`swollen from crying`, `blackened with
//! soot`) makes none, a participle with an object of its own is a verb done by the part
//! (`his fingers crushed the can`), and the owner must be a character.
//!
//! [`damage`] holds the damage words and the damaged part; [`wounds`] the wounds that ooze
//! or are laid open; [`blows`] blunt things and weapons landing on or moved across a body
//! part; [`owners`] whose body part it is.

mod blows;
mod damage;
mod owners;
mod wounds;

pub(super) use blows::{IMPACT_VERBS, PATH_VERBS};
pub(crate) use blows::{impact_at, moved_across_at, stamped_on_at};
pub(super) use damage::DAMAGE_WORDS;
pub(crate) use damage::damaged_part_at;
pub(crate) use wounds::{laid_open_at, oozing_on_part_at};

/// The other words at which this module's rules start (the lists above hold the rest).
#[rustfmt::skip]
pub(super) const OTHER_TRIGGERS: &[&str] = &[
    "oozing", "oozed", "oozes", "festering", "suppurating", "seeping", "seeped", "weeping",
    "stamped", "stamp", "stamps", "stamping", "stomped", "stomp", "stomps", "stomping",
    "trampled", "trample", "tramples", "trampling", "laid", "lay", "lays", "laying",
];
