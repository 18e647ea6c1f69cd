//! Builds the [`Lexicon`] from WordNet and the hand-written tables.

use std::collections::{HashMap, HashSet};

use super::core_verbs::CORE_VERBS;
use super::core_words::{
    CONTACT_VERBS, CORE_ANIMALS, CORE_KIN, DEATH_IDIOMS, EFFECT_PHRASES, FIGURATIVE_PHRASES,
};
use super::entries::{EffectMeaning, EffectVictim, Frame, PhraseVerb, VerbEntry};
use super::harvest::{ANIMAL_SEEDS, KIN_SEEDS, VERB_SEEDS, VERB_STOP_LIST, harvest};
use super::inflect::{VerbForm, regular_verb_forms};
use super::knowledge::{Lexicon, LexiconStats};
use super::phrases::{self, PhraseSet};
use super::spelling_index::SpellingIndex;
use super::tables::{parse_kind, parse_severity, table_error};
use super::word_lists;
use crate::error::Result;
use crate::wordnet::{PartOfSpeech, WordNet};

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

/// Builds the lexicon: the verbs, the word lists, the misspelling index over the injury
/// words, and the phrase sets.
pub(super) fn build(wordnet: WordNet) -> Result<Lexicon> {
    let verb_irregular = reverse_exceptions(&wordnet, PartOfSpeech::Verb);
    let noun_irregular = reverse_exceptions(&wordnet, PartOfSpeech::Noun);
    let builder = injury_verbs(&wordnet, &verb_irregular)?;
    let nouns = word_lists::injury_nouns(&wordnet)?;
    let noun_forms = word_lists::noun_forms(&nouns, &noun_irregular);
    let adjectives = word_lists::injury_adjectives()?;
    let non_injury_parts = word_lists::non_injury_parts(&noun_irregular);
    let body_parts = word_lists::body_parts(&wordnet, &non_injury_parts, &noun_irregular)?;
    let persons = word_lists::persons(&wordnet, &body_parts, &noun_irregular)?;
    let animals = word_lists::word_set(
        &wordnet,
        CORE_ANIMALS,
        ANIMAL_SEEDS,
        &body_parts,
        &noun_irregular,
    )?;
    let kin = word_lists::word_set(&wordnet, CORE_KIN, KIN_SEEDS, &body_parts, &noun_irregular)?;
    let weapons = word_lists::weapons(&wordnet, &noun_irregular)?;

    let mut spelling_words: Vec<String> = builder.forms.keys().cloned().collect();
    spelling_words.extend(noun_forms.keys().cloned());
    spelling_words.extend(adjectives.keys().cloned());
    let spelling = SpellingIndex::new(spelling_words);

    let death_idioms = PhraseSet::new(DEATH_IDIOMS, &verb_irregular);
    let figurative_phrases = PhraseSet::new(FIGURATIVE_PHRASES, &verb_irregular);
    let (effect_phrases, effect_meanings) = effect_phrases(&verb_irregular)?;
    let contact_forms = CONTACT_VERBS
        .iter()
        .flat_map(|v| phrases::forms(&format!("{v}*"), &verb_irregular))
        .collect();
    let mut lexicon = Lexicon {
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
        stats: LexiconStats::default(),
    };
    lexicon.stats = stats(&lexicon);
    Ok(lexicon)
}

/// The injury verbs: the core table's, then WordNet's.
fn injury_verbs(
    wordnet: &WordNet,
    irregular: &HashMap<String, Vec<String>>,
) -> Result<VerbBuilder> {
    let mut builder = VerbBuilder {
        verbs: Vec::new(),
        forms: HashMap::new(),
        phrases: HashMap::new(),
        known: HashSet::new(),
    };
    core_verbs(&mut builder, irregular)?;
    wordnet_verbs(&mut builder, wordnet, irregular)?;
    Ok(builder)
}

/// How many words of each class the lexicon holds.
fn stats(lexicon: &Lexicon) -> LexiconStats {
    LexiconStats {
        injury_verbs: lexicon.verbs.len(),
        injury_verbs_from_wordnet: lexicon.verbs.iter().filter(|v| v.from_wordnet).count(),
        injury_verb_forms: lexicon.verb_forms.len()
            + lexicon.phrase_verbs.values().map(Vec::len).sum::<usize>(),
        injury_nouns: lexicon.nouns.len(),
        body_parts: lexicon
            .body_parts
            .values()
            .map(|p| p.lemma.as_str())
            .collect::<HashSet<_>>()
            .len(),
        persons: lexicon.persons.len(),
        animals: lexicon.animals.len(),
        weapons: lexicon.weapons.len(),
        spelling_keys: lexicon.spelling.len(),
    }
}

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
