//! Closed word classes: pronouns, determiners, auxiliaries, prepositions, conjunctions,
//! negators and modals.

use serde::{Deserialize, Serialize};

/// Whom a pronoun can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PronounGroup {
    /// I, me, my, we, us, our.
    First,
    /// You, your.
    Second,
    /// He, him, his.
    Masculine,
    /// She, her.
    Feminine,
    /// They, them, their (also singular they).
    Plural,
}

/// A personal pronoun: its group, whether it is reflexive, and whether it is a subject
/// form, an object form or a possessive determiner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pronoun {
    pub group: PronounGroup,
    pub reflexive: bool,
    pub possessive: bool,
}

/// The character pronoun a word is, if any (`it` is not a character pronoun).
pub(crate) fn pronoun(word: &str) -> Option<Pronoun> {
    use PronounGroup::*;
    let (group, reflexive, possessive) = match word {
        "i" | "me" | "we" | "us" => (First, false, false),
        "my" | "our" => (First, false, true),
        "myself" | "ourselves" => (First, true, false),
        "you" => (Second, false, false),
        "your" => (Second, false, true),
        "yourself" | "yourselves" => (Second, true, false),
        "he" | "him" => (Masculine, false, false),
        "his" => (Masculine, false, true),
        "himself" => (Masculine, true, false),
        "she" => (Feminine, false, false),
        // `her` is both an object and a possessive; callers decide by what follows
        "her" => (Feminine, false, false),
        "herself" => (Feminine, true, false),
        "they" | "them" => (Plural, false, false),
        "their" => (Plural, false, true),
        "themselves" | "themself" => (Plural, true, false),
        _ => return None,
    };
    Some(Pronoun {
        group,
        reflexive,
        possessive,
    })
}

/// Determiners and quantifiers that open a noun phrase.
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "its"
            | "every"
            | "each"
            | "no"
            | "some"
            | "any"
            | "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "both"
            | "another"
            | "several"
            | "many"
            | "few"
            | "all"
            | "his"
            | "her"
            | "their"
            | "my"
            | "your"
            | "our"
            | "whose"
            | "either"
            | "neither"
            | "which"
            | "what"
    )
}

/// Forms of `be`, `get` and `become` that make a passive or a predicate.
pub(crate) fn is_copula(word: &str) -> bool {
    matches!(
        word,
        "is" | "am"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "get"
            | "gets"
            | "got"
            | "gotten"
            | "getting"
            | "become"
            | "became"
            | "becomes"
            | "lay"
            | "lie"
            | "lies"
            | "lying"
            | "fell"
            | "falls"
            | "fall"
            | "remained"
            | "remains"
            | "stayed"
    )
}

/// Auxiliaries and modals (skipped when looking for a verb's subject).
pub(crate) fn is_auxiliary(word: &str) -> bool {
    is_copula(word)
        || is_modal(word)
        || matches!(
            word,
            "has" | "have" | "had" | "having" | "do" | "does" | "did" | "not" | "never" | "to"
        )
}

/// Modal verbs.
pub(crate) fn is_modal(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "wo"
            | "gonna"
            | "wanna"
            | "gotta"
    )
}

/// Prepositions.
pub(crate) fn is_preposition(word: &str) -> bool {
    matches!(
        word,
        "of" | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "from"
            | "into"
            | "onto"
            | "upon"
            | "about"
            | "over"
            | "under"
            | "through"
            | "between"
            | "among"
            | "against"
            | "without"
            | "within"
            | "across"
            | "along"
            | "behind"
            | "beside"
            | "beneath"
            | "above"
            | "below"
            | "near"
            | "toward"
            | "towards"
            | "around"
            | "past"
            | "like"
            | "inside"
            | "outside"
            | "off"
            | "out"
            | "down"
            | "up"
            | "after"
            | "before"
            | "during"
            | "until"
            | "since"
            | "despite"
            | "except"
            | "than"
            | "as"
            | "per"
    )
}

/// Words that begin a new clause.
pub(crate) fn is_clause_opener(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "but"
            | "or"
            | "nor"
            | "because"
            | "while"
            | "when"
            | "whenever"
            | "whereas"
            | "although"
            | "though"
            | "until"
            | "till"
            | "unless"
            | "if"
            | "before"
            | "after"
            | "since"
            | "who"
            | "whom"
            | "which"
            | "where"
            | "then"
            | "yet"
            | "once"
            | "whether"
    )
}

/// Negating words.
pub(crate) fn is_negator(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "never"
            | "no"
            | "none"
            | "nobody"
            | "nothing"
            | "neither"
            | "nor"
            | "without"
            | "nowhere"
            | "noone"
    )
}

/// Adverbs skipped between a verb and its object or subject.
pub(crate) fn is_adverb(word: &str) -> bool {
    (word.len() > 4
        && word.ends_with("ly")
        && !matches!(
            word,
            "belly" | "family" | "bully" | "lily" | "ally" | "jelly" | "holly"
        ))
        || matches!(
            word,
            "still"
                | "also"
                | "just"
                | "then"
                | "suddenly"
                | "again"
                | "already"
                | "nearly"
                | "almost"
                | "soon"
                | "once"
                | "twice"
                | "hard"
                | "even"
                | "now"
                | "finally"
                | "quickly"
                | "really"
                | "too"
                | "back"
                | "deep"
                | "right"
                | "straight"
                | "clean"
                | "badly"
                | "very"
                | "so"
                | "quite"
                | "barely"
                | "only"
                | "ever"
                | "somehow"
                | "instantly"
                | "here"
                | "there"
                | "later"
                | "first"
                | "fatally"
                | "all"
                | "well"
                | "apparently"
                | "probably"
                | "perhaps"
                | "maybe"
        )
}

/// Words that never head a noun phrase (so a noun phrase cannot start or end on them).
pub(crate) fn is_function_word(word: &str) -> bool {
    is_preposition(word)
        || is_clause_opener(word)
        || is_auxiliary(word)
        || is_negator(word)
        || matches!(
            word,
            "that"
                | "so"
                | "very"
                | "too"
                | "as"
                | "than"
                | "just"
                | "then"
                | "there"
                | "here"
                | "it"
                | "yes"
                | "oh"
                | "ah"
                | "please"
                | "let"
                | "how"
                | "why"
                | "what"
        )
}

/// Number words (for `lost two fingers`).
pub(crate) fn is_number_word(word: &str) -> bool {
    matches!(
        word,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "both"
            | "several"
            | "a"
            | "an"
            | "some"
            | "few"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns() {
        assert_eq!(
            pronoun("him").map(|p| p.group),
            Some(PronounGroup::Masculine)
        );
        assert!(pronoun("herself").is_some_and(|p| p.reflexive));
        assert!(pronoun("their").is_some_and(|p| p.possessive));
        assert_eq!(pronoun("it"), None);
        assert!(is_adverb("brutally"));
        assert!(!is_adverb("belly"));
    }
}
