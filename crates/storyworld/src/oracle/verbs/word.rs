//! A one-word injury verb read in each of its voices: passive, causative, attributive,
//! active (with [`super::object`] for its object), through a preposition, opening an
//! absolute clause, and intransitive.

use super::object::object_reading;
use super::reading::Reading;
use crate::lexicon::{Frame, VerbForm};
use crate::oracle::event::{Candidate, Form, Status};
use crate::oracle::grammar::pronoun;
use crate::oracle::sentence::{Analysis, Head, Np, Referent};
use crate::oracle::voice::{
    SEEM_VERBS, abstract_subject_possible, agent_after, figurative_patient, is_abstract,
    noun_position, part_of, passive_aux, possessed_or_start, severity_for_part, to_death,
    weapon_of, with_weapon,
};

/// Words that open a time phrase, not an object (`drowned last summer`).
#[rustfmt::skip]
const TIME_WORDS: &[&str] = &[
    "last", "next", "this", "that", "every", "yesterday", "today", "tonight", "summer", "winter",
    "spring", "autumn", "night", "morning", "evening", "week", "month", "year", "years", "day",
    "days", "weeks", "months",
];

/// The verb trigger at `i`, if the word there is an injury verb used literally.
pub(crate) fn verb_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    let entries = a.lexicon.verb_forms.get(w)?;
    // `pig-killing day`, `a bone-crushing grip`: the second half of a compound before a
    // noun is its modifier, not an act
    if w.ends_with("ing")
        && a.tokens[i].after_hyphen
        && !a.lexicon.noun_forms.contains_key(a.word(i + 1))
        && a.lexicon
            .wordnet
            .contains(a.word(i + 1), crate::wordnet::PartOfSpeech::Noun)
    {
        return None;
    }
    // after a determiner or possessive only a participle can be a verb, and only as an
    // adjective (`his slit throat`, `a broken arm`); `the cut`, `his wound` are nouns
    let attributive_only = noun_position(a, i);
    for &(index, form) in entries {
        if attributive_only && !form.can_be_participle() {
            continue;
        }
        let verb = &a.lexicon.verbs[index];
        let reading = Reading {
            frame: verb.frame,
            kind: verb.kind,
            severity: verb.severity,
            form,
            lemma: &verb.lemma,
            attributive_only,
        };
        if let Some(c) = verb_reading(a, i, &reading) {
            return Some(c);
        }
    }
    None
}

/// The candidate of one reading of the verb at `i`, trying its voices in turn: passive,
/// causative, attributive, active with an object, through a preposition, opening an
/// absolute clause, intransitive.
fn verb_reading(a: &Analysis, i: usize, reading: &Reading) -> Option<Candidate> {
    let Reading {
        frame,
        form,
        attributive_only,
        ..
    } = *reading;
    let transitive = is_transitive(frame);
    let word = a.word(i).to_string();

    // passive or emotional predicate: `was stabbed`, `got hurt`, `looked hurt`
    if !attributive_only
        && form.can_be_participle()
        && transitive
        && let Some(aux) = passive_aux(a, i)
    {
        return passive_reading(a, i, reading, aux, word);
    }

    // causative: `had the rebels executed`, `got his nose broken`
    if !attributive_only
        && form.can_be_participle()
        && transitive
        && i > 1
        && let Some(np) = a.np_ending_at(i - 1, a.clause(i).start)
        && accepts(a, frame, &np)
        && np.start > 0
        && matches!(
            a.word(np.start - 1),
            "had" | "has" | "have" | "having" | "got" | "get" | "gets"
        )
    {
        return causative_reading(a, i, reading, &np, word);
    }

    // attributive participle before a possessive: `the murdered woman's name`
    if form.can_be_participle()
        && transitive
        && i > 0
        && matches!(a.word(i - 1), "the" | "a" | "an")
        && let Some(victim) = a.possessive_character_after(i)
    {
        return Some(
            Candidate::new(reading.kind, reading.severity, victim, i, word).form(Form::State),
        );
    }
    // attributive participle: `his slit throat`, `the wounded guard`
    if form.can_be_participle()
        && transitive
        && possessed_or_start(a, i)
        && let Some(next) = a.np_at(i + 1)
        && accepts(a, frame, &next)
        && next.start == i + 1
    {
        return attributive_reading(a, i, reading, &next, word);
    }

    if attributive_only {
        return None;
    }

    // active transitive: `stabbed him`, `cut his hand`, `cut the cake`
    if transitive && let (Some(object), particle) = active_object(a, i, frame) {
        return object_reading(a, i, reading, object, particle, word);
    }

    // `bit deep into her neck`, `cut into his palm`: a body part reached through a
    // preposition, with no object
    if transitive
        && form != VerbForm::PastParticiple
        && let Some(c) = through_preposition_reading(a, i, reading, &word)
    {
        return Some(c);
    }

    // a participle opening an absolute clause: `Stabbed twice, he fell`, `he lay, beaten`
    let opens_clause = opens_absolute_clause(a, i);
    if form.can_be_participle()
        && transitive
        && opens_clause
        && frame != Frame::BodyPart
        && !takes_an_object(a, i)
    {
        return absolute_reading(a, i, reading, word);
    }

    // intransitive: `he died`, `his nose bled`, `his arm snapped`
    if is_intransitive(frame) && !matches!(form, VerbForm::PastParticiple) {
        return intransitive_reading(a, i, reading, word);
    }
    None
}

/// Whether a verb of this frame takes a patient as its object.
fn is_transitive(frame: Frame) -> bool {
    matches!(
        frame,
        Frame::Transitive | Frame::Animate | Frame::Both | Frame::BodyPart
    )
}

/// Whether a verb of this frame can be said of its subject alone.
fn is_intransitive(frame: Frame) -> bool {
    matches!(frame, Frame::Intransitive | Frame::Both | Frame::BodyPart)
}

/// Whether a verb of this frame can injure the noun phrase: a character, or a body part
/// that is owned or one of the core parts (`the skin`, not `the valve`).
fn accepts(a: &Analysis, frame: Frame, np: &Np) -> bool {
    match (&np.head, frame) {
        (
            Head::Character(_),
            Frame::Transitive | Frame::Animate | Frame::Both | Frame::Intransitive,
        ) => true,
        (
            Head::Part { part, possessor },
            Frame::Transitive | Frame::BodyPart | Frame::Intransitive,
        ) => {
            possessor.is_some()
                || a.lexicon
                    .body_parts
                    .get(part.as_str())
                    .is_some_and(|p| p.core)
        }
        _ => false,
    }
}

/// The passive or emotional predicate (`was stabbed`, `got hurt`, `looked hurt`) with its
/// auxiliary at `aux`: the subject as victim, and the emotions, abstract agents and
/// figurative patients that make it no injury.
fn passive_reading(
    a: &Analysis,
    i: usize,
    reading: &Reading,
    aux: usize,
    word: String,
) -> Option<Candidate> {
    let Reading {
        frame, kind, lemma, ..
    } = *reading;
    let subject = a
        .subject_of(aux + 1)
        .or_else(|| a.neighbouring_subject(i))?;
    if !accepts(a, frame, &subject) || subject.end > i {
        return None;
    }
    let part = part_of(&subject);
    let mut c = reading.candidate(a, i, subject.victim()?, part.clone(), word, Form::Report);
    if SEEM_VERBS.contains(&a.word(aux)) {
        return Some(c.fixed(Status::Figurative, "looking or feeling hurt is an emotion"));
    }
    let agent = agent_after(a, i + 1, "by");
    if abstract_subject_possible(kind) && is_abstract(&agent) {
        return Some(c.fixed(Status::Figurative, "hurt by words or feelings, not a blow"));
    }
    // `was crushed between the hull and the rocks`, `under the cart`: a place that
    // presses on a body is a physical agent
    let pressed = matches!(
        a.word(i + 1),
        "between" | "under" | "beneath" | "underneath" | "against" | "by"
    );
    if lemma == "crush" && agent.is_none() && !pressed && matches!(subject.head, Head::Character(_))
    {
        return Some(c.fixed(
            Status::Figurative,
            "`was crushed` with no physical agent is an emotion",
        ));
    }
    if let Some(why) = figurative_patient(kind, lemma, &part, false) {
        return Some(c.fixed(Status::Figurative, why));
    }
    c = with_weapon(c, weapon_of(&agent), a);
    c = with_weapon(c, weapon_of(&agent_after(a, i + 1, "with")), a);
    Some(to_death(a, i + 1, kind, c))
}

/// The causative (`had the rebels executed`, `got his nose broken`): the noun phrase `np`
/// before the participle is the victim.
fn causative_reading(
    a: &Analysis,
    i: usize,
    reading: &Reading,
    np: &Np,
    word: String,
) -> Option<Candidate> {
    let Reading { kind, severity, .. } = *reading;
    let part = part_of(np);
    Some(
        Candidate::new(
            kind,
            severity_for_part(a, kind, severity, &part),
            np.victim()?,
            i,
            word,
        )
        .part(part)
        .form(Form::Report),
    )
}

/// The attributive participle before the noun phrase `next` (`his slit throat`, `the
/// wounded guard`): its victim (an ownerless part is the possessor's before the
/// participle), as a state, or figurative for a figurative patient.
fn attributive_reading(
    a: &Analysis,
    i: usize,
    reading: &Reading,
    next: &Np,
    word: String,
) -> Option<Candidate> {
    let Reading {
        kind,
        severity,
        lemma,
        ..
    } = *reading;
    let victim = match (&next.head, i.checked_sub(1).map(|p| &a.tokens[p])) {
        (
            Head::Part {
                possessor: None, ..
            },
            Some(prev),
        ) => {
            if prev.possessive {
                Referent::Name(prev.text.clone())
            } else if let Some(p) = pronoun(&prev.text) {
                Referent::Pronoun(p.group)
            } else {
                Referent::Unknown
            }
        }
        _ => next.victim()?,
    };
    let part = part_of(next);
    if let Some(why) = figurative_patient(kind, lemma, &part, false) {
        return Some(
            Candidate::new(kind, severity, victim, i, word).fixed(Status::Figurative, why),
        );
    }
    Some(
        Candidate::new(
            kind,
            severity_for_part(a, kind, severity, &part),
            victim,
            i,
            word,
        )
        .part(part)
        .form(Form::State),
    )
}

/// The object of the active verb at `i` that a verb of this frame can injure, with the
/// verb's particle: a thing coordinated with a patient gives the patient (`sliced the
/// bread and the farmer's hand`); a body-part verb takes no character.
fn active_object(a: &Analysis, i: usize, frame: Frame) -> (Option<Np>, Option<String>) {
    let (object, particle) = a.object_of(i);
    // `sliced the bread and the farmer's hand`: a thing, then a coordinated patient
    let object = match object {
        Some(o) if matches!(o.head, Head::Thing(_)) && a.word(o.end) == "and" => {
            let first = o.end + 1;
            let opens_np = crate::oracle::grammar::is_determiner(a.word(first))
                || a.tokens.get(first).is_some_and(|t| t.possessive)
                || pronoun(a.word(first)).is_some_and(|p| p.possessive);
            a.np_at(first)
                .filter(|n| opens_np && accepts(a, frame, n))
                .or(Some(o))
        }
        other => other,
    };
    let object = object.filter(|o| {
        accepts(a, frame, o) && !(frame == Frame::BodyPart && matches!(o.head, Head::Character(_)))
    });
    (object, particle)
}

/// `bit deep into her neck`, `cut into his palm`: an owned body part reached through
/// `into` or `through`, by a subject that can reach a body; `None` when there is none.
fn through_preposition_reading(
    a: &Analysis,
    i: usize,
    reading: &Reading,
    word: &str,
) -> Option<Candidate> {
    let Reading { kind, severity, .. } = *reading;
    let mut k = i + 1;
    while a.is_adverb_at(k) || a.word(k) == "deep" {
        k += 1;
    }
    if matches!(a.word(k), "into" | "through")
        && let Some(np) = a.np_at(k + 1)
        && let Head::Part {
            part,
            possessor: Some(owner),
        } = &np.head
        && passive_aux(a, i).is_none()
        // an agent that can reach a body (`pain shot through his leg` is a sensation)
        && a.subject_of(i).is_some_and(|s| {
            // a sentence-initial common noun is no name (`Pain shot through…`)
            let common_first = a.tokens[s.head_index].starts_sentence
                && a.lexicon
                    .wordnet
                    .contains(a.word(s.head_index), crate::wordnet::PartOfSpeech::Noun);
            matches!(
                s.head,
                Head::Character(_) | Head::Weapon(_) | Head::Part { .. }
            ) && !common_first
        })
    {
        let part = Some(part.clone());
        return Some(
            Candidate::new(
                kind,
                severity_for_part(a, kind, severity, &part),
                owner.clone(),
                i,
                word,
            )
            .part(part),
        );
    }
    None
}

/// The participle opening an absolute clause (`Stabbed twice, he fell`, `he lay,
/// beaten`): the neighbouring subject, a character, is the victim.
fn absolute_reading(a: &Analysis, i: usize, reading: &Reading, word: String) -> Option<Candidate> {
    let subject = a.neighbouring_subject(i)?;
    if !matches!(subject.head, Head::Character(_)) {
        return None;
    }
    Some(
        Candidate::new(reading.kind, reading.severity, subject.victim()?, i, word)
            .form(Form::Report),
    )
}

/// Whether the word at `i` opens its clause (only adverbs or nothing before it, and no
/// word opening the clause): where a participle opens an absolute clause.
fn opens_absolute_clause(a: &Analysis, i: usize) -> bool {
    let clause = a.clause(i);
    (clause.start..i).all(|j| a.is_adverb_at(j) || a.word(j).is_empty())
        && clause
            .opener
            .as_deref()
            .is_none_or(|o| !o.chars().any(char::is_alphabetic))
}

/// The intransitive verb (`he died`, `his nose bled`, `his arm snapped`): the subject as
/// victim, unless the verb is used transitively; figurative for the idioms of dying,
/// drowning and bleeding.
fn intransitive_reading(
    a: &Analysis,
    i: usize,
    reading: &Reading,
    word: String,
) -> Option<Candidate> {
    let Reading { frame, kind, .. } = *reading;
    if used_transitively(a, i, frame) {
        return None;
    }
    let subject = a.subject_of(i).or_else(|| a.neighbouring_subject(i))?;
    let ok = matches!(
        (&subject.head, frame),
        (Head::Character(_), Frame::Intransitive | Frame::Both)
            | (Head::Part { .. }, Frame::Intransitive | Frame::BodyPart)
    );
    if !ok {
        return None;
    }
    let part = part_of(&subject);
    let c = reading.candidate(a, i, subject.victim()?, part.clone(), word, Form::Report);
    if let Some(why) = figurative_intransitive(a, i, reading, &part) {
        return Some(c.fixed(Status::Figurative, why));
    }
    Some(to_death(a, i + 1, kind, c))
}

/// Whether the verb at `i`, read intransitively, has an object that makes it transitive
/// instead: a thing after a verb of both kinds (`drowned his sorrows`, but not `drowned
/// last summer`), or a character right after it (`bled him dry`).
fn used_transitively(a: &Analysis, i: usize, frame: Frame) -> bool {
    // `drowned his sorrows`: a verb of both kinds with a thing as object is transitive
    if frame == Frame::Both
        && let (Some(o), None) = a.object_of(i)
        && o.start == i + 1
        && matches!(o.head, Head::Thing(_) | Head::Weapon(_))
        && !TIME_WORDS.contains(&a.word(o.start))
        && !TIME_WORDS.contains(&a.word(o.head_index))
    {
        return true;
    }
    // `bled him dry`: a character right after means a transitive use
    if let (Some(o), _) = a.object_of(i)
        && matches!(o.head, Head::Character(_))
        && o.start == i + 1
    {
        return true;
    }
    false
}

/// Why the intransitive verb at `i` (with the subject's body part `part`) is figurative,
/// if it is: `dying to`, `died of embarrassment`, `drowned out`, a figurative patient, a
/// bleeding heart.
fn figurative_intransitive(
    a: &Analysis,
    i: usize,
    reading: &Reading,
    part: &Option<String>,
) -> Option<&'static str> {
    let Reading { kind, lemma, .. } = *reading;
    let next = a.word(i + 1);
    if lemma == "die"
        && matches!(next, "to" | "for" | "laughing" | "inside")
        && (next != "to" || a.word(i + 2) != "death")
    {
        return Some("`dying to`, `dying for`, `died laughing`");
    }
    if lemma == "die"
        && next == "of"
        && matches!(
            a.word(i + 2),
            "embarrassment"
                | "shame"
                | "boredom"
                | "laughter"
                | "curiosity"
                | "envy"
                | "jealousy"
                | "happiness"
                | "fright"
                | "excitement"
        )
    {
        return Some("died of embarrassment (an emotion)");
    }
    if lemma == "drown" && (next == "out" || next == "in" && !drowned_in_water(a, i + 2)) {
        return Some("`drowned out`, `drowning in work`");
    }
    if let Some(why) = figurative_patient(kind, lemma, part, false) {
        return Some(why);
    }
    if lemma == "bleed" && matches!(part.as_deref(), Some("heart")) {
        return Some("a bleeding heart is an emotion");
    }
    None
}

/// Bodies of water one drowns in (`drowned in that very lake`).
#[rustfmt::skip]
const WATERS: &[&str] = &[
    "water", "waters", "lake", "river", "sea", "ocean", "pond", "bath", "bathtub", "tub", "well",
    "pool", "flood", "floodwaters", "waves", "surf", "stream", "creek", "canal", "harbor",
    "harbour", "swamp", "bog", "marsh", "mud", "channel", "moat", "reservoir", "cistern", "rapids",
    "current", "bay", "lagoon", "quarry", "brook", "fjord", "loch", "tide", "icy",
];

/// Whether the words after `drowned in` (from `from`) are water, not work or sorrow: a
/// determiner, or a body of water within four words.
fn drowned_in_water(a: &Analysis, from: usize) -> bool {
    matches!(a.word(from), "the" | "a")
        || (from..(from + 4).min(a.tokens.len())).any(|k| WATERS.contains(&a.word(k)))
}

/// `He diced the onions, crushed the garlic and …`: a verb after a comma with an object of
/// its own (a determiner, a possessive or an object pronoun follows it) is the next verb
/// of a series, not a participle opening an absolute clause (`he lay, beaten`).
fn takes_an_object(a: &Analysis, i: usize) -> bool {
    let next = a.word(i + 1);
    crate::oracle::grammar::is_determiner(next) || pronoun(next).is_some()
}
