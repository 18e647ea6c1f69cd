//! Phrase rules: death idioms, figurative phrases, "your only one", lost and missing
//! body parts, the late king, a lasting disability.

use super::event::{Candidate, Directness, Form, Status};
use super::grammar::pronoun;
use super::sentence::{Analysis, Head, Referent};
use crate::lexicon::InjuryKind;
use crate::lexicon::phrases::{Phrase, PhraseWord};

/// Tries a compiled phrase at `i`; returns the end of the match. The phrase comes from
/// [`crate::lexicon::phrases::PhraseSet::starting_with`] for the word at `i`, so a first
/// word of listed forms already matches and is not looked up again.
pub(crate) fn match_phrase(a: &Analysis, i: usize, phrase: &Phrase) -> Option<usize> {
    let mut j = i;
    for (n, part) in phrase.words.iter().enumerate() {
        if n == 0 && matches!(part, PhraseWord::Forms(_)) {
            j += 1;
            continue;
        }
        let w = a.word(j);
        // `the chicken's`, `the old man's`: a described possessor
        if matches!(part, PhraseWord::Possessive)
            && matches!(w, "the" | "a" | "an")
            && let Some(k) = (j + 1..(j + 3).min(a.tokens.len())).find(|&k| a.tokens[k].possessive)
            && (j + 1..k).all(|m| a.is_contentful(m))
        {
            j = k + 1;
            continue;
        }
        let ok = match part {
            PhraseWord::Possessive => {
                a.tokens.get(j).is_some_and(|t| t.possessive)
                    || pronoun(w).is_some_and(|p| p.possessive || w == "her")
                    || w == "its"
            }
            PhraseWord::Forms(forms) => forms.iter().any(|f| f == w),
            PhraseWord::Any => !w.is_empty(),
        };
        if !ok {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// Spans of figurative phrases in the sentence.
pub(crate) fn figurative_spans(a: &Analysis) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    let set = &a.lexicon.figurative_phrases;
    for i in 0..a.tokens.len() {
        if !a.tokens[i].is_word {
            continue;
        }
        for phrase in set.starting_with(a.word(i)) {
            if let Some(end) = match_phrase(a, i, phrase) {
                out.push((i, end, phrase.text));
            }
        }
    }
    out
}

pub(crate) fn subject_victim(a: &Analysis, i: usize) -> Referent {
    a.subject_of(i)
        .or_else(|| a.neighbouring_subject(i))
        .and_then(|np| np.victim())
        .unwrap_or(Referent::Unknown)
}

/// Death idioms starting at `i`.
pub(crate) fn death_idiom_at(a: &Analysis, i: usize) -> Option<Candidate> {
    for phrase in a.lexicon.death_idioms.starting_with(a.word(i)) {
        let p = phrase.text;
        if let Some(end) = match_phrase(a, i, phrase) {
            // `took his life in his hands`: a risk, not a death
            if p == "take* POSS life" && a.word(end) == "in" {
                continue;
            }
            // `no one survived`; `the sole survivor`: the dead are the others
            let negated_subject = matches!(a.word(i), "no" | "nobody" | "none")
                || p.ends_with("survivor")
                || p.ends_with("fallen");
            let victim = if negated_subject {
                Referent::Unknown
            } else if takes_a_life(p) {
                // `the bandit took his life`: the life's owner dies
                (i..end)
                    .find_map(|k| super::effects::owners::possessive_owner(a, k))
                    .unwrap_or(Referent::Unknown)
            } else {
                subject_victim(a, i)
            };
            let mut c = Candidate::new(InjuryKind::Death, 9, victim, i, p.replace('*', ""));
            c.own_span = Some((i, end));
            if p.contains("survive")
                || p.contains("make it")
                || p.contains("woke")
                || p.contains("wake")
                || p.contains("sea")
            {
                c = c.directness(Directness::Implied);
            }
            c.form = Form::Report;
            c.to_death_of = injury_short_of_death(p);
            return Some(c);
        }
    }
    // `his heart stopped` (but `my heart stopped` is fright: the speaker lives)
    // `his heart had stopped`
    let stop_at = if matches!(a.word(i + 1), "had" | "has") {
        i + 2
    } else {
        i + 1
    };
    let gave_out = matches!(a.word(stop_at), "gave" | "gives") && a.word(stop_at + 1) == "out"
        || a.word(stop_at) == "failed"
            && !matches!(
                a.word(stop_at + 1),
                "her" | "him" | "them" | "me" | "us" | "you"
            );
    if a.word(i) == "heart"
        && (matches!(a.word(stop_at), "stopped" | "stops" | "stop") || gave_out)
        && i > 0
    {
        let owner = &a.tokens[i - 1];
        // `the engine's heart gave out`: only a character's heart stops
        let character_owner = a.is_name(i - 1) || a.is_character_noun(i - 1);
        let who = if owner.possessive {
            character_owner.then(|| Referent::Name(owner.text.clone()))
        } else {
            pronoun(&owner.text).map(|p| Referent::Pronoun(p.group))
        };
        if let Some(who) = who {
            let c = Candidate::new(InjuryKind::Death, 9, who.clone(), i, "heart stopped")
                .form(Form::Report);
            if who == Referent::Pronoun(super::grammar::PronounGroup::First) {
                return Some(c.fixed(Status::Figurative, "`my heart stopped` is fright"));
            }
            return Some(c);
        }
    }
    None
}

/// Whether a death idiom takes another's life (`took his life`, `cost him his life`), not
/// the subject's own (`took his own life`, `lost his life`).
fn takes_a_life(phrase: &str) -> bool {
    ["take*", "end*", "claim*", "cost*"]
        .iter()
        .any(|v| phrase.starts_with(v))
        && phrase.ends_with("life")
        && !phrase.contains("own")
}

/// The injury a `… to death` idiom tells on the way to the death (`bled to death`: the
/// bleeding), which stands when the death is a near miss (`almost bled to death`).
fn injury_short_of_death(phrase: &str) -> Option<(InjuryKind, u8)> {
    let verb = phrase.split(' ').next()?;
    match verb {
        "bleed*" => Some((InjuryKind::Bleeding, 3)),
        "crush*" => Some((InjuryKind::Fracture, 5)),
        "burn*" if phrase.ends_with("to death") => Some((InjuryKind::Burn, 6)),
        "stone*" | "stoned" => Some((InjuryKind::Blow, 4)),
        _ => None,
    }
}

/// `your only one`, `his last hand`, `her one good eye`: a paired body part that is the
/// only one left. `context_parts` are the paired parts named earlier (for `one`).
pub(crate) fn only_one_at(a: &Analysis, i: usize, context_has_pair: bool) -> Option<Candidate> {
    if !(matches!(a.word(i), "only" | "last" | "remaining")
        || a.word(i) == "one" && a.word(i + 1) == "good")
    {
        return None;
    }
    let owner_token = i.checked_sub(1).map(|p| &a.tokens[p])?;
    if owner_token.text == "the" {
        return the_only_one_left(a, i);
    }
    let owner = if owner_token.possessive {
        Referent::Name(owner_token.text.clone())
    } else {
        match pronoun(&owner_token.text) {
            Some(p) if p.possessive || owner_token.text == "her" => Referent::Pronoun(p.group),
            _ => return None,
        }
    };
    let next = if a.word(i) == "one" {
        a.word(i + 2)
    } else {
        a.word(i + 1)
    };
    let after = if matches!(next, "good" | "remaining" | "working") {
        a.word(i + 2)
    } else {
        next
    };
    let paired = a.lexicon.body_parts.get(after).is_some_and(|p| p.paired);
    if paired || (after == "one" && context_has_pair) {
        return Some(
            Candidate::new(InjuryKind::Maim, 8, owner, i, "only one")
                .directness(Directness::Implied)
                .form(Form::State),
        );
    }
    None
}

/// `the only ear you've got left`, `the only hand he had left`: a paired body part that
/// is the only one someone has left.
fn the_only_one_left(a: &Analysis, i: usize) -> Option<Candidate> {
    if a.word(i) != "only"
        || a.word(i + 2) == "of"
        || !a
            .lexicon
            .body_parts
            .get(a.word(i + 1))
            .is_some_and(|p| p.paired)
    {
        return None;
    }
    let end = (i + 7).min(a.tokens.len());
    let left = (i + 2..end).find(|&k| a.word(k) == "left")?;
    let owner = (i + 2..left)
        .find_map(|k| pronoun(a.word(k)).filter(|p| !p.possessive))
        .map_or(Referent::Unknown, |p| Referent::Pronoun(p.group));
    Some(
        Candidate::new(InjuryKind::Maim, 8, owner, i, "the only one left")
            .part(Some(a.word(i + 1).to_string()))
            .directness(Directness::Implied)
            .form(Form::State),
    )
}

/// `lost his hand`, `lost her father`, `missing two fingers`.
pub(crate) fn loss_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let w = a.word(i);
    let lose = matches!(w, "lost" | "lose" | "loses" | "losing");
    // `no longer has a face`: a part that is gone
    let gone = matches!(w, "has" | "had" | "have")
        && i >= 2
        && a.word(i - 2) == "no"
        && a.word(i - 1) == "longer";
    let missing = w == "missing" || gone;
    if !lose && !missing {
        return None;
    }
    let mut np = a.np_at(i + 1)?;
    // `missing half her feathers and most of her head`: the part after `and`
    if !matches!(np.head, Head::Part { .. })
        && a.word(np.end) == "and"
        && let Some(next) = a.np_at(np.end + 1)
        && matches!(next.head, Head::Part { .. })
    {
        np = next;
    }
    let det = a.word(np.start);
    match &np.head {
        Head::Part { part, possessor } => {
            // `lost his head`, `lost heart`, `lost face`: idioms of losing; a head or a
            // face missing is gone
            if matches!(part.as_str(), "heart" | "mind" | "nerve")
                || lose && matches!(part.as_str(), "head" | "face" | "tongue")
            {
                return None;
            }
            // `the knight's missing eye`: the owner before `missing`
            let owner_before = (missing && i > 0)
                .then(|| super::effects::owners::possessive_owner(a, i - 1))
                .flatten();
            let has_det = possessor.is_some()
                || owner_before.is_some()
                || super::grammar::is_number_word(det)
                || gone;
            if !has_det {
                return None;
            }
            let victim = possessor
                .clone()
                .or(owner_before)
                .unwrap_or_else(|| subject_victim(a, i));
            let directness = if missing {
                Directness::Past
            } else {
                Directness::Explicit
            };
            let mut c = Candidate::new(InjuryKind::Maim, 8, victim, i, format!("{w} {part}"))
                .part(Some(part.clone()))
                .directness(directness)
                .form(Form::State);
            if gone {
                // `no longer` is the phrase's own, and the subject stands before it
                c.own_span = Some((i - 2, np.end));
                c.victim = possessor
                    .clone()
                    .unwrap_or_else(|| subject_victim(a, i - 2));
                c.trigger = format!("no longer has a {part}");
            }
            Some(c)
        }
        Head::Character(Referent::Noun(kin)) if lose && a.lexicon.kin.contains(kin.as_str()) => {
            // `lost her son in the crowd` is not a death
            let after = a.word(np.end);
            let place = a.word(np.end + 2);
            if matches!(after, "in" | "at" | "among")
                && matches!(
                    place,
                    "crowd"
                        | "market"
                        | "forest"
                        | "woods"
                        | "city"
                        | "dark"
                        | "darkness"
                        | "confusion"
                        | "chaos"
                        | "fog"
                        | "storm"
                        | "mall"
                        | "store"
                        | "station"
                        | "square"
                        | "crush"
                        | "maze"
                )
                || (after == "track" || after == "sight" || after == "touch")
                || matches!(a.word(np.start), "the" | "a")
            {
                return None;
            }
            Some(
                Candidate::new(InjuryKind::Death, 9, np.victim()?, i, format!("lost {kin}"))
                    .directness(Directness::Past)
                    .form(Form::State),
            )
        }
        // `we lost Dad to cancer`: anyone lost to what takes lives
        Head::Character(r) if lose && lost_to_a_killer(a, np.end) => Some(
            Candidate::new(InjuryKind::Death, 9, r.clone(), i, "lost to")
                .directness(Directness::Past)
                .form(Form::State),
        ),
        _ => None,
    }
}

/// Whether `to` at `k` names what takes lives (`to cancer`, `to the fever`).
fn lost_to_a_killer(a: &Analysis, k: usize) -> bool {
    a.word(k) == "to"
        && (k + 1..(k + 4).min(a.tokens.len()))
            .any(|m| super::effects::deaths::TAKING_AGENTS.contains(&a.word(m)))
}

/// `the late king`, `her late husband`: a death revealed.
pub(crate) fn late_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if a.word(i) != "late" || i == 0 {
        return None;
    }
    let prev = &a.tokens[i - 1];
    let owner_ok = prev.text == "the"
        || prev.possessive
        || pronoun(&prev.text).is_some_and(|p| p.possessive || prev.text == "her");
    let next = a.word(i + 1);
    let character = a.lexicon.persons.contains(next) || a.lexicon.kin.contains(next);
    if !owner_ok || !(character || a.is_name(i + 1)) {
        return None;
    }
    let victim = if a.is_name(i + 1) {
        Referent::Name(next.to_string())
    } else {
        Referent::Noun(next.to_string())
    };
    Some(
        Candidate::new(InjuryKind::Death, 9, victim, i, format!("late {next}"))
            .directness(Directness::Past)
            .form(Form::State),
    )
}

/// `he would never walk again`: a lasting disability, stated as a fact about the
/// future (hypothetical only under `if`).
pub(crate) fn lasting_disability_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if a.word(i) != "never" {
        return None;
    }
    let verb = (i + 1..(i + 5).min(a.tokens.len())).find(|&j| {
        matches!(
            a.word(j),
            "walk"
                | "see"
                | "hear"
                | "run"
                | "stand"
                | "use"
                | "speak"
                | "talk"
                | "dance"
                | "fight"
                | "hold"
                | "move"
        )
    })?;
    let again = (verb + 1..(verb + 5).min(a.tokens.len())).find(|&j| a.word(j) == "again")?;
    let victim = subject_victim(a, i);
    let mut c = Candidate::new(
        InjuryKind::Maim,
        7,
        victim,
        i,
        format!("never {} again", a.word(verb)),
    )
    .directness(Directness::Implied)
    .form(Form::State);
    c.own_span = Some((i, again + 1));
    let conditional = a
        .tokens
        .iter()
        .any(|t| matches!(t.text.as_str(), "if" | "unless"));
    Some(if conditional {
        c.fixed(Status::Hypothetical, "a condition (`if`, `unless`)")
    } else {
        c.fixed(Status::Asserted, "a lasting disability")
    })
}
