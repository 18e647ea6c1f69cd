//! The unit that is labeled: a prompt and its one-sentence completion.

use serde::{Deserialize, Serialize};

use crate::error::{LabelsError, Result};

/// The longest prompt a snippet may have, in characters (the paper's prompts are three
/// sentences; a classifier keeps only the end of a long one).
pub const MAX_PROMPT_CHARS: usize = 100_000;
/// The longest completion a snippet may have, in characters (the paper's are one
/// sentence).
pub const MAX_COMPLETION_CHARS: usize = 10_000;

/// A prompt (the paper: three sentences of a story) and a completion (one more sentence).
///
/// The completion is what is judged: a snippet is injurious when the completion introduces
/// an injury that the prompt did not already contain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Snippet {
    /// The story so far.
    pub prompt: String,
    /// The continuation being judged.
    pub completion: String,
}

impl Snippet {
    /// A snippet from its two parts.
    pub fn new(prompt: impl Into<String>, completion: impl Into<String>) -> Self {
        Snippet {
            prompt: prompt.into(),
            completion: completion.into(),
        }
    }

    /// Checks the snippet is usable: the completion must contain non-whitespace text
    /// (an empty prompt is allowed: a completion can be judged on its own), and neither
    /// part may be longer than [`MAX_PROMPT_CHARS`] or [`MAX_COMPLETION_CHARS`].
    pub fn validate(&self) -> Result<()> {
        for (part, text, max) in [
            ("prompt", &self.prompt, MAX_PROMPT_CHARS),
            ("completion", &self.completion, MAX_COMPLETION_CHARS),
        ] {
            // a byte count under the limit is a character count under it too
            if text.len() > max {
                let chars = text.chars().count();
                if chars > max {
                    return Err(LabelsError::Invalid(format!(
                        "the {part} has {chars} characters, more than the {max} a snippet may have"
                    )));
                }
            }
        }
        if self.completion.trim().is_empty() {
            return Err(LabelsError::Invalid(format!(
                "snippet with prompt {:?} has an empty completion",
                truncate_for_display(&self.prompt, 60)
            )));
        }
        Ok(())
    }

    /// The text that identifies the snippet for de-duplication and splits: prompt and
    /// completion with every run of whitespace collapsed to one space and the ends trimmed,
    /// joined by a unit separator (U+001F) so that moving words across the boundary gives
    /// a different key.
    pub fn normalized(&self) -> String {
        let mut out = String::with_capacity(self.prompt.len() + self.completion.len() + 1);
        push_collapsed(&mut out, &self.prompt);
        out.push('\u{1f}');
        push_collapsed(&mut out, &self.completion);
        out
    }

    /// A stable 64-bit hash of [`Snippet::normalized`]: the same on every platform, in
    /// every version of this crate, and for every process (unlike `std`'s `Hash`).
    pub fn stable_hash(&self) -> u64 {
        stable_hash(self.normalized().as_bytes(), 0)
    }

    /// [`Snippet::stable_hash`] as 16 hex digits: a short, stable name for messages,
    /// journals and look-ups.
    pub fn key(&self) -> String {
        format!("{:016x}", self.stable_hash())
    }
}

fn push_collapsed(out: &mut String, text: &str) {
    let mut first = true;
    for word in text.split_whitespace() {
        if !first {
            out.push(' ');
        }
        out.push_str(word);
        first = false;
    }
}

/// FNV-1a over the bytes, salted, then the SplitMix64 finaliser for good avalanche (so
/// that `hash / 2^64` is close to uniform, which the splits rely on). Written out here
/// because it must never change: splits of saved datasets depend on it.
pub(crate) fn stable_hash(bytes: &[u8], salt: u64) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h = OFFSET ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    let mut z = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// At most `max` characters of `text`, with an ellipsis when cut (for error messages).
pub(crate) fn truncate_for_display(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_key() {
        let a = Snippet::new("He ran.  She  fell.", "It hurt.\n");
        let b = Snippet::new(" He ran. She fell.", "It  hurt.");
        assert_eq!(a.key(), b.key());
    }

    #[test]
    fn the_boundary_matters() {
        let a = Snippet::new("He ran.", "She fell.");
        let b = Snippet::new("He ran. She fell.", "");
        assert_ne!(a.key(), b.key());
    }

    #[test]
    fn the_hash_is_pinned() {
        // Expected values from an independent Python transcription of the algorithm
        // (FNV-1a 64 then SplitMix64's finaliser, salt 0), run when this was written.
        // Pinned because saved splits depend on the hash never changing.
        assert_eq!(
            format!("{:016x}", stable_hash(b"highstakes", 0)),
            "7c357a81c5766f70"
        );
        assert_eq!(
            Snippet::new("He ran.", "She fell.").key(),
            "ff458b7f7cecb4a5"
        );
    }

    #[test]
    fn empty_completion_is_invalid() {
        assert!(Snippet::new("p", "  ").validate().is_err());
        assert!(Snippet::new("", "x").validate().is_ok());
        // the size limits, counted in characters (a 3-byte character counts once)
        let long = "é".repeat(MAX_COMPLETION_CHARS);
        assert!(Snippet::new("", long.as_str()).validate().is_ok());
        let err = Snippet::new("", format!("{long}x")).validate().unwrap_err();
        assert!(
            err.to_string().contains("completion has 10001 characters"),
            "{err}"
        );
        let err = Snippet::new("p".repeat(MAX_PROMPT_CHARS + 1), "x")
            .validate()
            .unwrap_err();
        assert!(err.to_string().contains("prompt has 100001"), "{err}");
    }
}
