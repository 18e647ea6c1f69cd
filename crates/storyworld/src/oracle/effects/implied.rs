//! Injuries told by what they imply, reported as having happened: a fall from a height
//! onto something hard, a shot and then someone who drops, a scene turned red with blood,
//! a drink of poison.

use super::owners::possessive_owner;
use crate::lexicon::InjuryKind;
use crate::oracle::event::{Candidate, Directness, Form};
use crate::oracle::sentence::{Analysis, Head, Referent};

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
    if !(FIRING.contains(&a.word(i)) || rang_out)
        || crate::oracle::voice::passive_aux(a, i).is_some()
    {
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
