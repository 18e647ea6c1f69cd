//! An active injury verb with its object (`stabbed him`, `cut his hand`, `cut the cake`):
//! the victim and the body part, and the uses that make it figurative or borderline —
//! idioms, contests, cameras, habits, abstract subjects, a betrayal.

use super::reading::Reading;
use crate::lexicon::core_words::DITRANSITIVE_FIGURATIVE;
use crate::lexicon::{InjuryKind, VerbForm};
use crate::oracle::event::{Candidate, Form, Status};
use crate::oracle::grammar::pronoun;
use crate::oracle::sentence::{Analysis, Head, Np, Referent};
use crate::oracle::voice::{
    abstract_subject_possible, agent_after, figurative_patient, is_abstract, part_of, to_death,
    weapon_of, with_weapon,
};

/// Words of a contest after a killing verb make it a win (`murdered his opponent in
/// twenty moves`, `killed them at chess`).
#[rustfmt::skip]
const CONTEST_WORDS: &[&str] = &[
    "chess", "match", "game", "games", "tournament", "debate", "election", "polls", "moves",
    "points", "sets", "quiz", "exam", "cards", "poker", "argument", "finals", "league", "derby",
    "contest", "competition", "scrabble", "checkers", "draughts", "tennis", "football",
    "inning", "innings", "playoffs", "semifinal", "semifinals", "rematch", "scoreboard",
    "halftime", "overtime", "score", "ball", "goals", "frame", "race", "votes", "tiebreak",
];

/// Number words a score is told in (`forty-two to three`).
#[rustfmt::skip]
const SCORE_NUMBERS: &[&str] = &[
    "nil", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "twenty", "thirty", "forty",
    "fifty", "sixty",
];

/// Whether a score (`42 to 3`, `forty-two to three`, `six-nil`) follows token `from`.
fn score_after(a: &Analysis, from: usize) -> bool {
    let number = |w: &str| {
        !w.is_empty()
            && (w.chars().all(|c| c.is_ascii_digit())
                || w.split('-')
                    .all(|p| SCORE_NUMBERS.contains(&p) || p.ends_with("ty")))
    };
    (from..a.tokens.len()).any(|j| {
        number(a.word(j))
            && (a.word(j + 1) == "to" && number(a.word(j + 2))
                || a.tokens.get(j + 1).is_some_and(|t| t.text == "-") && number(a.word(j + 2)))
    })
}

/// Words that make `shoot` a camera's (`shooting them against the sunset`).
#[rustfmt::skip]
pub(crate) const PHOTO_WORDS: &[&str] = &[
    "camera", "cameras", "photograph", "photographs", "photographed", "photographing", "photo",
    "photos", "film", "filmed", "filming", "movie", "lens", "portrait", "portraits", "pictures",
    "snapshot", "snapshots", "footage", "video",
];

/// The active transitive reading once its object is found (`stabbed him`, `cut his hand`,
/// `cut the cake`): the victim and the body part, and the idioms, contests, hyperboles and
/// habits that make the act figurative.
pub(super) fn object_reading(
    a: &Analysis,
    i: usize,
    reading: &Reading,
    object: Np,
    particle: Option<String>,
    word: String,
) -> Option<Candidate> {
    let Reading { kind, .. } = *reading;
    let subject = a.subject_of(i);
    let victim = object_victim(a, &object, &subject)?;
    let part = object_part(a, &object);
    let after = a.after(object.end).to_string();
    let c = reading.candidate(a, i, victim, part.clone(), word.clone(), Form::Act);
    let found = Found {
        object: &object,
        particle: particle.as_deref(),
        subject: &subject,
        part: &part,
        after: &after,
    };
    if let Some((status, why)) = idiom_status(a, reading, &found)
        .or_else(|| hyperbole_or_contest_status(a, reading, &found))
        .or_else(|| habit_or_betrayal_status(a, reading, &found))
    {
        return Some(c.fixed(status, why));
    }
    let mut c = with_weapon(c, weapon_of(&subject), a);
    c = with_weapon(c, weapon_of(&agent_after(a, object.end, "with")), a);
    c = to_death(a, object.end, kind, c);
    // a body part cut off is lost
    if matches!(c.kind, InjuryKind::Cut | InjuryKind::Stab)
        && (particle.as_deref() == Some("off") || after == "off")
        && part.is_some()
    {
        c.kind = InjuryKind::Maim;
        c.severity = c.severity.max(8);
    }
    Some(c)
}

/// What the active verb found around it: its object, particle and subject, the body part
/// it injures, and the word after the object.
struct Found<'f> {
    object: &'f Np,
    particle: Option<&'f str>,
    subject: &'f Option<Np>,
    part: &'f Option<String>,
    after: &'f str,
}

/// The victim of the object: the object's character or part owner, or the subject for a
/// reflexive object (`cut himself`) or an ownerless part counted by a number (`broke a
/// leg`).
fn object_victim(a: &Analysis, object: &Np, subject: &Option<Np>) -> Option<Referent> {
    let mut victim = object.victim()?;
    if let (Head::Character(Referent::Pronoun(_)), true) = (
        &object.head,
        pronoun(a.word(object.head_index)).is_some_and(|p| p.reflexive),
    ) && let Some(Head::Character(r)) = subject.as_ref().map(|s| &s.head)
    {
        victim = r.clone();
    }
    // `broke a leg`: an ownerless part counted by a number is the subject's
    if let Head::Part {
        possessor: None, ..
    } = object.head
        && matches!(a.word(object.start), "a" | "an" | "one" | "two" | "both")
        && let Some(Head::Character(r)) = subject.as_ref().map(|s| &s.head)
    {
        victim = r.clone();
    }
    Some(victim)
}

/// The body part injured: the object's own, or for a character the part of the
/// prepositional phrase after it (`stabbed him in the chest`).
fn object_part(a: &Analysis, object: &Np) -> Option<String> {
    // `stabbed him in the chest`: the body part of the PP
    part_of(object).or_else(|| {
        if !matches!(object.head, Head::Character(_))
            || !matches!(
                a.word(object.end),
                "in" | "on" | "across" | "into" | "through"
            )
        {
            return None;
        }
        match a.np_at(object.end + 1).map(|np| np.head) {
            Some(Head::Part { part, .. }) => Some(part),
            _ => None,
        }
    })
}

/// The status of an act made figurative or an attempt by its wording: a phrasal verb
/// (`hit on`, `lashed out`, `at`), an idiom (`cut him off`, `beat him at`, `struck him
/// as`), a ditransitive idiom (`shot him a look`).
fn idiom_status(a: &Analysis, reading: &Reading, f: &Found) -> Option<(Status, &'static str)> {
    let lemma = reading.lemma;
    let (object, part) = (f.object, f.part);
    if let Some(p) = f.particle {
        let figurative = matches!(
            (lemma, p),
            ("hit" | "knock" | "beat", "on") | ("lash", "out") | ("kick", "out")
        );
        if figurative {
            return Some((Status::Figurative, "a phrasal verb, not a blow"));
        }
        if p == "at" {
            return Some((Status::Attempt, "an attack `at` someone may not land"));
        }
    }
    let figurative_after = match (lemma, f.after) {
        ("cut" | "knock" | "hit" | "kick", "off" | "up" | "out") if part.is_none() => true,
        // `beat him to the punch`, but `beat him to death`, `to a pulp`
        ("beat", "to") => !matches!(a.word(object.end + 1), "death" | "a"),
        ("beat", "at" | "by") => true,
        ("tear", "away" | "up") => true,
        ("strike", "as") => true,
        // `raked his fingers through his hair`: a part moved, not raked
        ("rake", "through" | "over" | "across" | "along" | "down") => true,
        ("slap" | "clap" | "pat", "on") => part.is_none(),
        _ => false,
    };
    if figurative_after {
        return Some((
            Status::Figurative,
            "an idiom (`cut him off`, `beat him at`, `struck him as`)",
        ));
    }
    let ditransitive = (object.end..(object.end + 4).min(a.tokens.len()))
        .map(|j| a.word(j))
        .take_while(|w| !w.is_empty() && !crate::oracle::grammar::is_preposition(w))
        .any(|w| DITRANSITIVE_FIGURATIVE.contains(&w));
    if matches!(object.head, Head::Character(_)) && ditransitive {
        return Some((
            Status::Figurative,
            "shot someone a look (a ditransitive idiom)",
        ));
    }
    None
}

/// The status of an act that is no injury for what does it or where: an abstract
/// subject (`her words stung`), a hyperbole (`is killing me`, `killing my knees`), a win in
/// a contest, a camera's shooting.
fn hyperbole_or_contest_status(
    a: &Analysis,
    reading: &Reading,
    f: &Found,
) -> Option<(Status, &'static str)> {
    let Reading {
        kind, form, lemma, ..
    } = *reading;
    let (object, subject) = (f.object, f.subject);
    if abstract_subject_possible(kind)
        && (is_abstract(subject) && !creature_it(a, subject)
            || compared_blow(a, subject, object.end))
    {
        return Some((
            Status::Figurative,
            "an abstract subject (`it hit him`, `her words stung`)",
        ));
    }
    if matches!(lemma, "kill" | "murder")
        && (form == VerbForm::PresentParticiple
            || is_abstract(subject)
                && matches!(
                    object.head,
                    Head::Character(Referent::Pronoun(
                        crate::oracle::grammar::PronounGroup::First
                    ))
                ))
        && (matches!(
            object.head,
            Head::Character(Referent::Pronoun(
                crate::oracle::grammar::PronounGroup::First
            ))
        ) && (!matches!(subject.as_ref().map(|s| &s.head), Some(Head::Character(_)))
            // `you're killing me`, `they're killing us in the rucks`: one who
            // speaks while being killed is exaggerating
            || form == VerbForm::PresentParticiple)
            || is_abstract(subject))
    {
        return Some((
            Status::Figurative,
            "`is killing me`, `the heat was killing them`: a thing's hyperbole",
        ));
    }
    // `these stairs are killing my knees`: a body part is not killed, it aches
    if matches!(lemma, "kill" | "murder") && matches!(object.head, Head::Part { .. }) {
        return Some((
            Status::Figurative,
            "`killing my knees`: pain, not a killing",
        ));
    }
    // `murdered his opponent in twenty moves`, `killed them at chess`: a contest
    if (matches!(kind, InjuryKind::Death | InjuryKind::Fracture) || lemma == "beat")
        && ((object.end..a.tokens.len()).any(|j| CONTEST_WORDS.contains(&a.word(j)))
            || score_after(a, object.end))
    {
        return Some((Status::Figurative, "a win in a contest, not a killing"));
    }
    // `shooting the bride against the sunset`: a camera shoots pictures
    if lemma == "shoot"
        && a.tokens
            .iter()
            .any(|t| PHOTO_WORDS.contains(&t.text.as_str()))
    {
        return Some((Status::Figurative, "shooting pictures"));
    }
    None
}

/// The status of an act on one's own body or a figurative patient: a habit (`scratched
/// her head`), grooming (`pierced his ears`), a figurative patient with no bleeding after
/// it, a betrayal (`stabbed in the back` with no weapon in sight, borderline).
fn habit_or_betrayal_status(
    a: &Analysis,
    reading: &Reading,
    f: &Found,
) -> Option<(Status, &'static str)> {
    let Reading { kind, lemma, .. } = *reading;
    let (object, subject, part) = (f.object, f.subject, f.part);
    // `she scratched her head`: a person scratching their own body is a habit
    let subject_animal = matches!(
        subject.as_ref().map(|s| &s.head),
        Some(Head::Character(Referent::Noun(n))) if a.lexicon.animals.contains(n.as_str())
    );
    // `scratched the back of his neck`: a part of one's own body part
    let own_part_of =
        a.word(object.end) == "of" && pronoun(a.word(object.end + 1)).is_some_and(|p| p.possessive);
    if lemma == "scratch"
        && !subject_animal
        && (matches!(
            object.head,
            Head::Part {
                possessor: Some(Referent::Pronoun(_)),
                ..
            }
        ) || matches!(
            object.head,
            Head::Part {
                possessor: None,
                ..
            }
        ) && own_part_of)
    {
        return Some((Status::Figurative, "scratching oneself is a habit"));
    }
    // `pierced his ears`: a piercing for jewellery, done without a weapon
    if lemma == "pierce"
        && matches!(
            part.as_deref(),
            Some("ear" | "earlobe" | "nose" | "eyebrow" | "navel" | "lip" | "tongue")
        )
        && !matches!(subject.as_ref().map(|s| &s.head), Some(Head::Weapon(_)))
    {
        return Some((Status::Figurative, "a piercing is grooming"));
    }
    if let Some(why) = figurative_patient(kind, lemma, part, true)
        && !bleeding_follows(a, object.end)
    {
        return Some((Status::Figurative, why));
    }
    if kind == InjuryKind::Stab
        && f.after == "in"
        && a.word(object.end + 1) == "the"
        && a.word(object.end + 2) == "back"
        && !a
            .tokens
            .iter()
            .any(|t| a.lexicon.weapons.contains_key(&t.text))
    {
        return Some((
            Status::Borderline,
            "`stabbed in the back` may be a betrayal",
        ));
    }
    None
}

/// `bit her tongue so hard it bled`: bleeding right after a habit makes it a wound.
fn bleeding_follows(a: &Analysis, from: usize) -> bool {
    (from..(from + 6).min(a.tokens.len()))
        .any(|k| matches!(a.word(k), "bled" | "bleed" | "bleeding" | "blood"))
}

/// `the numbers hit him like a punch to the stomach`: a thing that is no weapon strikes,
/// and the blow is then compared with one (`like a`, `like an`) — a simile, where a real
/// blow would not need the comparison (`the guard hit him like a madman` has a character
/// for its subject and stays a blow).
fn compared_blow(a: &Analysis, subject: &Option<Np>, after_object: usize) -> bool {
    let thing = matches!(
        subject,
        Some(Np { head: Head::Thing(w), .. }) if !a.lexicon.weapons.contains_key(w.as_str())
    );
    thing && a.word(after_object) == "like" && matches!(a.word(after_object + 1), "a" | "an")
}

/// Parts only a creature has, which make `its` a creature's (`its beak`, `its claws`).
#[rustfmt::skip]
const CREATURE_PARTS: &[&str] = &[
    "beak", "claws", "claw", "jaws", "fangs", "fang", "talons", "talon", "tusks", "tusk",
    "horns", "paws", "paw", "hooves", "hoof", "stinger", "sting", "snout", "muzzle", "teeth",
];

/// `With one stab of its beak it speared a frog`: an `it` whose sentence gives it a
/// creature's part is the creature, not an abstract subject (`it hit him` stays one).
fn creature_it(a: &Analysis, subject: &Option<Np>) -> bool {
    matches!(subject, Some(Np { head: Head::Thing(w), .. }) if w == "it")
        && (1..a.tokens.len())
            .any(|k| a.word(k - 1) == "its" && CREATURE_PARTS.contains(&a.word(k)))
}
