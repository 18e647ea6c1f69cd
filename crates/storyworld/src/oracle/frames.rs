//! Stories within the story: a book's chapter, a film on a screen, a tale told, a comic's
//! page, a play with prop weapons. What happens inside them does not happen to the
//! story's characters, as what happens in a dream does not (docs/injury-definition.md,
//! "When it does not happen").

use super::grammar::{is_determiner, pronoun};
use super::sentence::Analysis;

/// Nouns of a told or shown story that, opening a sentence after `in` or `on`, frame the
/// rest of it (`In chapter three, …`, `On the screen, …`, `In his story, …`).
#[rustfmt::skip]
const STORY_NOUNS: &[&str] = &[
    "story", "stories", "tale", "tales", "book", "novel", "novels", "chapter", "film", "films",
    "movie", "movies", "episode", "series", "show", "play", "comic", "comics", "cartoon",
    "screen", "page", "scene", "script", "legend", "myth", "fable", "ballad", "poem", "song",
    "opera", "sequel", "trailer", "novella", "saga", "paperback", "manga", "anime", "sitcom",
    "musical", "version", "telling", "retelling", "reenactment", "rehearsal", "thriller",
    "western", "fairytale", "storybook", "panel", "cutscene", "finale", "prologue", "epilogue",
];

/// Nouns of a story's part after which `where` or `in which` tells what happens in it
/// (`the scene where Macbeth murders the king`).
#[rustfmt::skip]
const STORY_PARTS: &[&str] = &[
    "scene", "chapter", "episode", "film", "movie", "book", "novel", "story", "play", "panel",
    "cutscene", "finale", "page", "verse", "stanza",
];

/// Words before a weapon that make it a prop (`a rubber foil`, `the retractable dagger`).
#[rustfmt::skip]
const PROP_WORDS: &[&str] = &[
    "rubber", "retractable", "prop", "foam", "toy", "cardboard", "collapsible", "plastic",
    "stage", "trick", "pretend", "wooden",
];

/// Words that say a sentence is staged (`collapsed on cue`, `died onstage`).
const STAGE_CUES: &[(&str, &str)] = &[("on", "cue"), ("on", "stage"), ("onstage", "")];

/// Why the injury word at `i` happens inside a story within the story, if it does.
pub(crate) fn inside_a_story(a: &Analysis, i: usize) -> Option<&'static str> {
    if opens_with_a_story(a) {
        return Some("told inside a story within the story (a book, a film, a tale)");
    }
    if story_part_before(a, i) {
        return Some("in a story's scene or chapter (`the scene where …`)");
    }
    if staged(a) {
        return Some("a performance: a prop weapon or a stage cue");
    }
    None
}

/// `In chapter three, …`, `On the screen, …`, `In his story, …`, `In the second film …`:
/// the sentence opens with `in` or `on` and a story noun, which ends its phrase.
fn opens_with_a_story(a: &Analysis) -> bool {
    let Some(f) = a.tokens.iter().position(|t| t.is_word) else {
        return false;
    };
    if !matches!(a.word(f), "in" | "on" | "inside" | "within" | "throughout") {
        return false;
    }
    for k in f + 1..(f + 6).min(a.tokens.len()) {
        if !a.tokens[k].is_word {
            return false;
        }
        if STORY_NOUNS.contains(&a.word(k)) || played_game(a, f + 1, k) {
            return phrase_ends_after(a, k + 1);
        }
    }
    false
}

/// Whether the noun phrase of a story noun ends before token `k`: punctuation, a number
/// (`chapter three`), or the start of the main clause (a determiner, a pronoun, a name).
fn phrase_ends_after(a: &Analysis, k: usize) -> bool {
    let Some(t) = a.tokens.get(k) else {
        return false;
    };
    if !t.is_word {
        return true;
    }
    let w = a.word(k);
    w.chars().all(|c| c.is_ascii_digit())
        || is_number_word(w)
        || is_determiner(w)
        || pronoun(w).is_some_and(|p| !p.possessive)
        || a.is_name(k)
        || matches!(w, "where" | "when" | "about" | "of")
}

/// Number words after a chapter or an episode (`chapter three`); tens and compounds are
/// composed (`chapter forty`, `episode twenty-two`).
#[rustfmt::skip]
const NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred",
];

/// Whether `w` is a cardinal number word, alone or joined by hyphens (`forty-two`).
pub(crate) fn is_number_word(w: &str) -> bool {
    !w.is_empty() && w.split('-').all(|part| NUMBERS.contains(&part))
}

/// Words that tell a game played on a screen or a board: before `game` in its phrase
/// (`in the video game`) or anywhere in the sentence (`hit the respawn button`).
#[rustfmt::skip]
const GAME_WORDS: &[&str] = &[
    "video", "computer", "online", "board", "card", "fantasy", "arcade", "mobile", "console",
    "respawn", "respawned", "respawns", "avatar", "avatars", "controller", "joystick",
    "gamepad", "checkpoint", "npc", "pixelated", "multiplayer", "roleplaying",
];

/// `In the game, …` is a frame when the game is one played on a screen or a board: a game
/// word before `game` in the phrase (`f..k`) or in the sentence. A match or a game of
/// football is real (`in the game he broke his leg`).
fn played_game(a: &Analysis, f: usize, k: usize) -> bool {
    let w = a.word(k);
    if matches!(w, "videogame" | "videogames") {
        return true;
    }
    if !matches!(w, "game" | "games") {
        return false;
    }
    (f..k).any(|j| GAME_WORDS.contains(&a.word(j)))
        || a.tokens
            .iter()
            .any(|t| GAME_WORDS.contains(&t.text.as_str()) && t.text != "board")
}

/// `the scene where Macbeth murders Duncan`, `the chapter in which the hero dies`: a story
/// part before the injury word, followed by `where` or `in which`.
fn story_part_before(a: &Analysis, i: usize) -> bool {
    (1..i).any(|j| {
        STORY_PARTS.contains(&a.word(j))
            && (is_determiner(a.word(j - 1)) || a.is_adverb_at(j - 1) || a.word(j - 1) == "last")
            // `at the scene where the boy was shot` is the place of a real event
            && !(j.saturating_sub(2)..j).any(|k| a.word(k) == "at")
            && (a.word(j + 1) == "where" || a.word(j + 1) == "in" && a.word(j + 2) == "which")
    })
}

/// A prop weapon (`with a rubber foil`, `the retractable dagger`; not a rubber bullet,
/// which wounds) or a stage cue (`collapsed on cue`) in the sentence, unless it says that
/// something real or live was used.
fn staged(a: &Analysis) -> bool {
    let prop = (1..a.tokens.len()).any(|j| {
        PROP_WORDS.contains(&a.word(j - 1))
            && a.lexicon.weapons.contains_key(a.word(j))
            && !a.word(j).starts_with("bullet")
    });
    let cue = (0..a.tokens.len()).any(|j| {
        STAGE_CUES
            .iter()
            .any(|&(x, y)| a.word(j) == x && (y.is_empty() || a.word(j + 1) == y))
    });
    // `someone had loaded the prop gun with a live round`: a real injury on a stage
    let real = a.tokens.iter().any(|t| {
        matches!(
            t.text.as_str(),
            "live" | "real" | "loaded" | "actual" | "accident"
        )
    });
    (prop || cue) && !real
}
