//! Noun phrases: the one starting or ending at a token, and the subject and object of a
//! verb (a character, a body part and its owner, a weapon, or a thing).

use super::grammar::{Pronoun, is_auxiliary, is_determiner, is_negator, pronoun};
use super::sentence::{Analysis, Head, Np, Referent};
use crate::lexicon::core_words::ABSTRACT_AGENTS;

/// Materials that make a figure a thing (`the clay figure's arm`, `a toy soldier`).
#[rustfmt::skip]
const MATERIALS: &[&str] = &[
    "clay", "wooden", "marble", "bronze", "plastic", "porcelain", "wax", "toy", "rag", "paper",
    "tin", "cardboard", "plaster", "stuffed", "china", "ceramic", "papier", "puppet", "rubber",
];

/// Ordinals and ranks that stand between a determiner and its head (`her first husband`);
/// after `a` they make a new character (`a fourth miner`).
#[rustfmt::skip]
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "former", "eldest", "youngest", "oldest",
];

/// Prepositions after which a noun phrase only locates the one before it (`the kid in
/// the back`, `an arrow from the dark`).
#[rustfmt::skip]
const LOCATING: &[&str] = &[
    "in", "from", "at", "on", "near", "behind", "beside", "by", "under", "across", "outside",
    "inside",
];

/// What one word does to the noun phrase being read ([`Analysis::np_at`]).
enum NpStep {
    /// The word completes the phrase.
    Found(Np),
    /// The word belongs to the phrase: read on this many tokens further.
    Advance(usize),
    /// The phrase ends before the word.
    Stop,
}

/// A noun phrase being read from its first token.
struct NpReading<'s> {
    /// The phrase's first token.
    start: usize,
    /// The token the phrase must end before.
    limit: usize,
    /// The owner named so far (`her`, `the guard's`).
    possessor: Option<Referent>,
    /// The last contentful word, the head of a thing.
    last_content: Option<usize>,
    /// `another`, or an ordinal after `a`: someone other than the ones before.
    other: Option<&'s str>,
}

/// The noun phrase from `start` to its head at `head_index`, its last token.
fn headed(start: usize, head_index: usize, head: Head) -> Np {
    Np {
        start,
        end: head_index + 1,
        head_index,
        head,
    }
}

impl Analysis<'_> {
    /// Whether the word before `j` makes the figure at `j` a thing (`clay figure`).
    fn made_of(&self, j: usize) -> bool {
        j > 0 && MATERIALS.contains(&self.word(j - 1))
    }

    /// A character named by a possessive right after `i`, past at most one adjective:
    /// `the dead man's hat`, `the murdered old woman's name`.
    pub fn possessive_character_after(&self, i: usize) -> Option<Referent> {
        let k = (i + 1..(i + 3).min(self.tokens.len())).find(|&k| self.tokens[k].possessive)?;
        if (i + 1..k).any(|m| !self.is_contentful(m)) {
            return None;
        }
        if self.is_name(k) {
            return Some(Referent::Name(self.word(k).to_string()));
        }
        self.is_character_noun(k)
            .then(|| Referent::Noun(self.word(k).to_string()))
    }

    /// The noun phrase that starts at `i`, if one does: read word by word (at most seven)
    /// until a word gives the head; else the last contentful word is a thing's head.
    pub fn np_at(&self, i: usize) -> Option<Np> {
        let mut reading = NpReading {
            start: i,
            limit: (i + 7).min(self.tokens.len()),
            possessor: None,
            last_content: None,
            // `a fourth miner`, `another guard`: someone other than the ones before
            other: (self.word(i) == "another").then_some("another"),
        };
        let mut j = i;
        while j < reading.limit {
            match self.np_word(&mut reading, j) {
                NpStep::Found(np) => return Some(np),
                NpStep::Advance(n) => j += n,
                NpStep::Stop => break,
            }
        }
        let head_index = reading.last_content?;
        if let Some(np) = self.piece_of_part(i, head_index) {
            return Some(np);
        }
        Some(headed(
            i,
            head_index,
            Head::Thing(self.word(head_index).to_string()),
        ))
    }

    /// What the word at `j` does to the noun phrase being read: a pronoun, `it`, a name,
    /// a determiner, a possessive, a body part, a character, a weapon, an ordinal, another
    /// contentful word, or the end.
    fn np_word<'s>(&'s self, r: &mut NpReading<'s>, j: usize) -> NpStep {
        let t = &self.tokens[j];
        if !t.is_word {
            return NpStep::Stop;
        }
        let w = t.text.as_str();
        if let Some(p) = pronoun(w) {
            return self.np_pronoun(r, j, p);
        }
        if w == "it" || w == "itself" || w == "its" {
            if w == "its" {
                r.possessor = None;
                return NpStep::Advance(1);
            }
            if j == r.start {
                return NpStep::Found(headed(r.start, j, Head::Thing("it".into())));
            }
            return NpStep::Stop;
        }
        if self.is_name(j) {
            return self.np_name(r, j);
        }
        if is_determiner(w) {
            // `three of his ribs`, `one of the guards`
            return NpStep::Advance(if self.word(j + 1) == "of" { 2 } else { 1 });
        }
        if t.possessive && (self.is_character_noun(j) || self.is_contentful(j)) {
            if self.made_of(j) {
                return NpStep::Found(Np {
                    start: r.start,
                    end: (j + 2).min(self.tokens.len()),
                    head_index: (j + 1).min(self.tokens.len() - 1),
                    head: Head::Thing(w.to_string()),
                });
            }
            r.possessor = Some(Referent::Noun(w.to_string()));
            return NpStep::Advance(1);
        }
        // `a calf lost its footing`: a word that names an animal and a body part is
        // the animal after `a` with no owner (a body part is someone's)
        let animal_not_part = r.possessor.is_none()
            && j == r.start + 1
            && matches!(self.word(r.start), "a" | "an")
            && self.lexicon.animals.contains(w);
        if self.is_body_part(j) && !animal_not_part {
            let head = Head::Part {
                part: self.lexicon.body_parts[w].lemma.clone(),
                possessor: r.possessor.take(),
            };
            return NpStep::Found(headed(r.start, j, head));
        }
        if w == "body"
            && let Some(owner) = r.possessor.clone()
        {
            return NpStep::Found(headed(r.start, j, Head::Character(owner)));
        }
        if self.is_character_noun(j) && !self.made_of(j) {
            return self.np_character_noun(r, j);
        }
        if self.lexicon.weapons.contains_key(w) && !self.is_contentful_noun_after(j) {
            return NpStep::Found(headed(r.start, j, Head::Weapon(w.to_string())));
        }
        // `her first husband`, `his eldest son`: an ordinal before the head
        if ORDINALS.contains(&w) {
            if matches!(self.word(r.start), "a" | "an") {
                r.other = Some(w);
            }
            return NpStep::Advance(1);
        }
        if !self.is_contentful(j) {
            return NpStep::Stop;
        }
        r.last_content = Some(j);
        NpStep::Advance(1)
    }

    /// The pronoun `p` at `j` in a noun phrase: a possessor (`her knife`), the whole
    /// phrase when it opens it (`stabbed her`), or the end of the phrase.
    fn np_pronoun(&self, r: &mut NpReading<'_>, j: usize, p: Pronoun) -> NpStep {
        let possessive_her = self.word(j) == "her" && self.her_is_possessive(j);
        if p.possessive || possessive_her {
            r.possessor = Some(Referent::Pronoun(p.group));
            return NpStep::Advance(1);
        }
        if j == r.start {
            return NpStep::Found(headed(
                r.start,
                j,
                Head::Character(Referent::Pronoun(p.group)),
            ));
        }
        NpStep::Stop
    }

    /// Whether `her` at `j` is possessive (`her knife`) rather than an object (`stabbed
    /// her`): a noun or an adjective follows, not a determiner or a finite verb.
    fn her_is_possessive(&self, j: usize) -> bool {
        let n = self.word(j + 1);
        let nounish = self
            .lexicon
            .wordnet
            .contains(n, crate::wordnet::PartOfSpeech::Noun)
            || self
                .lexicon
                .wordnet
                .contains(n, crate::wordnet::PartOfSpeech::Adjective)
            || self.lexicon.weapons.contains_key(n)
            || self.lexicon.noun_forms.contains_key(n);
        let finite_verb = self.lexicon.verb_forms.get(n).is_some_and(|forms| {
            forms
                .iter()
                .all(|&(_, f)| f != crate::lexicon::VerbForm::Base)
        }) && !self.lexicon.noun_forms.contains_key(n);
        !n.is_empty()
            && self.is_contentful(j + 1)
            && !is_determiner(n)
            && !self.lexicon.adjectives.contains_key(n)
            && !finite_verb
            && (nounish || !self.lexicon.verb_forms.contains_key(n))
            || self.is_body_part(j + 1)
            || self.is_character_noun(j + 1)
    }

    /// The name at `j` in a noun phrase: a title before another name (`Corporal Reyes`),
    /// a possessor (`Reyes's arm`), or the character the phrase names.
    fn np_name(&self, r: &mut NpReading<'_>, j: usize) -> NpStep {
        let t = &self.tokens[j];
        let w = t.text.as_str();
        // `Corporal Reyes's arm`, `Grandpa Wen`: a title before a name
        if !t.possessive && self.is_name(j + 1) && j + 1 < r.limit {
            return NpStep::Advance(1);
        }
        if t.possessive {
            r.possessor = Some(Referent::Name(w.to_string()));
            return NpStep::Advance(1);
        }
        NpStep::Found(headed(
            r.start,
            j,
            Head::Character(Referent::Name(w.to_string())),
        ))
    }

    /// The character noun at `j` in a noun phrase: a modifier when a character or a
    /// thing noun follows (`the guard captain`, `my favourite song`), else the character
    /// the phrase names (`another guard`, `a fourth miner`).
    fn np_character_noun(&self, r: &mut NpReading<'_>, j: usize) -> NpStep {
        let w = self.word(j);
        if self.is_character_noun(j + 1) || self.thing_noun_follows(j) {
            return NpStep::Advance(1);
        }
        let noun = match r.other {
            Some(o) => format!("{o} {w}"),
            None => w.to_string(),
        };
        NpStep::Found(headed(r.start, j, Head::Character(Referent::Noun(noun))))
    }

    /// Whether a noun of a thing (only a noun, no body part or weapon) follows `j`: the
    /// character noun at `j` then modifies it (`my favourite song`).
    fn thing_noun_follows(&self, j: usize) -> bool {
        // `the guard captain`: keep going while nouns follow; `my favourite
        // song`: a character noun modifying a thing is not the head
        let next = self.word(j + 1);
        let wordnet = &self.lexicon.wordnet;
        !next.is_empty()
            && !is_determiner(next)
            && !super::grammar::is_number_word(next)
            && self.is_contentful(j + 1)
            && !self.lexicon.verb_forms.contains_key(next)
            && !self.is_character_noun(j + 1)
            && wordnet.contains(next, crate::wordnet::PartOfSpeech::Noun)
            && !wordnet.contains(next, crate::wordnet::PartOfSpeech::Verb)
            && !wordnet.contains(next, crate::wordnet::PartOfSpeech::Adjective)
            && !wordnet.contains(next, crate::wordnet::PartOfSpeech::Adverb)
            && !self.is_body_part(j + 1)
            && !self.lexicon.weapons.contains_key(next)
    }

    /// `a chunk of flesh`, `the length of her forearm`: the body part of which the head
    /// at `head_index` is a piece, as a phrase starting at `i`.
    fn piece_of_part(&self, i: usize, head_index: usize) -> Option<Np> {
        if matches!(
            self.word(head_index),
            "chunk"
                | "tip"
                | "end"
                | "half"
                | "edge"
                | "piece"
                | "strip"
                | "flap"
                | "lump"
                | "shred"
                | "sliver"
                | "hunk"
                | "length"
                | "bit"
                | "part"
                | "side"
                | "top"
                | "most"
                | "much"
                | "rest"
        ) && self.word(head_index + 1) == "of"
            && let Some(part) = self.np_at(head_index + 2)
            && matches!(part.head, Head::Part { .. })
        {
            return Some(Np { start: i, ..part });
        }
        None
    }

    fn is_contentful_noun_after(&self, j: usize) -> bool {
        let n = self.word(j + 1);
        self.lexicon.weapons.contains_key(n) || self.is_body_part(j + 1)
    }

    /// The noun phrase that ends at `j` (its last token), searching left no further than
    /// `floor`.
    pub fn np_ending_at(&self, j: usize, floor: usize) -> Option<Np> {
        let t = self.tokens.get(j)?;
        if !t.is_word {
            return None;
        }
        let w = t.text.as_str();
        let make = |start: usize, head: Head| Np {
            start,
            end: j + 1,
            head_index: j,
            head,
        };
        if let Some(p) = pronoun(w)
            && !p.possessive
        {
            return Some(make(j, Head::Character(Referent::Pronoun(p.group))));
        }
        if w == "it" || w == "itself" || w == "this" || w == "that" {
            return Some(make(j, Head::Thing(w.to_string())));
        }
        if self.is_name(j) && !t.possessive {
            return Some(make(j, Head::Character(Referent::Name(w.to_string()))));
        }
        if !self.is_contentful(j) && !self.is_body_part(j) {
            return None;
        }
        // walk left over adjectives to a determiner or possessor
        let mut start = j;
        let mut possessor = None;
        let mut k = j;
        while k > floor {
            k -= 1;
            let tk = &self.tokens[k];
            if !tk.is_word {
                break;
            }
            let wk = tk.text.as_str();
            if let Some(p) = pronoun(wk)
                && (p.possessive || wk == "her")
            {
                possessor = Some(Referent::Pronoun(p.group));
                start = k;
                break;
            }
            if tk.possessive {
                if self.made_of(k) {
                    return Some(make(k - 1, Head::Thing(wk.to_string())));
                }
                possessor = Some(if self.is_name(k) {
                    Referent::Name(wk.to_string())
                } else {
                    Referent::Noun(wk.to_string())
                });
                start = k;
                break;
            }
            if is_determiner(wk) {
                start = k;
                break;
            }
            if !self.is_contentful(k) || self.lexicon.verb_forms.contains_key(wk) || j - k > 3 {
                break;
            }
            start = k;
        }
        let head = if w == "body" && possessor.is_some() {
            Head::Character(possessor.clone().unwrap_or(Referent::Unknown))
        } else if self.is_body_part(j) {
            Head::Part {
                part: self.lexicon.body_parts[w].lemma.clone(),
                possessor,
            }
        } else if self.is_character_noun(j) && !self.made_of(j) {
            Head::Character(Referent::Noun(self.other_one(start, j)))
        } else if self.lexicon.weapons.contains_key(w) {
            Head::Weapon(w.to_string())
        } else {
            Head::Thing(w.to_string())
        };
        Some(make(start, head))
    }

    /// The noun at `j` as a referent, marked as another one when the phrase from `start`
    /// says so (`another guard`, `a fourth miner`).
    fn other_one(&self, start: usize, j: usize) -> String {
        let w = self.word(j);
        let first = self.word(start);
        let ordinal = (start + 1..j)
            .map(|k| self.word(k))
            .find(|o| ORDINALS.contains(o));
        match (first, ordinal) {
            ("another", _) => format!("another {w}"),
            ("a" | "an", Some(o)) => format!("{o} {w}"),
            _ => w.to_string(),
        }
    }

    /// The subject of the verb at `i`: the noun phrase before it in its clause, past
    /// auxiliaries, negators and adverbs; for a relative clause (`the man who was
    /// stabbed`), the phrase before the relative pronoun.
    pub fn subject_of(&self, i: usize) -> Option<Np> {
        let clause = self.clause(i);
        let mut j = i;
        while j > clause.start {
            j -= 1;
            let w = self.word(j);
            if w.is_empty() {
                return None;
            }
            // a relative clause: `the man who was stabbed`, `the arrow that had pierced`
            if matches!(w, "who" | "which" | "that") {
                return if j > 0 {
                    self.np_ending_at(j - 1, 0)
                } else {
                    None
                };
            }
            // `the guards were all killed`: a floating quantifier after the auxiliary
            let floating = matches!(w, "both" | "all" | "each")
                && j > clause.start
                && is_auxiliary(self.word(j - 1));
            if is_auxiliary(w) || is_negator(w) || self.is_adverb_at(j) || floating {
                continue;
            }
            return self
                .np_ending_at(j, clause.start)
                .map(|np| self.abstract_governor(np, clause.start));
        }
        None
    }

    /// `the news of the layoffs`, `your story about the goat`: an abstract noun before
    /// `of` or `about` heads the phrase, not the noun after it; and a character or a
    /// weapon located by a phrase after it (`the kid in the back`) heads it too.
    fn abstract_governor(&self, np: Np, floor: usize) -> Np {
        let Some(before) = np.start.checked_sub(2).filter(|&b| b >= floor) else {
            return np;
        };
        let prep = self.word(before + 1);
        let locating = LOCATING.contains(&prep);
        if !locating && !matches!(prep, "of" | "about" | "over") {
            return np;
        }
        // cheap first: the word before the preposition must be able to head the phrase
        let head = self.word(before);
        let abstract_head = ABSTRACT_AGENTS.contains(&head);
        let located_head = locating
            && (self.is_character_noun(before)
                || self.is_name(before)
                || self.lexicon.weapons.contains_key(head));
        if !abstract_head && !located_head {
            return np;
        }
        match self.np_ending_at(before, floor) {
            Some(outer) if matches!(&outer.head, Head::Thing(w) if ABSTRACT_AGENTS.contains(&w.as_str())) => {
                outer
            }
            // `the kid in the back`, `an arrow from the dark`: the located one
            Some(outer)
                if locating
                    && matches!(outer.head, Head::Character(_) | Head::Weapon(_))
                    && !matches!(np.head, Head::Character(_)) =>
            {
                outer
            }
            _ => np,
        }
    }

    /// The subject of the clause before (or, failing that, after) the clause of `i`, for
    /// verbs whose own clause has none (`he staggered and died`; `Stabbed twice, he fell`).
    ///
    /// A verb coordinated by `and`, `but` or `or` shares the subject of the clause before:
    /// when that subject is a thing (`the decanter slipped from her fingers and
    /// shattered`), the verb has no character for its subject, whatever noun stands later
    /// in that clause.
    pub fn neighbouring_subject(&self, i: usize) -> Option<Np> {
        let c = self.clause_of[i];
        let coordinated = c > 0
            && matches!(
                self.clauses[c].opener.as_deref(),
                Some("and" | "but" | "or")
            );
        let candidates = (0..c).rev().chain(c + 1..self.clauses.len());
        for k in candidates {
            let clause = &self.clauses[k];
            if coordinated && k + 1 == c && self.thing_subject(clause.start, clause.end) {
                return None;
            }
            for j in clause.start..clause.end {
                if let Some(np) = self.np_at(j)
                    && matches!(np.head, Head::Character(_) | Head::Part { .. })
                {
                    return Some(np);
                }
                if self.lexicon.verb_forms.contains_key(self.word(j)) {
                    break;
                }
            }
        }
        None
    }

    /// Whether the clause `start..end` opens with a determiner's noun phrase headed by a
    /// thing that is no weapon (its subject: `The crystal decanter slipped …`).
    pub(crate) fn thing_subject(&self, start: usize, end: usize) -> bool {
        let Some(j) = (start..end).find(|&j| self.tokens[j].is_word && !self.is_adverb_at(j))
        else {
            return false;
        };
        // a phrase that opens with a determiner is a subject; `stumbled` is a verb
        if !is_determiner(self.word(j)) {
            return false;
        }
        let Some(np) = self.np_at(j) else {
            return false;
        };
        // `the poet ate`: a character inside the phrase read too far is the subject
        let character = (j..np.end.min(end)).any(|k| self.is_character_noun(k) || self.is_name(k));
        matches!(&np.head, Head::Thing(w) if !self.lexicon.weapons.contains_key(w.as_str()))
            && !character
    }

    /// The object of the verb at `i`: skips adverbs and records a particle (`off`, `up`,
    /// `out`, `down`, `at`, `on`) met on the way.
    pub fn object_of(&self, i: usize) -> (Option<Np>, Option<String>) {
        let mut j = i + 1;
        let mut particle = None;
        while j < self.tokens.len() && j < i + 4 {
            let w = self.word(j);
            if w.is_empty() {
                return (None, particle);
            }
            if self.is_adverb_at(j) && !matches!(w, "back") {
                j += 1;
                continue;
            }
            // `cut back the hedges`: `back` before a determiner is a particle
            if particle.is_none() && w == "back" && is_determiner(self.word(j + 1)) {
                particle = Some(w.to_string());
                j += 1;
                continue;
            }
            if particle.is_none()
                && matches!(w, "off" | "up" | "out" | "down" | "at" | "on" | "away")
            {
                particle = Some(w.to_string());
                j += 1;
                continue;
            }
            break;
        }
        (self.np_at(j), particle)
    }

    /// The first word after `np` (skipping nothing).
    pub fn after(&self, end: usize) -> &str {
        self.word(end)
    }
}
