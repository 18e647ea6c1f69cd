//! Misspellings of injury words, found in the lexicon's
//! [`SpellingIndex`](super::spelling_index::SpellingIndex), and a test of whether a word is
//! a correctly spelled English word (which is never "corrected").

use super::inflect::{regular_plural, regular_verb_forms, skeleton};
use super::knowledge::Lexicon;
use crate::wordnet::PartOfSpeech;

/// Words WordNet does not hold (it has no function words).
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "if", "then", "than", "that", "this",
    "these", "those", "there", "here", "he", "she", "it", "they", "we", "you", "i", "me", "him",
    "her", "us", "them", "my", "your", "his", "its", "our", "their", "mine", "yours", "hers",
    "ours", "theirs", "myself", "yourself", "himself", "herself", "itself", "ourselves",
    "themselves", "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "of",
    "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "upon", "about", "over",
    "under", "through", "between", "among", "against", "without", "within", "is", "am", "are",
    "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will",
    "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "yes", "all",
    "any", "some", "each", "every", "both", "either", "neither", "as", "because", "while", "until",
    "unless", "though", "although", "whether", "whose", "off", "up", "down", "out", "onto",
    "toward", "towards", "across", "along", "behind", "beside", "beneath", "above", "below",
    "near", "after", "before", "since", "during",
];

/// See [`Lexicon::is_known_word`].
pub(crate) fn is_known_word(lexicon: &Lexicon, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    if FUNCTION_WORDS.contains(&word)
        || lexicon.verb_forms.contains_key(word)
        || lexicon.noun_forms.contains_key(word)
        || lexicon.body_parts.contains_key(word)
        || lexicon.persons.contains(word)
    {
        return true;
    }
    let wordnet = &lexicon.wordnet;
    if wordnet.contains_any(word) {
        return true;
    }
    // irregular forms
    if PartOfSpeech::ALL
        .iter()
        .any(|&p| !wordnet.exception_bases(word, p).is_empty())
    {
        return true;
    }
    // regular verb forms, spelled by the rules
    for base in wordnet.base_forms(word, PartOfSpeech::Verb) {
        let (third, past, ing) = regular_verb_forms(&base);
        if third == word || past.iter().any(|p| p == word) || ing.iter().any(|p| p == word) {
            return true;
        }
    }
    for base in wordnet.base_forms(word, PartOfSpeech::Noun) {
        if regular_plural(&base) == word {
            return true;
        }
    }
    if !wordnet.base_forms(word, PartOfSpeech::Adjective).is_empty()
        && (word.ends_with("er") || word.ends_with("est"))
    {
        return true;
    }
    // adverbs in -ly from adjectives (`deeply`, `angrily`)
    if let Some(stem) = word.strip_suffix("ly") {
        let y_stem = stem.strip_suffix('i').map(|s| format!("{s}y"));
        let stems = [Some(stem.to_string()), y_stem, Some(format!("{stem}le"))];
        if stems
            .iter()
            .flatten()
            .any(|s| wordnet.contains(s, PartOfSpeech::Adjective))
        {
            return true;
        }
    }
    false
}

/// See [`Lexicon::correct_spelling`].
pub(crate) fn correct<'a>(lexicon: &'a Lexicon, word: &str) -> Option<&'a str> {
    if word.chars().count() < 5 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // `shott`: a doubled letter of a short injury form, which the index leaves out
    if let Some((short, _)) = lexicon.verb_forms.get_key_value(&skeleton(word))
        && short.chars().count() < 5
        && !is_known_word(lexicon, word)
    {
        return Some(short.as_str());
    }
    let candidates = lexicon.spelling.candidates(word);
    let first = *candidates.first()?;
    if first == word {
        return None;
    }
    // several candidates must all be forms of one word (`stabed`: stabbed only)
    let same_word = candidates.iter().all(|c| {
        skeleton(c) == skeleton(first) || lexicon.injury_kind(c) == lexicon.injury_kind(first)
    });
    if !same_word || is_known_word(lexicon, word) {
        return None;
    }
    // a doubled or undoubled letter is the likelier slip (`shott`: shot, not shoot)
    let doubled = candidates
        .iter()
        .copied()
        .find(|c| skeleton(c) == skeleton(word));
    Some(doubled.unwrap_or(first))
}
