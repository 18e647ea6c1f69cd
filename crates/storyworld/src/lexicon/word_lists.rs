//! The lexicon's word lists beside its verbs, each from its hand-written table and from
//! WordNet: injury nouns and adjectives, body parts, characters (people, animals,
//! relatives) and weapons, every noun with its plurals.

use std::collections::{HashMap, HashSet};

use super::core_words::{
    CORE_BODY_PARTS, CORE_PERSONS, INJURY_ADJECTIVES, INJURY_NOUNS, NON_INJURY_BODY_PARTS,
    PAIRED_BODY_PARTS, VITAL_BODY_PARTS, WEAPONS,
};
use super::entries::{AdjectiveEntry, AdjectiveUse, BodyPart, NounEntry, Weapon};
use super::harvest::{
    BODY_SEEDS, INJURY_NOUN_SEEDS, KILLING_NOUN_SEEDS, NOUN_STOP_LIST, PERSON_SEEDS, Seed,
    WEAPON_SEEDS, harvest, harvest_agent_nouns, seed_synsets,
};
use super::inflect::regular_plural;
use super::kind::InjuryKind;
use super::tables::{parse_kind, parse_severity, table_error};
use crate::error::Result;
use crate::wordnet::{PartOfSpeech, WordNet};

/// The one-word lemmas of a harvest (no `_` or `-`).
fn single_words(words: Vec<String>) -> impl Iterator<Item = String> {
    words
        .into_iter()
        .filter(|w| !w.contains('_') && !w.contains('-'))
}

/// A noun and its plurals: the irregular ones (`irregular`: base → irregular forms), or
/// else the regular one.
fn with_plurals(lemma: &str, irregular: &HashMap<String, Vec<String>>) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    match irregular.get(lemma) {
        Some(forms) => out.extend(forms.iter().cloned()),
        None => out.push(regular_plural(lemma)),
    }
    out
}

/// The injury nouns: the table's, then WordNet's injuries and killings not in it.
pub(super) fn injury_nouns(wordnet: &WordNet) -> Result<Vec<NounEntry>> {
    let mut nouns: Vec<NounEntry> = Vec::new();
    for line in INJURY_NOUNS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [lemma, kind, severity, attachment, rest @ ..] = fields.as_slice() else {
            return Err(table_error(
                "noun",
                line,
                "expected `lemma kind severity attachment`",
            ));
        };
        nouns.push(NounEntry {
            lemma: lemma.to_string(),
            kind: parse_kind("noun", line, kind)?,
            severity: parse_severity("noun", line, severity)?,
            needs_attachment: match *attachment {
                "attached" => true,
                "free" => false,
                _ => return Err(table_error("noun", line, "attachment is free or attached")),
            },
            implied: rest.contains(&"implied"),
        });
    }
    let mut known_nouns: HashSet<String> = nouns.iter().map(|n| n.lemma.clone()).collect();
    for (seeds, kind, attached) in [
        (INJURY_NOUN_SEEDS, InjuryKind::Harm, true),
        (KILLING_NOUN_SEEDS, InjuryKind::Death, false),
    ] {
        let harvested = harvest(wordnet, seeds, PartOfSpeech::Noun, false, NOUN_STOP_LIST)?;
        for lemma in single_words(harvested) {
            if known_nouns.insert(lemma.clone()) {
                nouns.push(NounEntry {
                    lemma,
                    kind,
                    severity: kind.severity(),
                    needs_attachment: attached,
                    implied: false,
                });
            }
        }
    }
    Ok(nouns)
}

/// Every form of the injury nouns (lemma and plurals) → the index of its noun, the first
/// noun winning.
pub(super) fn noun_forms(
    nouns: &[NounEntry],
    irregular: &HashMap<String, Vec<String>>,
) -> HashMap<String, usize> {
    let mut noun_forms = HashMap::new();
    for (i, noun) in nouns.iter().enumerate() {
        for form in with_plurals(&noun.lemma, irregular) {
            noun_forms.entry(form).or_insert(i);
        }
    }
    noun_forms
}

/// The injury adjectives of the table, with what each is said of.
pub(super) fn injury_adjectives() -> Result<HashMap<String, AdjectiveEntry>> {
    let mut adjectives = HashMap::new();
    for line in INJURY_ADJECTIVES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [lemma, kind, severity, used_of] = fields.as_slice() else {
            return Err(table_error(
                "adjective",
                line,
                "expected `lemma kind severity use`",
            ));
        };
        let used_of = match *used_of {
            "animate" => AdjectiveUse::Animate,
            "part" => AdjectiveUse::Part,
            "either" => AdjectiveUse::Either,
            _ => {
                return Err(table_error(
                    "adjective",
                    line,
                    "use is animate, part or either",
                ));
            }
        };
        adjectives.insert(
            lemma.to_string(),
            AdjectiveEntry {
                kind: parse_kind("adjective", line, kind)?,
                severity: parse_severity("adjective", line, severity)?,
                used_of,
            },
        );
    }
    Ok(adjectives)
}

/// The forms of the body parts that are never injured (`hair`, `nails`…).
pub(super) fn non_injury_parts(irregular: &HashMap<String, Vec<String>>) -> HashSet<String> {
    NON_INJURY_BODY_PARTS
        .iter()
        .flat_map(|p| with_plurals(p, irregular))
        .collect()
}

/// Every form of the body parts → its part: the core parts, then WordNet's, less the
/// parts never injured (`non_injury_parts`), the first lemma of a form winning.
pub(super) fn body_parts(
    wordnet: &WordNet,
    non_injury_parts: &HashSet<String>,
    irregular: &HashMap<String, Vec<String>>,
) -> Result<HashMap<String, BodyPart>> {
    let mut body_parts: HashMap<String, BodyPart> = HashMap::new();
    let harvested_parts = harvest(
        wordnet,
        BODY_SEEDS,
        PartOfSpeech::Noun,
        false,
        NOUN_STOP_LIST,
    )?;
    let core_parts = CORE_BODY_PARTS.iter().map(|p| (p.to_string(), true));
    for (lemma, core) in core_parts.chain(single_words(harvested_parts).map(|p| (p, false))) {
        if non_injury_parts.contains(&lemma) {
            continue;
        }
        let part = BodyPart {
            paired: PAIRED_BODY_PARTS.contains(&lemma.as_str()),
            vital: VITAL_BODY_PARTS.contains(&lemma.as_str()),
            lemma: lemma.clone(),
            core,
        };
        for form in with_plurals(&lemma, irregular) {
            body_parts.entry(form).or_insert_with(|| part.clone());
        }
    }
    Ok(body_parts)
}

/// The forms of a class of characters: the `core` words and WordNet's nouns under
/// `seeds`, leaving out body parts that are not core words.
pub(super) fn word_set(
    wordnet: &WordNet,
    core: &[&str],
    seeds: &[Seed],
    body_parts: &HashMap<String, BodyPart>,
    irregular: &HashMap<String, Vec<String>>,
) -> Result<HashSet<String>> {
    let harvested = harvest(wordnet, seeds, PartOfSpeech::Noun, false, NOUN_STOP_LIST)?;
    Ok(core
        .iter()
        .map(|w| w.to_string())
        .chain(single_words(harvested))
        .filter(|w| !body_parts.contains_key(w) || core.contains(&w.as_str()))
        .flat_map(|w| with_plurals(&w, irregular))
        .collect())
}

/// The forms of the person nouns: the core persons, WordNet's persons and agent nouns,
/// less body parts and the machines WordNet also knows as people.
pub(super) fn persons(
    wordnet: &WordNet,
    body_parts: &HashMap<String, BodyPart>,
    irregular: &HashMap<String, Vec<String>>,
) -> Result<HashSet<String>> {
    let mut persons = word_set(wordnet, CORE_PERSONS, PERSON_SEEDS, body_parts, irregular)?;
    for agent in harvest_agent_nouns(wordnet, PERSON_SEEDS, NOUN_STOP_LIST)? {
        if !body_parts.contains_key(&agent) && !DEVICE_NOUNS.contains(&agent.as_str()) {
            persons.extend(with_plurals(&agent, irregular));
        }
    }
    for device in DEVICE_NOUNS {
        persons.remove(*device);
        persons.remove(&format!("{device}s"));
    }
    Ok(persons)
}

/// Every form of the weapons and hazards → the injury it does: the table's, then
/// WordNet's weapons classed by their hypernyms (guns shoot, swords stab, the rest
/// harm), the first entry of a form winning.
pub(super) fn weapons(
    wordnet: &WordNet,
    irregular: &HashMap<String, Vec<String>>,
) -> Result<HashMap<String, Weapon>> {
    let mut weapons: HashMap<String, Weapon> = HashMap::new();
    for line in WEAPONS.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [word, kind, severity] = fields.as_slice() else {
            return Err(table_error("weapon", line, "expected `word kind severity`"));
        };
        let weapon = Weapon {
            kind: parse_kind("weapon", line, kind)?,
            severity: parse_severity("weapon", line, severity)?,
        };
        for form in with_plurals(word, irregular) {
            weapons.entry(form).or_insert(weapon);
        }
    }
    let guns = class_closure(wordnet, "gun", 1)?;
    let swords = class_closure(wordnet, "sword", 1)?;
    let harvested = harvest(
        wordnet,
        WEAPON_SEEDS,
        PartOfSpeech::Noun,
        false,
        NOUN_STOP_LIST,
    )?;
    for lemma in single_words(harvested) {
        let first = wordnet.senses(&lemma, PartOfSpeech::Noun)?.first().copied();
        let weapon = match first {
            Some(s) if guns.contains(&s) => Weapon {
                kind: InjuryKind::Gunshot,
                severity: 7,
            },
            Some(s) if swords.contains(&s) => Weapon {
                kind: InjuryKind::Stab,
                severity: 7,
            },
            _ => Weapon {
                kind: InjuryKind::Harm,
                severity: 5,
            },
        };
        for form in with_plurals(&lemma, irregular) {
            weapons.entry(form).or_insert(weapon);
        }
    }
    Ok(weapons)
}

/// Machines that WordNet also knows as people (`printer`, `computer`): never a
/// character, so that `the printer died` is a machine's failure.
#[rustfmt::skip]
const DEVICE_NOUNS: &[&str] = &[
    "printer", "computer", "scanner", "mixer", "recorder", "heater", "cooler", "lighter",
    "charger", "receiver", "transmitter", "router", "timer", "sprinkler", "dryer", "toaster",
    "blender", "projector", "processor", "calculator", "compressor", "generator", "motor",
    "tractor", "elevator", "radiator", "refrigerator", "freezer", "boiler", "cooker", "copier",
    "shredder", "grinder", "tanker", "freighter", "steamer", "transformer", "amplifier",
];

/// The synsets under the `sense`-th sense of the noun `lemma` (itself included).
fn class_closure(
    wordnet: &WordNet,
    lemma: &'static str,
    sense: usize,
) -> Result<HashSet<crate::wordnet::SynsetId>> {
    let roots = seed_synsets(
        wordnet,
        &[Seed {
            lemma,
            sense,
            check: lemma,
        }],
        PartOfSpeech::Noun,
    )?;
    wordnet.hyponym_closure(&roots, false)
}
