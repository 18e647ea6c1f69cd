//! Hand-written word lists for what WordNet does not hold or holds too loosely: injury
//! nouns and adjectives with their severity, the body parts that matter most, weapon
//! classes, and the grammatical words (negators, modals, miss markers…) the oracle reads
//! around an injury word.
//!
//! [`injuries`] holds the injury nouns and adjectives; [`bodies`] the body parts;
//! [`characters`] persons, animals and kin; [`weapons`] the weapons and the verbs by which
//! they reach a body; [`figurative_nouns`] the nouns that make an injury verb figurative;
//! [`markers`] the words that place, repeat or deny an injury; [`idioms`] the phrases
//! that announce a death or are figurative; [`effects`] the injuries told by their
//! effects.

mod bodies;
mod characters;
mod effects;
mod figurative_nouns;
mod idioms;
mod injuries;
mod markers;
mod weapons;

pub(crate) use bodies::{
    CORE_BODY_PARTS, NON_INJURY_BODY_PARTS, PAIRED_BODY_PARTS, VITAL_BODY_PARTS,
};
pub(crate) use characters::{CORE_ANIMALS, CORE_KIN, CORE_PERSONS};
pub(crate) use effects::EFFECT_PHRASES;
pub(crate) use figurative_nouns::{ABSTRACT_AGENTS, DITRANSITIVE_FIGURATIVE};
pub(crate) use idioms::{DEATH_IDIOMS, FIGURATIVE_PHRASES};
pub(crate) use injuries::{INJURY_ADJECTIVES, INJURY_NOUNS};
pub(crate) use markers::{
    IRREALIS_CONTROL_VERBS, MISS_MARKERS, NON_FACTIVE_VERBS, PAST_MARKERS, PERCEPTION_VERBS,
    REPEAT_MARKERS,
};
pub(crate) use weapons::{CONTACT_VERBS, WEAPONS};
