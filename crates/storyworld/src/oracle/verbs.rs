//! Injury verbs: their frames (who can be the patient), voice (active, passive,
//! attributive, absolute participles), figurative uses, and the weapon used.

use super::event::{Candidate, Form, Status};
use super::grammar::pronoun;
use super::sentence::{Analysis, Head, Np, Referent};
use super::voice::{
    SEEM_VERBS, abstract_subject_possible, agent_after, figurative_patient, is_abstract,
    noun_position, part_of, passive_aux, pluperfect, possessed_or_start, severity_for_part,
    to_death_after, weapon_of, with_weapon,
};
use crate::lexicon::core_words::DITRANSITIVE_FIGURATIVE;
use crate::lexicon::{Frame, InjuryKind, VerbForm};

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

/// One way of reading an injury verb form.
struct Reading<'l> {
    frame: Frame,
    kind: InjuryKind,
    severity: u8,
    form: VerbForm,
    lemma: &'l str,
    attributive_only: bool,
}

fn verb_reading(a: &Analysis, i: usize, reading: &Reading) -> Option<Candidate> {
    let Reading {
        frame,
        kind,
        severity,
        form,
        lemma,
        attributive_only,
    } = *reading;
    let transitive = matches!(
        frame,
        Frame::Transitive | Frame::Animate | Frame::Both | Frame::BodyPart
    );
    let intransitive = matches!(frame, Frame::Intransitive | Frame::Both | Frame::BodyPart);
    // a character, or a body part: owned, or one of the core parts (`the skin`, not `the
    // valve`)
    let accepts = |np: &Np| match (&np.head, frame) {
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
    };
    let word = a.word(i).to_string();

    // passive or emotional predicate: `was stabbed`, `got hurt`, `looked hurt`
    if !attributive_only
        && form.can_be_participle()
        && transitive
        && let Some(aux) = passive_aux(a, i)
    {
        let subject = a
            .subject_of(aux + 1)
            .or_else(|| a.neighbouring_subject(i))?;
        if !accepts(&subject) || subject.end > i {
            return None;
        }
        let part = part_of(&subject);
        let mut c = Candidate::new(
            kind,
            severity_for_part(a, kind, severity, &part),
            subject.victim()?,
            i,
            word,
        )
        .part(part.clone())
        .form(if pluperfect(a, i) {
            Form::Reference
        } else {
            Form::Report
        });
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
        if lemma == "crush"
            && agent.is_none()
            && !pressed
            && matches!(subject.head, Head::Character(_))
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
        if to_death_after(a, i + 1) && kind != InjuryKind::Death {
            c.to_death_of = Some((c.kind, c.severity));
            c.kind = InjuryKind::Death;
            c.severity = 9;
        }
        return Some(c);
    }

    // causative: `had the rebels executed`, `got his nose broken`
    if !attributive_only
        && form.can_be_participle()
        && transitive
        && i > 1
        && let Some(np) = a.np_ending_at(i - 1, a.clause(i).start)
        && accepts(&np)
        && np.start > 0
        && matches!(
            a.word(np.start - 1),
            "had" | "has" | "have" | "having" | "got" | "get" | "gets"
        )
    {
        let part = part_of(&np);
        return Some(
            Candidate::new(
                kind,
                severity_for_part(a, kind, severity, &part),
                np.victim()?,
                i,
                word,
            )
            .part(part)
            .form(Form::Report),
        );
    }

    // attributive participle before a possessive: `the murdered woman's name`
    if form.can_be_participle()
        && transitive
        && i > 0
        && matches!(a.word(i - 1), "the" | "a" | "an")
        && let Some(victim) = a.possessive_character_after(i)
    {
        return Some(Candidate::new(kind, severity, victim, i, word).form(Form::State));
    }
    // attributive participle: `his slit throat`, `the wounded guard`
    if form.can_be_participle()
        && transitive
        && possessed_or_start(a, i)
        && let Some(next) = a.np_at(i + 1)
        && accepts(&next)
        && next.start == i + 1
    {
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
        let part = part_of(&next);
        if let Some(why) = figurative_patient(kind, lemma, &part, false) {
            return Some(
                Candidate::new(kind, severity, victim, i, word).fixed(Status::Figurative, why),
            );
        }
        return Some(
            Candidate::new(
                kind,
                severity_for_part(a, kind, severity, &part),
                victim,
                i,
                word,
            )
            .part(part)
            .form(Form::State),
        );
    }

    if attributive_only {
        return None;
    }

    // active transitive: `stabbed him`, `cut his hand`, `cut the cake`
    if transitive {
        let (object, particle) = a.object_of(i);
        // `sliced the bread and the farmer's hand`: a thing, then a coordinated patient
        let object = match object {
            Some(o) if matches!(o.head, Head::Thing(_)) && a.word(o.end) == "and" => {
                let first = o.end + 1;
                let opens_np = super::grammar::is_determiner(a.word(first))
                    || a.tokens.get(first).is_some_and(|t| t.possessive)
                    || pronoun(a.word(first)).is_some_and(|p| p.possessive);
                a.np_at(first)
                    .filter(|n| opens_np && accepts(n))
                    .or(Some(o))
            }
            other => other,
        };
        if let Some(object) = object.filter(|o| {
            accepts(o) && !(frame == Frame::BodyPart && matches!(o.head, Head::Character(_)))
        }) {
            let subject = a.subject_of(i);
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
            // `stabbed him in the chest`: the body part of the PP
            let part = part_of(&object).or_else(|| {
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
            });
            let after = a.after(object.end).to_string();
            let c = Candidate::new(
                kind,
                severity_for_part(a, kind, severity, &part),
                victim,
                i,
                word.clone(),
            )
            .part(part.clone())
            .form(if pluperfect(a, i) {
                Form::Reference
            } else {
                Form::Act
            });
            if let Some(p) = particle.as_deref() {
                let figurative = matches!(
                    (lemma, p),
                    ("hit" | "knock" | "beat", "on") | ("lash", "out") | ("kick", "out")
                );
                if figurative {
                    return Some(c.fixed(Status::Figurative, "a phrasal verb, not a blow"));
                }
                if p == "at" {
                    return Some(c.fixed(Status::Attempt, "an attack `at` someone may not land"));
                }
            }
            let figurative_after = match (lemma, after.as_str()) {
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
                return Some(c.fixed(
                    Status::Figurative,
                    "an idiom (`cut him off`, `beat him at`, `struck him as`)",
                ));
            }
            let ditransitive = (object.end..(object.end + 4).min(a.tokens.len()))
                .map(|j| a.word(j))
                .take_while(|w| !w.is_empty() && !super::grammar::is_preposition(w))
                .any(|w| DITRANSITIVE_FIGURATIVE.contains(&w));
            if matches!(object.head, Head::Character(_)) && ditransitive {
                return Some(c.fixed(
                    Status::Figurative,
                    "shot someone a look (a ditransitive idiom)",
                ));
            }
            if abstract_subject_possible(kind)
                && (is_abstract(&subject) && !creature_it(a, &subject)
                    || compared_blow(a, &subject, object.end))
            {
                return Some(c.fixed(
                    Status::Figurative,
                    "an abstract subject (`it hit him`, `her words stung`)",
                ));
            }
            if matches!(lemma, "kill" | "murder")
                && (form == VerbForm::PresentParticiple
                    || is_abstract(&subject)
                        && matches!(
                            object.head,
                            Head::Character(Referent::Pronoun(super::grammar::PronounGroup::First))
                        ))
                && (matches!(
                    object.head,
                    Head::Character(Referent::Pronoun(super::grammar::PronounGroup::First))
                ) && (!matches!(subject.as_ref().map(|s| &s.head), Some(Head::Character(_)))
                    // `you're killing me`, `they're killing us in the rucks`: one who
                    // speaks while being killed is exaggerating
                    || form == VerbForm::PresentParticiple)
                    || is_abstract(&subject))
            {
                return Some(c.fixed(
                    Status::Figurative,
                    "`is killing me`, `the heat was killing them`: a thing's hyperbole",
                ));
            }
            // `these stairs are killing my knees`: a body part is not killed, it aches
            if matches!(lemma, "kill" | "murder") && matches!(object.head, Head::Part { .. }) {
                return Some(c.fixed(
                    Status::Figurative,
                    "`killing my knees`: pain, not a killing",
                ));
            }
            // `murdered his opponent in twenty moves`, `killed them at chess`: a contest
            if (matches!(kind, InjuryKind::Death | InjuryKind::Fracture) || lemma == "beat")
                && ((object.end..a.tokens.len()).any(|j| CONTEST_WORDS.contains(&a.word(j)))
                    || score_after(a, object.end))
            {
                return Some(c.fixed(Status::Figurative, "a win in a contest, not a killing"));
            }
            // `shooting the bride against the sunset`: a camera shoots pictures
            if lemma == "shoot"
                && a.tokens
                    .iter()
                    .any(|t| PHOTO_WORDS.contains(&t.text.as_str()))
            {
                return Some(c.fixed(Status::Figurative, "shooting pictures"));
            }
            // `she scratched her head`: a person scratching their own body is a habit
            let subject_animal = matches!(
                subject.as_ref().map(|s| &s.head),
                Some(Head::Character(Referent::Noun(n))) if a.lexicon.animals.contains(n.as_str())
            );
            // `scratched the back of his neck`: a part of one's own body part
            let own_part_of = a.word(object.end) == "of"
                && pronoun(a.word(object.end + 1)).is_some_and(|p| p.possessive);
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
                return Some(c.fixed(Status::Figurative, "scratching oneself is a habit"));
            }
            // `pierced his ears`: a piercing for jewellery, done without a weapon
            if lemma == "pierce"
                && matches!(
                    part.as_deref(),
                    Some("ear" | "earlobe" | "nose" | "eyebrow" | "navel" | "lip" | "tongue")
                )
                && !matches!(subject.as_ref().map(|s| &s.head), Some(Head::Weapon(_)))
            {
                return Some(c.fixed(Status::Figurative, "a piercing is grooming"));
            }
            if let Some(why) = figurative_patient(kind, lemma, &part, true)
                && !bleeding_follows(a, object.end)
            {
                return Some(c.fixed(Status::Figurative, why));
            }
            if kind == InjuryKind::Stab
                && after == "in"
                && a.word(object.end + 1) == "the"
                && a.word(object.end + 2) == "back"
                && !a
                    .tokens
                    .iter()
                    .any(|t| a.lexicon.weapons.contains_key(&t.text))
            {
                return Some(c.fixed(
                    Status::Borderline,
                    "`stabbed in the back` may be a betrayal",
                ));
            }
            let mut c = with_weapon(c, weapon_of(&subject), a);
            c = with_weapon(c, weapon_of(&agent_after(a, object.end, "with")), a);
            if to_death_after(a, object.end) && kind != InjuryKind::Death {
                c.to_death_of = Some((c.kind, c.severity));
                c.kind = InjuryKind::Death;
                c.severity = 9;
            }
            // a body part cut off is lost
            if matches!(c.kind, InjuryKind::Cut | InjuryKind::Stab)
                && (particle.as_deref() == Some("off") || after == "off")
                && part.is_some()
            {
                c.kind = InjuryKind::Maim;
                c.severity = c.severity.max(8);
            }
            return Some(c);
        }
    }

    // `bit deep into her neck`, `cut into his palm`: a body part reached through a
    // preposition, with no object
    if transitive && form != VerbForm::PastParticiple {
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
    }

    // a participle opening an absolute clause: `Stabbed twice, he fell`, `he lay, beaten`
    let clause = a.clause(i);
    let opens_clause = (clause.start..i).all(|j| a.is_adverb_at(j) || a.word(j).is_empty())
        && clause
            .opener
            .as_deref()
            .is_none_or(|o| !o.chars().any(char::is_alphabetic));
    if form.can_be_participle()
        && transitive
        && opens_clause
        && frame != Frame::BodyPart
        && !takes_an_object(a, i)
    {
        let subject = a.neighbouring_subject(i)?;
        if !matches!(subject.head, Head::Character(_)) {
            return None;
        }
        return Some(Candidate::new(kind, severity, subject.victim()?, i, word).form(Form::Report));
    }

    // intransitive: `he died`, `his nose bled`, `his arm snapped`
    if intransitive && !matches!(form, VerbForm::PastParticiple) {
        // `drowned his sorrows`: a verb of both kinds with a thing as object is transitive
        if frame == Frame::Both
            && let (Some(o), None) = a.object_of(i)
            && o.start == i + 1
            && matches!(o.head, Head::Thing(_) | Head::Weapon(_))
            && !TIME_WORDS.contains(&a.word(o.start))
            && !TIME_WORDS.contains(&a.word(o.head_index))
        {
            return None;
        }
        // `bled him dry`: a character right after means a transitive use
        if let (Some(o), _) = a.object_of(i)
            && matches!(o.head, Head::Character(_))
            && o.start == i + 1
        {
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
        let c = Candidate::new(
            kind,
            severity_for_part(a, kind, severity, &part),
            subject.victim()?,
            i,
            word,
        )
        .part(part.clone())
        .form(if pluperfect(a, i) {
            Form::Reference
        } else {
            Form::Report
        });
        let next = a.word(i + 1);
        if lemma == "die"
            && matches!(next, "to" | "for" | "laughing" | "inside")
            && (next != "to" || a.word(i + 2) != "death")
        {
            return Some(c.fixed(
                Status::Figurative,
                "`dying to`, `dying for`, `died laughing`",
            ));
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
            return Some(c.fixed(Status::Figurative, "died of embarrassment (an emotion)"));
        }
        if lemma == "drown" && (next == "out" || next == "in" && !drowned_in_water(a, i + 2)) {
            return Some(c.fixed(Status::Figurative, "`drowned out`, `drowning in work`"));
        }
        if let Some(why) = figurative_patient(kind, lemma, &part, false) {
            return Some(c.fixed(Status::Figurative, why));
        }
        if lemma == "bleed" && matches!(part.as_deref(), Some("heart")) {
            return Some(c.fixed(Status::Figurative, "a bleeding heart is an emotion"));
        }
        let mut c = c;
        if to_death_after(a, i + 1) && kind != InjuryKind::Death {
            c.to_death_of = Some((c.kind, c.severity));
            c.kind = InjuryKind::Death;
            c.severity = 9;
        }
        return Some(c);
    }
    None
}

/// `bit her tongue so hard it bled`: bleeding right after a habit makes it a wound.
fn bleeding_follows(a: &Analysis, from: usize) -> bool {
    (from..(from + 6).min(a.tokens.len()))
        .any(|k| matches!(a.word(k), "bled" | "bleed" | "bleeding" | "blood"))
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

/// A multi-word injury verb from WordNet (`gunned down`, `passed away`, `mowed them
/// down`).
pub(crate) fn phrase_verb_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let entries = a.lexicon.phrase_verbs.get(a.word(i))?;
    if noun_position(a, i) {
        return None;
    }
    for pv in entries {
        let verb = &a.lexicon.verbs[pv.verb];
        let trigger = format!("{} {}", a.word(i), pv.rest.join(" "));
        let contiguous = pv
            .rest
            .iter()
            .enumerate()
            .all(|(k, w)| a.word(i + 1 + k) == w);
        let transitive = verb.frame != Frame::Intransitive;
        if contiguous {
            let last = i + pv.rest.len();
            let victim = if !transitive {
                a.subject_of(i).or_else(|| a.neighbouring_subject(i))
            } else if passive_aux(a, i).is_some() {
                a.subject_of(i)
            } else {
                a.np_at(last + 1)
            };
            let Some(np) = victim.filter(|np| matches!(np.head, Head::Character(_))) else {
                continue;
            };
            let mut c = Candidate::new(verb.kind, verb.severity, np.victim()?, i, trigger)
                .form(if transitive { Form::Act } else { Form::Report });
            c.own_span = Some((i, last + 1));
            return Some(c);
        }
        if transitive
            && pv.rest.len() == 1
            && let Some(np) = a.np_at(i + 1)
            && matches!(np.head, Head::Character(_))
            && a.word(np.end) == pv.rest[0]
        {
            return Some(Candidate::new(
                verb.kind,
                verb.severity,
                np.victim()?,
                i,
                trigger,
            ));
        }
    }
    None
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

/// `He diced the onions, crushed the garlic and …`: a verb after a comma with an object of
/// its own (a determiner, a possessive or an object pronoun follows it) is the next verb
/// of a series, not a participle opening an absolute clause (`he lay, beaten`).
fn takes_an_object(a: &Analysis, i: usize) -> bool {
    let next = a.word(i + 1);
    super::grammar::is_determiner(next) || pronoun(next).is_some()
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
