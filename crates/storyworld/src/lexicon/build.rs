//! Builds the [`Lexicon`] from WordNet and the hand-written tables.

use std::collections::{HashMap, HashSet};

use super::core_verbs::CORE_VERBS;
use super::core_words::{
    CONTACT_VERBS, CORE_ANIMALS, CORE_BODY_PARTS, CORE_KIN, CORE_PERSONS, DEATH_IDIOMS,
    EFFECT_PHRASES, FIGURATIVE_PHRASES, INJURY_ADJECTIVES, INJURY_NOUNS, NON_INJURY_BODY_PARTS,
    PAIRED_BODY_PARTS, VITAL_BODY_PARTS, WEAPONS,
};
use super::harvest::{
    ANIMAL_SEEDS, BODY_SEEDS, INJURY_NOUN_SEEDS, KILLING_NOUN_SEEDS, KIN_SEEDS, NOUN_STOP_LIST,
    PERSON_SEEDS, Seed, VERB_SEEDS, VERB_STOP_LIST, WEAPON_SEEDS, harvest, harvest_agent_nouns,
    seed_synsets,
};
use super::inflect::{VerbForm, regular_plural, regular_verb_forms};
use super::phrases::{self, PhraseSet};
use super::spelling::SpellingIndex;
use super::{
    AdjectiveEntry, AdjectiveUse, BodyPart, EffectMeaning, EffectVictim, Frame, InjuryKind,
    Lexicon, LexiconStats, NounEntry, PhraseVerb, VerbEntry, Weapon,
};
use crate::error::{Result, StoryworldError};
use crate::wordnet::{PartOfSpeech, WordNet};

fn table_error(table: &str, line: &str, what: &str) -> StoryworldError {
    StoryworldError::Setting(format!("built-in {table} table, line `{line}`: {what}"))
}

fn parse_kind(table: &str, line: &str, name: &str) -> Result<InjuryKind> {
    InjuryKind::from_name(name).ok_or_else(|| table_error(table, line, "unknown injury kind"))
}

fn parse_severity(table: &str, line: &str, field: &str) -> Result<u8> {
    field
        .parse::<u8>()
        .ok()
        .filter(|s| (1..=9).contains(s))
        .ok_or_else(|| table_error(table, line, "severity must be 1–9"))
}

/// Inverse of an exception list: base → irregular forms.
fn reverse_exceptions(wordnet: &WordNet, pos: PartOfSpeech) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (form, bases) in wordnet.exceptions(pos) {
        for base in bases {
            out.entry(base.clone()).or_default().push(form.clone());
        }
    }
    for forms in out.values_mut() {
        forms.sort();
    }
    out
}

struct VerbBuilder {
    verbs: Vec<VerbEntry>,
    forms: HashMap<String, Vec<(usize, VerbForm)>>,
    phrases: HashMap<String, Vec<PhraseVerb>>,
    known: HashSet<String>,
}

impl VerbBuilder {
    fn add_form(&mut self, form: &str, verb: usize, how: VerbForm) {
        let entry = self.forms.entry(form.to_string()).or_default();
        if !entry.iter().any(|&(v, f)| v == verb && f == how) {
            entry.push((verb, how));
        }
    }

    /// The forms of one word: regular ones unless irregular ones are given or listed.
    fn forms_of(
        word: &str,
        past: &[String],
        participle: &[String],
        irregular: Option<&Vec<String>>,
    ) -> Vec<(String, VerbForm)> {
        let (third, regular_past, ing) = regular_verb_forms(word);
        let mut out = vec![
            (word.to_string(), VerbForm::Base),
            (third, VerbForm::ThirdSingular),
        ];
        out.extend(ing.into_iter().map(|f| (f, VerbForm::PresentParticiple)));
        if past.is_empty() && participle.is_empty() {
            // the exception list's past forms (`shot`, `bayonetted`) and the regular ones
            // (`bayoneted`): a wrong regular form (`shooted`) is harmless here
            let irregular_past = irregular
                .into_iter()
                .flatten()
                .filter(|f| !f.ends_with("ing") && !f.ends_with('s'));
            out.extend(irregular_past.map(|f| (f.clone(), VerbForm::PastOrParticiple)));
            out.extend(
                regular_past
                    .into_iter()
                    .map(|f| (f, VerbForm::PastOrParticiple)),
            );
        } else {
            for p in past {
                let how = if participle.contains(p) {
                    VerbForm::PastOrParticiple
                } else {
                    VerbForm::Past
                };
                out.push((p.clone(), how));
            }
            for p in participle {
                if !past.contains(p) {
                    out.push((p.clone(), VerbForm::PastParticiple));
                }
            }
        }
        out
    }

    fn add_verb(
        &mut self,
        entry: VerbEntry,
        past: &[String],
        participle: &[String],
        irregular: &HashMap<String, Vec<String>>,
    ) {
        if !self.known.insert(entry.lemma.clone()) {
            return;
        }
        let index = self.verbs.len();
        let lemma = entry.lemma.clone();
        self.verbs.push(entry);
        let mut words = lemma.split('_');
        let first = words.next().unwrap_or_default().to_string();
        let rest: Vec<String> = words.map(str::to_string).collect();
        for (form, how) in Self::forms_of(&first, past, participle, irregular.get(&first)) {
            if rest.is_empty() {
                self.add_form(&form, index, how);
            } else {
                self.phrases.entry(form).or_default().push(PhraseVerb {
                    rest: rest.clone(),
                    verb: index,
                });
            }
        }
    }
}

fn core_verbs(builder: &mut VerbBuilder, irregular: &HashMap<String, Vec<String>>) -> Result<()> {
    for line in CORE_VERBS.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [lemma, frame, kind, severity, extra @ ..] = fields.as_slice() else {
            return Err(table_error(
                "verb",
                line,
                "expected `lemma frame kind severity`",
            ));
        };
        let frame = match *frame {
            "T" => Frame::Transitive,
            "A" => Frame::Animate,
            "P" => Frame::BodyPart,
            "I" => Frame::Intransitive,
            "B" => Frame::Both,
            _ => return Err(table_error("verb", line, "frame must be T, A, P, I or B")),
        };
        let mut past = Vec::new();
        let mut participle = Vec::new();
        for field in extra {
            let (key, values) = field
                .split_once('=')
                .ok_or_else(|| table_error("verb", line, "extra fields are key=value"))?;
            let values: Vec<String> = values.split(',').map(str::to_string).collect();
            match key {
                "past" => past = values,
                "pp" => participle = values,
                _ => return Err(table_error("verb", line, "unknown key")),
            }
        }
        builder.add_verb(
            VerbEntry {
                lemma: lemma.to_string(),
                frame,
                kind: parse_kind("verb", line, kind)?,
                severity: parse_severity("verb", line, severity)?,
                from_wordnet: false,
            },
            &past,
            &participle,
            irregular,
        );
    }
    Ok(())
}

fn wordnet_verbs(
    builder: &mut VerbBuilder,
    wordnet: &WordNet,
    irregular: &HashMap<String, Vec<String>>,
) -> Result<()> {
    for &(seeds, kind, frame) in VERB_SEEDS {
        for lemma in harvest(wordnet, seeds, PartOfSpeech::Verb, false, VERB_STOP_LIST)? {
            if lemma.contains('-') || lemma.contains('\'') {
                continue;
            }
            builder.add_verb(
                VerbEntry {
                    lemma,
                    frame,
                    kind,
                    severity: kind.severity(),
                    from_wordnet: true,
                },
                &[],
                &[],
                irregular,
            );
        }
    }
    Ok(())
}

fn single_words(words: Vec<String>) -> impl Iterator<Item = String> {
    words
        .into_iter()
        .filter(|w| !w.contains('_') && !w.contains('-'))
}

fn with_plurals(lemma: &str, irregular: &HashMap<String, Vec<String>>) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    match irregular.get(lemma) {
        Some(forms) => out.extend(forms.iter().cloned()),
        None => out.push(regular_plural(lemma)),
    }
    out
}

pub(super) fn build(wordnet: WordNet) -> Result<Lexicon> {
    let verb_irregular = reverse_exceptions(&wordnet, PartOfSpeech::Verb);
    let noun_irregular = reverse_exceptions(&wordnet, PartOfSpeech::Noun);

    let mut builder = VerbBuilder {
        verbs: Vec::new(),
        forms: HashMap::new(),
        phrases: HashMap::new(),
        known: HashSet::new(),
    };
    core_verbs(&mut builder, &verb_irregular)?;
    wordnet_verbs(&mut builder, &wordnet, &verb_irregular)?;

    // injury nouns: the table, then WordNet's injuries and killings
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
        let harvested = harvest(&wordnet, seeds, PartOfSpeech::Noun, false, NOUN_STOP_LIST)?;
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
    let mut noun_forms = HashMap::new();
    for (i, noun) in nouns.iter().enumerate() {
        for form in with_plurals(&noun.lemma, &noun_irregular) {
            noun_forms.entry(form).or_insert(i);
        }
    }

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

    // body parts
    let non_injury_parts: HashSet<String> = NON_INJURY_BODY_PARTS
        .iter()
        .flat_map(|p| with_plurals(p, &noun_irregular))
        .collect();
    let mut body_parts: HashMap<String, BodyPart> = HashMap::new();
    let harvested_parts = harvest(
        &wordnet,
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
        for form in with_plurals(&lemma, &noun_irregular) {
            body_parts.entry(form).or_insert_with(|| part.clone());
        }
    }

    let word_set = |core: &[&str], seeds: &[Seed]| -> Result<HashSet<String>> {
        let harvested = harvest(&wordnet, seeds, PartOfSpeech::Noun, false, NOUN_STOP_LIST)?;
        Ok(core
            .iter()
            .map(|w| w.to_string())
            .chain(single_words(harvested))
            .filter(|w| !body_parts.contains_key(w) || core.contains(&w.as_str()))
            .flat_map(|w| with_plurals(&w, &noun_irregular))
            .collect())
    };
    let mut persons = word_set(CORE_PERSONS, PERSON_SEEDS)?;
    for agent in harvest_agent_nouns(&wordnet, PERSON_SEEDS, NOUN_STOP_LIST)? {
        if !body_parts.contains_key(&agent) && !DEVICE_NOUNS.contains(&agent.as_str()) {
            persons.extend(with_plurals(&agent, &noun_irregular));
        }
    }
    for device in DEVICE_NOUNS {
        persons.remove(*device);
        persons.remove(&format!("{device}s"));
    }
    let animals = word_set(CORE_ANIMALS, ANIMAL_SEEDS)?;
    let kin = word_set(CORE_KIN, KIN_SEEDS)?;

    // weapons: the table, then WordNet's weapons classed by their hypernyms
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
        for form in with_plurals(word, &noun_irregular) {
            weapons.entry(form).or_insert(weapon);
        }
    }
    let guns = class_closure(&wordnet, "gun", 1)?;
    let swords = class_closure(&wordnet, "sword", 1)?;
    let harvested = harvest(
        &wordnet,
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
        for form in with_plurals(&lemma, &noun_irregular) {
            weapons.entry(form).or_insert(weapon);
        }
    }

    let mut spelling_words: Vec<String> = builder.forms.keys().cloned().collect();
    spelling_words.extend(noun_forms.keys().cloned());
    spelling_words.extend(adjectives.keys().cloned());
    let spelling = SpellingIndex::new(spelling_words);

    let stats = LexiconStats {
        injury_verbs: builder.verbs.len(),
        injury_verbs_from_wordnet: builder.verbs.iter().filter(|v| v.from_wordnet).count(),
        injury_verb_forms: builder.forms.len()
            + builder.phrases.values().map(Vec::len).sum::<usize>(),
        injury_nouns: nouns.len(),
        body_parts: body_parts
            .values()
            .map(|p| p.lemma.as_str())
            .collect::<HashSet<_>>()
            .len(),
        persons: persons.len(),
        animals: animals.len(),
        weapons: weapons.len(),
        spelling_keys: spelling.len(),
    };
    let death_idioms = PhraseSet::new(DEATH_IDIOMS, &verb_irregular);
    let figurative_phrases = PhraseSet::new(FIGURATIVE_PHRASES, &verb_irregular);
    let (effect_phrases, effect_meanings) = effect_phrases(&verb_irregular)?;
    let contact_forms = CONTACT_VERBS
        .iter()
        .flat_map(|v| phrases::forms(&format!("{v}*"), &verb_irregular))
        .collect();
    Ok(Lexicon {
        death_idioms,
        figurative_phrases,
        effect_phrases,
        effect_meanings,
        contact_forms,
        wordnet,
        verbs: builder.verbs,
        verb_forms: builder.forms,
        phrase_verbs: builder.phrases,
        nouns,
        noun_forms,
        adjectives,
        body_parts,
        non_injury_parts,
        persons,
        animals,
        kin,
        weapons,
        spelling,
        stats,
    })
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

/// The effect phrases and what each means.
fn effect_phrases(
    irregular: &HashMap<String, Vec<String>>,
) -> Result<(PhraseSet, HashMap<&'static str, EffectMeaning>)> {
    let mut patterns = Vec::new();
    let mut meanings = HashMap::new();
    for line in EFFECT_PHRASES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let Some((pattern, meaning)) = line.split_once('|') else {
            return Err(table_error("effect", line, "expected `pattern | meaning`"));
        };
        let pattern = pattern.trim();
        let fields: Vec<&str> = meaning.split_whitespace().collect();
        let [kind, severity, directness, victim] = fields.as_slice() else {
            return Err(table_error(
                "effect",
                line,
                "expected `kind severity directness victim`",
            ));
        };
        let meaning = EffectMeaning {
            kind: parse_kind("effect", line, kind)?,
            severity: parse_severity("effect", line, severity)?,
            directness: match *directness {
                "explicit" => 0,
                "implied" => 1,
                "past" => 2,
                _ => return Err(table_error("effect", line, "unknown directness")),
            },
            victim: match *victim {
                "poss" => EffectVictim::Possessive,
                "part" => EffectVictim::Part,
                "subject" => EffectVictim::Subject,
                _ => return Err(table_error("effect", line, "unknown victim")),
            },
        };
        patterns.push(pattern);
        meanings.insert(pattern, meaning);
    }
    Ok((PhraseSet::new(&patterns, irregular), meanings))
}

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
