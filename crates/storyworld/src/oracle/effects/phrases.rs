//! Effect phrases (`core_words::EFFECT_PHRASES`): a body part in a state only an injury
//! leaves (`her wrist was bent at an unnatural angle`, `his skull caved in`), matched in a
//! sentence, with the victim each phrase names.

use super::owners::{part_before, possessive_owner};
use crate::lexicon::EffectVictim;
use crate::oracle::event::{Candidate, Directness, Form};
use crate::oracle::grammar::pronoun;
use crate::oracle::idioms::{match_phrase, subject_victim};
use crate::oracle::sentence::{Analysis, Referent};

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
