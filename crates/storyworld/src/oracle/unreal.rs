//! Words around an injury that say it did not happen, beyond the clause's own negation
//! and modals: a near miss measured out (`came within seconds of drowning`), a dream of
//! something (`dreamed of his own execution`, not a dream about the night it happened), a
//! decree's subjunctive (`decreed that he be beheaded`), a fear for someone (`terrified he
//! was lying injured`), a degree measured by an injury (`sharp enough to draw blood`),
//! and grooming or a piercing one has done (`had her hair cut`, `took her to get her nose
//! pierced`).

use super::event::Status;
use super::grammar::{is_copula, pronoun};
use super::sentence::Analysis;

/// Verbs of dreaming that take `of` or `about`.
const DREAMING: &[&str] = &["dream", "dreams", "dreamed", "dreamt", "dreaming"];

/// Verbs and nouns of ordering whose `that`-clause is a subjunctive.
#[rustfmt::skip]
const DECREES: &[&str] = &[
    "decreed", "decree", "decrees", "ordered", "order", "orders", "demanded", "demand",
    "demands", "commanded", "command", "insisted", "required", "ruled", "urged", "proposed",
    "recommended", "asked",
];

/// Fears whose complement is not asserted (`terrified he was lying injured`).
const FEARS: &[&str] = &["terrified", "afraid", "scared", "frightened", "petrified"];

/// Parts pierced for jewellery.
#[rustfmt::skip]
const ADORNED: &[&str] = &[
    "ear", "ears", "earlobe", "earlobes", "nose", "eyebrow", "navel", "lip", "tongue", "septum",
];

/// What is cut or trimmed as grooming (`had her hair cut`).
#[rustfmt::skip]
const GROOMED: &[&str] = &[
    "hair", "nails", "fingernails", "toenails", "beard", "moustache", "mustache", "fringe",
    "bangs", "curls", "locks", "sideburns", "eyebrows", "mane", "fur", "coat", "claws",
];

/// Whether the words around the injury at `i` say it did not happen; the status and why.
pub(crate) fn unreal(a: &Analysis, i: usize) -> Option<(Status, &'static str)> {
    let clause = a.clause(i);
    // `came within seconds of drowning`, `within an inch of his life`
    if i >= 2 && a.word(i - 1) == "of" {
        let within = (i.saturating_sub(5)..i - 1).find(|&k| a.word(k) == "within");
        if within.is_some() {
            return Some((Status::NearMiss, "`came within … of`: almost happened"));
        }
    }
    // `dreamed of his own execution`: a dream of an injury imagines it
    for k in clause.start..i {
        if DREAMING.contains(&a.word(k))
            && matches!(a.word(k + 1), "of" | "about")
            && !(matches!(a.word(k + 2), "the" | "that")
                && matches!(
                    a.word(k + 3),
                    "morning"
                        | "night"
                        | "day"
                        | "evening"
                        | "time"
                        | "moment"
                        | "year"
                        | "battle"
                        | "war"
                        | "accident"
                        | "raid"
                        | "fire"
                ))
            && i - k <= 6
        {
            return Some((Status::Hypothetical, "a dream of it"));
        }
    }
    // `decreed that he be beheaded`: the subjunctive of an order
    if i >= 1 && a.word(i - 1) == "be" {
        let that = (i.saturating_sub(6)..i)
            .rev()
            .find(|&k| a.word(k) == "that")?;
        if that >= 1 && DECREES.contains(&a.word(that - 1)) {
            return Some((
                Status::Hypothetical,
                "ordered, not yet done (a subjunctive)",
            ));
        }
    }
    // `terrified he was lying injured in a ditch`
    // (a predicate with a clause after it: `the frightened cat scratched him` is no fear)
    if (i.saturating_sub(8)..i).any(|k| {
        FEARS.contains(&a.word(k))
            && k >= 1
            // `I'm afraid he's dead` tells the news politely
            && !(a.word(k) == "afraid" && (k.saturating_sub(3)..k).any(|m| matches!(a.word(m), "i" | "we" | "i'm" | "we're")))
            && (is_copula(a.word(k - 1)) || matches!(a.word(k - 1), "felt" | "grew" | "seemed"))
            && (a.word(k + 1) == "that"
                || pronoun(a.word(k + 1)).is_some_and(|p| !p.possessive)
                || a.is_name(k + 1)
                || matches!(a.word(k + 1), "the" | "her" | "his" | "their" | "my"))
    }) {
        return Some((Status::Hypothetical, "feared, not said to happen"));
    }
    // `the first man who reaches for a gun gets a bullet`, `whoever opens it dies`
    if generic_condition(a, i) {
        return Some((
            Status::Hypothetical,
            "a generic condition (`whoever …`, `the first man who …`)",
        ));
    }
    // `sharp enough to draw blood`, `strong enough to kill an ox`: a degree measured by an
    // injury that is not said to happen
    if (i.saturating_sub(3)..i).any(|k| a.word(k) == "enough" && a.word(k + 1) == "to") {
        return Some((
            Status::Hypothetical,
            "a degree (`enough to`), not said to happen",
        ));
    }
    // `had her hair cut to her chin`, `got his beard trimmed`: grooming done by another
    if GROOMED.contains(&a.word(i.wrapping_sub(1)))
        && matches!(
            a.word(i),
            "cut" | "clipped" | "trimmed" | "shaved" | "shorn" | "cropped"
        )
    {
        return Some((Status::Figurative, "grooming (`had her hair cut`)"));
    }
    // `took her to get her nose pierced`, `had his ears pierced`
    if a.word(i) == "pierced"
        && i >= 1
        && ADORNED.contains(&a.word(i - 1))
        && (i.saturating_sub(5)..i).any(|k| {
            matches!(
                a.word(k),
                "get" | "got" | "gets" | "getting" | "have" | "had" | "has" | "having"
            )
        })
    {
        return Some((Status::Figurative, "a piercing is grooming"));
    }
    None
}

/// Words before `who` that make its phrase anyone at all (`anyone who`, `the first man
/// who`, `the next one who`), and `whoever`.
const GENERIC_HEADS: &[&str] = &[
    "anyone",
    "anybody",
    "everyone",
    "everybody",
    "first",
    "next",
    "any",
];

/// `The first man who reaches for a gun gets a bullet between the eyes`, `Anyone who
/// touches the gold dies`, `Whoever opens that door will hang`: a subject that is anyone
/// who would do something, told in the present or the future, is a condition, and what
/// it gets is supposed (`anyone who crossed him got a beating` told a habit, and is real).
fn generic_condition(a: &Analysis, i: usize) -> bool {
    let Some(who) = (0..i).find(|&k| {
        a.word(k) == "whoever"
            || a.word(k) == "who"
                && (k.saturating_sub(3)..k).any(|m| GENERIC_HEADS.contains(&a.word(m)))
    }) else {
        return false;
    };
    let span = who + 1..=i;
    let past = span.clone().any(|j| {
        let w = a.word(j);
        matches!(w, "was" | "were" | "had" | "did" | "got" | "took") || w.ends_with("ed")
    });
    let present = span.clone().any(|j| {
        let w = a.word(j);
        matches!(w, "will" | "'ll" | "shall")
            || w.len() > 3
                && w.ends_with('s')
                && !is_copula(w)
                && a.lexicon
                    .wordnet
                    .base_forms(w, crate::wordnet::PartOfSpeech::Verb)
                    .iter()
                    .any(|b| b.as_str() != w)
    });
    present && !past
}
