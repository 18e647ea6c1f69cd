//! A camera's `shot` told across the snippet: when the prompt names a photographer, a
//! camera or a shoot (`The wedding photographer scouted the vineyard`), a completion's
//! `she shot the groom` with no gun, no bullet and no body part hit is a photograph.

use super::event::Event;
use super::text::Sentence;
use crate::lexicon::{InjuryKind, Lexicon};

/// People and events of photography, on top of the verb rules' photo words.
#[rustfmt::skip]
const PHOTOGRAPHY: &[&str] = &[
    "photographer", "photographers", "paparazzi", "paparazzo", "cameraman", "camerawoman",
    "cameramen", "shoot", "photoshoot", "studio", "model", "models",
];

/// Words of a real shooting: who shoots with a gun, and what a bullet leaves.
#[rustfmt::skip]
const REAL_SHOOTING: &[&str] = &[
    "sniper", "snipers", "gunman", "gunmen", "shooter", "marksman", "rifleman", "riflemen",
    "soldier", "soldiers", "hunter", "hunters", "police", "officer", "cop", "assassin", "killer",
    "robber", "bandit", "bandits", "blood", "bled", "bleeding", "dead", "died", "fell",
    "collapsed", "wound", "wounded", "killed", "screamed", "trigger", "fired",
];

fn photographic(sentences: &[Sentence]) -> bool {
    sentences.iter().any(|s| {
        s.tokens.iter().any(|t| {
            PHOTOGRAPHY.contains(&t.text.as_str())
                || super::verbs::PHOTO_WORDS.contains(&t.text.as_str())
        })
    })
}

/// Whether `event`, a completion's shooting, is a camera's: the prompt is about
/// photography, and the completion names no gun or shot weapon and no body part hit.
pub(crate) fn camera_shot(
    lexicon: &Lexicon,
    event: &Event,
    prompt: &[Sentence],
    completion: &[Sentence],
) -> bool {
    if event.kind != InjuryKind::Gunshot
        || event.part.is_some()
        || !matches!(
            event.trigger.as_str(),
            "shot" | "shoot" | "shoots" | "shooting"
        )
    {
        return false;
    }
    let armed = completion.iter().any(|s| {
        s.tokens.iter().any(|t| {
            // `shot` itself is the verb here, not buckshot
            t.text != "shot"
                && lexicon
                    .weapons
                    .get(&t.text)
                    .is_some_and(|w| w.kind == InjuryKind::Gunshot)
        })
    });
    let real = completion.iter().any(|s| {
        s.tokens
            .iter()
            .any(|t| REAL_SHOOTING.contains(&t.text.as_str()))
    });
    !armed && !real && photographic(prompt)
}
