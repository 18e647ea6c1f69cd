//! How an injury verb form is used: as a noun, a passive, a pluperfect; its agent and
//! instrument; the body part and the figurative patients that decide its reading.

use super::event::Candidate;
use super::grammar::{is_copula, is_determiner, is_negator, pronoun};
use super::sentence::{Analysis, Head, Np};
use crate::lexicon::InjuryKind;
use crate::lexicon::core_words::ABSTRACT_AGENTS;

/// Verbs that turn an emotional adjective or participle figurative (`she looked hurt`).
#[rustfmt::skip]
pub(crate) const SEEM_VERBS: &[&str] = &[
    "look", "looked", "looks", "looking", "seem", "seemed", "seems", "sound", "sounded", "sounds",
    "feel", "felt", "feels", "feeling", "appeared", "appears",
];

pub(crate) fn possessed_or_start(a: &Analysis, i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let prev = &a.tokens[i - 1];
    prev.possessive
        || is_determiner(&prev.text)
        || pronoun(&prev.text).is_some_and(|p| p.possessive)
}

/// A verb reading is ruled out after a determiner or possessive (`the cut`, `his wound`,
/// `a kick`).
pub(crate) fn noun_position(a: &Analysis, i: usize) -> bool {
    // `were all killed`: a floating quantifier after an auxiliary is no determiner
    let floating = i > 1
        && matches!(a.word(i - 1), "both" | "all" | "each")
        && super::grammar::is_auxiliary(a.word(i - 2));
    !floating && i > 0 && {
        let prev = &a.tokens[i - 1];
        // `a deep cut`: an adjective between a determiner and the word
        let determiner_before_adjective = i > 1
            && is_determiner(a.word(i - 2))
            && a.word(i - 2) != "that"
            && prev.is_word
            && !prev.possessive
            && a.lexicon
                .wordnet
                .contains(&prev.text, crate::wordnet::PartOfSpeech::Adjective)
            && !a.lexicon.verb_forms.contains_key(&prev.text)
            && !a.lexicon.persons.contains(&prev.text)
            && !a.lexicon.animals.contains(&prev.text)
            && !a.lexicon.body_parts.contains_key(&prev.text)
            && !a.lexicon.weapons.contains_key(&prev.text)
            && !super::grammar::is_function_word(&prev.text)
            && !a.is_adverb_at(i - 1)
            && pronoun(&prev.text).is_none()
            && !a.is_name(i - 1);
        prev.is_word
            && (is_determiner(&prev.text) && prev.text != "that"
                || prev.possessive
                || prev.text == "its"
                || matches!(prev.text.as_str(), "his" | "my" | "your" | "their" | "our"))
            || determiner_before_adjective
            || prev.text == "that" && demonstrative_wound(a, i)
    }
}

/// Verbs that treat a wound (`wash that cut`).
#[rustfmt::skip]
const TREATING: &[&str] = &[
    "wash", "clean", "bandage", "stitch", "dress", "treat", "cover", "bathe", "disinfect",
    "need", "needs", "for",
];

/// `that cut on her chin`, `wash that cut`: `that` as a demonstrative before a wound, with
/// a body part after it or a treating verb before it.
pub(crate) fn demonstrative_wound(a: &Analysis, i: usize) -> bool {
    let part_after = super::grammar::is_preposition(a.word(i + 1))
        && a.np_at(i + 2)
            .is_some_and(|np| matches!(np.head, super::sentence::Head::Part { .. }));
    part_after || i >= 2 && TREATING.contains(&a.word(i - 2))
}

/// Whether an injury of this kind can be figurative with an abstract or `it` subject.
pub(crate) fn abstract_subject_possible(kind: InjuryKind) -> bool {
    !matches!(
        kind,
        InjuryKind::Death | InjuryKind::Strangle | InjuryKind::Poison | InjuryKind::Gunshot
    )
}

pub(crate) fn is_abstract(np: &Option<Np>) -> bool {
    match np {
        Some(Np {
            head: Head::Thing(w),
            ..
        }) => ABSTRACT_AGENTS.contains(&w.as_str()),
        _ => false,
    }
}

/// Finds the auxiliary that makes a participle passive, within three tokens before it.
pub(crate) fn passive_aux(a: &Analysis, i: usize) -> Option<usize> {
    let start = a.clause(i).start;
    let mut j = i;
    while j > start && i - j < 4 {
        j -= 1;
        let w = a.word(j);
        if is_copula(w)
            && !matches!(
                w,
                "lay" | "lie" | "lies" | "lying" | "fell" | "fall" | "falls"
            )
        {
            return Some(j);
        }
        if SEEM_VERBS.contains(&w) {
            return Some(j);
        }
        // `were both wounded`, `were all killed`: a floating quantifier
        if !(a.is_adverb_at(j) || is_negator(w) || matches!(w, "never" | "both" | "all" | "each")) {
            return None;
        }
    }
    None
}

/// `had` (or `'d`) before the participle: a pluperfect, a look back.
pub(crate) fn pluperfect(a: &Analysis, i: usize) -> bool {
    let start = a.clause(i).start;
    (start..i).rev().take(3).any(|j| a.word(j) == "had")
}

/// `by` + agent after a passive, or `with` + instrument after an active verb.
pub(crate) fn agent_after(a: &Analysis, from: usize, prep: &str) -> Option<Np> {
    (from..(from + 6).min(a.tokens.len()))
        .find(|&j| a.word(j) == prep)
        .and_then(|j| a.np_at(j + 1))
}

/// Raises the kind and severity to those of the weapon used, when worse — for verbs that
/// do not say what kind of injury they do (`hit`, `struck`, `wounded`): `hit by a bullet`
/// is a gunshot, but `slashed with a sword` stays a cut.
pub(crate) fn with_weapon(mut c: Candidate, weapon: Option<&str>, a: &Analysis) -> Candidate {
    if matches!(c.kind, InjuryKind::Blow | InjuryKind::Harm)
        && let Some(w) = weapon
        && let Some(info) = a.lexicon.weapons.get(w)
        && info.severity > c.severity
        && c.kind != InjuryKind::Death
    {
        c.kind = info.kind;
        c.severity = info.severity;
    }
    c
}

pub(crate) fn weapon_of(np: &Option<Np>) -> Option<&str> {
    match np {
        Some(Np {
            head: Head::Weapon(w),
            ..
        }) => Some(w.as_str()),
        _ => None,
    }
}

/// Whether `to death` follows within a few tokens.
pub(crate) fn to_death_after(a: &Analysis, from: usize) -> bool {
    (from..(from + 6).min(a.tokens.len())).any(|j| a.word(j) == "to" && a.word(j + 1) == "death")
}

/// The candidate of a verb of kind `kind` made a death by `to death` within a few tokens
/// of `from` (`beaten to death`, `bled to death`), keeping the injury it names for a near
/// miss; unchanged otherwise.
pub(crate) fn to_death(a: &Analysis, from: usize, kind: InjuryKind, mut c: Candidate) -> Candidate {
    if to_death_after(a, from) && kind != InjuryKind::Death {
        c.to_death_of = Some((c.kind, c.severity));
        c.kind = InjuryKind::Death;
        c.severity = 9;
    }
    c
}

pub(crate) fn part_of(np: &Np) -> Option<String> {
    match &np.head {
        Head::Part { part, .. } => Some(part.clone()),
        _ => None,
    }
}

pub(crate) fn severity_for_part(
    a: &Analysis,
    kind: InjuryKind,
    severity: u8,
    part: &Option<String>,
) -> u8 {
    let vital = part
        .as_deref()
        .and_then(|p| a.lexicon.body_parts.get(p))
        .is_some_and(|p| p.vital);
    match (kind, part.as_deref()) {
        (InjuryKind::Fracture, Some("neck" | "spine" | "skull")) => 8,
        _ if vital => (severity + 1).min(9),
        _ => severity,
    }
}

/// A figurative reading fixed by the patient: heart-break, nails, lips.
pub(crate) fn figurative_patient(
    kind: InjuryKind,
    lemma: &str,
    part: &Option<String>,
    active: bool,
) -> Option<&'static str> {
    match (part.as_deref(), kind) {
        (
            Some("heart"),
            InjuryKind::Fracture | InjuryKind::Harm | InjuryKind::Maim | InjuryKind::Minor,
        ) => Some("a broken or hurt heart is an emotion"),
        (Some("lip" | "tongue"), InjuryKind::Bite) => Some("biting one's lip or tongue is a habit"),
        (Some("knuckle" | "neck" | "back"), _) if lemma == "crack" && active => {
            Some("cracking one's knuckles, neck or back is a habit")
        }
        (Some("finger" | "thumb"), _) if lemma == "snap" && active => {
            Some("snapping one's fingers")
        }
        _ => None,
    }
}
