//! Where a one-sentence completion ends, decided on decoded text.
//!
//! A completion ends at the first **sentence end** after some non-space text:
//!
//! 1. a run of terminators (`.`, `!`, `?`, `…`), then any closing marks (`"`, `'`, `”`,
//!    `’`, `)`, `]`, `»`), then whitespace, then the start of a next sentence: anything
//!    but a lowercase letter (`"Run!" she said` goes on; `"Run!" He ran` has ended).
//!    The completion ends after the closing marks. So `3.5`, `?!` and `."` are never cut
//!    in the middle, and a lone `.` after a common abbreviation (`Mr`, `Mrs`, `Ms`, `Dr`,
//!    `St`, `Jr`, `Sr`, `Prof`, `Mt`, `vs`, `etc`, `e.g`, `i.e`) or a single capital
//!    letter (an initial) does not count;
//! 2. or a line break: a completion never runs past the end of its line.
//!
//! An end is only *confirmed* once the text after it shows it (the first character of
//! the next sentence, or a line break), so generation runs a token or two past the
//! terminator and the extra tokens are dropped. End of text and the token budget end a
//! completion wherever it is.

const TERMINATORS: &[char] = &['.', '!', '?', '…'];
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "mt", "vs", "etc", "e.g", "i.e",
];

/// Byte offset just past the first confirmed sentence end of `text` (its closing marks
/// included, the whitespace after it excluded), or `None` while the sentence goes on.
pub fn sentence_end(text: &str) -> Option<usize> {
    let start = text.len() - text.trim_start().len();
    let body = &text[start..];
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        if c == '\n' || c == '\r' {
            return Some(start + body[..offset].trim_end().len());
        }
        if !TERMINATORS.contains(&c) {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < chars.len() && TERMINATORS.contains(&chars[i].1) {
            i += 1;
        }
        let lone_period = i - run_start == 1 && c == '.';
        while i < chars.len() && CLOSERS.contains(&chars[i].1) {
            i += 1;
        }
        let Some(&(end, next)) = chars.get(i) else {
            return None; // nothing after the terminator yet: not confirmed
        };
        if !next.is_whitespace() {
            continue; // "3.5", "U.S.A", "hi!her": not a sentence end
        }
        let mut j = i;
        let mut line_break = false;
        while j < chars.len() && chars[j].1.is_whitespace() {
            line_break |= chars[j].1 == '\n' || chars[j].1 == '\r';
            j += 1;
        }
        if !line_break {
            let Some(&(_, first)) = chars.get(j) else {
                return None; // the next sentence has not started yet: not confirmed
            };
            if first.is_lowercase() || lone_period && is_abbreviation(&body[..offset]) {
                i = j;
                continue;
            }
        }
        return Some(start + end);
    }
    None
}

/// Whether the word just before a period is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '"' || c == '(' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Option<&str> {
        sentence_end(text).map(|e| &text[..e])
    }

    #[test]
    fn ends_need_the_whitespace_after_them() {
        assert_eq!(cut(" He ran home."), None);
        assert_eq!(cut(" He ran home. "), None);
        assert_eq!(cut(" He ran home. Then"), Some(" He ran home."));
        assert_eq!(cut(" He ran home.\n"), Some(" He ran home."));
        assert_eq!(cut(" Stop! He"), Some(" Stop!"));
        assert_eq!(cut(" Really?! No"), Some(" Really?!"));
        assert_eq!(cut(" Wait... Then"), Some(" Wait..."));
        assert_eq!(cut(" Wait... and then"), None);
    }

    #[test]
    fn closing_quotes_belong_to_the_sentence() {
        assert_eq!(cut(" \"Run!\" she said."), None);
        assert_eq!(
            cut(" \"Why?\" asked Mara. \"Because"),
            Some(" \"Why?\" asked Mara.")
        );
        assert_eq!(cut(" \"Run!\" she said. He"), Some(" \"Run!\" she said."));
        assert_eq!(cut(" She said, \"Run.\" He"), Some(" She said, \"Run.\""));
        assert_eq!(cut(" (It hurt.) Then"), Some(" (It hurt.)"));
    }

    #[test]
    fn numbers_abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            cut(" It cost 3.50 dollars. Then"),
            Some(" It cost 3.50 dollars.")
        );
        assert_eq!(cut(" Mr. Smith waved. Then"), Some(" Mr. Smith waved."));
        assert_eq!(
            cut(" J. R. Tolkien wrote. Then"),
            Some(" J. R. Tolkien wrote.")
        );
        assert_eq!(cut(" I saw Dr. Who. Then"), Some(" I saw Dr. Who."));
    }

    #[test]
    fn line_breaks_end_the_completion() {
        assert_eq!(cut(" He ran home\nThe"), Some(" He ran home"));
        assert_eq!(cut(" He ran home  \n"), Some(" He ran home"));
        // leading whitespace and newlines are not an end
        assert_eq!(cut("\n\nHe ran. It"), Some("\n\nHe ran."));
        assert_eq!(cut(""), None);
    }
}
