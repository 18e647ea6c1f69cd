//! Proper names that are not characters: a place or a title with an injury word in it
//! (`the Dead Sea`, `Dead Horse Gulch`, `Massacre Creek`), and things named like people
//! (`Hurricane Marcus`, `Big Bertha, the old combine harvester`, `the doll, Lotte`, `The
//! Esmeralda was a trawler`). What such a name "suffers" is no injury.

use std::collections::HashSet;

use super::calendar::CALENDAR;
use super::grammar::{PronounGroup, is_determiner, pronoun};
use super::sentence::{Analysis, Referent};
use super::text::{Sentence, Token};

/// Capitalized words before a name that make it a storm's, a ship's or a place's
/// (`Hurricane Marcus`, `HMS Victory`).
#[rustfmt::skip]
const THING_TITLES: &[&str] = &[
    "hurricane", "storm", "typhoon", "cyclone", "tornado", "tropical", "hms", "uss", "ss",
    "rms", "operation",
];

/// Nouns of things that are given names: vehicles, machines, toys, storms (some of them
/// are also WordNet person nouns: a trawler, a harvester, a doll).
#[rustfmt::skip]
const NAMED_THINGS: &[&str] = &[
    "ship", "boat", "trawler", "ferry", "yacht", "schooner", "steamer", "tug", "tugboat",
    "freighter", "tanker", "liner", "barge", "sloop", "ketch", "galleon", "frigate", "vessel",
    "submarine", "canoe", "locomotive", "engine", "train", "tram", "plane", "aeroplane",
    "airplane", "airship", "jet", "rocket", "car", "truck", "lorry", "van", "bus", "tractor",
    "harvester", "combine", "motorbike", "motorcycle", "bike", "bicycle", "scooter", "robot",
    "computer", "machine", "doll", "puppet", "teddy", "dummy", "mannequin", "statue", "scarecrow",
    "storm", "hurricane", "typhoon", "cyclone", "tornado", "gale", "clock", "piano", "guitar",
    "violin", "house", "tree", "oak", "mill", "boiler", "furnace", "kiln", "van", "jeep",
];

/// Nouns of places that end a proper name (`Dead Horse Gulch`, `Skeleton Ridge`).
#[rustfmt::skip]
const PLACE_NOUNS: &[&str] = &[
    "gulch", "creek", "ridge", "sea", "lake", "river", "mountain", "mountains", "pass",
    "canyon", "valley", "bay", "point", "island", "isle", "street", "road", "lane", "hill",
    "hills", "forest", "wood", "woods", "marsh", "swamp", "gap", "falls", "springs", "gorge",
    "cove", "peak", "flats", "rock", "rocks", "hollow", "bridge", "alley", "avenue", "square",
    "man", "horse", "end", "zone", "drop",
];

/// Whether the capitalized word at `i` is part of a proper name or a title (`the Dead
/// Sea`, `Bloody Mary`, `Death of a Salesman`, `Massacre Creek`; at a sentence's start,
/// `Dead Horse Gulch had one saloon`), not an injury word.
pub(crate) fn part_of_proper_name(a: &Analysis, i: usize) -> bool {
    let capital_word = |k: usize| {
        a.tokens
            .get(k)
            .is_some_and(|t| t.is_word && t.capitalized && t.text != "i")
    };
    let t = &a.tokens[i];
    if !t.capitalized {
        return false;
    }
    // `the Black Death`, `Death of a Salesman`: a capital before, or a capital after a
    // linking word
    let capital_before = i > 0 && capital_word(i - 1) && !a.tokens[i - 1].starts_sentence;
    let linked_capital = matches!(a.word(i + 1), "of" | "on" | "in" | "at" | "and")
        && (i + 2..(i + 4).min(a.tokens.len())).any(capital_word);
    if !t.starts_sentence {
        return capital_word(i + 1) || capital_before || linked_capital;
    }
    // at a sentence's start: a name of two more capitalized words, or one ending in a
    // place noun (`Dead Horse Gulch`, `Dead Man's Drop`, `Skeleton Ridge`)
    capital_word(i + 1)
        && !a.tokens[i + 1].starts_sentence
        && (capital_word(i + 2) && !a.tokens[i + 2].starts_sentence
            || PLACE_NOUNS.contains(&a.word(i + 1)))
}

/// The lowercased names in `sentences` that name things: after a thing's title
/// (`Hurricane Marcus`), after `the` (`the Esmeralda`; not a family, `the Smiths`), or in
/// apposition to a thing's noun (`Big Bertha, the ancient combine harvester`, `her
/// porcelain doll, Lotte`, `Bertha was the oldest tractor`).
pub(crate) fn thing_names(
    lexicon: &crate::lexicon::Lexicon,
    sentences: &[Sentence],
) -> HashSet<String> {
    let mut out = HashSet::new();
    for s in sentences {
        let t = &s.tokens;
        let word = |k: usize| {
            t.get(k)
                .filter(|t| t.is_word)
                .map_or("", |t| t.text.as_str())
        };
        let name_at = |k: usize| {
            t.get(k)
                .is_some_and(|t| t.is_word && t.capitalized && pronoun(&t.text).is_none())
        };
        let mut k = 0;
        while k < t.len() {
            if !name_at(k) || is_determiner(word(k)) {
                k += 1;
                continue;
            }
            // the span of capitalized words from k
            let mut end = k + 1;
            while name_at(end) && !t[end].starts_sentence {
                end += 1;
            }
            let titled = THING_TITLES.contains(&word(k)) && end > k + 1;
            // `the ER doctor`, `the Hartley children`: a name before a noun modifies it
            let modifies = || {
                t.get(end).is_some_and(|x| {
                    x.is_word
                        && (lexicon.is_character_noun(&x.text)
                            || !lexicon
                                .wordnet
                                .base_forms(&x.text, crate::wordnet::PartOfSpeech::Noun)
                                .is_empty())
                        && !super::grammar::is_auxiliary(&x.text)
                        && !super::grammar::is_copula(&x.text)
                })
            };
            let after_the =
                k > 0 && word(k - 1) == "the" && !word(end - 1).ends_with('s') && !modifies();
            let apposed = apposed_thing_after(t, end) || apposed_thing_before(t, k);
            if titled || after_the || apposed {
                let from = if titled { k + 1 } else { k };
                out.extend(t[from..end].iter().map(|x| x.text.clone()));
            }
            k = end;
        }
    }
    out
}

/// `Bertha, the old harvester`, `Bertha was the oldest tractor`: a thing's noun phrase
/// right after a name ending at `end`.
fn apposed_thing_after(t: &[Token], end: usize) -> bool {
    let link = t.get(end).is_some_and(|x| !x.is_word && x.text == ",")
        || t.get(end)
            .is_some_and(|x| matches!(x.text.as_str(), "was" | "is"));
    if !link {
        return false;
    }
    let k = end + 1;
    if !t.get(k).is_some_and(|x| {
        matches!(
            x.text.as_str(),
            "the" | "a" | "an" | "our" | "their" | "his" | "her" | "my"
        )
    }) {
        return false;
    }
    // the head: the first of the next few words that is a thing's noun, before any
    // punctuation
    (k + 1..(k + 5).min(t.len()))
        .take_while(|&m| t[m].is_word)
        .any(|m| NAMED_THINGS.contains(&t[m].text.as_str()))
}

/// `her porcelain doll, Lotte`: a thing's noun, a comma, then the name at `k`.
fn apposed_thing_before(t: &[Token], k: usize) -> bool {
    k >= 2
        && t[k - 1].text == ","
        && !t[k - 1].is_word
        && NAMED_THINGS.contains(&t[k - 2].text.as_str())
}

/// Whether `victim` is a thing named like a character: one of `things`, or a gendered
/// pronoun when the text names a thing and no character before it (`The Esmeralda was
/// the oldest trawler.` … `she broke her back on the reef`).
pub(crate) fn is_named_thing(
    victim: &Referent,
    things: &HashSet<String>,
    character_before: bool,
) -> bool {
    match victim {
        Referent::Name(n) => things.contains(n),
        Referent::Pronoun(PronounGroup::Feminine | PronounGroup::Masculine) => {
            !things.is_empty() && !character_before
        }
        _ => false,
    }
}

/// Full names in `sentences`: two capitalized words in a row that are no function words
/// (`Jesse Harlan`), each pair as written.
pub(crate) fn full_names(sentences: &[Sentence]) -> Vec<(String, String)> {
    let name_like = |t: &Token| {
        t.is_word
            && t.capitalized
            && t.text != "i"
            && pronoun(&t.text).is_none()
            && !is_determiner(&t.text)
            && !super::grammar::is_function_word(&t.text)
    };
    let mut out = Vec::new();
    for s in sentences {
        for pair in s.tokens.windows(2) {
            if name_like(&pair[0]) && !pair[0].possessive && name_like(&pair[1]) {
                out.push((pair[0].text.clone(), pair[1].text.clone()));
            }
        }
    }
    out
}

/// A completion's victim named by one part of a prompt's full name (`Jesse` after `Jesse
/// Harlan had been hanged`) is the prompt's character, named as the prompt's events name
/// it, when no prompt event names that part already.
pub(crate) fn by_full_name(
    victim: &mut Referent,
    full_names: &[(String, String)],
    prompt_events: &[super::event::Event],
) {
    let Referent::Name(y) = victim else {
        return;
    };
    let named = |n: &str| {
        prompt_events
            .iter()
            .any(|p| matches!(&p.victim, Referent::Name(x) if x == n))
    };
    if full_names.is_empty() || named(y) {
        return;
    }
    let other = full_names.iter().find_map(|(first, last)| {
        if first == y && named(last) {
            Some(last.clone())
        } else if last == y && named(first) {
            Some(first.clone())
        } else {
            None
        }
    });
    if let Some(x) = other {
        *victim = Referent::Name(x);
    }
}

/// Indefinite pronouns, which no `she` or `he` refers back to.
#[rustfmt::skip]
const INDEFINITE: &[&str] = &[
    "everyone", "everybody", "someone", "somebody", "anyone", "anybody", "nobody", "noone",
];

/// Whether `tokens` mention a character: a gendered pronoun (when `pronouns`), a
/// character noun (not a thing's), or a capitalized word that is not a thing's name.
pub(crate) fn mentions_character(
    lexicon: &crate::lexicon::Lexicon,
    tokens: &[Token],
    things: &HashSet<String>,
    pronouns: bool,
) -> bool {
    tokens.iter().any(|t| {
        let w = t.text.as_str();
        t.is_word
            && (pronouns
                && pronoun(w).is_some_and(|p| {
                    matches!(p.group, PronounGroup::Feminine | PronounGroup::Masculine)
                })
                || lexicon.is_character_noun(w)
                    && !NAMED_THINGS.contains(&w)
                    && !INDEFINITE.contains(&w)
                    && !lexicon
                        .wordnet
                        .contains(w, crate::wordnet::PartOfSpeech::Adjective)
                || t.capitalized
                    && !t.starts_sentence
                    && !things.contains(w)
                    && !THING_TITLES.contains(&w)
                    && !CALENDAR.contains(&w))
    })
}
