//! The damage words (`shattered`, `blackened`, `swollen`), the parts each can be said of,
//! the causes that make a state no injury, and a body part in a damaged state.

use super::owners::{OWNER_NEEDED, character_owner};
use crate::lexicon::InjuryKind;
use crate::oracle::effects::possessive_owner;
use crate::oracle::event::{Candidate, Directness, Form};
use crate::oracle::grammar::{is_copula, is_determiner, is_number_word, is_preposition, pronoun};
use crate::oracle::sentence::{Analysis, Head, Referent};
use crate::wordnet::PartOfSpeech;

/// The damage words: the word, the injury it implies, and its severity.
#[rustfmt::skip]
pub(in crate::oracle) const DAMAGE_WORDS: &[(&str, InjuryKind, u8)] = &[
    // bones and joints out of shape
    ("shattered", InjuryKind::Fracture, 5), ("crushed", InjuryKind::Fracture, 5),
    ("caved", InjuryKind::Fracture, 5), ("splintered", InjuryKind::Fracture, 5),
    ("fractured", InjuryKind::Fracture, 5), ("smashed", InjuryKind::Fracture, 5),
    ("dislocated", InjuryKind::Fracture, 5), ("flattened", InjuryKind::Fracture, 5),
    ("mashed", InjuryKind::Fracture, 5), ("pulped", InjuryKind::Fracture, 5),
    ("misshapen", InjuryKind::Fracture, 5), ("deformed", InjuryKind::Fracture, 5),
    ("shoved", InjuryKind::Fracture, 5), ("twisted", InjuryKind::Fracture, 5),
    ("cracked", InjuryKind::Fracture, 5), ("mutilated", InjuryKind::Maim, 7),
    ("mauled", InjuryKind::Maim, 6), ("disfigured", InjuryKind::Maim, 6),
    // the skin opened
    ("gashed", InjuryKind::Cut, 4), ("slashed", InjuryKind::Cut, 4),
    ("torn", InjuryKind::Cut, 4), ("ripped", InjuryKind::Cut, 4),
    ("split", InjuryKind::Cut, 4), ("lacerated", InjuryKind::Cut, 4),
    ("gouged", InjuryKind::Cut, 4), ("punctured", InjuryKind::Stab, 5),
    ("slit", InjuryKind::Cut, 6), ("cut", InjuryKind::Cut, 4),
    ("burnt", InjuryKind::Burn, 5), ("broken", InjuryKind::Fracture, 5),
    // burnt, frozen
    ("blackened", InjuryKind::Burn, 5), ("scorched", InjuryKind::Burn, 6),
    ("seared", InjuryKind::Burn, 6), ("scalded", InjuryKind::Burn, 5),
    ("singed", InjuryKind::Burn, 4), ("blistering", InjuryKind::Burn, 4),
    ("bubbled", InjuryKind::Burn, 5), ("melted", InjuryKind::Burn, 6),
    ("gangrenous", InjuryKind::Maim, 6),
    // the states a hurt body part shows: a consequence of any injury told before
    ("swollen", InjuryKind::Harm, 3), ("puffed", InjuryKind::Harm, 3),
    ("puffy", InjuryKind::Harm, 3), ("oozing", InjuryKind::Harm, 3),
    ("festering", InjuryKind::Harm, 3), ("suppurating", InjuryKind::Harm, 3),
    ("infected", InjuryKind::Harm, 3), ("useless", InjuryKind::Harm, 4),
];

/// Words that may stand between a body part and its state: copulas, auxiliaries and the
/// verbs a state is shown by (`his arm hung useless`, `her eye had puffed up`).
#[rustfmt::skip]
const LINKS: &[&str] = &[
    "had", "has", "have", "been", "got", "gotten", "looked", "looks", "hung", "hangs",
    "dangled", "lay", "went", "gone", "goes", "left", "and", "up", "shut", "black", "purple",
    "red", "raw", "swelled", "both", "all", "in",
];

/// Parts whose damage words are emotions or expressions (`her heart shattered`, `his
/// face twisted`, `her stomach twisted`).
#[rustfmt::skip]
const FEELING_PARTS: &[&str] = &[
    "heart", "hearts", "face", "faces", "mouth", "mouths", "stomach", "gut", "guts", "belly",
    "features", "soul", "mind", "spirit", "brow", "forehead", "insides", "abdomen",
];

/// Joints and limbs that a twist or a crack damages (the rest twist as expressions).
#[rustfmt::skip]
const TWISTING_PARTS: &[&str] = &[
    "ankle", "ankles", "knee", "knees", "wrist", "wrists", "arm", "arms", "leg", "legs",
    "neck", "finger", "fingers", "thumb", "thumbs", "elbow", "elbows", "shoulder", "foot",
    "feet", "toe", "toes", "hip", "kneecap", "limb", "limbs", "spine", "back",
];

/// Bones that crack (`cracked` said of anything else is skin, voice or knuckles).
#[rustfmt::skip]
const CRACKING_PARTS: &[&str] = &[
    "skull", "rib", "ribs", "jaw", "jawbone", "cheekbone", "collarbone", "bone", "bones",
    "vertebra", "vertebrae", "spine", "pelvis", "femur", "shin", "shinbone", "sternum",
    "kneecap", "head", "tooth", "teeth", "wrist", "ankle",
];

/// Causes after `from`, `with`, `by` or `in` that make a state no injury (`swollen from
/// crying`, `blackened with soot`, `twisted in a grin`).
#[rustfmt::skip]
const HARMLESS_CAUSES: &[&str] = &[
    "crying", "tears", "weeping", "sleep", "kissing", "pregnancy", "heat", "pain", "rage",
    "anger", "fury", "emotion", "grief", "laughter", "joy", "grin", "smile", "smirk",
    "effort", "exertion", "concentration", "soot", "ink", "grease", "oil", "dirt", "mud",
    "paint", "dye", "juice", "age", "disuse", "arthritis", "cold", "sweat", "soap",
    "charcoal", "coal", "smoke", "ash", "ashes", "tar", "boredom", "worry", "fear", "disgust",
    "contempt", "hatred", "jealousy", "envy", "shame", "sorrow", "longing", "desire", "wine",
    "flight", "fat", "standing", "walking", "travel", "wind", "weather",
];

fn damage(word: &str) -> Option<(InjuryKind, u8)> {
    // most words are none of these: a cheap test on the last letter first
    if !matches!(
        word.as_bytes().last(),
        Some(b'd' | b'n' | b't' | b'g' | b's' | b'y')
    ) {
        return None;
    }
    DAMAGE_WORDS
        .iter()
        .find(|(w, _, _)| *w == word)
        .map(|&(_, k, s)| (k, s))
}

/// Whether the damage word `word` can be said of `part` as an injury.
fn fits(word: &str, part: &str) -> bool {
    // `her face twisted`, `his heart shattered`: an expression or a feeling; a swollen
    // or blistered face is hurt
    let expressive = matches!(
        word,
        "twisted"
            | "shattered"
            | "crushed"
            | "split"
            | "torn"
            | "ripped"
            | "broken"
            | "cracked"
            | "caved"
            | "cut"
            | "slit"
            | "flattened"
            | "shoved"
    );
    if expressive && FEELING_PARTS.contains(&part) || matches!(part, "heart" | "hearts") {
        return false;
    }
    match word {
        "twisted" | "shoved" => TWISTING_PARTS.contains(&part),
        "cracked" => CRACKING_PARTS.contains(&part),
        // skin bubbles when burnt; a chest bubbles with the breath through a wound
        "bubbled" | "melted" => matches!(part, "skin" | "flesh"),
        // a swollen belly is hunger or a child on the way; swollen glands are a cold
        "swollen" | "puffed" | "puffy" => {
            !matches!(part, "gland" | "glands" | "breast" | "breasts")
        }
        _ => true,
    }
}

/// Whether a harmless cause follows the damage word at `i` (`swollen from crying`).
fn harmless_cause(a: &Analysis, i: usize) -> bool {
    let end = (i + 6).min(a.tokens.len());
    (i + 1..end).any(|k| {
        matches!(a.word(k), "from" | "with" | "by" | "in" | "into" | "after")
            && (k + 1..(k + 4).min(a.tokens.len())).any(|m| HARMLESS_CAUSES.contains(&a.word(m)))
    })
}

/// Whether the word at `k` opens a noun phrase that would be the damage word's own
/// object (`his fingers crushed the can`) or the noun it modifies (`shattered glass`).
fn object_follows(a: &Analysis, k: usize) -> bool {
    let w = a.word(k);
    if w.is_empty() || is_preposition(w) || a.is_adverb_at(k) || LINKS.contains(&w) {
        return false;
    }
    if damage(w).is_some() || a.is_body_part(k) {
        return false;
    }
    if is_determiner(w) || a.tokens[k].possessive || is_number_word(w) {
        return true;
    }
    if pronoun(w).is_some() {
        return true;
    }
    a.lexicon.noun_forms.contains_key(w)
        && !a.lexicon.wordnet.contains(w, PartOfSpeech::Adjective)
        && !a.lexicon.wordnet.contains(w, PartOfSpeech::Adverb)
}

/// A body part in a damaged state: `his kneecap shoved sideways under the skin`, `two
/// fingers blackened by frostbite`, `her lip was swollen`, `his mangled hand`.
pub(crate) fn damaged_part_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let word = a.word(i);
    let (kind, severity) = damage(word)?;
    if harmless_cause(a, i) {
        return None;
    }
    // the part before: `his kneecap (was) shoved`, `her lip was split and swollen`, past
    // clause breaks, since only links may stand between (`his face purple and swollen`)
    let mut j = i;
    let mut before = None;
    let mut told = false;
    while j > 0 && j + 7 > i {
        j -= 1;
        let w = a.word(j);
        if a.is_body_part(j) {
            before = Some(j);
            break;
        }
        told |= damage(w).is_some() || a.lexicon.verb_forms.contains_key(w) && !LINKS.contains(&w);
        let punctuation = !a.tokens[j].is_word && a.tokens[j].text == ",";
        if !(punctuation
            || is_copula(w)
            || LINKS.contains(&w)
            || damage(w).is_some()
            || a.is_adverb_at(j)
            || matches!(w, "already" | "still" | "now" | "badly" | "left"))
        {
            break;
        }
    }
    // `his knuckles were split and swollen`: the first word told the injury, the state
    // after it is that injury's
    if told && before.is_some() {
        return None;
    }
    let (part_at, owner) = if let Some(j) = before {
        if object_follows(a, i + 1) && a.word(i + 1) != "by" {
            return None;
        }
        let np = a.np_ending_at(j, j.saturating_sub(6))?;
        let Head::Part { possessor, .. } = np.head else {
            return None;
        };
        // `the decanter slipped from her fingers and shattered`: a part after a preposition
        // is no subject, so the word after `and` is another verb of the clause's subject, a
        // thing (but `with his kneecap shoved sideways` is the part's state, and `she
        // pressed the blade to her forearm and cut` has a character for its subject)
        let governed = np
            .start
            .checked_sub(1)
            .is_some_and(|p| is_preposition(a.word(p)) && a.word(p) != "with");
        let clause = a.clause(j);
        if governed
            && (j + 1..i).any(|k| matches!(a.word(k), "and" | "but" | "or"))
            && a.thing_subject(clause.start, clause.end)
        {
            return None;
        }
        (j, character_owner(a, np.start, possessor)?)
    } else {
        // the part after: `his mangled hand`, `a swollen lip`, `his reddened, blistering
        // hand` — the word must stand after a determiner, possessive or adjective
        let prev = a.word(i.wrapping_sub(1));
        let attributive = i > 0
            && (is_determiner(prev)
                || a.tokens[i - 1].possessive
                || is_number_word(prev)
                || pronoun(prev).is_some_and(|p| p.possessive)
                || prev == "her"
                || a.tokens[i - 1].text == ",");
        if !attributive {
            return None;
        }
        let mut k = i + 1;
        while k < (i + 4).min(a.tokens.len())
            && (damage(a.word(k)).is_some()
                || a.word(k) == "and"
                || a.tokens[k].text == ","
                || a.is_adverb_at(k))
        {
            k += 1;
        }
        if !a.is_body_part(k) {
            return None;
        }
        let owner = (i.saturating_sub(4)..i)
            .rev()
            .find_map(|m| possessive_owner(a, m))
            .unwrap_or(Referent::Unknown);
        match &owner {
            Referent::Noun(n) if !a.lexicon.is_character_noun(n) => return None,
            _ => {}
        }
        (k, owner)
    };
    let part = a.word(part_at);
    if !fits(word, part) || owner == Referent::Unknown && OWNER_NEEDED.contains(&part) {
        return None;
    }
    let lemma = a.lexicon.body_parts[part].lemma.clone();
    Some(
        Candidate::new(kind, severity, owner, i, format!("{part} {word}"))
            .part(Some(lemma))
            .directness(Directness::Explicit)
            .form(Form::State),
    )
}
