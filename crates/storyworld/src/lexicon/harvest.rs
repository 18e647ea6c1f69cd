//! What the lexicon takes from WordNet: the lemmas under a few seed synsets (hyponym
//! closure), kept only when the seed's meaning is the lemma's most frequent one (its first
//! sense) or one of at most two senses — so `kill`'s hyponym `destroy` (first sense: to
//! damage irreparably) is left out while `garrotte`, `disembowel` and `lacerate` come in —
//! and then minus a stop list of lemmas that pass that test but are mostly used otherwise.

use std::collections::HashSet;

use super::entries::Frame;
use super::kind::InjuryKind;
use crate::error::{Result, StoryworldError};
use crate::wordnet::{PartOfSpeech, SynsetId, WordNet};

/// A seed: the `sense`-th sense (1-based) of `lemma`, which must contain `check` (so a
/// different WordNet version that renumbers senses is an error, not a silent change).
pub(crate) struct Seed {
    pub lemma: &'static str,
    pub sense: usize,
    pub check: &'static str,
}

const fn seed(lemma: &'static str, sense: usize, check: &'static str) -> Seed {
    Seed {
        lemma,
        sense,
        check,
    }
}

/// Verb seeds, most specific first (a lemma keeps the kind of the first seed that yields
/// it): the seed synsets, the kind of injury their hyponyms describe, and their frame.
pub(crate) const VERB_SEEDS: &[(&[Seed], InjuryKind, Frame)] = &[
    (
        &[seed("stab", 1, "knife")],
        InjuryKind::Stab,
        Frame::Transitive,
    ),
    (
        &[seed("flog", 1, "whip")],
        InjuryKind::Blow,
        Frame::Transitive,
    ),
    (
        &[seed("lacerate", 1, "lacerate"), seed("gash", 1, "slash")],
        InjuryKind::Cut,
        Frame::Transitive,
    ),
    (
        &[seed("disembowel", 1, "eviscerate")],
        InjuryKind::Maim,
        Frame::Animate,
    ),
    (
        &[seed("strangle", 1, "strangle")],
        InjuryKind::Strangle,
        Frame::Animate,
    ),
    (
        &[seed("kill", 1, "kill")],
        InjuryKind::Death,
        Frame::Transitive,
    ),
    (
        &[seed("die", 1, "perish")],
        InjuryKind::Death,
        Frame::Intransitive,
    ),
    (
        &[seed("injure", 1, "wound"), seed("hurt", 2, "hurt")],
        InjuryKind::Harm,
        Frame::Transitive,
    ),
];
/// Noun seeds of body parts.
pub(crate) const BODY_SEEDS: &[Seed] = &[seed("body_part", 1, "body_part"), seed("bone", 1, "os")];
/// Noun seeds of people (instances — named individuals — are not followed).
pub(crate) const PERSON_SEEDS: &[Seed] = &[seed("person", 1, "individual")];
/// Noun seeds of animals.
pub(crate) const ANIMAL_SEEDS: &[Seed] = &[seed("animal", 1, "beast")];
/// Noun seeds of relatives.
pub(crate) const KIN_SEEDS: &[Seed] = &[seed("relative", 1, "relation")];
/// Noun seeds of weapons and projectiles.
pub(crate) const WEAPON_SEEDS: &[Seed] = &[
    seed("weapon", 1, "weapon_system"),
    seed("projectile", 1, "missile"),
];
/// Noun seeds of injuries.
pub(crate) const INJURY_NOUN_SEEDS: &[Seed] =
    &[seed("injury", 1, "harm"), seed("wound", 1, "lesion")];
/// Noun seeds of killings.
pub(crate) const KILLING_NOUN_SEEDS: &[Seed] = &[
    seed("killing", 1, "violent_death"),
    seed("killing", 2, "putting_to_death"),
];

/// Verbs that pass the sense test but are mostly used otherwise (`disable the alarm`,
/// `execute` is in the core table with its own frame, `stone` is mostly `stoned`).
#[rustfmt::skip]
pub(crate) const VERB_STOP_LIST: &[&str] = &[
    "ail", "cat", "chine", "disable", "disagree_with", "erase", "eradicate", "decimate",
    "annihilate", "excruciate", "flight", "grass", "hamstring", "handicap", "hock", "invalid",
    "lather", "leather", "liquidate", "mar", "neutralise", "neutralize", "off", "overlay",
    "overlie", "pain", "pip", "pip_out", "pop_off", "put_to_sleep", "recrudesce", "rick",
    "succumb", "trounce", "welt", "buy_it", "knock_off", "stone", "overstretch", "traumatise",
    "traumatize", "martyrise", "martyrize", "birch", "cowhide", "vaporize", "brain", "croak",
    "burke", "torment", "rack", "shock", "sicken", "jam", "pull", "turn", "twist", "wrench",
    "force_out", "run_down", "calk", "skin", "scrape", "gag", "trouble", "erupt", "break_out",
    "lame", "exterminate", "halter", "gibbet", "scrag", "sabre", "saber", "tomahawk", "decease",
    "exit", "expire", "go", "pass", "conk", "yield", "fall", "stifle", "famish", "starve",
    "predecease", "flow", "menstruate", "hemorrhage", "cash_in_one's_chips",
];

/// Nouns that pass the sense test but would read wrongly as characters, body parts or
/// weapons in stories (`the quick`, `a tail`, `the mark`).
#[rustfmt::skip]
pub(crate) const NOUN_STOP_LIST: &[&str] = &[
    "quick", "res", "vessel", "valve", "cistern", "orb", "hooks", "sticker", "frill", "fuzz",
    "cere", "end-plate", "behind", "tail", "puss", "tum", "flab", "ticker", "vitals", "innards",
    "receptor", "secreter", "porta", "trotter", "feeler", "mark", "sucker", "case", "type",
    "model", "master", "head", "face", "front", "figure", "hand", "arm", "lead", "relation",
    "slug", "shot", "round", "bolt", "stick", "staff", "pipe", "log", "rod", "branch", "chain",
    "spike", "brand", "iron", "piece", "star", "giant", "rock", "bomb", "guide", "native", "adult",
    "worker", "peer", "match", "cheater", "dancer", "user", "mate", "ace", "blade", "fan", "smoke",
    "soul", "being", "life", "body", "charge", "scratch", "bite", "cut", "slash", "bump", "harm",
    "hurt", "wrench", "burn", "scorch", "graze", "wale", "weal", "rupture", "trauma", "shiner",
    "scald", "cat", "dog", "game", "kill", "shooting", "strangling", "throttling", "suffocation",
    "killing", "missile", "dart", "arrow",
];

/// Resolves seeds to synsets, checking each against its expected lemma.
pub(crate) fn seed_synsets(
    wordnet: &WordNet,
    seeds: &[Seed],
    pos: PartOfSpeech,
) -> Result<Vec<SynsetId>> {
    seeds
        .iter()
        .map(|s| {
            let senses = wordnet.senses(s.lemma, pos)?;
            let id = *senses.get(s.sense.wrapping_sub(1)).ok_or_else(|| {
                StoryworldError::Setting(format!(
                    "WordNet in {} has no sense {} of `{}` ({pos:?}); the oracle needs WordNet 3.0",
                    wordnet.dir().display(),
                    s.sense,
                    s.lemma
                ))
            })?;
            let synset = wordnet.synset(id)?;
            if !synset.lemmas.iter().any(|l| l == s.check) {
                return Err(StoryworldError::Setting(format!(
                    "WordNet in {}: sense {} of `{}` is {:?}, expected one with `{}`; the oracle needs WordNet 3.0",
                    wordnet.dir().display(),
                    s.sense,
                    s.lemma,
                    synset.lemmas,
                    s.check
                )));
            }
            Ok(id)
        })
        .collect()
}

/// The lemmas under `seeds` that pass the sense test and are not stopped, in sorted
/// order. Lemmas with characters other than lowercase letters, `-` and `_` are skipped.
pub(crate) fn harvest(
    wordnet: &WordNet,
    seeds: &[Seed],
    pos: PartOfSpeech,
    instances: bool,
    stop: &[&str],
) -> Result<Vec<String>> {
    let roots = seed_synsets(wordnet, seeds, pos)?;
    let closure = wordnet.hyponym_closure(&roots, instances)?;
    let mut lemmas: HashSet<String> = HashSet::new();
    for &id in &closure {
        for lemma in wordnet.synset(id)?.lemmas {
            lemmas.insert(lemma);
        }
    }
    let stop: HashSet<&str> = stop.iter().copied().collect();
    let mut kept = Vec::new();
    for lemma in lemmas {
        if stop.contains(lemma.as_str())
            || !lemma
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'_')
        {
            continue;
        }
        let senses = wordnet.senses(&lemma, pos)?;
        let first_sense_inside = senses.first().is_some_and(|s| closure.contains(s));
        let few_senses_one_inside = senses.len() <= 2 && senses.iter().any(|s| closure.contains(s));
        if first_sense_inside || few_senses_one_inside {
            kept.push(lemma);
        }
    }
    kept.sort();
    Ok(kept)
}

/// Agent nouns of a person class whose person sense WordNet ranks second (`cleaner`, a
/// cleaning agent first; `miller`): a word ending in `-er`, `-or` or `-man` with a sense
/// in the class among its first two. The class's closure is computed once more.
pub(crate) fn harvest_agent_nouns(
    wordnet: &WordNet,
    seeds: &[Seed],
    stop: &[&str],
) -> Result<Vec<String>> {
    let roots = seed_synsets(wordnet, seeds, PartOfSpeech::Noun)?;
    let closure = wordnet.hyponym_closure(&roots, false)?;
    let mut lemmas: HashSet<String> = HashSet::new();
    for &id in &closure {
        for lemma in wordnet.synset(id)?.lemmas {
            if (lemma.ends_with("er") || lemma.ends_with("or") || lemma.ends_with("man"))
                && lemma.bytes().all(|b| b.is_ascii_lowercase())
            {
                lemmas.insert(lemma);
            }
        }
    }
    let stop: HashSet<&str> = stop.iter().copied().collect();
    let mut kept = Vec::new();
    for lemma in lemmas {
        if stop.contains(lemma.as_str()) {
            continue;
        }
        let senses = wordnet.senses(&lemma, PartOfSpeech::Noun)?;
        if senses.iter().take(2).any(|s| closure.contains(s)) {
            kept.push(lemma);
        }
    }
    kept.sort();
    Ok(kept)
}
