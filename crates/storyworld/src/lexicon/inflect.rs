//! English inflection by rule: verb forms and noun plurals, with the spelling rules
//! (consonant doubling, `-e` dropping, `-y` to `-ies`) that tell a correct form from a
//! misspelled one.

/// How an inflected verb form is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// `stab` (also the present tense other than the third person singular, and the
    /// imperative).
    Base,
    /// `stabs`.
    ThirdSingular,
    /// `broke`: simple past only.
    Past,
    /// `broken`: past participle only.
    PastParticiple,
    /// `stabbed`: simple past and past participle alike.
    PastOrParticiple,
    /// `stabbing`.
    PresentParticiple,
}

impl VerbForm {
    /// Whether the form can be a past participle (a passive or a perfect).
    pub fn can_be_participle(self) -> bool {
        matches!(self, VerbForm::PastParticiple | VerbForm::PastOrParticiple)
    }

    /// Whether the form can be a finite past tense.
    pub fn can_be_past(self) -> bool {
        matches!(self, VerbForm::Past | VerbForm::PastOrParticiple)
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Number of vowel groups: a rough syllable count.
fn vowel_groups(word: &[u8]) -> usize {
    let mut groups = 0;
    let mut in_group = false;
    for &c in word {
        let v = is_vowel(c) || c == b'y';
        if v && !in_group {
            groups += 1;
        }
        in_group = v;
    }
    groups
}

/// Whether the word ends consonant–vowel–consonant with a final consonant that English
/// doubles (not w, x or y): `stab`, `cut`, `kneecap`.
fn ends_cvc(word: &[u8]) -> bool {
    let n = word.len();
    n >= 3
        && !is_vowel(word[n - 1])
        && !matches!(word[n - 1], b'w' | b'x' | b'y')
        && is_vowel(word[n - 2])
        && !is_vowel(word[n - 3])
        // `qu` acts as a consonant: quit → quitting
        || (n >= 4 && word[n - 3] == b'u' && word[n - 4] == b'q' && !is_vowel(word[n - 1]))
}

/// The regular forms of a verb: `(third_singular, past, present_participles)`. Where the
/// doubling of a final consonant depends on stress (`visit` → `visited` but `refer` →
/// `referred`), both spellings are given for the past and the participle.
pub fn regular_verb_forms(base: &str) -> (String, Vec<String>, Vec<String>) {
    let b = base.as_bytes();
    let n = b.len();
    let third = if base.ends_with("s")
        || base.ends_with("x")
        || base.ends_with("z")
        || base.ends_with("ch")
        || base.ends_with("sh")
        || base.ends_with('o')
    {
        format!("{base}es")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &base[..n - 1])
    } else {
        format!("{base}s")
    };
    let mut past = Vec::new();
    let mut ing = Vec::new();
    if base.ends_with("ie") {
        past.push(format!("{base}d"));
        ing.push(format!("{}ying", &base[..n - 2]));
    } else if base.ends_with('e') {
        past.push(format!("{base}d"));
        if base.ends_with("ee") || base.ends_with("ye") || base.ends_with("oe") {
            ing.push(format!("{base}ing"));
        } else {
            ing.push(format!("{}ing", &base[..n - 1]));
        }
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        past.push(format!("{}ied", &base[..n - 1]));
        ing.push(format!("{base}ing"));
    } else if ends_cvc(b) {
        let doubled = format!("{base}{}", b[n - 1] as char);
        if vowel_groups(b) == 1 {
            past.push(format!("{doubled}ed"));
            ing.push(format!("{doubled}ing"));
        } else {
            past.push(format!("{doubled}ed"));
            past.push(format!("{base}ed"));
            ing.push(format!("{doubled}ing"));
            ing.push(format!("{base}ing"));
        }
    } else {
        past.push(format!("{base}ed"));
        ing.push(format!("{base}ing"));
    }
    (third, past, ing)
}

/// The regular plural of a noun (`wound` → `wounds`, `gash` → `gashes`, `injury` →
/// `injuries`, `knife` → `knives` is irregular and comes from the exception list).
pub fn regular_plural(noun: &str) -> String {
    let b = noun.as_bytes();
    let n = b.len();
    if noun.ends_with("s")
        || noun.ends_with("x")
        || noun.ends_with("z")
        || noun.ends_with("ch")
        || noun.ends_with("sh")
    {
        format!("{noun}es")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &noun[..n - 1])
    } else {
        format!("{noun}s")
    }
}

/// Collapses every run of one repeated letter to a single letter: the "skeleton" under
/// which `stabbed`, `stabed` and `stabbbed` are one word.
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut last = None;
    for c in word.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Optimal-string-alignment distance (Levenshtein with adjacent transpositions), capped:
/// returns `cap + 1` as soon as the distance is known to exceed `cap`.
pub fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > cap {
            return cap + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(cap + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms_follow_spelling_rules() {
        // expected forms: standard English spelling, checked by hand
        let (s, past, ing) = regular_verb_forms("stab");
        assert_eq!(s, "stabs");
        assert_eq!(past, vec!["stabbed"]);
        assert_eq!(ing, vec!["stabbing"]);
        let (_, past, ing) = regular_verb_forms("strangle");
        assert_eq!(past, vec!["strangled"]);
        assert_eq!(ing, vec!["strangling"]);
        let (s, past, ing) = regular_verb_forms("bury");
        assert_eq!((s.as_str(), past[0].as_str()), ("buries", "buried"));
        assert_eq!(ing, vec!["burying"]);
        let (_, past, ing) = regular_verb_forms("die");
        assert_eq!((past[0].as_str(), ing[0].as_str()), ("died", "dying"));
        let (_, past, _) = regular_verb_forms("kneecap");
        assert!(past.contains(&"kneecapped".to_string()));
        let (s, past, _) = regular_verb_forms("punch");
        assert_eq!((s.as_str(), past[0].as_str()), ("punches", "punched"));
        let (_, past, _) = regular_verb_forms("slay");
        assert_eq!(past, vec!["slayed"]);
    }

    #[test]
    fn plurals_and_skeletons() {
        assert_eq!(regular_plural("gash"), "gashes");
        assert_eq!(regular_plural("injury"), "injuries");
        assert_eq!(regular_plural("wound"), "wounds");
        assert_eq!(skeleton("stabbed"), skeleton("stabed"));
        assert_eq!(skeleton("killled"), "kiled");
    }

    #[test]
    fn edit_distance_counts_transpositions_as_one() {
        assert_eq!(edit_distance("murderd", "murdered", 2), 1);
        assert_eq!(edit_distance("klled", "killed", 2), 1);
        assert_eq!(edit_distance("kliled", "killed", 2), 1);
        assert_eq!(edit_distance("cake", "killed", 2), 3);
    }
}
