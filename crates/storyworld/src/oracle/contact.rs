//! Contact rules: blood, weapons reaching a body, wounds being treated, burials,
//! knock-outs.

use super::event::{Candidate, Directness, Form, Status};
use super::grammar::{is_negator, pronoun};
use super::idioms::subject_victim;
use super::sentence::{Analysis, Head, Referent};
use crate::lexicon::InjuryKind;

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

/// Verbs that take a weapon out of a body (`removed the bullet from his shoulder`).
#[rustfmt::skip]
const REMOVAL_VERBS: &[&str] = &[
    "removed", "remove", "removes", "removing", "pulled", "pull", "pulls", "dug", "dig",
    "extracted", "extract", "take", "took", "takes", "yanked", "yank", "plucked", "pluck",
    "drew", "draw", "tugged", "tug", "wrenched", "wrench", "cut", "eased", "ease", "picked",
    "pick", "picks", "prised", "pried", "prized", "tweezed", "worked",
];

/// Verbs of a weapon sticking out of a body (`an arrow jutted from his thigh`).
#[rustfmt::skip]
const PROTRUSION_VERBS: &[&str] = &[
    "jutted", "jutting", "juts", "protruded", "protruding", "protrudes", "stuck", "sticking",
    "poked", "poking", "stood", "standing", "quivered", "quivering",
];

/// Prepositions through which a weapon reaches into a body.
const INTO: &[&str] = &["in", "into", "through", "deep", "between", "under", "below"];

/// Body parts in which a weapon is held or carried, not driven.
#[rustfmt::skip]
const HOLDING_PARTS: &[&str] = &[
    "hand", "hands", "fist", "fists", "palm", "grip", "mouth", "teeth", "lap", "arms", "belt",
    "pocket", "fingers",
];

/// Blood: flowing from someone (injurious), covering someone, or lying about with no one
/// bleeding (borderline).
pub(crate) fn blood_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "blood" | "gore") {
        return None;
    }
    let prev = if i > 0 { a.word(i - 1) } else { "" };
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
    // `his own blood`: the owner is before `own`
    let owner_at = if prev == "own" && i > 1 {
        i - 2
    } else {
        i.saturating_sub(1)
    };
    let owner = if i > 0 {
        owner_named_by(&a.tokens[owner_at].text, a.tokens[owner_at].possessive)
    } else {
        None
    };
    // coughed (up) blood, drew blood
    if matches!(
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
        return Some(
            Candidate::new(InjuryKind::Bleeding, 4, victim, i, format!("{prev} blood"))
                .form(Form::Report),
        );
    }
    // blood flowing: `blood ran from his nose`, `his blood pooled`
    let flow_at = (i + 1..(i + 3).min(a.tokens.len())).find(|&j| BLOOD_FLOW.contains(&a.word(j)));
    if let Some(j) = flow_at {
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
                possessor.clone().or(owner).unwrap_or(Referent::Unknown),
                Some(part.clone()),
            ),
            Some(Head::Character(r)) => (r.clone(), None),
            _ => (owner.unwrap_or(Referent::Unknown), None),
        };
        let directness = if victim == Referent::Unknown {
            Directness::Implied
        } else {
            Directness::Explicit
        };
        return Some(
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
        );
    }
    // `covered in blood`, `a pool of his own blood`
    let cover =
        (i.saturating_sub(5)..i).find(|&j| BLOOD_COVER.contains(&a.word(j)) || a.word(j) == "pool");
    if let Some(j) = cover {
        let subject = a.subject_of(j).or_else(|| a.neighbouring_subject(j));
        let who = owner.or_else(|| match subject.as_ref().map(|s| &s.head) {
            Some(Head::Character(r)) => Some(r.clone()),
            Some(Head::Part { possessor, .. }) => {
                Some(possessor.clone().unwrap_or(Referent::Unknown))
            }
            _ => None,
        });
        return Some(match who {
            Some(victim) => Candidate::new(InjuryKind::Bleeding, 3, victim, i, "covered in blood")
                .form(Form::State),
            None => Candidate::new(
                InjuryKind::Bleeding,
                3,
                Referent::Unknown,
                i,
                "blood on a thing",
            )
            .fixed(Status::Borderline, "blood on a thing: whose is not said"),
        });
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

/// Whether a weapon word is a projectile (one in a hand went in; a knife there is held).
fn is_projectile(w: &str) -> bool {
    matches!(
        w,
        "arrow"
            | "arrows"
            | "bullet"
            | "bullets"
            | "bolt"
            | "bolts"
            | "dart"
            | "darts"
            | "slug"
            | "slugs"
            | "pellet"
            | "pellets"
            | "buckshot"
            | "shrapnel"
            | "shot"
    )
}

/// A weapon reaching a body: `the arrow found his throat`, `a knife in his chest`,
/// `the bullet tore into his leg`.
pub(crate) fn weapon_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    let weapon = *a.lexicon.weapons.get(w)?;
    // a noun here, not a verb (`pain shot through his leg`): after a determiner, a
    // possessive or an adjective that follows one, or a plural opening the sentence
    let prev = if i > 0 { a.word(i - 1) } else { "" };
    let prev_possessive = i > 0 && a.tokens[i - 1].possessive;
    let noun_here = super::grammar::is_determiner(prev)
        || prev_possessive
        || super::grammar::is_number_word(prev)
        || (i >= 2
            && super::grammar::is_determiner(a.word(i - 2))
            && !a.lexicon.verb_forms.contains_key(prev))
        || (prev.is_empty() && w.ends_with('s'));
    if !noun_here {
        return None;
    }
    let is_contact_verb = |v: &str| a.lexicon.contact_forms.contains(v);
    // `removed the bullet from his shoulder`, `an arrow jutted from his thigh`: a weapon
    // taken out of a body, or sticking out of one, had gone in
    let removed = (i.saturating_sub(3)..i).any(|j| REMOVAL_VERBS.contains(&a.word(j)));
    let clause_end = a.clause(i).end;
    for j in i + 1..(i + 5).min(clause_end) {
        let v = a.word(j);
        let protruding = PROTRUSION_VERBS.contains(&v);
        if !(removed || protruding) {
            continue;
        }
        let from = (j..(j + 3).min(clause_end))
            .find(|&k| a.word(k) == "from" || (a.word(k) == "of" && a.word(k - 1) == "out"));
        let Some(from) = from else { continue };
        if let Some(np) = a.np_at(from + 1)
            && let Head::Part { part, possessor } = &np.head
        {
            // `pulled the knife from his hand`: a blade taken from a hand was held
            if !is_projectile(w) && HOLDING_PARTS.contains(&part.as_str()) {
                return None;
            }
            return Some(
                Candidate::new(
                    weapon.kind,
                    weapon.severity,
                    possessor.clone().unwrap_or(Referent::Unknown),
                    i,
                    format!("{w} {}", a.word(from)),
                )
                .part(Some(part.clone()))
                .directness(Directness::Implied)
                .form(Form::State)
                .presupposed(),
            );
        }
        break;
    }
    let end = (i + 10).min(a.tokens.len());
    for j in i + 1..end {
        let v = a.word(j);
        // `took an arrow to the knee`: `to` reaches the body after taking a hit
        let took = i >= 2
            && matches!(
                a.word(i - 2),
                "took" | "take" | "takes" | "taking" | "caught" | "catches"
            );
        if took && v == "to" {
            let np = a.np_at(j + 1)?;
            if let Head::Part { part, possessor } = &np.head {
                let victim = possessor
                    .clone()
                    .unwrap_or_else(|| subject_victim(a, i - 2));
                return Some(
                    Candidate::new(
                        weapon.kind,
                        weapon.severity,
                        victim,
                        i,
                        format!("took a {w}"),
                    )
                    .part(Some(part.clone())),
                );
            }
            return None;
        }
        if v.is_empty()
            || is_negator(v)
            || matches!(
                v,
                "missed" | "misses" | "past" | "wide" | "off" | "to" | "at"
            )
        {
            return None;
        }
        // a character in between: the weapon is the subject of some verb of its own
        // (`the arrow struck Imri in the shin`), which the verb rules read
        if a.is_name(j)
            || pronoun(v).is_some_and(|p| !p.possessive)
            || a.lexicon.persons.contains(v)
        {
            return None;
        }
        let into = INTO.contains(&v);
        let contact = !into && is_contact_verb(v);
        if !into && !contact {
            continue;
        }
        // skip `itself`, `deep` and further prepositions: `buried itself deep in his side`
        let mut k = j + 1;
        while k < end + 3
            && (INTO.contains(&a.word(k)) || matches!(a.word(k), "itself" | "deep" | "straight"))
        {
            k += 1;
        }
        let np = a.np_at(k)?;
        let (victim, part) = match &np.head {
            Head::Part { part, possessor } => {
                // a knife in his hand is held; an arrow in his hand is not
                if v == "in" && !is_projectile(w) && HOLDING_PARTS.contains(&part.as_str()) {
                    return None;
                }
                (
                    possessor.clone().unwrap_or(Referent::Unknown),
                    Some(part.clone()),
                )
            }
            // `the bus took Tom to school`: a take that carries someone somewhere
            Head::Character(_)
                if contact
                    && matches!(
                        v,
                        "took" | "takes" | "take" | "taking" | "caught" | "catches"
                    )
                    && (matches!(
                        a.word(np.end),
                        "to" | "home"
                            | "away"
                            | "back"
                            | "up"
                            | "by"
                            | "aside"
                            | "along"
                            | "with"
                            | "into"
                            | "out"
                            | "for"
                            | "across"
                            | "over"
                            | "around"
                            | "round"
                            | "too"
                            | "unawares"
                            | "napping"
                    ) || a.word(np.end + 1) == "guard") =>
            {
                return None;
            }
            Head::Character(r) if contact => (r.clone(), None),
            // `cut through the rope and into his wrist`: past a thing, read on
            Head::Thing(_) if a.word(np.end) == "and" => continue,
            _ => return None,
        };
        return Some(
            Candidate::new(weapon.kind, weapon.severity, victim, i, format!("{w} {v}"))
                .part(part)
                .form(if contact { Form::Act } else { Form::State }),
        );
    }
    None
}

/// `bandaged his arm`, `her leg in a cast`, `knocked him out`.
pub(crate) fn treatment_or_knockout_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    if matches!(
        w,
        "bandaged" | "bandaging" | "stitched" | "splinted" | "dressed" | "bandage" | "bandages"
    ) {
        let np = a.np_at(i + 1)?;
        let victim = np.victim()?;
        let dressed_ok = w != "dressed" || matches!(a.word(np.head_index), "wound" | "wounds");
        if !dressed_ok {
            return None;
        }
        return Some(
            Candidate::new(InjuryKind::Harm, 3, victim, i, w)
                .part(match &np.head {
                    Head::Part { part, .. } => Some(part.clone()),
                    _ => None,
                })
                .directness(Directness::Implied)
                .form(Form::State),
        );
    }
    if w == "in" && a.word(i + 1) == "a" && matches!(a.word(i + 2), "sling" | "cast") && i > 0 {
        let np = a.np_ending_at(i - 1, a.clause(i).start)?;
        if let Head::Part { part, possessor } = &np.head {
            return Some(
                Candidate::new(
                    InjuryKind::Fracture,
                    5,
                    possessor.clone().unwrap_or(Referent::Unknown),
                    i,
                    "in a cast",
                )
                .part(Some(part.clone()))
                .directness(Directness::Implied)
                .form(Form::State),
            );
        }
    }
    // `they buried her father`: a burial implies a death
    if matches!(w, "buried" | "bury" | "buries" | "burying") {
        // `Tom will be buried tomorrow`: a named or described character, not `buried in
        // snow` or `buried alive`
        if let Some(aux) = super::voice::passive_aux(a, i)
            && let Some(np) = a.subject_of(aux + 1).or_else(|| a.subject_of(i))
            && let Head::Character(r @ (Referent::Name(_) | Referent::Noun(_))) = &np.head
            && !matches!(a.word(i + 1), "alive" | "in" | "under" | "beneath" | "by")
        {
            return Some(
                Candidate::new(
                    InjuryKind::Death,
                    9,
                    r.clone(),
                    i,
                    format!("{w} (a burial)"),
                )
                .directness(Directness::Implied)
                .form(Form::State)
                .presupposed(),
            );
        }
        let np = a.np_at(i + 1)?;
        if let Head::Character(r) = &np.head {
            // `we will bury Father on Sunday`; but `I'll bury you` is a threat
            let presupposed = matches!(r, Referent::Name(_) | Referent::Noun(_));
            let c = Candidate::new(
                InjuryKind::Death,
                9,
                r.clone(),
                i,
                format!("{w} {}", a.word(np.head_index)),
            )
            .directness(Directness::Implied)
            .form(Form::State);
            return Some(if presupposed { c.presupposed() } else { c });
        }
        return None;
    }
    if matches!(w, "knocked" | "knock" | "knocks" | "knocking") {
        // `she was knocked out by the punch`
        if matches!(a.word(i + 1), "out" | "unconscious" | "senseless")
            && let Some(aux) = super::voice::passive_aux(a, i)
            && let Some(Head::Character(r)) = a.subject_of(aux + 1).map(|np| np.head)
        {
            return Some(Candidate::new(
                InjuryKind::Unconscious,
                4,
                r,
                i,
                format!("knocked {}", a.word(i + 1)),
            ));
        }
        let np = a.np_at(i + 1)?;
        if let Head::Character(r) = &np.head
            && matches!(
                a.word(np.end),
                "out" | "unconscious" | "cold" | "senseless" | "flat" | "down"
            )
        {
            let (kind, sev) = if a.word(np.end) == "down" {
                (InjuryKind::Blow, 2)
            } else {
                (InjuryKind::Unconscious, 4)
            };
            return Some(Candidate::new(
                kind,
                sev,
                r.clone(),
                i,
                format!("knocked {}", a.word(np.end)),
            ));
        }
        // `knocked three of her teeth out`
        if let Head::Part { part, possessor } = &np.head
            && matches!(part.as_str(), "tooth" | "teeth")
            && matches!(a.word(np.end), "out" | "loose")
        {
            let victim = possessor
                .clone()
                .or_else(|| {
                    (np.start..np.head_index)
                        .find_map(|k| owner_named_by(&a.tokens[k].text, a.tokens[k].possessive))
                })
                .unwrap_or(Referent::Unknown);
            return Some(
                Candidate::new(InjuryKind::Maim, 4, victim, i, "knocked teeth out")
                    .part(Some(part.clone())),
            );
        }
    }
    None
}

/// Whose body part a token names as its owner: a possessive name (`Tom's`) or a
/// possessive pronoun (`his`, `her`).
fn owner_named_by(text: &str, possessive: bool) -> Option<Referent> {
    if possessive {
        Some(Referent::Name(text.to_string()))
    } else {
        pronoun(text)
            .filter(|p| p.possessive || text == "her")
            .map(|p| Referent::Pronoun(p.group))
    }
}
