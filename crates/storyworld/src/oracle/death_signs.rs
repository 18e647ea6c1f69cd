//! The signs of a death, composed rather than listed: a character's chest, breathing or
//! pulse in a state of stopping (`her chest had gone still`, `his pulse faded to
//! nothing`), the light leaving a character's eyes or eyes that see nothing (`the light
//! went out of its eyes`, `his eyes stared sightlessly`), and the remains and rites of a
//! person (`sealed body bags`, `built a pyre`, `his name cut into the village memorial`,
//! `lay old Tamsin in the ground`, an animal `put to sleep` at the vet's).

use super::effects::possessive_owner;
use super::event::{Candidate, Directness, Form};
use super::sentence::{Analysis, Head, Referent};
use crate::lexicon::InjuryKind;

/// The words at which this module's rules start, besides the signs of life.
#[rustfmt::skip]
pub(super) const TRIGGERS: &[&str] = &[
    "sightless", "sightlessly", "unseeing", "unseeingly", "light", "name", "body", "bodies",
    "skeleton", "skeletons", "pyre", "pyres", "lay", "laid", "laying", "put", "puts", "putting",
    "lowered", "lower", "placed", "place", "hanging", "hung", "dug", "dig", "digs", "digging",
    "cold", "heart", "hearts",
];

/// A death implied by what the text shows, at `i`, for `victim`.
fn death(victim: Referent, i: usize, trigger: impl Into<String>) -> Candidate {
    Candidate::new(InjuryKind::Death, 9, victim, i, trigger)
        .directness(Directness::Implied)
        .form(Form::Report)
}

/// The signs of life that stop (the heart has its own idioms, and a body that goes
/// still is often only frozen in fear).
pub(super) const VITAL_SIGNS: &[&str] = &["chest", "breathing", "pulse", "heartbeat", "breaths"];

/// States of a sign of life that has stopped.
#[rustfmt::skip]
const STOPPED: &[&str] = &[
    "still", "stopped", "ceased", "faded", "stilled", "flat", "flatlined", "nothing", "vanished",
    "died", "gone", "silent", "absent",
];

/// Words that may stand between a sign of life and its stopping (`had gone still`,
/// `fluttered, faded`, `perfectly still`).
#[rustfmt::skip]
const STOP_LINKS: &[&str] = &[
    "had", "has", "was", "is", "went", "gone", "fell", "grew", "lay", "been", "perfectly",
    "completely", "utterly", "quite", "finally", "then", "and", "fluttered", "slowed",
    "weakened", "heaved", "rose", "once", "more", "one", "last", "time", "to", "stuttered",
    "faltered", "flickered", "away",
];

/// A character's chest, breathing or pulse that has stopped: `her chest had gone still`,
/// `his pulse fluttered, faded`, `his chest perfectly still`.
pub(crate) fn stopped_sign_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    if !VITAL_SIGNS.contains(&w) {
        return None;
    }
    let owner = i.checked_sub(1).and_then(|k| possessive_owner(a, k))?;
    if let Referent::Noun(n) = &owner
        && !a.lexicon.is_character_noun(n)
    {
        return None;
    }
    let mut k = i + 1;
    while k < (i + 9).min(a.tokens.len()) {
        let v = a.word(k);
        if STOPPED.contains(&v) {
            // `her breathing stopped for a moment`, `held still`: a pause is not a death
            if matches!(
                a.word(k + 1),
                "for" | "when" | "as" | "while" | "at" | "in" | "with"
            ) {
                return None;
            }
            return Some(death(owner, k, format!("{w} {v}")));
        }
        let comma = !a.tokens[k].is_word && a.tokens[k].text == ",";
        if !(comma || STOP_LINKS.contains(&v)) {
            return None;
        }
        k += 1;
    }
    None
}

/// Verbs that stop a sign of life as their object (`the foxglove had stopped his heart`).
const STOPPING: &[&str] = &["stopped", "stop", "stops", "stilled", "silenced"];

/// A sign of life that something stops: `by morning the foxglove in it had stopped his
/// heart`, `the cold stilled her breathing` — the object of a verb of stopping, owned by a
/// character other than the speaker (`it stopped my heart` is a fright told big), with a
/// subject that is no feeling, news or expression (`her smile stopped his heart`), and
/// not for a moment (`stopped his breath for a second`).
pub(crate) fn stopped_by_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    if !(VITAL_SIGNS.contains(&w) || matches!(w, "heart" | "hearts" | "breath")) || i < 2 {
        return None;
    }
    // the verb, past the owner's determiner and adjectives (`stopped the old king's heart`)
    let verb = (i.saturating_sub(5)..i - 1)
        .rev()
        .find(|&k| STOPPING.contains(&a.word(k)))?;
    let owner = possessive_owner(a, i - 1)?;
    // `the news stopped her heart`, `her smile stopped his heart`: a feeling told big
    // `the foxglove in it`: the phrase a preposition hangs on is the subject
    let subject = a.subject_of(verb).map(|np| match np.start.checked_sub(2) {
        Some(k) if super::grammar::is_preposition(a.word(k + 1)) => {
            a.np_ending_at(k, a.clause(k).start).unwrap_or(np)
        }
        _ => np,
    });
    let figurative = super::voice::is_abstract(&subject)
        || matches!(&subject, Some(np) if matches!(&np.head, Head::Thing(t)
            if crate::lexicon::core_words::DITRANSITIVE_FIGURATIVE.contains(&t.as_str())));
    if figurative {
        return None;
    }
    match &owner {
        Referent::Noun(n) if !a.lexicon.is_character_noun(n) => return None,
        Referent::Pronoun(super::grammar::PronounGroup::First) => return None,
        _ => {}
    }
    if matches!(a.word(i + 1), "for" | "when" | "as" | "while" | "with") {
        return None;
    }
    Some(death(owner, i, format!("stopped {w}")))
}

/// The light leaving a character's eyes (`the light went out of its golden eyes`) or
/// eyes that see nothing (`his eyes stared sightlessly at the ceiling`).
pub(crate) fn dead_eyes_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    if matches!(w, "sightless" | "sightlessly" | "unseeing" | "unseeingly") {
        let end = a.clause(i).end;
        let from = a.clause(i).start.max(i.saturating_sub(5));
        let eyes = (from..(i + 5).min(end)).find(|&k| matches!(a.word(k), "eyes" | "eye"))?;
        let owner = eyes.checked_sub(1).and_then(|k| possessive_owner(a, k))?;
        // a blind character's eyes are sightless all their life
        if a.tokens.iter().any(|t| t.text == "blind") {
            return None;
        }
        return Some(death(owner, i, format!("eyes {w}")));
    }
    if w != "light" {
        return None;
    }
    let verb = a.word(i + 1);
    let (out, from) = match verb {
        "went" | "goes" | "go" | "had" => (a.word(i + 2) == "out", i + 3),
        "left" | "leaves" | "faded" | "died" | "drained" => (true, i + 2),
        _ => (false, 0),
    };
    if !out {
        return None;
    }
    let from = if a.word(from) == "gone" || a.word(from) == "out" {
        from + 1
    } else {
        from
    };
    let from = if matches!(a.word(from), "of" | "from") {
        from + 1
    } else {
        from
    };
    let np = a.np_at(from)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    if !matches!(part.as_str(), "eye" | "eyes") {
        return None;
    }
    let owner = possessor
        .or_else(|| (np.start..np.head_index).find_map(|k| possessive_owner(a, k)))
        .unwrap_or(Referent::Unknown);
    Some(death(owner, i, "the light left the eyes"))
}

/// Memorials that carry the names of the dead.
#[rustfmt::skip]
const MEMORIALS: &[&str] = &[
    "memorial", "cenotaph", "headstone", "gravestone", "tombstone", "grave", "tomb", "crypt",
    "mausoleum", "obelisk",
];

/// Places of the dead where a stone or a cross with a name is a grave.
const GRAVEYARDS: &[&str] = &["cemetery", "graveyard", "churchyard", "necropolis"];

/// A character's name on a memorial or a grave's stone: `his name was cut into the new
/// village memorial`, `knelt by the stone bearing Pieter's name` in a cemetery.
pub(crate) fn name_on_memorial_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if a.word(i) != "name" {
        return None;
    }
    let owner = i.checked_sub(1).and_then(|k| possessive_owner(a, k))?;
    if let Referent::Noun(n) = &owner
        && !a.lexicon.is_character_noun(n)
    {
        return None;
    }
    // `signed her name in the memorial book`: one's own name written is no death
    if (i.saturating_sub(3)..i).any(|k| {
        matches!(
            a.word(k),
            "signed"
                | "sign"
                | "signs"
                | "wrote"
                | "write"
                | "writes"
                | "scribbled"
                | "gave"
                | "spelled"
                | "spelt"
                | "printed"
        )
    }) {
        return None;
    }
    let words = || a.tokens.iter().map(|t| t.text.as_str());
    let memorial = words().any(|w| MEMORIALS.contains(&w));
    let stone = words().any(|w| matches!(w, "stone" | "cross" | "plaque" | "marker"))
        && words().any(|w| GRAVEYARDS.contains(&w));
    if !(memorial || stone) {
        return None;
    }
    Some(death(owner, i, "a name on a memorial").presupposed())
}

/// Whether a count stands before `i`: a number (`eleven`, `12`, `forty-two`) or a word of
/// many (`several`, `dozens of`, `a dozen`).
fn counted(a: &Analysis, i: usize) -> bool {
    let prev = a.word(i.wrapping_sub(1));
    let before_of = if prev == "of" {
        a.word(i.wrapping_sub(2))
    } else {
        ""
    };
    prev.chars().all(|c| c.is_ascii_digit()) && !prev.is_empty()
        || super::frames::is_number_word(prev)
        || matches!(prev, "several" | "dozen" | "countless" | "many")
        || matches!(before_of, "dozens" | "hundreds" | "thousands" | "scores")
}

/// Verbs of finding or recovering the dead (`pulled eleven bodies from the mud`).
#[rustfmt::skip]
const RECOVERING: &[&str] = &[
    "pulled", "found", "recovered", "dug", "identified", "buried", "carried", "removed",
    "dragged", "retrieved", "exhumed", "unearthed", "counted", "collected", "lay", "lying",
    "littered", "washed", "floated", "floating", "laid", "stacked", "piled", "lined",
];

/// Whether the sentence finds or recovers what it counts.
fn recovered(a: &Analysis) -> bool {
    a.tokens
        .iter()
        .any(|t| RECOVERING.contains(&t.text.as_str()))
}

/// The remains of people: `sealed body bags`, a skeleton found, a pyre built.
pub(crate) fn remains_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    match w {
        // `three of the four bunks held sealed body bags`
        "body" | "bodies" if matches!(a.word(i + 1), "bag" | "bags") => {
            Some(death(Referent::Unknown, i, "a body bag").form(Form::State))
        }
        // `pulled eleven bodies from the mud`, `found dozens of bodies`: bodies counted and
        // recovered are the dead (not `two bodies of water`, `two bodies pressed together
        // on the dance floor`)
        "bodies" if counted(a, i) && a.word(i + 1) != "of" && recovered(a) => {
            Some(death(Referent::Unknown, i, "bodies counted").form(Form::State))
        }
        // a skeleton in an alcove is someone's; a skeleton key, crew or costume is not
        "skeleton" | "skeletons" => {
            let next = a.word(i + 1);
            if matches!(
                next,
                "key" | "keys" | "crew" | "staff" | "costume" | "costumes" | "outline" | "plan"
            ) {
                return None;
            }
            let before = (i.saturating_sub(3)..i).map(|k| a.word(k));
            let mut before = before;
            if before.any(|b| {
                matches!(
                    b,
                    "plastic"
                        | "model"
                        | "halloween"
                        | "anatomical"
                        | "classroom"
                        | "toy"
                        | "paper"
                        | "cardboard"
                        | "dinosaur"
                        | "whale"
                        | "fish"
                        | "leaf"
                )
            }) {
                return None;
            }
            // a skeleton found is a death; one in a lab or a museum is an exhibit
            if a.tokens.iter().any(|t| {
                matches!(
                    t.text.as_str(),
                    "museum"
                        | "lab"
                        | "laboratory"
                        | "classroom"
                        | "biology"
                        | "anatomy"
                        | "closet"
                )
            }) {
                return None;
            }
            Some(death(Referent::Unknown, i, "a skeleton").form(Form::State))
        }
        // a pyre is a funeral; a pyre of books is a burning
        "pyre" | "pyres" if a.word(i + 1) != "of" => {
            Some(death(Referent::Unknown, i, "a funeral pyre").form(Form::State))
        }
        _ => None,
    }
}

/// A character laid in the ground: `they will lay old Tamsin in the ground`, `we put him
/// in the earth`.
pub(crate) fn laid_in_ground_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "lay" | "laid" | "laying" | "put" | "putting" | "lowered" | "lower" | "placed" | "place"
    ) {
        return None;
    }
    let np = a.np_at(i + 1)?;
    let Head::Character(victim) = &np.head else {
        return None;
    };
    if !matches!(a.word(np.end), "in" | "into") {
        return None;
    }
    let place = np.end + 1;
    let place = if a.word(place) == "the" {
        place + 1
    } else {
        place
    };
    if !matches!(a.word(place), "ground" | "earth" | "grave") || a.word(place + 1) == "floor" {
        return None;
    }
    Some(death(victim.clone(), i, "laid in the ground").presupposed())
}

/// An animal put to sleep (`the vet put Shep to sleep`, `we had to put the old dog to
/// sleep`): a vet or an injection in the sentence, or an obligation (a puppy, like a
/// child, is put to sleep every night).
pub(crate) fn put_to_sleep_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "put" | "puts" | "putting") {
        return None;
    }
    let np = a.np_at(i + 1)?;
    if !(a.word(np.end) == "to" && a.word(np.end + 1) == "sleep") {
        return None;
    }
    let Head::Character(victim) = &np.head else {
        return None;
    };
    let animal = matches!(victim, Referent::Noun(n) if a.lexicon.animals.contains(n.as_str()));
    let vet = a.tokens.iter().any(|t| {
        matches!(
            t.text.as_str(),
            "vet" | "vets" | "veterinarian" | "injection" | "needle"
        )
    });
    // `we had to put the old dog to sleep`: an obligation makes it the last sleep
    let had_to = i >= 2 && a.word(i - 1) == "to" && matches!(a.word(i - 2), "had" | "decided");
    if !((animal || matches!(victim, Referent::Name(_))) && (vet || animal && had_to)) {
        return None;
    }
    Some(death(victim.clone(), i, "put to sleep"))
}

/// What a hanged body hangs by.
#[rustfmt::skip]
const NOOSES: &[&str] = &[
    "neck", "belt", "rope", "noose", "cord", "scarf", "sheet", "sheets", "tie", "wire", "cable",
    "flex", "halter",
];

/// A character hanging by the neck or a rope: `found her stepfather hanging from the
/// ceiling fan by his own belt`, `the man hung from the beam by a rope` (not `hanging
/// from the branch by one hand`).
pub(crate) fn hanging_by_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "hanging" | "hung") {
        return None;
    }
    let end = (i + 12).min(a.tokens.len());
    let by = (i + 1..end).find(|&k| a.word(k) == "by")?;
    let noose = (by + 1..(by + 4).min(end)).any(|k| NOOSES.contains(&a.word(k)));
    if !noose || !(i + 1..by).any(|k| a.word(k) == "from") {
        return None;
    }
    // the one hanging: the object before (`found him hanging`) or the subject
    let victim = i
        .checked_sub(1)
        .and_then(|p| a.np_ending_at(p, a.clause(i).start.min(p)))
        .and_then(|np| match np.head {
            Head::Character(r) => Some(r),
            _ => None,
        })
        .or_else(|| match a.subject_of(i)?.head {
            Head::Character(r) => Some(r),
            _ => None,
        })?;
    Some(death(victim, i, "hanging by the neck"))
}

/// A grave dug for a character: `my brother dug her a grave`, `dug a grave for the dog`.
pub(crate) fn grave_dug_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "dug" | "dig" | "digs" | "digging") {
        return None;
    }
    // `dug her a grave`
    if let Some(np) = a.np_at(i + 1)
        && let Head::Character(victim) = &np.head
        && matches!(a.word(np.end), "a" | "an")
        && a.word(np.end + 1) == "grave"
    {
        return Some(death(victim.clone(), i, "a grave dug for").presupposed());
    }
    // `dug a grave for the dog`
    if matches!(a.word(i + 1), "a" | "the")
        && a.word(i + 2) == "grave"
        && a.word(i + 3) == "for"
        && let Some(np) = a.np_at(i + 4)
        && let Head::Character(victim) = np.head
    {
        return Some(death(victim, i, "a grave dug for").presupposed());
    }
    None
}

/// A character lying or found cold for hours: `the old count lay on his back, and he had
/// been cold for hours`.
pub(crate) fn cold_for_hours_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if a.word(i) != "cold" {
        return None;
    }
    let hours = a.word(i + 1) == "for"
        && matches!(a.word(i + 2), "hours" | "days" | "some")
        && (a.word(i + 2) != "some" || a.word(i + 3) == "hours");
    if !hours {
        return None;
    }
    if !(i.saturating_sub(3)..i).any(|k| super::grammar::is_copula(a.word(k))) {
        return None;
    }
    // a body lying or found cold for hours; someone waiting in the snow is only chilled
    if !(0..i).any(|k| matches!(a.word(k), "lay" | "lying" | "found" | "body" | "bed")) {
        return None;
    }
    let victim = match a.subject_of(i)?.head {
        Head::Character(r) => r,
        _ => return None,
    };
    Some(death(victim, i, "cold for hours"))
}
