//! Injuries told by their effects: a body part in a state only an injury
//! leaves (`her wrist was bent at an unnatural angle`, `his skull caved in`), signs of a
//! death (`his pulse stopped`, a body found or buried, a fall from a height onto stone,
//! `the plague took his parents`), and the aids a lasting injury needs (`a wooden leg`,
//! `in plaster`).

use super::event::{Candidate, Directness, Form};
use super::grammar::pronoun;
use super::idioms::{match_phrase, subject_victim};
use super::sentence::{Analysis, Head, Referent};
use crate::lexicon::{EffectVictim, InjuryKind};

/// The owner of a possessive token at `k` (`Tom's`, `his`, `her`).
pub(crate) fn possessive_owner(a: &Analysis, k: usize) -> Option<Referent> {
    let t = a.tokens.get(k)?;
    if t.possessive {
        return Some(if a.is_name(k) {
            Referent::Name(t.text.clone())
        } else {
            Referent::Noun(t.text.clone())
        });
    }
    pronoun(&t.text)
        .filter(|p| p.possessive || t.text == "her")
        .map(|p| Referent::Pronoun(p.group))
}

/// The nearest body part before `i` in its clause (at most six words back), with its
/// owner: `Her wrist was bent…` → (her, wrist).
pub(crate) fn part_before(a: &Analysis, i: usize) -> Option<(Referent, String)> {
    // the sentence, not the clause: `his eye was purple and swollen shut`
    let floor = i.saturating_sub(8);
    (floor..i).rev().find_map(|j| {
        if !a.is_body_part(j) {
            return None;
        }
        let np = a.np_ending_at(j, floor)?;
        match np.head {
            Head::Part { part, possessor } => Some((
                possessor
                    .or_else(|| j.checked_sub(1).and_then(|p| possessive_owner(a, p)))
                    .unwrap_or(Referent::Unknown),
                part,
            )),
            _ => None,
        }
    })
}

/// An effect phrase starting at `i` (`core_words::EFFECT_PHRASES`).
pub(crate) fn effect_phrase_at(a: &Analysis, i: usize) -> Option<Candidate> {
    for phrase in a.lexicon.effect_phrases.starting_with(a.word(i)) {
        let Some(end) = match_phrase(a, i, phrase) else {
            continue;
        };
        let meaning = a.lexicon.effect_meanings.get(phrase.text)?;
        let (victim, part) = match meaning.victim {
            EffectVictim::Possessive => {
                let owner = (i..end).find_map(|k| {
                    possessive_owner(a, k)
                        .filter(|_| a.tokens[k].possessive || pronoun(a.word(k)).is_some())
                })?;
                let part = (i..end)
                    .find(|&k| a.is_body_part(k))
                    .map(|k| a.lexicon.body_parts[a.word(k)].lemma.clone());
                // an `ANY` slot of a possessive pattern holds a body part
                if part.is_none() && phrase.text.contains("ANY") {
                    continue;
                }
                (owner, part)
            }
            EffectVictim::Part => {
                let (owner, part) = part_before(a, i)?;
                (owner, Some(part))
            }
            EffectVictim::Subject => {
                // the owner is a possessive right before the phrase, else the subject,
                // else a character or body part after it (`a stain on Liam's shirt`)
                let owner = i
                    .checked_sub(1)
                    .and_then(|p| possessive_owner(a, p))
                    .or_else(|| {
                        let v = subject_victim(a, i);
                        (v != Referent::Unknown).then_some(v)
                    })
                    .or_else(|| {
                        (end..(end + 8).min(a.tokens.len())).find_map(|k| possessive_owner(a, k))
                    })
                    .unwrap_or(Referent::Unknown);
                (owner, None)
            }
        };
        let directness = match meaning.directness {
            0 => Directness::Explicit,
            1 => Directness::Implied,
            _ => Directness::Past,
        };
        let mut c = Candidate::new(meaning.kind, meaning.severity, victim, i, phrase.text)
            .part(part)
            .directness(directness)
            .form(if directness == Directness::Explicit {
                Form::Report
            } else {
                Form::State
            });
        c.own_span = Some((i, end));
        return Some(c);
    }
    None
}

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
                || super::grammar::is_number_word(prev);
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

/// Heights one falls from and the hard ground one lands on.
#[rustfmt::skip]
const HEIGHTS: &[&str] = &[
    "cliff", "cliffs", "roof", "rooftop", "tower", "bridge", "balcony", "window", "storeys",
    "stories", "floors", "height", "heights", "ledge", "parapet", "battlements", "mast", "crag",
    "precipice", "wall", "ramparts", "scaffold", "scaffolding", "steeple", "belfry", "gallery",
    "feet", "metres", "meters", "yards",
];
#[rustfmt::skip]
const HARD_GROUND: &[&str] = &[
    "rocks", "rock", "pavement", "cobbles", "cobblestones", "stones", "flagstones", "concrete",
    "street", "courtyard", "road", "ice", "deck", "spikes", "boulders", "tarmac", "asphalt",
    "stone", "marble", "tiles", "railings",
];

/// A fall from a height onto something hard: `fell from the cliff onto the rocks`.
pub(crate) fn fall_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "fell"
            | "falls"
            | "falling"
            | "plunged"
            | "plummeted"
            | "tumbled"
            | "toppled"
            | "dropped"
            | "leapt"
            | "leaped"
            | "jumped"
            | "threw"
            | "hurled"
            | "flung"
    ) {
        return None;
    }
    let end = a.clause(i).end.min(i + 14);
    let height = (i + 1..end).any(|j| HEIGHTS.contains(&a.word(j)));
    let landing = (i + 1..end).any(|j| {
        matches!(a.word(j), "onto" | "on" | "into")
            && (j + 1..(j + 4).min(end)).any(|k| HARD_GROUND.contains(&a.word(k)))
    }) || struck_ground_after(a, i);
    if !(height && landing) {
        return None;
    }
    let subject = a.subject_of(i).or_else(|| a.neighbouring_subject(i))?;
    let Head::Character(victim) = subject.head else {
        return None;
    };
    Some(implied_report(
        InjuryKind::Harm,
        6,
        victim,
        i,
        "a fall onto something hard",
    ))
}

/// Verbs of hitting the ground at the end of a fall.
#[rustfmt::skip]
const LANDING_VERBS: &[&str] = &[
    "struck", "hit", "smashed", "slammed", "landed", "crashed", "hitting", "striking",
    "landing", "smashing", "slamming",
];

/// `leapt from the tower and struck the cobblestones far below`: the fall ends on hard
/// ground told by a verb of landing, in the same sentence.
fn struck_ground_after(a: &Analysis, i: usize) -> bool {
    let end = (i + 16).min(a.tokens.len());
    (i + 1..end).any(|j| {
        LANDING_VERBS.contains(&a.word(j))
            && (j + 1..(j + 5).min(end)).any(|k| HARD_GROUND.contains(&a.word(k)))
    })
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
    let animal = |np: &super::sentence::Np| match &np.head {
        Head::Character(Referent::Noun(n)) => a.lexicon.animals.contains(n.as_str()),
        Head::Character(Referent::Pronoun(_)) => vet,
        _ => false,
    };
    let victim = if a.word(i + 1) == "down" && super::voice::passive_aux(a, i).is_some() {
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

/// Pieces of a body part taken off it (`took the tip off his index finger`).
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "tip", "tips", "end", "ends", "top", "tops", "lobe", "half", "pad", "side",
];

/// A body part taken off: `the axe took off two of his toes`, `the bomb blew off his legs`,
/// `the knife took the tip off his finger`.
pub(crate) fn taken_off_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "took"
            | "take"
            | "takes"
            | "taken"
            | "taking"
            | "blew"
            | "blown"
            | "blow"
            | "blows"
            | "ripped"
            | "tore"
            | "torn"
            | "hacked"
            | "chopped"
            | "sliced"
            | "lopped"
            | "bit"
            | "bitten"
            | "blowing"
            | "ripping"
            | "tearing"
            | "hacking"
            | "chopping"
            | "slicing"
            | "lopping"
            | "biting"
            | "shot"
            | "shooting"
    ) {
        return None;
    }
    // `took off two toes`, or a piece of the part: `took the tip off his index finger`
    let part_at = if a.word(i + 1) == "off" {
        i + 2
    } else if matches!(a.word(i + 1), "the" | "a")
        && PIECES.contains(&a.word(i + 2))
        && a.word(i + 3) == "off"
    {
        i + 4
    } else {
        return None;
    };
    let np = a.np_at(part_at)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    let victim = possessor
        .or_else(|| (np.start..np.head_index).find_map(|k| possessive_owner(a, k)))
        .unwrap_or(Referent::Unknown);
    Some(Candidate::new(InjuryKind::Maim, 8, victim, i, "took off").part(Some(part)))
}

/// Parts pulled out in torture or by violence, on top of the body parts (nails are
/// otherwise grooming).
const PULLED_PARTS: &[&str] = &[
    "nail",
    "nails",
    "fingernail",
    "fingernails",
    "toenail",
    "toenails",
];

/// A body part pulled, torn or gouged out: `pulled out every one of his fingernails`,
/// `gouged his eyes out`.
pub(crate) fn pulled_out_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "pulled"
            | "pull"
            | "pulls"
            | "tore"
            | "tear"
            | "tears"
            | "torn"
            | "ripped"
            | "rip"
            | "rips"
            | "gouged"
            | "gouge"
            | "gouges"
            | "yanked"
            | "wrenched"
            | "plucked"
    ) {
        return None;
    }
    let end = (i + 9).min(a.clause(i).end);
    let out_first = a.word(i + 1) == "out";
    let from = if out_first { i + 2 } else { i + 1 };
    let part_at = (from..end).find(|&k| a.is_body_part(k) || PULLED_PARTS.contains(&a.word(k)))?;
    if !out_first && a.word(part_at + 1) != "out" {
        return None;
    }
    let part = a.word(part_at);
    if matches!(part, "hair" | "heart") {
        return None;
    }
    let victim = (from..part_at)
        .rev()
        .find_map(|k| possessive_owner(a, k))
        .unwrap_or(Referent::Unknown);
    Some(
        Candidate::new(InjuryKind::Maim, 7, victim, i, format!("{} out", a.word(i)))
            .part(Some(part.to_string())),
    )
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

/// Verbs of loosing a shot.
const FIRING: &[&str] = &["fired", "fires", "loosed", "looses"];

/// Verbs of a body dropping where it stands.
#[rustfmt::skip]
const COLLAPSE: &[&str] = &[
    "dropped", "fell", "crumpled", "collapsed", "slumped", "toppled", "keeled", "pitched",
    "went",
];

/// `Ruth fired twice and the bandit dropped into the dust`: a shot, then a character
/// who drops at once.
pub(crate) fn fired_and_dropped_at(a: &Analysis, i: usize) -> Option<Candidate> {
    // `two shots rang out, and the gambler folded into the dirt`
    let rang_out = a.word(i) == "rang"
        && a.word(i + 1) == "out"
        && i > 0
        && matches!(a.word(i - 1), "shot" | "shots" | "gunshot" | "gunshots");
    if !(FIRING.contains(&a.word(i)) || rang_out) || super::voice::passive_aux(a, i).is_some() {
        return None;
    }
    // `fired the clerk`: a dismissal
    if a.np_at(i + 1)
        .is_some_and(|np| matches!(np.head, Head::Character(_)))
    {
        return None;
    }
    let end = (i + 10).min(a.tokens.len());
    let and = (i + 1..end).find(|&k| a.word(k) == "and")?;
    let np = a.np_at(and + 1)?;
    let Head::Character(victim) = np.head else {
        return None;
    };
    let verb = np.end;
    let drops = COLLAPSE.contains(&a.word(verb))
        && (a.word(verb) != "went" || a.word(verb + 1) == "down")
        || a.word(verb) == "folded" && matches!(a.word(verb + 1), "into" | "onto" | "to");
    if !drops
        || matches!(
            a.word(verb + 1),
            "asleep" | "silent" | "quiet" | "back" | "behind" | "apart" | "short" | "in"
        )
    {
        return None;
    }
    Some(implied_report(
        InjuryKind::Gunshot,
        7,
        victim,
        verb,
        "fired, and someone dropped",
    ))
}

/// What blood turns red around a body.
#[rustfmt::skip]
const REDDENED: &[&str] = &[
    "snow", "water", "river", "sea", "sand", "grass", "stream", "bathwater", "foam", "ice",
    "puddle", "dirt", "earth", "ground", "floor", "rug", "carpet", "bandage", "bandages", "shirt",
    "sheet", "sheets", "towel", "cloth", "rag", "straw", "gravel", "surf", "waves", "pool",
];

/// What else turns things red.
#[rustfmt::skip]
const OTHER_REDS: &[&str] = &[
    "sun", "sunset", "sunrise", "dawn", "dusk", "light", "leaves", "juice", "wine", "dye",
    "paint", "rust", "clay", "berries", "algae", "fire", "flames", "embers", "lanterns",
];

/// `the snow around the fallen soldier turned red`: what blood stains, turning red.
pub(crate) fn reddened_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "turned" | "turning" | "turns" | "went" | "ran")
        || !matches!(a.word(i + 1), "red" | "crimson" | "scarlet")
    {
        return None;
    }
    let clause = a.clause(i);
    let stained = (clause.start..i).find(|&k| REDDENED.contains(&a.word(k)))?;
    // the sunset, dye or juice redden things too
    if a.tokens
        .iter()
        .any(|t| OTHER_REDS.contains(&t.text.as_str()))
    {
        return None;
    }
    // someone the stain is around (`the snow around the fallen soldier`) or on (`his shirt`)
    let victim = (stained + 1..i)
        .find_map(|k| a.np_at(k).and_then(|np| np.victim()))
        .or_else(|| stained.checked_sub(1).and_then(|p| possessive_owner(a, p)))?;
    Some(implied_report(
        InjuryKind::Bleeding,
        3,
        victim,
        i,
        "turned red with blood",
    ))
}

/// Verbs of taking a drink.
#[rustfmt::skip]
const DRINKING: &[&str] = &[
    "drink", "drinks", "drank", "drunk", "drinking", "swallow", "swallowed", "sip", "sipped",
    "gulp", "gulped", "ate", "eat", "eats", "quaffed",
];

/// `poured the poison into his uncle's tea and watched him drink it`: poison given, then
/// drunk; the drinker is poisoned.
pub(crate) fn poison_drunk_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !DRINKING.contains(&a.word(i)) || i == 0 {
        return None;
    }
    let poison_before = (0..i).any(|k| {
        matches!(a.word(k), "poison" | "poisoned" | "venom")
            && !matches!(
                a.word(k + 1),
                "ivy" | "oak" | "sumac" | "pen" | "control" | "gas"
            )
    });
    if !poison_before {
        return None;
    }
    let drinker = a
        .np_ending_at(i - 1, 0)
        .or_else(|| a.subject_of(i))
        .and_then(|np| match np.head {
            Head::Character(r) => Some(r),
            _ => None,
        })?;
    Some(implied_report(
        InjuryKind::Poison,
        6,
        drinker,
        i,
        "drank the poison",
    ))
}

/// `the dragon's head fell off`: a body part falling off its body, at the end of a clause.
pub(crate) fn fell_off_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "fell" | "falls" | "fall" | "falling" | "dropped")
        || a.word(i + 1) != "off"
        || !(a.word(i + 2).is_empty() || a.word(i + 2) == "and")
        || i == 0
    {
        return None;
    }
    let np = a.np_ending_at(i - 1, a.clause(i).start)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    let (kind, severity) = if part == "head" {
        (InjuryKind::Death, 9)
    } else {
        (InjuryKind::Maim, 8)
    };
    let victim = possessor
        .or_else(|| (np.start..np.head_index).find_map(|k| possessive_owner(a, k)))
        .unwrap_or(Referent::Unknown);
    Some(
        Candidate::new(kind, severity, victim, i, "fell off")
            .part(Some(part))
            .form(Form::Report),
    )
}

/// An injury told by what it implies (a fall's landing, a reddened scene, a drink of
/// poison), reported as having happened.
fn implied_report(
    kind: InjuryKind,
    severity: u8,
    victim: Referent,
    position: usize,
    trigger: impl Into<String>,
) -> Candidate {
    Candidate::new(kind, severity, victim, position, trigger)
        .directness(Directness::Implied)
        .form(Form::Report)
}
