//! Injuries told by the state of a body part, composed rather than listed: a body part of
//! a character in a clause whose participle or predicate adjective describes damage or an
//! abnormal state (`his kneecap shoved sideways under the skin`, `two fingers blackened
//! by frostbite`, `her lip was swollen`, `his mangled hand`), a wound oozing across a body
//! part (`four deep furrows oozing across his chest`), and a blunt thing cracking across
//! one (`a baton cracked across his skull`).
//!
//! The family of damage words is hand-written: WordNet's hyponyms of *damage*, *injure*
//! and *deform* mix body damage with rust, stains and oppression (`corrode`, `sully`,
//! `plague`), so only the words said of flesh and bone are kept (`blacken`, `char`,
//! `singe`, `maul`, `mutilate`, `disfigure` from *damage*), with the states a body shows
//! (`swollen`, `blistered`, `shattered`). Guards: a heart that breaks and a face that
//! twists are emotions, a cause that is no injury (`swollen from crying`, `blackened with
//! soot`) makes none, a participle with an object of its own is a verb done by the part
//! (`his fingers crushed the can`), and the owner must be a character.

use super::effects::possessive_owner;
use super::event::{Candidate, Directness, Form};
use super::grammar::{is_copula, is_determiner, is_number_word, is_preposition, pronoun};
use super::sentence::{Analysis, Head, Referent};
use crate::lexicon::InjuryKind;
use crate::wordnet::PartOfSpeech;

/// The damage words: the word, the injury it implies, and its severity.
#[rustfmt::skip]
pub(super) const DAMAGE_WORDS: &[(&str, InjuryKind, u8)] = &[
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

/// Ambiguous part words that need an owner to be a body part (`the chest was smashed`
/// may be a box).
#[rustfmt::skip]
const OWNER_NEEDED: &[&str] = &[
    "chest", "side", "back", "temple", "palm", "trunk", "arms", "arm", "head", "hand", "hands",
    "face", "skin", "flesh", "crown", "heel", "neck", "leg", "legs", "foot", "feet", "nose",
    "mouth", "eye", "eyes", "tongue", "lip", "lips", "spine", "body",
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

/// The body part the noun phrase at `at` names and the character it belongs to; `None`
/// when it names no body part or its owner is no known character.
fn characters_part(a: &Analysis, at: usize) -> Option<(String, Referent)> {
    let np = a.np_at(at)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    let owner = character_owner(a, np.start, possessor)?;
    (owner != Referent::Unknown).then_some((part, owner))
}

/// The owner of a body part phrase, when it is a character (or not said).
fn character_owner(a: &Analysis, start: usize, possessor: Option<Referent>) -> Option<Referent> {
    let owner = possessor
        .or_else(|| (start.saturating_sub(1)..start + 1).find_map(|k| possessive_owner(a, k)))
        .unwrap_or(Referent::Unknown);
    match &owner {
        Referent::Noun(n) if !a.lexicon.is_character_noun(n) => None,
        _ => Some(owner),
    }
}

/// The other words at which this module's rules start (the lists above hold the rest).
#[rustfmt::skip]
pub(super) const OTHER_TRIGGERS: &[&str] = &[
    "oozing", "oozed", "oozes", "festering", "suppurating", "seeping", "seeped", "weeping",
    "stamped", "stamp", "stamps", "stamping", "stomped", "stomp", "stomps", "stomping",
    "trampled", "trample", "tramples", "trampling", "laid", "lay", "lays", "laying",
];

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

/// Fluids that ooze without a wound (`sweat oozing down his back`).
#[rustfmt::skip]
const FLUIDS: &[&str] = &[
    "sweat", "tears", "water", "oil", "mud", "juice", "sap", "honey", "paint", "syrup", "grease",
    "lotion", "cream", "ointment", "gel", "jam", "butter", "sauce", "charm", "confidence",
];

/// A wound oozing across or from a body part: `four deep furrows oozing across his chest`,
/// `pus seeping from his shin`.
pub(crate) fn oozing_on_part_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "oozing"
            | "oozed"
            | "oozes"
            | "festering"
            | "suppurating"
            | "seeping"
            | "seeped"
            | "weeping"
    ) {
        return None;
    }
    if !matches!(
        a.word(i + 1),
        "across" | "on" | "down" | "over" | "from" | "along" | "through"
    ) {
        return None;
    }
    let clause = a.clause(i);
    if (clause.start..i).any(|k| FLUIDS.contains(&a.word(k))) {
        return None;
    }
    let np = a.np_at(i + 2)?;
    let Head::Part { part, possessor } = np.head else {
        return None;
    };
    // eyes weep tears
    if matches!(part.as_str(), "eye" | "eyes" | "nose") {
        return None;
    }
    let owner = character_owner(a, np.start, possessor)?;
    Some(
        Candidate::new(
            InjuryKind::Cut,
            4,
            owner,
            i,
            format!("{} on the {part}", a.word(i)),
        )
        .part(Some(part))
        .form(Form::State),
    )
}

/// Blunt things that break a head when they crack across it, on top of the weapons.
#[rustfmt::skip]
const BLUNT_THINGS: &[&str] = &[
    "pole", "stick", "bat", "club", "rock", "stone", "brick", "bottle", "pipe", "plank", "board",
    "chair", "hammer", "shovel", "spade", "butt", "pan", "skillet", "hoof", "hooves", "boot",
    "cane", "crowbar", "wrench", "iron", "poker", "oar", "paddle", "cudgel", "truncheon",
    "baton", "mallet", "log", "branch", "beam", "girder", "fist", "knee", "cosh", "blackjack",
    "bludgeon", "tankard", "ashtray",
];

/// Verbs of a hard blow landing.
#[rustfmt::skip]
pub(super) const IMPACT_VERBS: &[&str] = &[
    "cracked", "smashed", "slammed", "crashed", "thudded", "thumped", "crunched", "connected",
    "smacked", "whacked", "clanged", "cracks", "smashes", "slams", "crashes", "thuds", "thumps",
    "crunches", "connects", "slapped", "thwacked", "bounced", "glanced",
];

/// A blunt thing or weapon landing on a body part: `a baton cracked across his skull`,
/// `the metal pole cracked against her temple`.
pub(crate) fn impact_at(a: &Analysis, i: usize) -> Option<Candidate> {
    let verb = a.word(i);
    if !matches!(
        verb.as_bytes().first(),
        Some(b'b' | b'c' | b'g' | b's' | b't' | b'w')
    ) || !IMPACT_VERBS.contains(&verb)
    {
        return None;
    }
    let prep = a.word(i + 1);
    if !matches!(
        prep,
        "across" | "against" | "into" | "on" | "onto" | "over" | "off" | "down"
    ) {
        return None;
    }
    // a blow that glances off a helmet or bounces off a shield missed the body
    if matches!(verb, "bounced" | "glanced") {
        return None;
    }
    let subject = a.subject_of(i)?;
    let head = a.word(subject.head_index);
    if !(matches!(subject.head, Head::Weapon(_)) || BLUNT_THINGS.contains(&head)) {
        return None;
    }
    let at = if prep == "down" && a.word(i + 2) == "on" {
        i + 3
    } else {
        i + 2
    };
    // a fist or a knee on a table is no blow; on a body part it is one
    let (part, owner) = characters_part(a, at)?;
    Some(
        Candidate::new(
            InjuryKind::Blow,
            3,
            owner,
            i,
            format!("{head} {verb} {prep}"),
        )
        .part(Some(part))
        .form(Form::Act),
    )
}

/// Verbs that move a thing along a path (`drew the blade across her throat`, `brought the
/// cosh down on his skull`, `smashed a bottle across his face`).
#[rustfmt::skip]
pub(super) const PATH_VERBS: &[&str] = &[
    "drew", "draw", "draws", "drawing", "ran", "run", "runs", "running", "dragged", "drag",
    "swept", "slid", "smashed", "smash", "smashes", "smashing", "broke", "break", "breaks",
    "brought", "bring", "brings", "bringing", "swung", "swing", "swings", "slammed", "slam",
    "slams", "crashed", "cracked", "crack", "cracks", "whipped", "lashed",
];

/// Parts a razor runs over when shaving.
const SHAVED: &[&str] = &[
    "face", "chin", "cheek", "cheeks", "jaw", "head", "scalp", "leg", "legs", "neck",
];

/// A weapon or a blunt thing moved across, over or down on a character's body part:
/// `drew the blade across her throat`, `bring the cosh down on the back of his skull`,
/// `smash a bottle across his mother's face`.
pub(crate) fn moved_across_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !PATH_VERBS.contains(&a.word(i)) {
        return None;
    }
    let object = a.np_at(i + 1)?;
    let head = a.word(object.head_index);
    let weapon = a.lexicon.weapons.get(head);
    let blunt = BLUNT_THINGS.contains(&head) && !matches!(head, "fist" | "knee" | "boot");
    if weapon.is_none() && !blunt {
        return None;
    }
    let mut k = object.end;
    if a.word(k) == "down" {
        k += 1;
    }
    if !matches!(
        a.word(k),
        "across" | "over" | "into" | "onto" | "on" | "against" | "through" | "along"
    ) {
        return None;
    }
    let np = a.np_at(k + 1)?;
    let (np, part, possessor) = match np.head {
        // `the back of his skull`, `the side of her head`
        _ if a.word(np.end) == "of"
            && !matches!(
                np.head,
                Head::Part {
                    possessor: Some(_),
                    ..
                }
            ) =>
        {
            let inner = a.np_at(np.end + 1)?;
            match inner.head.clone() {
                Head::Part { part, possessor } => (inner, part, possessor),
                _ => return None,
            }
        }
        Head::Part {
            ref part,
            ref possessor,
        } => (np.clone(), part.clone(), possessor.clone()),
        _ => return None,
    };
    let owner = character_owner(a, np.start, possessor)?;
    if owner == Referent::Unknown && OWNER_NEEDED.contains(&part.as_str()) {
        return None;
    }
    if head == "razor" && SHAVED.contains(&part.as_str()) {
        return None;
    }
    // `swung the bat over her shoulder`, `broke the stick over her knee`, `ran the sword
    // along her arm`: a thing moved over one's own body is carried or handled
    let own = a
        .subject_of(i)
        .and_then(|s| s.victim())
        .is_some_and(|s| s == owner);
    if own
        || matches!(
            part.as_str(),
            "lap" | "shoulder" | "shoulders" | "back" | "knee" | "knees"
        ) && a.word(k) != "into"
    {
        return None;
    }
    let (kind, severity) = match weapon {
        Some(w) if matches!(w.kind, InjuryKind::Cut | InjuryKind::Stab) => (InjuryKind::Cut, 4),
        _ => (InjuryKind::Blow, 3),
    };
    Some(
        Candidate::new(
            kind,
            severity,
            owner,
            i,
            format!("{} {head} across", a.word(i)),
        )
        .part(Some(part))
        .form(Form::Act),
    )
}

/// Feet brought down on a character's body part: `they stamped on his head`.
pub(crate) fn stamped_on_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(
        a.word(i),
        "stamped"
            | "stamp"
            | "stamps"
            | "stamping"
            | "stomped"
            | "stomp"
            | "stomps"
            | "stomping"
            | "trampled"
            | "trample"
            | "tramples"
            | "trampling"
    ) {
        return None;
    }
    // `stamped on his head`, `stomped down on her hand`; not `stomped his foot`
    let k = match (a.word(i + 1), a.word(i + 2)) {
        ("on" | "upon", _) => i + 2,
        ("down", "on" | "upon") => i + 3,
        _ => return None,
    };
    let (part, owner) = characters_part(a, k)?;
    Some(
        Candidate::new(InjuryKind::Blow, 4, owner, i, format!("{} on", a.word(i)))
            .part(Some(part))
            .form(Form::Act),
    )
}

/// Flesh laid open: `her shin was laid open`, `laid open Mr. Liang's earlobe`, `laying
/// him open from shoulder to hip`.
pub(crate) fn laid_open_at(a: &Analysis, i: usize) -> Option<Candidate> {
    if !matches!(a.word(i), "laid" | "lay" | "lays" | "laying") {
        return None;
    }
    let (victim, part) = if a.word(i + 1) == "open" {
        // `laid open his cheek`, or `her shin was laid open`
        if let Some(np) = a.np_at(i + 2)
            && let Head::Part { part, possessor } = &np.head
        {
            (
                character_owner(a, np.start, possessor.clone())?,
                Some(part.clone()),
            )
        } else {
            let subject = a.subject_of(i)?;
            match subject.head {
                Head::Part { part, possessor } => {
                    (character_owner(a, subject.start, possessor)?, Some(part))
                }
                Head::Character(r) => (r, None),
                _ => return None,
            }
        }
    } else {
        let np = a.np_at(i + 1)?;
        if a.word(np.end) != "open" {
            return None;
        }
        match np.head {
            // `laid his hand open on the table`, `laid her heart open`: a gesture
            Head::Part { part, .. }
                if matches!(
                    part.as_str(),
                    "hand" | "hands" | "palm" | "palms" | "heart" | "soul" | "mind" | "arms"
                ) =>
            {
                return None;
            }
            Head::Part { part, possessor } => {
                (character_owner(a, np.start, possessor)?, Some(part))
            }
            Head::Character(r) => (r, None),
            _ => return None,
        }
    };
    Some(
        Candidate::new(InjuryKind::Cut, 5, victim, i, "laid open")
            .part(part)
            .form(Form::Act),
    )
}
