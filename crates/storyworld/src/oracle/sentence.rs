//! One sentence prepared for reading: tokens (misspelled injury words corrected), clause
//! spans, names, and the noun phrases that fill a verb's subject and object.

use serde::{Deserialize, Serialize};

use super::grammar::{
    PronounGroup, is_adverb, is_clause_opener, is_determiner, is_function_word, is_negator, pronoun,
};
use super::text::{Sentence, Token};
use crate::lexicon::Lexicon;

/// Who is meant: a named character, a pronoun, a description (`the guard`), or nobody in
/// particular.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Referent {
    /// A name (lowercased).
    Name(String),
    /// A personal pronoun.
    Pronoun(PronounGroup),
    /// A common noun naming a character (lemma as written, lowercased).
    Noun(String),
    /// Nobody in particular (a wound, a corpse with no owner named).
    Unknown,
}

impl std::fmt::Display for Referent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Referent::Name(n) => write!(f, "{n}"),
            Referent::Pronoun(g) => write!(f, "{g:?} pronoun"),
            Referent::Noun(n) if n.starts_with("another ") => write!(f, "{n}"),
            Referent::Noun(n) => write!(f, "the {n}"),
            Referent::Unknown => write!(f, "someone"),
        }
    }
}

/// What a noun phrase is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Head {
    /// A person or an animal.
    Character(Referent),
    /// A body part, and whose.
    Part {
        part: String,
        possessor: Option<Referent>,
    },
    /// A weapon or hazard.
    Weapon(String),
    /// Anything else (`the cake`, `it`).
    Thing(String),
}

/// A noun phrase: tokens `start..end`, its head at `head_index`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Np {
    pub start: usize,
    pub end: usize,
    pub head_index: usize,
    pub head: Head,
}

impl Np {
    /// The character the phrase means, directly or as a body part's owner (`Unknown` for
    /// an ownerless body part); `None` for things and weapons.
    pub fn victim(&self) -> Option<Referent> {
        match &self.head {
            Head::Character(r) => Some(r.clone()),
            Head::Part { possessor, .. } => Some(possessor.clone().unwrap_or(Referent::Unknown)),
            _ => None,
        }
    }
}

/// A clause: tokens `start..end`, and the word that opened it.
#[derive(Debug, Clone)]
pub(crate) struct Clause {
    pub start: usize,
    pub end: usize,
    pub opener: Option<String>,
}

/// A sentence ready for the trigger rules.
pub(crate) struct Analysis<'a> {
    pub lexicon: &'a Lexicon,
    pub tokens: Vec<Token>,
    pub question: bool,
    pub clauses: Vec<Clause>,
    pub clause_of: Vec<usize>,
    pub corrections: Vec<(String, String)>,
}

impl<'a> Analysis<'a> {
    /// Prepares a sentence; `correct` maps a word to the injury word it misspells.
    pub fn new(
        lexicon: &'a Lexicon,
        sentence: Sentence,
        mut correct: impl FnMut(&str) -> Option<String>,
    ) -> Self {
        let mut tokens = sentence.tokens;
        let mut corrections = Vec::new();
        for t in tokens.iter_mut() {
            let candidate = t.is_word
                && (!t.capitalized || t.starts_sentence)
                && t.text.len() >= 5
                && !lexicon.verb_forms.contains_key(&t.text)
                && !lexicon.noun_forms.contains_key(&t.text)
                && !lexicon.adjectives.contains_key(&t.text)
                && !lexicon.body_parts.contains_key(&t.text)
                && !is_function_word(&t.text)
                && pronoun(&t.text).is_none();
            if candidate && let Some(fixed) = correct(&t.text) {
                corrections.push((t.text.clone(), fixed.clone()));
                t.text = fixed;
            }
        }
        let (clauses, clause_of) = split_clauses(&tokens);
        Analysis {
            lexicon,
            tokens,
            question: sentence.question,
            clauses,
            clause_of,
            corrections,
        }
    }

    /// The word at `i` (`""` past the end or for punctuation).
    pub fn word(&self, i: usize) -> &str {
        match self.tokens.get(i) {
            Some(t) if t.is_word => &t.text,
            _ => "",
        }
    }

    /// The clause holding token `i`.
    pub fn clause(&self, i: usize) -> &Clause {
        &self.clauses[self.clause_of[i.min(self.clause_of.len().saturating_sub(1))]]
    }

    /// Whether token `i` is a character's name.
    pub fn is_name(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        if !t.is_word || !t.capitalized || t.text == "i" || pronoun(&t.text).is_some() {
            return false;
        }
        let w = t.text.as_str();
        if is_function_word(w) || is_determiner(w) || self.is_adverb_at(i) || is_negator(w) {
            return false;
        }
        // `the old Friday pizza tradition`: a day or a holiday names no one
        if super::calendar::is_calendar_day(w) {
            return false;
        }
        if t.starts_sentence && !t.possessive {
            let lex = self.lexicon;
            let common = lex.verb_forms.contains_key(w)
                || lex.noun_forms.contains_key(w)
                || lex.adjectives.contains_key(w)
                || lex.body_parts.contains_key(w)
                || lex.weapons.contains_key(w)
                || w == "blood"
                || (bare_plural(&lex.wordnet, w)
                    && matches!(
                        self.word(i + 1),
                        "were" | "are" | "have" | "weren't" | "aren't"
                    ));
            // a sentence-initial common word is a name only when a verb-like word follows
            if common {
                return false;
            }
        }
        t.text.chars().next().is_some_and(char::is_alphabetic)
    }

    /// Whether token `i` is an adverb: a closed-class adverb, or a word in `-ly` that is
    /// not a capitalised name (`Cecily`, `Romilly`) unless WordNet knows it as an adverb.
    pub fn is_adverb_at(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        if !t.is_word || !is_adverb(&t.text) {
            return false;
        }
        !t.capitalized
            || self
                .lexicon
                .wordnet
                .contains(&t.text, crate::wordnet::PartOfSpeech::Adverb)
    }

    pub(crate) fn is_body_part(&self, i: usize) -> bool {
        let w = self.word(i);
        self.lexicon.body_parts.contains_key(w) && !self.lexicon.non_injury_parts.contains(w)
    }

    pub(crate) fn is_character_noun(&self, i: usize) -> bool {
        let w = self.word(i);
        self.lexicon.persons.contains(w)
            || self.lexicon.animals.contains(w)
            || self.lexicon.kin.contains(w)
            || self.is_population(i)
    }

    /// `half the village`, `most of the garrison`: a share of a group of people is people.
    fn is_population(&self, i: usize) -> bool {
        let w = self.word(i);
        // `thousands died`: people counted, not named
        if COUNTED_PEOPLE.contains(&w) && self.word(i + 1) != "of" {
            return true;
        }
        GROUPS.contains(&w) && (i.saturating_sub(3)..i).any(|k| SHARES.contains(&self.word(k)))
    }

    /// Whether the word at `i` can continue a noun phrase as an adjective or noun.
    pub(crate) fn is_contentful(&self, i: usize) -> bool {
        let w = self.word(i);
        !w.is_empty() && !is_function_word(w) && !self.is_adverb_at(i) && pronoun(w).is_none()
    }
}

/// Groups of people that a share of can die (`half the village died`).
#[rustfmt::skip]
const GROUPS: &[&str] = &[
    "village", "town", "city", "garrison", "crew", "regiment", "army", "household", "tribe",
    "population", "platoon", "battalion", "squad", "congregation", "camp", "colony", "clan",
    "family", "fleet", "legion", "company", "troop", "troops", "villagers", "township", "parish",
];

/// Words for uncounted people standing alone (`hundreds died`, `thousands were killed`).
#[rustfmt::skip]
const COUNTED_PEOPLE: &[&str] = &[
    "hundreds", "thousands", "dozens", "survivors",
];

/// Shares of a group.
const SHARES: &[&str] = &[
    "half", "most", "much", "third", "quarter", "thirds", "quarters",
];

/// `once` after a negator or `at` (`never once bit him`, `not once`, `at once`) counts the
/// times, and opens no clause.
fn adverbial_once(word: &str, previous: &str) -> bool {
    word == "once" && (is_negator(previous) || previous == "at")
}

/// A sentence-initial plural of a common noun (`Prices were slashed`, `Ropes were cut`):
/// an `-s` form of a WordNet noun that is no lemma of its own, as a surname is
/// (`Roberts`, `Jones` are no plurals WordNet knows). The caller asks for a plural verb
/// after it too, since a name may look like a plural (`Nils died`).
fn bare_plural(wordnet: &crate::wordnet::WordNet, w: &str) -> bool {
    use crate::wordnet::PartOfSpeech::Noun;
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !wordnet.contains(w, Noun)
        && wordnet.base_forms(w, Noun).iter().any(|b| b.as_str() != w)
}

fn split_clauses(tokens: &[Token]) -> (Vec<Clause>, Vec<usize>) {
    let mut clauses = vec![Clause {
        start: 0,
        end: 0,
        opener: None,
    }];
    let mut clause_of = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let boundary_punct = !t.is_word && !t.is_punct('.') && !t.is_punct('!') && !t.is_punct('?');
        let w = t.text.as_str();
        let next = tokens.get(i + 1).map(|n| n.text.as_str()).unwrap_or("");
        let subject_follows = pronoun(next).is_some_and(|p| !p.possessive)
            || tokens.get(i + 1).is_some_and(|n| n.capitalized)
            || matches!(next, "the" | "a" | "an" | "it" | "there");
        let boundary_word = t.is_word
            && i > 0
            && ((is_clause_opener(w) && !adverbial_once(w, &tokens[i - 1].text))
                || (w == "that" && subject_follows)
                || (w == "as" && subject_follows)
                || (w == "so" && tokens[i - 1].is_punct(',')));
        if boundary_word {
            if let Some(last) = clauses.last_mut() {
                last.end = i;
            }
            clauses.push(Clause {
                start: i,
                end: i,
                opener: Some(w.to_string()),
            });
        }
        clause_of.push(clauses.len() - 1);
        if boundary_punct {
            if let Some(last) = clauses.last_mut() {
                last.end = i + 1;
            }
            clauses.push(Clause {
                start: i + 1,
                end: i + 1,
                opener: Some(t.text.clone()),
            });
        }
    }
    if let Some(last) = clauses.last_mut() {
        last.end = tokens.len();
    }
    (clauses, clause_of)
}
