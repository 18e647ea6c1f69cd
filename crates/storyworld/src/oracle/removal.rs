//! Treatment that implies a wound without naming it: a foreign object taken out of a
//! character's body part (`picking shrapnel out of the corporal's legs`, `fished the slug
//! out of the boy's hip`, `easing the barbed hook out through the fleshy part of his
//! thumb`) or lodged deep in one (`a fishhook buried deep in the greyhound's paw`). Only
//! what pierces counts: a ring, a glove or a glass held is taken from a hand unharmed.

use super::effects::possessive_owner;
use super::event::{Candidate, Directness, Form};
use super::sentence::{Analysis, Head, Referent};
use crate::lexicon::InjuryKind;

/// Things that go into a body by piercing it (weapons count too): the word, its injury
/// and severity.
#[rustfmt::skip]
const PIERCING_THINGS: &[(&str, InjuryKind, u8)] = &[
    ("shrapnel", InjuryKind::Gunshot, 6), ("slug", InjuryKind::Gunshot, 7),
    ("slugs", InjuryKind::Gunshot, 7), ("pellet", InjuryKind::Gunshot, 5),
    ("pellets", InjuryKind::Gunshot, 5), ("buckshot", InjuryKind::Gunshot, 5),
    ("shard", InjuryKind::Cut, 4), ("shards", InjuryKind::Cut, 4),
    ("sliver", InjuryKind::Cut, 3), ("slivers", InjuryKind::Cut, 3),
    ("fragment", InjuryKind::Cut, 4), ("fragments", InjuryKind::Cut, 4),
    ("glass", InjuryKind::Cut, 4), ("gravel", InjuryKind::Minor, 2),
    ("grit", InjuryKind::Minor, 2), ("splinter", InjuryKind::Minor, 2),
    ("splinters", InjuryKind::Minor, 2), ("thorn", InjuryKind::Minor, 2),
    ("thorns", InjuryKind::Minor, 2), ("spine", InjuryKind::Minor, 2),
    ("spines", InjuryKind::Minor, 2), ("quill", InjuryKind::Minor, 3),
    ("quills", InjuryKind::Minor, 3), ("hook", InjuryKind::Stab, 4),
    ("fishhook", InjuryKind::Stab, 4), ("fishhooks", InjuryKind::Stab, 4),
    ("barb", InjuryKind::Stab, 4), ("barbs", InjuryKind::Stab, 4),
    ("stinger", InjuryKind::Minor, 2), ("fang", InjuryKind::Bite, 4),
    ("tooth", InjuryKind::Bite, 4), ("nail", InjuryKind::Stab, 4),
    ("stake", InjuryKind::Stab, 7), ("shaft", InjuryKind::Stab, 7),
    ("quarrel", InjuryKind::Stab, 7), ("arrowhead", InjuryKind::Stab, 7),
    ("bolt", InjuryKind::Stab, 7), ("dart", InjuryKind::Stab, 5),
    ("darts", InjuryKind::Stab, 5),
];

/// Piercing things that are never merely held: in a hand too they went in.
#[rustfmt::skip]
const ALWAYS_EMBEDDED: &[&str] = &[
    "shrapnel", "slug", "slugs", "pellet", "pellets", "buckshot", "shard", "shards", "sliver",
    "slivers", "fragment", "fragments", "splinter", "splinters", "thorn", "thorns", "spines",
    "quill", "quills", "stinger", "gravel", "grit", "fishhook", "fishhooks", "barb", "barbs",
    "bullet", "bullets", "arrowhead",
];

/// Verbs that take something out of a body (any inflection written out).
#[rustfmt::skip]
pub(super) const TAKING_OUT: &[&str] = &[
    "removed", "remove", "removes", "removing", "pulled", "pull", "pulls", "pulling", "dug",
    "dig", "digs", "digging", "extracted", "extract", "extracts", "extracting", "took", "take",
    "takes", "taking", "yanked", "yank", "yanking", "plucked", "pluck", "plucking", "drew",
    "draw", "draws", "drawing", "tugged", "tug", "tugging", "wrenched", "wrench", "wrenching",
    "eased", "ease", "eases", "easing", "picked", "pick", "picks", "picking", "prised",
    "prising", "pried", "prying", "prized", "tweezed", "tweezing", "worked", "working",
    "fished", "fish", "fishing", "teased", "teasing", "coaxed", "coaxing", "squeezed",
    "squeezing", "cut", "cutting", "got", "getting", "flicked", "scraped", "scraping",
];

/// Verbs of something lodged in a body.
#[rustfmt::skip]
pub(super) const LODGED: &[&str] = &[
    "buried", "embedded", "lodged", "stuck", "sunk", "driven", "caught", "hooked",
];

/// Parts that hold things (a glass taken from a hand was held, not lodged).
const HOLDING: &[&str] = &["hand", "hands", "fingers", "mouth", "lap", "grip", "palm"];

fn piercing(a: &Analysis, k: usize) -> Option<(InjuryKind, u8)> {
    let w = a.word(k);
    if let Some(&(_, kind, severity)) = PIERCING_THINGS.iter().find(|(t, _, _)| *t == w) {
        return Some((kind, severity));
    }
    a.lexicon.weapons.get(w).map(|wp| (wp.kind, wp.severity))
}

/// The body part phrase at `k` and its owner, following `of` (`the sole of her foot`,
/// `the fleshy part of his thumb`); `None` unless the owner is a character.
fn owned_part(a: &Analysis, k: usize) -> Option<(Referent, String)> {
    let np = a.np_at(k)?;
    let (part, possessor) = match np.head {
        Head::Part { part, possessor } => (Some(part), possessor),
        _ => (None, None),
    };
    if (possessor.is_none() || part.is_none()) && a.word(np.end) == "of" {
        let inner = a.np_at(np.end + 1)?;
        if let Head::Part { part, possessor } = inner.head {
            let owner = possessor
                .or_else(|| (inner.start..inner.head_index).find_map(|m| possessive_owner(a, m)))?;
            return Some((owner, part));
        }
        return None;
    }
    let part = part?;
    let owner =
        possessor.or_else(|| (np.start..np.head_index).find_map(|m| possessive_owner(a, m)))?;
    if let Referent::Noun(n) = &owner
        && !a.lexicon.is_character_noun(n)
    {
        return None;
    }
    Some((owner, part))
}

fn wound(
    kind: InjuryKind,
    severity: u8,
    owner: Referent,
    part: String,
    i: usize,
    trigger: String,
) -> Candidate {
    Candidate::new(kind, severity, owner, i, trigger)
        .part(Some(part))
        .directness(Directness::Implied)
        .form(Form::State)
        .presupposed()
}

/// A piercing thing taken out of a character's body part: `picking shrapnel out of the
/// corporal's legs`, `fished the slug out of the boy's hip`, `easing the barbed hook out
/// through the fleshy part of his thumb`.
pub(crate) fn taken_out_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !TAKING_OUT.contains(&a.word(i)) {
        return None;
    }
    let end = (i + 12).min(a.clause(i).end);
    // the object: a piercing thing within a few words (`black sea-urchin spines`)
    let thing = (i + 1..(i + 6).min(end)).find(|&k| piercing(a, k).is_some())?;
    let (kind, severity) = piercing(a, thing)?;
    // out of, out through, from
    let mut k = thing + 1;
    while k < end && !matches!(a.word(k), "out" | "from") {
        // a part before the preposition belongs elsewhere: `the spines in his foot` is
        // read by the lodging rules
        if a.is_body_part(k) {
            return None;
        }
        k += 1;
    }
    if k >= end {
        return None;
    }
    let mut at = k + 1;
    while at < end && matches!(a.word(at), "of" | "through" | "from" | "between") {
        at += 1;
    }
    let (owner, part) = owned_part(a, at)?;
    // a knife, a dart or a glass taken from a hand was held; glass without an article
    // (`picked glass out of her palm`) is in pieces
    let bare = thing > 0 && !super::grammar::is_determiner(a.word(thing - 1));
    let embedded = ALWAYS_EMBEDDED.contains(&a.word(thing)) || a.word(thing) == "glass" && bare;
    if !embedded && HOLDING.contains(&part.as_str()) {
        return None;
    }
    Some(wound(
        kind,
        severity,
        owner,
        part,
        i,
        format!("{} {} out", a.word(i), a.word(thing)),
    ))
}

/// A piercing thing lodged in a character's body part: `a fishhook buried deep in the
/// greyhound's paw`, `a thorn stuck in her heel`.
pub(crate) fn lodged_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !LODGED.contains(&a.word(i)) {
        return None;
    }
    let thing = (i.saturating_sub(4)..i)
        .rev()
        .find(|&k| piercing(a, k).is_some())?;
    let (kind, severity) = piercing(a, thing)?;
    let mut at = i + 1;
    while matches!(
        a.word(at),
        "deep" | "deeply" | "fast" | "firmly" | "right" | "in" | "into"
    ) {
        at += 1;
    }
    if !matches!(a.word(at - 1), "in" | "into") {
        return None;
    }
    let (owner, part) = owned_part(a, at)?;
    Some(wound(
        kind,
        severity,
        owner,
        part,
        i,
        format!("{} {} in", a.word(thing), a.word(i)),
    ))
}
