//! Commands: a clause that opens a sentence or a quotation with a verb in its base form
//! (`Kill him!`, `Don't shoot`, `Move and you die`).

use crate::oracle::grammar::pronoun;
use crate::oracle::sentence::Analysis;

/// Whether clause `k` is a command: it opens a sentence or a quotation with a verb in
/// its base form (`Kill him!`, `Touch her again…`, `Don't shoot`, `Let's go`).
pub(super) fn is_command(a: &Analysis, k: usize) -> bool {
    let clause = &a.clauses[k];
    if !matches!(
        clause.opener.as_deref(),
        None | Some("\"" | ":" | ";" | "(")
    ) {
        return false;
    }
    let Some(f) = (clause.start..clause.end).find(|&j| a.tokens[j].is_word) else {
        return false;
    };
    let w = a.word(f);
    let next = a.word(f + 1);
    // a capitalised first word is a name unless it is a verb before an object pronoun
    // (`Cross me and…`, `Try not to…`)
    let verb_first = || {
        (matches!(
            next,
            "me" | "us" | "him" | "them" | "not" | "yourself" | "careful" | "it" | "her"
        ) || crate::oracle::grammar::is_determiner(next)
            || matches!(next, "that" | "this" | "these" | "those"))
            && a.lexicon
                .wordnet
                .contains(w, crate::wordnet::PartOfSpeech::Verb)
    };
    // `Move and you die`: a bare verb, then its consequence for the hearer
    let hearer_or_threat = a.word(f + 2) == "you" && !matches!(a.word(f + 3), "were" | "are")
        || a.word(f + 2) == "i" && a.word(f + 3) == "will";
    if next == "and"
        && hearer_or_threat
        && a.lexicon
            .wordnet
            .contains(w, crate::wordnet::PartOfSpeech::Verb)
    {
        return true;
    }
    if a.tokens[f].possessive || (a.is_name(f) && !verb_first()) {
        return false;
    }
    match w {
        "let" => return matches!(next, "us" | "me" | "him" | "her" | "them"),
        "please" => return true,
        "do" => return next == "not",
        // `Try not to cut yourself`
        "try" | "be" | "careful" => return next == "not" || next == "careful" || w == "careful",
        "go" => return a.lexicon.verb_forms.contains_key(next) || next == "and",
        _ => {}
    }
    let injury_base = a.lexicon.verb_forms.get(w).is_some_and(|e| {
        e.iter()
            .any(|&(_, form)| form == crate::lexicon::VerbForm::Base)
    });
    let object_follows = crate::oracle::grammar::is_determiner(next)
        || matches!(next, "that" | "this" | "these" | "those")
        || pronoun(next).is_some()
        || a.is_name(f + 1)
        || matches!(next, "it" | "yourself");
    let any_base = a
        .lexicon
        .wordnet
        .contains(w, crate::wordnet::PartOfSpeech::Verb)
        && !a.lexicon.persons.contains(w)
        && !a.lexicon.body_parts.contains_key(w);
    (injury_base || any_base) && object_follows
}
