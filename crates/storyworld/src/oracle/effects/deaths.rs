//! Signs of a death: a corpse (`the body in the alley`), lives taken by a plague, the sea
//! or an animal, an animal put down, `succumbed to`, a hearse carrying someone.

use super::owners::possessive_owner;
use crate::lexicon::InjuryKind;
use crate::oracle::event::{Candidate, Directness, Form};
use crate::oracle::sentence::{Analysis, Head, Referent};

/// Verbs done to a corpse: `the sailor's body was found`, `they sewed his body into a
/// sack`.
#[rustfmt::skip]
const CORPSE_VERBS: &[&str] = &[
    "found", "floated", "floating", "dumped", "sewed", "sewn", "buried", "cremated",
    "identified", "recovered", "exhumed", "embalmed", "decomposing", "rotting", "examined",
    "lowered", "dragged", "hauled", "fished", "dredged", "unearthed", "discovered",
    "ashore", "carried",
];

/// Nouns after `body` that make it something else (`body language`, `body armour`).
#[rustfmt::skip]
const BODY_COMPOUNDS: &[&str] = &[
    "language", "armor", "armour", "heat", "weight", "odor", "odour", "wash", "guard", "count",
    "temperature", "shape", "hair", "paint", "image", "double", "part", "parts", "of",
];

/// A corpse: `the body in the alley`, `the bodies of two guards`, `his body was found`.
pub(crate) fn corpse_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    if !matches!(w, "body" | "bodies") || i == 0 {
        return None;
    }
    let next = a.word(i + 1);
    let prev = a.word(i - 1);
    let owner = possessive_owner(a, i - 1);
    let victim = match owner {
        Some(owner) => {
            // a living body: only when something is done to it that is done to the dead
            let clause = a.clause(i);
            // the verb must govern the body (`carried his body down`, `his body was found`),
            // not a living man `carried to medbay with burns over most of his body`
            let from = clause.start.max(i.saturating_sub(4));
            let corpse_verb = (from..clause.end.min(i + 6)).any(|j| {
                CORPSE_VERBS.contains(&a.word(j))
                    || a.word(j) == "washed" && matches!(a.word(j + 1), "up" | "ashore")
            });
            if !corpse_verb {
                return None;
            }
            owner
        }
        None => {
            let determiner = matches!(prev, "the" | "a" | "two" | "three" | "four" | "five")
                || crate::oracle::grammar::is_number_word(prev);
            if !determiner || BODY_COMPOUNDS.contains(&next) && next != "of" {
                return None;
            }
            if next == "of" {
                // `the body of the missing hiker`; not `a body of water`
                let np = a.np_at(i + 2)?;
                match np.head {
                    Head::Character(r) => r,
                    _ => return None,
                }
            } else {
                Referent::Unknown
            }
        }
    };
    Some(
        Candidate::new(InjuryKind::Death, 8, victim, i, format!("{w} (a corpse)"))
            .directness(Directness::Implied)
            .form(Form::State),
    )
}

/// What takes lives and limbs: `the plague took his parents`, `frostbite took three toes`.
#[rustfmt::skip]
pub(crate) const TAKING_AGENTS: &[&str] = &[
    "plague", "fever", "frostbite", "disease", "sickness", "illness", "pox", "smallpox", "flu",
    "influenza", "cholera", "typhoid", "typhus", "consumption", "tuberculosis", "gangrene",
    "infection", "cancer", "famine", "war", "sea", "flood", "avalanche", "pestilence",
    "epidemic", "pandemic", "sickness", "fire", "flames", "waves", "stroke", "pneumonia",
    "malaria", "dysentery", "measles", "diphtheria", "leukemia", "leukaemia", "covid",
    "overdose", "drought",
];

/// `the plague took his parents`, `the sea claimed three sailors`, `frostbite took two toes`.
pub(crate) fn taken_by_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let carried_off = matches!(a.word(i), "carried" | "carries" | "carry")
        && matches!(a.word(i + 1), "off" | "away");
    if !(carried_off || matches!(a.word(i), "took" | "takes" | "claimed" | "claims" | "taken")) {
        return None;
    }
    if let Some(c) = taken_by_passive(a, i) {
        return Some(c);
    }
    let subject = a.subject_of(i)?;
    let agent = TAKING_AGENTS.contains(&a.word(subject.head_index));
    // `the shark that took his arm`: an animal takes a body part
    let animal = matches!(&subject.head, Head::Character(Referent::Noun(n)) if a.lexicon.animals.contains(n.as_str()));
    if !agent && !animal {
        return None;
    }
    let end = (i + 7).min(a.clause(i).end);
    let np = (i + 1..end).find_map(|j| {
        a.np_at(j).filter(|np| match np.head {
            Head::Part { .. } => true,
            Head::Character(_) => agent,
            _ => false,
        })
    })?;
    let (kind, severity, part) = match &np.head {
        Head::Part { part, .. } => (InjuryKind::Maim, 8, Some(part.clone())),
        _ => (InjuryKind::Death, 9, None),
    };
    let victim = match &np.head {
        Head::Part {
            possessor: None, ..
        } => (np.start..np.head_index)
            .find_map(|k| possessive_owner(a, k))
            .unwrap_or(Referent::Unknown),
        _ => np.victim()?,
    };
    Some(
        Candidate::new(
            kind,
            severity,
            victim,
            i,
            format!("taken by the {}", a.word(subject.head_index)),
        )
        .part(part)
        .directness(Directness::Implied)
        .form(Form::Report),
    )
}

/// `the fisherman was taken by the sea`, `…, taken by a stroke`: the passive of what takes
/// lives, said of a character.
fn taken_by_passive(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "taken" | "claimed") || a.word(i + 1) != "by" {
        return None;
    }
    let agent =
        (i + 2..(i + 5).min(a.tokens.len())).find(|&k| TAKING_AGENTS.contains(&a.word(k)))?;
    let victim = a
        .subject_of(i)
        .or_else(|| a.neighbouring_subject(i))
        .and_then(|np| match np.head {
            Head::Character(r) => Some(r),
            _ => None,
        })?;
    Some(
        Candidate::new(
            InjuryKind::Death,
            9,
            victim,
            i,
            format!("taken by the {}", a.word(agent)),
        )
        .directness(Directness::Implied)
        .form(Form::Report),
    )
}

/// An animal put down: `the old hound had to be put down`, `they put the horse down`,
/// `the vet put him down`.
pub(crate) fn put_down_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "put" | "puts" | "putting") {
        return None;
    }
    // `the vet put him down`: with a vet in the sentence, a pronoun is the animal
    let vet = a.tokens.iter().any(|t| {
        matches!(
            t.text.as_str(),
            "vet" | "vets" | "veterinarian" | "veterinarians" | "veterinary" | "vet's"
        )
    });
    let animal = |np: &crate::oracle::sentence::Np| match &np.head {
        Head::Character(Referent::Noun(n)) => a.lexicon.animals.contains(n.as_str()),
        Head::Character(Referent::Pronoun(_)) => vet,
        _ => false,
    };
    let victim = if a.word(i + 1) == "down" && crate::oracle::voice::passive_aux(a, i).is_some() {
        a.subject_of(i.saturating_sub(1))
            .filter(|np| animal(np))
            .or_else(|| a.neighbouring_subject(i).filter(|np| animal(np)))?
    } else {
        let np = a.np_at(i + 1).filter(|np| animal(np))?;
        if a.word(np.end) != "down" {
            return None;
        }
        np
    };
    Some(Candidate::new(InjuryKind::Death, 9, victim.victim()?, i, "put down").form(Form::Report))
}

/// `succumbed to the fever`, `succumbed to his wounds`: a death.
pub(crate) fn succumbed_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "succumbed" | "succumb" | "succumbs" | "succumbing"
    ) || a.word(i + 1) != "to"
    {
        return None;
    }
    let cause = (i + 2..(i + 5).min(a.tokens.len())).any(|k| {
        TAKING_AGENTS.contains(&a.word(k)) || a.lexicon.noun_forms.contains_key(a.word(k))
    });
    if !cause {
        return None;
    }
    let subject = a.subject_of(i)?;
    let victim = subject.victim()?;
    Some(Candidate::new(InjuryKind::Death, 9, victim, i, "succumbed").form(Form::Report))
}

/// Vehicles of a funeral, which imply a death only when they carry someone.
const FUNERAL_CARRIERS: &[&str] = &["hearse", "hearses", "bier", "biers"];

/// `the hearse that carried her father`: a funeral carriage with someone in it.
pub(crate) fn hearse_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !FUNERAL_CARRIERS.contains(&a.word(i)) {
        return None;
    }
    let end = (i + 8).min(a.tokens.len());
    let carry = (i + 1..end).find(|&k| {
        matches!(
            a.word(k),
            "carried" | "carrying" | "carries" | "bore" | "bearing" | "held" | "holding"
        )
    })?;
    let np = a.np_at(carry + 1)?;
    let Head::Character(victim) = np.head else {
        return None;
    };
    Some(
        Candidate::new(InjuryKind::Death, 8, victim, i, "a hearse carrying someone")
            .directness(Directness::Implied)
            .form(Form::State),
    )
}
