//! The sentences written in a scene: a three-sentence prompt and completions of a chosen
//! class, each with its intended label computed from the injuries its templates declare.

use labels::Label;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::pools::{Pools, Sub};
use super::scene::{Danger, Scene};
use super::template::{Template, fill};
use crate::oracle::{Event, Form, Status, covering};

/// One written sentence, its template and the injuries it declares.
pub(crate) struct Sentence {
    pub text: String,
    pub template: String,
    pub events: Vec<Event>,
}

/// Writes a template in the scene.
pub(crate) fn write(
    pools: &Pools,
    template: &Template,
    scene: &Scene,
    rng: &mut ChaCha8Rng,
) -> Sentence {
    let filled = fill(template.text, scene, rng);
    let weapon_kind = filled.weapon.as_deref().and_then(|w| pools.weapon_kind(w));
    let events = template.events(scene, filled.part.as_deref(), weapon_kind);
    Sentence {
        text: filled.text,
        template: template.id.clone(),
        events,
    }
}

/// The label the world means a sentence to have after a prompt with `prior` injuries:
/// injurious when one of its injuries is new (by the oracle's rule of novelty), unsure
/// when only borderline ones are, non-injurious otherwise.
pub(crate) fn intended(events: &[Event], prior: &[Event]) -> Label {
    let mut unsure = false;
    for e in events {
        if covering(e, prior).is_some() {
            continue;
        }
        if e.status == Status::Asserted {
            return Label::Injurious;
        }
        unsure = true;
    }
    if unsure {
        Label::Unsure
    } else {
        Label::NonInjurious
    }
}

/// The three sentences of a prompt, and the injuries it holds.
pub(crate) fn prompt(
    pools: &Pools,
    scene: &Scene,
    rng: &mut ChaCha8Rng,
) -> (Vec<Sentence>, Vec<Event>) {
    let roll = |rng: &mut ChaCha8Rng| rng.random::<f64>();
    let plan: [Sub; 3] = match scene.danger {
        Danger::Calm => [
            Sub::Intro,
            Sub::Calm,
            if roll(rng) < 0.15 {
                Sub::PromptTrap
            } else {
                Sub::Calm
            },
        ],
        Danger::Tense => [
            if roll(rng) < 0.7 {
                Sub::Intro
            } else {
                Sub::Calm
            },
            Sub::Tense,
            match roll(rng) {
                r if r < 0.6 => Sub::Tense,
                r if r < 0.85 => Sub::Calm,
                _ => Sub::PromptTrap,
            },
        ],
        Danger::Violent => [
            if roll(rng) < 0.5 {
                Sub::Intro
            } else {
                Sub::Tense
            },
            Sub::Fight,
            match roll(rng) {
                r if r < 0.35 => Sub::Fight,
                r if r < 0.8 => Sub::PromptInjury,
                r if r < 0.9 => Sub::PromptDeath,
                _ => Sub::Tense,
            },
        ],
    };
    let mut sentences: Vec<Sentence> = Vec::with_capacity(3);
    let mut events = Vec::new();
    for sub in plan {
        let pool = pools.get(sub);
        // no sentence twice in one prompt
        let mut template = &pool[rng.random_range(0..pool.len())];
        for _ in 0..8 {
            if !sentences.iter().any(|s| s.template == template.id) {
                break;
            }
            template = &pool[rng.random_range(0..pool.len())];
        }
        let s = write(pools, template, scene, rng);
        events.extend(s.events.iter().cloned());
        sentences.push(s);
    }
    (sentences, events)
}

/// Whether the prompt's injuries include an act (for the echo completions).
fn has_act(prior: &[Event]) -> bool {
    prior
        .iter()
        .any(|e| e.form == Form::Act && e.status == Status::Asserted)
}

fn choose(rng: &mut ChaCha8Rng, weights: &[(Sub, f64)]) -> Sub {
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    let mut r = rng.random::<f64>() * total;
    for &(sub, w) in weights {
        if r < w {
            return sub;
        }
        r -= w;
    }
    weights[weights.len() - 1].0
}

/// A completion of the wanted label after a prompt with `prior` injuries.
pub(crate) fn completion(
    pools: &Pools,
    scene: &Scene,
    prior: &[Event],
    want: Label,
    rng: &mut ChaCha8Rng,
) -> (Sentence, Label) {
    let injured_b = prior.iter().any(|e| {
        e.status == Status::Asserted
            && e.victim == name_of(scene, 1)
            && e.kind != crate::lexicon::InjuryKind::Death
    });
    let dead_b = prior.iter().any(|e| {
        e.status == Status::Asserted
            && e.victim == name_of(scene, 1)
            && e.kind == crate::lexicon::InjuryKind::Death
    });
    // a dead character cannot be hurt anew: write injuries to the third character instead
    let swapped;
    let scene = if dead_b && want != Label::NonInjurious {
        swapped = scene.with_b_and_c_swapped();
        &swapped
    } else {
        scene
    };
    let weights: Vec<(Sub, f64)> = match (want, scene.danger) {
        (Label::Injurious, Danger::Calm) => vec![
            (Sub::SelfInflicted, 0.3),
            (Sub::Past, 0.3),
            (Sub::Death, 0.1),
            (Sub::Implied, 0.1),
            (Sub::Animal, 0.1),
            (Sub::Explicit, 0.1),
        ],
        (Label::Injurious, Danger::Tense) => vec![
            (Sub::Explicit, 0.45),
            (Sub::LongTail, 0.05),
            (Sub::Death, 0.15),
            (Sub::Implied, 0.1),
            (Sub::Past, 0.1),
            (Sub::SelfInflicted, 0.05),
            (Sub::Animal, 0.1),
        ],
        (Label::Injurious, Danger::Violent) => {
            let mut w = vec![
                (Sub::Explicit, 0.35),
                (Sub::LongTail, 0.05),
                (Sub::Death, 0.2),
                (Sub::Implied, 0.15),
                (Sub::Animal, 0.05),
            ];
            if injured_b {
                w.push((Sub::Escalation, 0.15));
                w.push((Sub::OtherVictim, 0.05));
            }
            w
        }
        (Label::Unsure, _) => {
            let mut w = vec![(Sub::Unsure, 0.85)];
            if has_act(prior) {
                w.push((Sub::Echo, 0.15));
            }
            w
        }
        (_, Danger::Calm) => vec![
            (Sub::Neutral, 0.55),
            (Sub::Vocabulary, 0.2),
            (Sub::Figurative, 0.2),
            (Sub::Negated, 0.03),
            (Sub::Threat, 0.02),
        ],
        (_, Danger::Tense) => vec![
            (Sub::Neutral, 0.3),
            (Sub::Vocabulary, 0.1),
            (Sub::Figurative, 0.2),
            (Sub::Negated, 0.15),
            (Sub::Threat, 0.25),
        ],
        (_, Danger::Violent) => {
            let mut w = vec![
                (Sub::Neutral, 0.15),
                (Sub::Vocabulary, 0.05),
                (Sub::Figurative, 0.1),
                (Sub::Negated, 0.3),
                (Sub::Threat, 0.15),
            ];
            if injured_b {
                w.push((Sub::Remention, 0.25));
            }
            if dead_b {
                w.push((Sub::DeadRemention, 0.25));
            }
            w
        }
    };
    // the chosen pool first; if nothing in it fits the prompt (say, every sentence would
    // injure a character already dead), the other pools of the class, then a fallback
    let first = choose(rng, &weights);
    let order = std::iter::once((first, 24)).chain(weights.iter().map(|&(sub, _)| (sub, 8)));
    for (sub, tries) in order {
        let pool = pools.get(sub);
        for _ in 0..tries {
            let template = &pool[rng.random_range(0..pool.len())];
            let s = write(pools, template, scene, rng);
            let label = if sub == Sub::Echo {
                Label::Unsure
            } else {
                intended(&s.events, prior)
            };
            if label == want {
                return (s, label);
            }
        }
    }
    let fallback = match want {
        Label::Injurious => &pools.injury_fallback,
        Label::Unsure => &pools.unsure_fallback,
        Label::NonInjurious => &pools.safe_fallback,
    };
    let s = write(pools, fallback, scene, rng);
    let label = intended(&s.events, prior);
    (s, label)
}

fn name_of(scene: &Scene, k: usize) -> crate::oracle::Referent {
    crate::oracle::Referent::Name(scene.cast[k].name.to_lowercase())
}
