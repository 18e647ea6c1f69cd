//! Blood: flowing from someone, covering someone, or lying about with no one bleeding;
//! blood drawn by a nurse or painted on as stage make-up is no wound.

use crate::lexicon::InjuryKind;
use crate::oracle::event::{Candidate, Directness, Form, Status};
use crate::oracle::grammar::pronoun;
use crate::oracle::idioms::subject_victim;
use crate::oracle::sentence::{Analysis, Head, Referent};

/// Verbs through which blood leaves a body.
#[rustfmt::skip]
const BLOOD_FLOW: &[&str] = &[
    "ran", "runs", "running", "dripped", "drips", "dripping", "trickled", "trickles", "trickling",
    "poured", "pours", "pouring", "seeped", "seeping", "streamed", "streaming", "flowed",
    "flowing", "pooled", "pooling", "oozed", "oozing", "welled", "welling", "spurted", "spurting",
    "gushed", "gushing", "spilled", "spilling", "leaked", "leaking", "bubbled", "dribbled",
    "sprayed", "spattered", "soaked", "soaking", "stained", "staining", "matted", "caked",
    "coated", "covered", "smeared", "streaked", "flecked", "spread",
];

/// Words of a medical blood draw (`the nurse drew blood for a test`).
#[rustfmt::skip]
const MEDICAL_DRAW: &[&str] = &[
    "nurse", "nurses", "doctor", "phlebotomist", "test", "tests", "sample", "samples", "lab",
    "clinic", "vial", "vials", "syringe", "needle", "donor", "donation", "transfusion",
    "donated", "donating", "tourniquet", "phlebotomy",
];

/// The materials and the work of stage make-up: blood or gore in a sentence that names
/// one is painted on (`soaked in corn-syrup gore`, `gluing a latex wound onto his forehead
/// and painting gore around it`).
#[rustfmt::skip]
const MAKE_UP_MATERIALS: &[&str] = &[
    "latex", "prosthetic", "prosthetics", "corn-syrup", "syrup", "greasepaint", "ketchup",
    "glycerin", "glycerine", "painting", "painted", "paints", "sfx", "special-effects", "fake",
    "stage", "theatrical", "costume", "cosplay",
];

/// Whether the sentence names stage make-up's materials or work, and does not say that the
/// blood is real (`real blood seeped through the latex`).
fn made_up(a: &Analysis) -> bool {
    a.tokens
        .iter()
        .any(|t| MAKE_UP_MATERIALS.contains(&t.text.as_str()))
        && !a
            .tokens
            .iter()
            .any(|t| matches!(t.text.as_str(), "real" | "actual" | "genuine"))
}

/// Containers that blood is drawn or donated into (`filled three tubes with his blood`).
#[rustfmt::skip]
const BLOOD_CONTAINERS: &[&str] = &[
    "tube", "tubes", "vial", "vials", "bag", "bags", "syringe", "syringes", "pouch", "bottle",
    "bottles", "ampoule", "ampoules", "phial", "phials",
];

/// `the nurse filled three tubes with his blood`, `the bag slowly filled with her blood`:
/// a container before the blood (within nine words) and a word of a medical draw or a
/// donation in the sentence (a nurse, a needle, a donor) make it a draw, not a wound.
fn collected(a: &Analysis, i: usize) -> bool {
    (i.saturating_sub(9)..i).any(|j| BLOOD_CONTAINERS.contains(&a.word(j)))
        && a.tokens
            .iter()
            .any(|t| MEDICAL_DRAW.contains(&t.text.as_str()))
}

/// Adjectives and participles of being covered in blood.
#[rustfmt::skip]
const BLOOD_COVER: &[&str] = &[
    "covered", "soaked", "drenched", "caked", "smeared", "spattered", "splattered", "slick",
    "dripping", "bathed", "stained", "streaked", "sticky", "wet", "slippery", "coated", "filled", "full",
];

/// Blood: flowing from someone (injurious), covering someone, or lying about with no one
/// bleeding (borderline).
pub(crate) fn blood_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "blood" | "gore") {
        return None;
    }
    let prev = if i > 0 { a.word(i - 1) } else { "" };
    if let Some(c) = no_wound_blood(a, i, prev) {
        return Some(c);
    }
    let owner = blood_owner(a, i, prev);
    if let Some(c) = coughed_or_drawn_blood(a, i, prev) {
        return Some(c);
    }
    if let Some(c) = flowing_blood(a, i, &owner) {
        return Some(c);
    }
    if let Some(c) = covering_blood(a, i, &owner) {
        return Some(c);
    }
    // any other blood: someone bled, but who and whether is not said
    Some(
        Candidate::new(
            InjuryKind::Bleeding,
            3,
            owner.unwrap_or(Referent::Unknown),
            i,
            "blood",
        )
        .form(Form::State)
        .fixed(
            Status::Borderline,
            "blood is mentioned but no one is said to bleed",
        ),
    )
}

/// Blood at `i` that is no wound (`prev`: the word before it): stage make-up, blood
/// collected in a tube or a bag, `no blood`.
fn no_wound_blood(a: &Analysis, i: usize, prev: &str) -> Option<Candidate> {
    if made_up(a) {
        return Some(
            Candidate::new(
                InjuryKind::Bleeding,
                3,
                Referent::Unknown,
                i,
                "pretend blood",
            )
            .fixed(Status::Figurative, "blood or gore made of stage make-up"),
        );
    }
    if collected(a, i) {
        return Some(
            Candidate::new(
                InjuryKind::Bleeding,
                3,
                Referent::Unknown,
                i,
                "blood collected",
            )
            .fixed(
                Status::Figurative,
                "blood collected in a tube or a bag: a draw or a donation",
            ),
        );
    }
    if matches!(prev, "no" | "without") {
        return Some(
            Candidate::new(InjuryKind::Bleeding, 3, Referent::Unknown, i, "blood")
                .fixed(Status::Negated, "no blood"),
        );
    }
    None
}

/// The owner named before the blood at `i` (`his blood`, `Tom's own blood`).
fn blood_owner(a: &Analysis, i: usize, prev: &str) -> Option<Referent> {
    // `his own blood`: the owner is before `own`
    let owner_at = if prev == "own" && i > 1 {
        i - 2
    } else {
        i.saturating_sub(1)
    };
    if i > 0 {
        owner_named_by(&a.tokens[owner_at].text, a.tokens[owner_at].possessive)
    } else {
        None
    }
}

/// Blood coughed (up), spat, tasted or drawn (`prev`: the word before it): the subject
/// bleeds, unless it is drawn (a medical draw is no wound).
fn coughed_or_drawn_blood(a: &Analysis, i: usize, prev: &str) -> Option<Candidate> {
    // coughed (up) blood, drew blood
    if !matches!(
        prev,
        "coughed"
            | "spat"
            | "vomited"
            | "coughing"
            | "spitting"
            | "up"
            | "tasted"
            | "drew"
            | "draw"
            | "draws"
    ) {
        return None;
    }
    let verb = if prev == "up" {
        i.saturating_sub(2)
    } else {
        i - 1
    };
    let drawn = matches!(prev, "drew" | "draw" | "draws");
    if drawn
        && a.tokens
            .iter()
            .any(|t| MEDICAL_DRAW.contains(&t.text.as_str()))
    {
        return Some(
            Candidate::new(InjuryKind::Bleeding, 3, Referent::Unknown, i, "drew blood")
                .fixed(Status::Figurative, "a blood draw, like giving blood"),
        );
    }
    let victim = if drawn {
        Referent::Unknown
    } else {
        subject_victim(a, verb)
    };
    Some(
        Candidate::new(InjuryKind::Bleeding, 4, victim, i, format!("{prev} blood"))
            .form(Form::Report),
    )
}

/// Blood flowing (`blood ran from his nose`, `his blood pooled`): from the body part or
/// the character it flows from, or else from `owner`.
fn flowing_blood(a: &Analysis, i: usize, owner: &Option<Referent>) -> Option<Candidate> {
    // blood flowing: `blood ran from his nose`, `his blood pooled`
    let j = (i + 1..(i + 3).min(a.tokens.len())).find(|&j| BLOOD_FLOW.contains(&a.word(j)))?;
    // where from: `from his nose`, `down her arm`
    let source = (j + 1..(j + 5).min(a.tokens.len()))
        .find(|&k| {
            matches!(
                a.word(k),
                "from" | "down" | "over" | "out" | "across" | "into" | "onto" | "through"
            )
        })
        .and_then(|k| a.np_at(if a.word(k + 1) == "of" { k + 2 } else { k + 1 }));
    let (victim, part) = match source.as_ref().map(|np| &np.head) {
        Some(Head::Part { part, possessor }) => (
            possessor
                .clone()
                .or(owner.clone())
                .unwrap_or(Referent::Unknown),
            Some(part.clone()),
        ),
        Some(Head::Character(r)) => (r.clone(), None),
        _ => (owner.clone().unwrap_or(Referent::Unknown), None),
    };
    let directness = if victim == Referent::Unknown {
        Directness::Implied
    } else {
        Directness::Explicit
    };
    Some(
        Candidate::new(
            InjuryKind::Bleeding,
            3,
            victim,
            i,
            format!("blood {}", a.word(j)),
        )
        .part(part)
        .form(Form::Report)
        .directness(directness),
    )
}

/// Blood covering someone (`covered in blood`, `a pool of his own blood`): `owner`'s, or
/// the subject's; blood on a thing is borderline.
fn covering_blood(a: &Analysis, i: usize, owner: &Option<Referent>) -> Option<Candidate> {
    // `covered in blood`, `a pool of his own blood`
    let j = (i.saturating_sub(5)..i)
        .find(|&j| BLOOD_COVER.contains(&a.word(j)) || a.word(j) == "pool")?;
    let subject = a.subject_of(j).or_else(|| a.neighbouring_subject(j));
    let who = owner
        .clone()
        .or_else(|| match subject.as_ref().map(|s| &s.head) {
            Some(Head::Character(r)) => Some(r.clone()),
            Some(Head::Part { possessor, .. }) => {
                Some(possessor.clone().unwrap_or(Referent::Unknown))
            }
            _ => None,
        });
    Some(match who {
        Some(victim) => {
            Candidate::new(InjuryKind::Bleeding, 3, victim, i, "covered in blood").form(Form::State)
        }
        None => Candidate::new(
            InjuryKind::Bleeding,
            3,
            Referent::Unknown,
            i,
            "blood on a thing",
        )
        .fixed(Status::Borderline, "blood on a thing: whose is not said"),
    })
}

/// Whose body part a token names as its owner: a possessive name (`Tom's`) or a
/// possessive pronoun (`his`, `her`).
pub(super) fn owner_named_by(text: &str, possessive: bool) -> Option<Referent> {
    if possessive {
        Some(Referent::Name(text.to_string()))
    } else {
        pronoun(text)
            .filter(|p| p.possessive || text == "her")
            .map(|p| Referent::Pronoun(p.group))
    }
}
