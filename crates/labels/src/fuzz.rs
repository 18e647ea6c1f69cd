//! Mutations of a valid input, for fuzzing the readers of outside data (datasets,
//! journals, `config.json`, safetensors headers, `tokenizer.json`, request bodies) with
//! proptest: each case is a valid file with one to eight edits — a byte changed, a range
//! deleted or repeated, the file cut short, or a token that readers often trip on (`NaN`,
//! `1e999`, `-1`, a huge integer, `null`, a lone quote or bracket, invalid UTF-8) spliced
//! in. A reader passes when every case gives a value or an error, never a panic.
//!
//! Enabled by the `fuzzing` feature (the crates' tests turn it on).
//!
//! ```
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let valid = br#"{"prompt": "a", "completion": "b"}"#.to_vec();
//! let mut runner = TestRunner::deterministic();
//! let case = labels::fuzz::mutated(valid.clone()).new_tree(&mut runner).unwrap().current();
//! assert_ne!(case, valid);
//! ```

use proptest::prelude::*;

/// Tokens spliced into inputs: the values and fragments that break careless readers.
pub const TRICKY_TOKENS: &[&[u8]] = &[
    b"NaN",
    b"1e999",
    b"-1",
    b"0",
    b"18446744073709551616",
    b"99999999999999999999999999",
    b"null",
    b"true",
    b"[]",
    b"{}",
    b"\"",
    b"[",
    b"{",
    b"}",
    b",",
    b":",
    b"\\u0000",
    b"\xff\xfe",
    b"\n",
    b"\"\"",
];

/// One edit of a byte string; positions are taken modulo the current length.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// Replace the byte at a position.
    Set(usize, u8),
    /// Delete up to `n` bytes from a position.
    Delete(usize, usize),
    /// Repeat up to `n` bytes from a position right after themselves.
    Repeat(usize, usize),
    /// Cut the input at a position.
    Truncate(usize),
    /// Insert one of [`TRICKY_TOKENS`] at a position.
    Splice(usize, usize),
}

impl Mutation {
    /// Applies the edit to `bytes`.
    pub fn apply(&self, bytes: &mut Vec<u8>) {
        let len = bytes.len();
        let at = |i: usize| if len == 0 { 0 } else { i % len };
        match *self {
            Mutation::Set(i, b) if len > 0 => bytes[at(i)] = b,
            Mutation::Set(..) => bytes.push(0),
            Mutation::Delete(i, n) => {
                let start = at(i);
                let end = (start + n).min(len);
                bytes.drain(start..end);
            }
            Mutation::Repeat(i, n) => {
                let start = at(i);
                let end = (start + n).min(len);
                let chunk = bytes[start..end].to_vec();
                bytes.splice(end..end, chunk);
            }
            Mutation::Truncate(i) => bytes.truncate(at(i)),
            Mutation::Splice(i, t) => {
                let token = TRICKY_TOKENS[t % TRICKY_TOKENS.len()];
                let pos = at(i);
                bytes.splice(pos..pos, token.iter().copied());
            }
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        2 => (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Repeat(i, n)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(i, t)| Mutation::Splice(i, t)),
    ]
}

/// `valid` with one to eight [`Mutation`]s applied (never `valid` itself).
pub fn mutated(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(mutation(), 1..=8).prop_map(move |edits| {
        let mut bytes = valid.clone();
        for edit in &edits {
            edit.apply(&mut bytes);
        }
        if bytes == valid {
            // an edit that changed nothing (a byte set to itself): change the first byte
            match bytes.first_mut() {
                Some(b) => *b = b.wrapping_add(1),
                None => bytes.push(b'{'),
            }
        }
        bytes
    })
}

/// The cases each fuzz test runs: `HIGHSTAKES_FUZZ_CASES` when set (for a long run),
/// else `default`, so that the test suite stays fast.
pub fn cases(default: u32) -> u32 {
    std::env::var("HIGHSTAKES_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
