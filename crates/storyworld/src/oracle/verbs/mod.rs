//! Injury verbs: their frames (who can be the patient), voice (active, passive,
//! attributive, absolute participles), figurative uses, and the weapon used.
//!
//! [`word`] reads a one-word injury verb in each of its voices; [`object`] the active
//! verb with its object (`stabbed him`, `cut his hand`) and the uses that make it
//! figurative; [`phrase`] the multi-word injury verbs (`gunned down`); [`reading`] holds
//! one way of reading a verb form.

mod object;
mod phrase;
mod reading;
mod word;

pub(crate) use object::PHOTO_WORDS;
pub(crate) use phrase::phrase_verb_at;
pub(crate) use word::verb_at;
