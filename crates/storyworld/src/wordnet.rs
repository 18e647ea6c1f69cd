//! A small, fast reader of the WordNet 3.0 database in its original text format (wndb(5)),
//! as installed by Debian's `wordnet-base` package in `/usr/share/wordnet`.
//!
//! The four `index.*` files are kept in memory and searched by binary search (they are
//! sorted byte-wise); the `data.*` files are kept in memory too and a synset is parsed only
//! when asked for, directly at its byte offset (a synset's id *is* its byte offset in its
//! data file). Opening the database reads about 28 MB and parses nothing but the exception
//! lists, so it takes a few milliseconds; a hyponym closure parses just the synsets it
//! visits.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Result, StoryworldError};

/// The environment variable that names the WordNet directory.
pub const WORDNET_DIR_VAR: &str = "WORDNET_DIR";
/// Where Debian's `wordnet-base` package puts the database.
pub const DEBIAN_WORDNET_DIR: &str = "/usr/share/wordnet";

/// A part of speech, as WordNet splits its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartOfSpeech {
    /// `index.noun`, `data.noun`.
    Noun,
    /// `index.verb`, `data.verb`.
    Verb,
    /// `index.adj`, `data.adj` (adjective satellites included).
    Adjective,
    /// `index.adv`, `data.adv`.
    Adverb,
}

impl PartOfSpeech {
    /// All four, in file order.
    pub const ALL: [PartOfSpeech; 4] = [
        PartOfSpeech::Noun,
        PartOfSpeech::Verb,
        PartOfSpeech::Adjective,
        PartOfSpeech::Adverb,
    ];

    fn file_suffix(self) -> &'static str {
        match self {
            PartOfSpeech::Noun => "noun",
            PartOfSpeech::Verb => "verb",
            PartOfSpeech::Adjective => "adj",
            PartOfSpeech::Adverb => "adv",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }

    fn from_code(code: u8) -> Option<PartOfSpeech> {
        match code {
            b'n' => Some(PartOfSpeech::Noun),
            b'v' => Some(PartOfSpeech::Verb),
            b'a' | b's' => Some(PartOfSpeech::Adjective),
            b'r' => Some(PartOfSpeech::Adverb),
            _ => None,
        }
    }
}

/// A synset: its part of speech and its byte offset in that part's data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SynsetId {
    /// The part of speech (which data file).
    pub pos: PartOfSpeech,
    /// The byte offset of its line in the data file.
    pub offset: u32,
}

/// A pointer from one synset to another (wninput(5WN) lists the symbols).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer {
    /// The pointer symbol: `@` hypernym, `~` hyponym, `@i`/`~i` instance, `#p` part
    /// holonym, `%p` part meronym, `!` antonym…
    pub symbol: String,
    /// The synset pointed to.
    pub target: SynsetId,
    /// 0 for a semantic pointer; otherwise the 1-based number of the source word
    /// (a lexical pointer between two words).
    pub source_word: u8,
}

/// One synset, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Its id.
    pub id: SynsetId,
    /// Its words, lowercased, with `_` between the words of a collocation (`pass_away`).
    pub lemmas: Vec<String>,
    /// Its pointers to other synsets.
    pub pointers: Vec<Pointer>,
    /// Its definition and examples.
    pub gloss: String,
}

/// The WordNet database, in memory.
pub struct WordNet {
    dir: PathBuf,
    index: [Vec<u8>; 4],
    index_start: [usize; 4],
    data: [Vec<u8>; 4],
    exceptions: [HashMap<String, Vec<String>>; 4],
}

impl std::fmt::Debug for WordNet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordNet").field("dir", &self.dir).finish()
    }
}

impl WordNet {
    /// The directory the database is looked for in: `$WORDNET_DIR` when set and not
    /// empty, else Debian's `/usr/share/wordnet`.
    pub fn default_dir() -> PathBuf {
        match std::env::var_os(WORDNET_DIR_VAR) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => PathBuf::from(DEBIAN_WORDNET_DIR),
        }
    }

    /// Opens the database in [`WordNet::default_dir`].
    pub fn open_default() -> Result<Self> {
        Self::open(Self::default_dir())
    }

    /// Opens the database in `dir`; a missing file is a [`StoryworldError::WordNetMissing`]
    /// that says how to install it.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref().to_path_buf();
        for pos in PartOfSpeech::ALL {
            for stem in ["index", "data"] {
                let name = format!("{stem}.{}", pos.file_suffix());
                if !dir.join(&name).is_file() {
                    return Err(StoryworldError::WordNetMissing { dir, missing: name });
                }
            }
        }
        let read = |name: String| -> Result<Vec<u8>> {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|e| StoryworldError::io(path, e))
        };
        let mut index: [Vec<u8>; 4] = Default::default();
        let mut data: [Vec<u8>; 4] = Default::default();
        let mut index_start = [0usize; 4];
        let mut exceptions: [HashMap<String, Vec<String>>; 4] = Default::default();
        for pos in PartOfSpeech::ALL {
            let s = pos.slot();
            index[s] = read(format!("index.{}", pos.file_suffix()))?;
            index_start[s] = skip_license(&index[s]);
            data[s] = read(format!("data.{}", pos.file_suffix()))?;
            // the exception lists are optional: without them only regular forms are found
            let exc_path = dir.join(format!("{}.exc", pos.file_suffix()));
            if exc_path.is_file() {
                let bytes =
                    std::fs::read(&exc_path).map_err(|e| StoryworldError::io(&exc_path, e))?;
                exceptions[s] = parse_exceptions(&bytes);
            }
        }
        Ok(WordNet {
            dir,
            index,
            index_start,
            data,
            exceptions,
        })
    }

    /// The directory the database was read from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether `lemma` (lowercase, `_` between words) is an entry of the index of `pos`.
    pub fn contains(&self, lemma: &str, pos: PartOfSpeech) -> bool {
        self.index_line(lemma, pos).is_some()
    }

    /// Whether `lemma` is an entry of any of the four indexes.
    pub fn contains_any(&self, lemma: &str) -> bool {
        PartOfSpeech::ALL.iter().any(|&p| self.contains(lemma, p))
    }

    /// The senses of `lemma` in `pos`, most frequent first (the index's order); empty when
    /// the lemma is not in WordNet.
    pub fn senses(&self, lemma: &str, pos: PartOfSpeech) -> Result<Vec<SynsetId>> {
        let Some(line) = self.index_line(lemma, pos) else {
            return Ok(Vec::new());
        };
        let malformed = |message: &str| StoryworldError::WordNetMalformed {
            path: self.dir.join(format!("index.{}", pos.file_suffix())),
            offset: 0,
            message: format!("entry `{lemma}`: {message}"),
        };
        let fields: Vec<&[u8]> = line
            .split(|&b| b == b' ')
            .filter(|f| !f.is_empty())
            .collect();
        // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets...
        let synset_count = fields
            .get(2)
            .and_then(|f| parse_decimal(f))
            .ok_or_else(|| malformed("no synset count"))?;
        let pointer_count = fields
            .get(3)
            .and_then(|f| parse_decimal(f))
            .ok_or_else(|| malformed("no pointer count"))?;
        let first_offset = 4 + pointer_count + 2;
        let offsets = fields
            .get(first_offset..first_offset + synset_count)
            .ok_or_else(|| malformed("fewer synset offsets than announced"))?;
        offsets
            .iter()
            .map(|f| {
                parse_decimal(f)
                    .and_then(|o| u32::try_from(o).ok())
                    .map(|offset| SynsetId { pos, offset })
                    .ok_or_else(|| malformed("bad synset offset"))
            })
            .collect()
    }

    /// The synset with this id, parsed from its data file.
    pub fn synset(&self, id: SynsetId) -> Result<Synset> {
        let data = &self.data[id.pos.slot()];
        let start = id.offset as usize;
        let malformed = |message: String| StoryworldError::WordNetMalformed {
            path: self.dir.join(format!("data.{}", id.pos.file_suffix())),
            offset: start,
            message,
        };
        if start >= data.len() {
            return Err(malformed("offset past the end of the file".into()));
        }
        let end = data[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(data.len(), |p| start + p);
        let line = &data[start..end];
        let (head, gloss) = match line.iter().position(|&b| b == b'|') {
            Some(bar) => (&line[..bar], &line[bar + 1..]),
            None => (line, &line[line.len()..]),
        };
        let fields: Vec<&[u8]> = head
            .split(|&b| b == b' ')
            .filter(|f| !f.is_empty())
            .collect();
        if fields.first().and_then(|f| parse_decimal(f)) != Some(start) {
            return Err(malformed(
                "the line there does not start with its own offset".into(),
            ));
        }
        let word_count = fields
            .get(3)
            .and_then(|f| parse_hex(f))
            .ok_or_else(|| malformed("no word count".into()))?;
        let mut lemmas = Vec::with_capacity(word_count);
        for k in 0..word_count {
            let word = fields
                .get(4 + 2 * k)
                .ok_or_else(|| malformed("fewer words than announced".into()))?;
            let word = String::from_utf8_lossy(word);
            // adjectives may carry a syntactic marker: `big(a)`, `galore(ip)`
            let word = word.split('(').next().unwrap_or_default();
            lemmas.push(word.to_ascii_lowercase());
        }
        let mut at = 4 + 2 * word_count;
        let pointer_count = fields
            .get(at)
            .and_then(|f| parse_decimal(f))
            .ok_or_else(|| malformed("no pointer count".into()))?;
        at += 1;
        let mut pointers = Vec::with_capacity(pointer_count);
        for _ in 0..pointer_count {
            let (Some(symbol), Some(offset), Some(pos), Some(words)) = (
                fields.get(at),
                fields.get(at + 1),
                fields.get(at + 2),
                fields.get(at + 3),
            ) else {
                return Err(malformed("fewer pointers than announced".into()));
            };
            let target_pos = pos
                .first()
                .and_then(|&c| PartOfSpeech::from_code(c))
                .ok_or_else(|| malformed("bad pointer part of speech".into()))?;
            let offset = parse_decimal(offset)
                .and_then(|o| u32::try_from(o).ok())
                .ok_or_else(|| malformed("bad pointer offset".into()))?;
            let source_word = words
                .get(..2)
                .and_then(parse_hex)
                .and_then(|w| u8::try_from(w).ok())
                .ok_or_else(|| malformed("bad pointer source/target field".into()))?;
            pointers.push(Pointer {
                symbol: String::from_utf8_lossy(symbol).into_owned(),
                target: SynsetId {
                    pos: target_pos,
                    offset,
                },
                source_word,
            });
            at += 4;
        }
        Ok(Synset {
            id,
            lemmas,
            pointers,
            gloss: String::from_utf8_lossy(gloss).trim().to_string(),
        })
    }

    /// Every synset reachable from `roots` by hyponym pointers (`~`, and `~i` instance
    /// hyponyms when `instances` is true), the roots included.
    pub fn hyponym_closure(
        &self,
        roots: &[SynsetId],
        instances: bool,
    ) -> Result<HashSet<SynsetId>> {
        let mut seen = HashSet::new();
        let mut stack: Vec<SynsetId> = roots.to_vec();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            for p in self.synset(id)?.pointers {
                let follow = p.symbol == "~" || (instances && p.symbol == "~i");
                if follow
                    && p.source_word == 0
                    && p.target.pos == id.pos
                    && !seen.contains(&p.target)
                {
                    stack.push(p.target);
                }
            }
        }
        Ok(seen)
    }

    /// Every synset reachable from `id` by hypernym pointers (`@`, `@i`), `id` excluded.
    pub fn hypernyms(&self, id: SynsetId) -> Result<HashSet<SynsetId>> {
        let mut seen = HashSet::new();
        let mut stack = vec![id];
        while let Some(at) = stack.pop() {
            for p in self.synset(at)?.pointers {
                if (p.symbol == "@" || p.symbol == "@i") && seen.insert(p.target) {
                    stack.push(p.target);
                }
            }
        }
        Ok(seen)
    }

    /// The irregular base forms the exception list of `pos` gives for `word`
    /// (`bled` → `bleed`), empty when it has none.
    pub fn exception_bases(&self, word: &str, pos: PartOfSpeech) -> &[String] {
        self.exceptions[pos.slot()]
            .get(word)
            .map_or(&[], |v| v.as_slice())
    }

    /// The whole exception list of `pos`: inflected form → base forms.
    pub fn exceptions(&self, pos: PartOfSpeech) -> &HashMap<String, Vec<String>> {
        &self.exceptions[pos.slot()]
    }

    /// All inflected forms that the exception list of `pos` maps to `base`
    /// (`bleed` → `bled`), in no particular order.
    pub fn exception_forms(&self, base: &str, pos: PartOfSpeech) -> Vec<&str> {
        self.exceptions[pos.slot()]
            .iter()
            .filter(|(_, bases)| bases.iter().any(|b| b == base))
            .map(|(form, _)| form.as_str())
            .collect()
    }

    /// WordNet's morphological processor (morphy(7WN)): the lemmas of `pos` that `word`
    /// can be an inflection of, by the exception list and then the rules of detachment.
    /// Only lemmas present in the index are returned; `word` itself is included when it is
    /// a lemma.
    pub fn base_forms(&self, word: &str, pos: PartOfSpeech) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let push = |candidate: String, out: &mut Vec<String>| {
            if !out.contains(&candidate) && self.contains(&candidate, pos) {
                out.push(candidate);
            }
        };
        push(word.to_string(), &mut out);
        for base in self.exception_bases(word, pos) {
            push(base.clone(), &mut out);
        }
        let rules: &[(&str, &str)] = match pos {
            PartOfSpeech::Noun => &[
                ("s", ""),
                ("ses", "s"),
                ("xes", "x"),
                ("zes", "z"),
                ("ches", "ch"),
                ("shes", "sh"),
                ("men", "man"),
                ("ies", "y"),
            ],
            PartOfSpeech::Verb => &[
                ("s", ""),
                ("ies", "y"),
                ("es", "e"),
                ("es", ""),
                ("ed", "e"),
                ("ed", ""),
                ("ing", "e"),
                ("ing", ""),
            ],
            PartOfSpeech::Adjective => &[("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
            PartOfSpeech::Adverb => &[],
        };
        for (suffix, replacement) in rules {
            if let Some(stem) = word.strip_suffix(suffix)
                && !stem.is_empty()
            {
                push(format!("{stem}{replacement}"), &mut out);
            }
        }
        out
    }

    fn index_line(&self, lemma: &str, pos: PartOfSpeech) -> Option<&[u8]> {
        let s = pos.slot();
        find_line(&self.index[s], self.index_start[s], lemma.as_bytes())
    }
}

/// The first byte after the licence lines (which begin with two spaces).
fn skip_license(buf: &[u8]) -> usize {
    let mut at = 0;
    while buf[at..].starts_with(b"  ") {
        match buf[at..].iter().position(|&b| b == b'\n') {
            Some(p) => at += p + 1,
            None => return buf.len(),
        }
    }
    at
}

/// Binary search of a byte-sorted file of lines for the line whose first field is `key`.
fn find_line<'a>(buf: &'a [u8], start: usize, key: &[u8]) -> Option<&'a [u8]> {
    let (mut lo, mut hi) = (start, buf.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // `lo` is always the start of a line, so the line holding `mid` starts in lo..=mid
        let line_start = buf[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let line_end = buf[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(buf.len(), |p| line_start + p);
        let line = &buf[line_start..line_end];
        let word_end = line.iter().position(|&b| b == b' ').unwrap_or(line.len());
        match line[..word_end].cmp(key) {
            std::cmp::Ordering::Equal => return Some(line),
            std::cmp::Ordering::Less => lo = line_end + 1,
            std::cmp::Ordering::Greater => hi = line_start,
        }
    }
    None
}

fn parse_exceptions(bytes: &[u8]) -> HashMap<String, Vec<String>> {
    let text = String::from_utf8_lossy(bytes);
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for line in text.lines() {
        let mut fields = line.split_whitespace();
        if let Some(form) = fields.next() {
            let bases: Vec<String> = fields.map(str::to_string).collect();
            if !bases.is_empty() {
                map.entry(form.to_string()).or_default().extend(bases);
            }
        }
    }
    map
}

fn parse_decimal(field: &[u8]) -> Option<usize> {
    if field.is_empty() || field.len() > 12 || !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        field
            .iter()
            .fold(0usize, |n, &d| n * 10 + usize::from(d - b'0')),
    )
}

fn parse_hex(field: &[u8]) -> Option<usize> {
    if field.is_empty() || field.len() > 8 {
        return None;
    }
    field.iter().try_fold(0usize, |n, &d| {
        let v = (d as char).to_digit(16)?;
        Some(n * 16 + v as usize)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_search_finds_first_middle_last_and_misses() {
        let buf = b"  1 licence\n  2 more\nable x\nbaker y\ncat z\ndog w\n";
        let start = skip_license(buf);
        assert_eq!(find_line(buf, start, b"able"), Some(&b"able x"[..]));
        assert_eq!(find_line(buf, start, b"cat"), Some(&b"cat z"[..]));
        assert_eq!(find_line(buf, start, b"dog"), Some(&b"dog w"[..]));
        assert_eq!(find_line(buf, start, b"bake"), None);
        assert_eq!(find_line(buf, start, b"zebra"), None);
        assert_eq!(find_line(buf, start, b""), None);
    }

    #[test]
    fn numbers_parse_and_reject_garbage() {
        assert_eq!(parse_decimal(b"00069879"), Some(69879));
        assert_eq!(parse_decimal(b"12a"), None);
        assert_eq!(parse_hex(b"0a"), Some(10));
        assert_eq!(parse_hex(b"zz"), None);
    }

    #[test]
    fn a_missing_directory_says_how_to_install() {
        let err = WordNet::open("/nonexistent/wordnet").unwrap_err();
        let message = err.to_string();
        assert!(message.contains("scripts/setup"), "{message}");
        assert!(message.contains("wordnet-base"), "{message}");
    }
}
