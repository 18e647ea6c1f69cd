//! Tokens and sentences: lowercased words with their capitalisation and possessive
//! marks, contractions expanded (`didn't` → `did not`, `he's` → `he is`), typographic
//! quotes and dashes folded, and sentence boundaries found (not after `Mr.`).

/// One token of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// The lowercased word, or the punctuation character.
    pub text: String,
    /// Whether it is a word (letters, digits, apostrophes) rather than punctuation.
    pub is_word: bool,
    /// Whether the word began with an uppercase letter in the text.
    pub capitalized: bool,
    /// Whether the word opens a sentence or a quotation.
    pub starts_sentence: bool,
    /// Whether the word was followed by a possessive `'s` or `'`.
    pub possessive: bool,
    /// Whether the word was joined to the one before by a hyphen (`pig-killing`).
    pub after_hyphen: bool,
}

impl Token {
    fn word(text: String, capitalized: bool) -> Self {
        Token {
            text,
            is_word: true,
            capitalized,
            starts_sentence: false,
            possessive: false,
            after_hyphen: false,
        }
    }

    fn punct(c: char) -> Self {
        Token {
            text: c.to_string(),
            is_word: false,
            capitalized: false,
            starts_sentence: false,
            possessive: false,
            after_hyphen: false,
        }
    }

    /// Whether the token is this punctuation character.
    pub fn is_punct(&self, c: char) -> bool {
        !self.is_word && self.text.len() == c.len_utf8() && self.text.starts_with(c)
    }
}

/// A sentence: its tokens, and whether it ended with a question mark.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sentence {
    pub tokens: Vec<Token>,
    pub question: bool,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "sr", "jr", "prof", "capt", "lt", "sgt", "gen", "col", "mt",
    "vs", "etc",
];

/// Pronouns after which `'s` is `is` (or `has`), not a possessive.
const S_IS_AFTER: &[&str] = &[
    "he",
    "she",
    "it",
    "that",
    "there",
    "here",
    "who",
    "what",
    "where",
    "how",
    "everyone",
    "someone",
    "nobody",
    "everybody",
    "somebody",
    "nothing",
    "something",
    "everything",
    "this",
    "one",
    "why",
    "when",
];

/// `didnt`-style contractions written without the apostrophe.
const BARE_NEGATIVES: &[(&str, &str)] = &[
    ("didnt", "did"),
    ("dont", "do"),
    ("doesnt", "does"),
    ("isnt", "is"),
    ("wasnt", "was"),
    ("werent", "were"),
    ("arent", "are"),
    ("cant", "can"),
    ("couldnt", "could"),
    ("wouldnt", "would"),
    ("shouldnt", "should"),
    ("wont", "will"),
    ("havent", "have"),
    ("hasnt", "has"),
    ("hadnt", "had"),
    ("aint", "is"),
    ("mustnt", "must"),
];

fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2015}' => '-',
        '\u{2026}' => '.',
        _ => c,
    }
}

/// Splits a raw word (letters, digits and apostrophes) into tokens, expanding
/// contractions and marking possessives on the previous token.
fn push_word(raw: &str, out: &mut Vec<Token>) {
    let capitalized = raw.chars().next().is_some_and(char::is_uppercase);
    let lower = raw.to_lowercase();
    let lower = lower.trim_matches('\'');
    if lower.is_empty() {
        return;
    }
    // n't
    if let Some(stem) = lower.strip_suffix("n't") {
        let stem = match stem {
            "ca" => "can",
            "wo" => "will",
            "sha" => "shall",
            "ai" => "is",
            other => other,
        };
        if !stem.is_empty() {
            out.push(Token::word(stem.to_string(), capitalized));
        }
        out.push(Token::word("not".into(), false));
        return;
    }
    if let Some(&(_, stem)) = BARE_NEGATIVES.iter().find(|(w, _)| *w == lower) {
        out.push(Token::word(stem.to_string(), capitalized));
        out.push(Token::word("not".into(), false));
        return;
    }
    if let Some((stem, suffix)) = lower.split_once('\'') {
        let expansion = match suffix {
            "ll" => Some("will"),
            "re" => Some("are"),
            "ve" => Some("have"),
            "m" => Some("am"),
            "d" => Some("'d"),
            _ => None,
        };
        if let Some(word) = expansion {
            out.push(Token::word(stem.to_string(), capitalized));
            out.push(Token::word(word.to_string(), false));
            return;
        }
        if suffix == "s" {
            if stem == "let" {
                out.push(Token::word("let".into(), capitalized));
                out.push(Token::word("us".into(), false));
            } else if S_IS_AFTER.contains(&stem) {
                out.push(Token::word(stem.to_string(), capitalized));
                out.push(Token::word("is".into(), false));
            } else {
                let mut t = Token::word(stem.to_string(), capitalized);
                t.possessive = true;
                out.push(t);
            }
            return;
        }
        // other inner apostrophes (o'clock, names like O'Neil): keep as one word
        out.push(Token::word(lower.replace('\'', ""), capitalized));
        return;
    }
    let mut t = Token::word(lower.to_string(), capitalized);
    // a trailing apostrophe after s is a plural possessive (the guards')
    if raw.ends_with('\'') && lower.ends_with('s') {
        t.possessive = true;
    }
    out.push(t);
}

/// Resolves `'d` to `had` before a participle-looking word and to `would` otherwise.
fn resolve_d(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        if tokens[i].text == "'d" {
            let next = tokens.get(i + 1).map(|t| t.text.as_str()).unwrap_or("");
            let had = next == "been"
                || next.ends_with("ed")
                || next.ends_with("en")
                || matches!(
                    next,
                    "cut" | "hit" | "shot" | "struck" | "slit" | "bled" | "done"
                );
            tokens[i].text = if had { "had" } else { "would" }.to_string();
        }
    }
}

/// Splits text into sentences of tokens.
pub(crate) fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current = Sentence::default();
    let mut word = String::new();
    let mut quote_open = false;
    let mut next_starts = true;
    let chars: Vec<char> = text.chars().map(fold).collect();
    let flush_word = |word: &mut String, current: &mut Sentence, next_starts: &mut bool| {
        if !word.is_empty() {
            let before = current.tokens.len();
            push_word(word, &mut current.tokens);
            if *next_starts && current.tokens.len() > before {
                current.tokens[before].starts_sentence = true;
                *next_starts = false;
            }
            word.clear();
        }
    };
    // the index the word after a joining hyphen will have
    let mut joined_at: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let is_inner_apostrophe =
            c == '\'' && !word.is_empty() && next.is_some_and(|n| n.is_alphanumeric());
        let is_final_possessive =
            c == '\'' && word.ends_with(['s', 'S']) && !next.is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() || is_inner_apostrophe || (is_final_possessive && !quote_open) {
            word.push(c);
        } else {
            flush_word(&mut word, &mut current, &mut next_starts);
            if let Some(k) = joined_at.take()
                && let Some(t) = current.tokens.get_mut(k)
                && t.is_word
            {
                t.after_hyphen = true;
            }
            if c.is_whitespace() || c.is_control() {
                // nothing
            } else if matches!(c, '.' | '!' | '?') {
                let abbreviation = c == '.'
                    && current
                        .tokens
                        .last()
                        .is_some_and(|t| t.is_word && ABBREVIATIONS.contains(&t.text.as_str()));
                if !abbreviation {
                    // runs like `?!` or `...` end the sentence once
                    let mut j = i;
                    let mut question = false;
                    while j < chars.len() && matches!(chars[j], '.' | '!' | '?') {
                        question |= chars[j] == '?';
                        j += 1;
                    }
                    // a closing quote right after belongs to this sentence
                    if j < chars.len() && chars[j] == '"' && quote_open {
                        current.tokens.push(Token::punct('"'));
                        quote_open = false;
                        j += 1;
                    }
                    current.question |= question;
                    current.tokens.push(Token::punct(c));
                    if current.tokens.iter().any(|t| t.is_word) {
                        out.push(std::mem::take(&mut current));
                    } else {
                        current = Sentence::default();
                    }
                    next_starts = true;
                    i = j;
                    continue;
                }
            } else if c == '"' {
                quote_open = !quote_open;
                current.tokens.push(Token::punct('"'));
                if quote_open {
                    next_starts = true;
                }
            } else if c == '-' || c == '/' {
                // hyphens join words (blood-soaked → blood soaked); a spaced dash is a pause
                let spaced = i == 0
                    || chars[i - 1].is_whitespace()
                    || next.is_none_or(char::is_whitespace)
                    || next == Some('-');
                if spaced {
                    current.tokens.push(Token::punct(','));
                } else if c == '-' {
                    joined_at = Some(current.tokens.len());
                }
            } else if c == '\'' {
                // a stray single quote used as a quotation mark
                current.tokens.push(Token::punct('"'));
            } else {
                current.tokens.push(Token::punct(c));
            }
        }
        i += 1;
    }
    flush_word(&mut word, &mut current, &mut next_starts);
    if current.tokens.iter().any(|t| t.is_word) {
        out.push(current);
    }
    for s in &mut out {
        resolve_d(&mut s.tokens);
        resolve_s_is(&mut s.tokens);
    }
    out
}

/// Words after a noun's `'s` that make it `is` (or `has`), not a possessive: `my leg's
/// broken`, `the dog's dead`.
#[rustfmt::skip]
const STATE_AFTER_S: &[&str] = &[
    "broken", "dead", "bleeding", "hurt", "bruised", "swollen", "gone", "been", "fractured",
    "sprained", "shattered", "crushed", "dislocated", "paralyzed", "paralysed", "burned",
    "burnt", "infected", "killing", "hurting", "not",
];

/// Turns a possessive `'s` before a state word into `is`.
fn resolve_s_is(tokens: &mut Vec<Token>) {
    let mut k = 0;
    while k + 1 < tokens.len() {
        // `Tom's broken arm` keeps its possessive: a noun follows the state word
        let ends_phrase = tokens.get(k + 2).is_none_or(|t| {
            !t.is_word
                || matches!(
                    t.text.as_str(),
                    "and"
                        | "in"
                        | "from"
                        | "again"
                        | "now"
                        | "too"
                        | "by"
                        | "after"
                        | "at"
                        | "on"
                        | "badly"
                        | "for"
                        | "since"
                        | "already"
                )
        });
        if tokens[k].possessive
            && tokens[k + 1].is_word
            && STATE_AFTER_S.contains(&tokens[k + 1].text.as_str())
            && ends_phrase
        {
            tokens[k].possessive = false;
            tokens.insert(k + 1, Token::word("is".to_string(), false));
            k += 1;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<String>> {
        sentences(text)
            .into_iter()
            .map(|s| s.tokens.into_iter().map(|t| t.text).collect())
            .collect()
    }

    #[test]
    fn contractions_and_possessives() {
        assert_eq!(
            words("He didn't see Anubis's knife. She's dead.")[0],
            ["he", "did", "not", "see", "anubis", "knife", "."]
        );
        assert_eq!(words("She's dead.")[0], ["she", "is", "dead", "."]);
        assert_eq!(words("I'll shoot you")[0], ["i", "will", "shoot", "you"]);
        assert_eq!(words("He'd been shot")[0], ["he", "had", "been", "shot"]);
        assert_eq!(words("He'd kill you")[0], ["he", "would", "kill", "you"]);
        assert_eq!(words("dont move")[0], ["do", "not", "move"]);
        let s = &sentences("the guards' horses")[0];
        assert!(s.tokens[1].possessive);
    }

    #[test]
    fn sentence_boundaries_and_quotes() {
        let s = sentences("\u{201c}Is he dead?\u{201d} she asked. Mr. Bell ran!");
        assert_eq!(s.len(), 3);
        assert!(s[0].question);
        assert_eq!(s[2].tokens[0].text, "mr");
        assert!(s[1].tokens[0].starts_sentence);
        let s = sentences("blood-soaked rags \u{2014} everywhere");
        let w: Vec<&str> = s[0].tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(w, ["blood", "soaked", "rags", ",", "everywhere"]);
    }

    #[test]
    fn no_words_no_sentences() {
        assert!(sentences("  ... !!! ").is_empty());
        assert!(sentences("").is_empty());
    }
}
