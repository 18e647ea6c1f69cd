//! The entries of the lexicon: injury verbs (with the frame that makes them literal),
//! nouns and adjectives, effect phrases' meanings, body parts and weapons.

use super::kind::InjuryKind;

/// Which arguments make an injury verb literal (see `core_verbs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Frame {
    /// Character or body part as patient.
    Transitive,
    /// Character only as patient.
    Animate,
    /// Body part as patient, transitive or intransitive.
    BodyPart,
    /// Intransitive, the subject is the victim.
    Intransitive,
    /// `Animate` and `Intransitive`.
    Both,
}

/// An injury verb.
#[derive(Debug, Clone)]
pub(crate) struct VerbEntry {
    pub lemma: String,
    pub frame: Frame,
    pub kind: InjuryKind,
    pub severity: u8,
    pub from_wordnet: bool,
}

/// A multi-word injury verb from WordNet (`gun down`, `pass away`): the words after the
/// first, which is inflected.
#[derive(Debug, Clone)]
pub(crate) struct PhraseVerb {
    pub rest: Vec<String>,
    pub verb: usize,
}

/// An injury noun.
#[derive(Debug, Clone)]
pub(crate) struct NounEntry {
    pub lemma: String,
    pub kind: InjuryKind,
    pub severity: u8,
    pub needs_attachment: bool,
    pub implied: bool,
}

/// Who an effect phrase injures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EffectVictim {
    /// The possessive inside the phrase (`opened his throat`).
    Possessive,
    /// The owner of a body part just before the phrase (`her wrist was bent at an
    /// unnatural angle`); without one the phrase is no injury.
    Part,
    /// The clause's subject (`he walked with a limp`).
    Subject,
}

/// What an effect phrase means (`core_words::EFFECT_PHRASES`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct EffectMeaning {
    pub kind: InjuryKind,
    pub severity: u8,
    /// 0 explicit, 1 implied, 2 a past injury revealed.
    pub directness: u8,
    pub victim: EffectVictim,
}

/// What an injury adjective is said of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AdjectiveUse {
    Animate,
    Part,
    Either,
}

/// An injury adjective.
#[derive(Debug, Clone)]
pub(crate) struct AdjectiveEntry {
    pub kind: InjuryKind,
    pub severity: u8,
    pub used_of: AdjectiveUse,
}

/// A body part.
#[derive(Debug, Clone)]
pub(crate) struct BodyPart {
    pub lemma: String,
    pub core: bool,
    pub paired: bool,
    pub vital: bool,
}

/// A weapon or hazard and the injury it does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Weapon {
    pub kind: InjuryKind,
    pub severity: u8,
}
