//! An index of the injury words under their skeletons (doubled letters collapsed) and
//! their one-letter deletions, in which a misspelling finds the injury words it may mean.

use std::collections::HashMap;

use super::inflect::{edit_distance, skeleton};

/// Injury words under their skeletons and deletions, for [`correct`](super::spelling::correct).
#[derive(Debug, Default)]
pub(crate) struct SpellingIndex {
    words: Vec<String>,
    skeletons: HashMap<String, Vec<u32>>,
    deletions: HashMap<String, Vec<u32>>,
}

/// The word with the `i`-th character removed.
fn delete_at(word: &str, i: usize) -> String {
    word.chars()
        .enumerate()
        .filter(|&(k, _)| k != i)
        .map(|(_, c)| c)
        .collect()
}

impl SpellingIndex {
    /// Indexes the words of at least five letters (shorter ones have too many neighbours).
    pub(crate) fn new(mut words: Vec<String>) -> Self {
        words.retain(|w| w.chars().count() >= 5 && w.bytes().all(|b| b.is_ascii_lowercase()));
        words.sort();
        words.dedup();
        let mut index = SpellingIndex {
            words: Vec::new(),
            skeletons: HashMap::new(),
            deletions: HashMap::new(),
        };
        for (i, word) in words.into_iter().enumerate() {
            let i = i as u32;
            index.skeletons.entry(skeleton(&word)).or_default().push(i);
            for k in 0..word.chars().count() {
                index
                    .deletions
                    .entry(delete_at(&word, k))
                    .or_default()
                    .push(i);
            }
            index.words.push(word);
        }
        index
    }

    /// Number of keys (skeletons and deletions).
    pub(crate) fn len(&self) -> usize {
        self.skeletons.len() + self.deletions.len()
    }

    /// The indexed words within one edit (or doubled letters) of `word`.
    pub(super) fn candidates(&self, word: &str) -> Vec<&str> {
        let mut ids: Vec<u32> = Vec::new();
        if let Some(v) = self.skeletons.get(&skeleton(word)) {
            ids.extend(v);
        }
        // `word` lacks a letter of an indexed word
        if let Some(v) = self.deletions.get(word) {
            ids.extend(v);
        }
        // `word` has an extra letter, a wrong letter or two letters swapped
        for k in 0..word.chars().count() {
            let d = delete_at(word, k);
            if let Some(v) = self.deletions.get(&d) {
                ids.extend(v);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .map(|i| self.words[i as usize].as_str())
            .filter(|w| skeleton(w) == skeleton(word) || edit_distance(w, word, 1) <= 1)
            .collect()
    }
}
