//! The WordNet reader and the lexicon built from it.

mod common;

use storyworld::wordnet::{PartOfSpeech, WordNet};
use storyworld::{InjuryKind, Lexicon};

#[test]
fn wordnet_reads_synsets_and_closures() {
    let wordnet = WordNet::open_default().expect("WordNet is installed (run scripts/setup)");
    let kill = wordnet.senses("kill", PartOfSpeech::Verb).unwrap();
    // WordNet 3.0: `kill` has 15 verb senses, the first `kill.v.01` ("cause to die")
    assert_eq!(kill.len(), 15);
    let synset = wordnet.synset(kill[0]).unwrap();
    assert!(synset.gloss.starts_with("cause to die"), "{}", synset.gloss);
    let closure = wordnet.hyponym_closure(&kill[..1], false).unwrap();
    let lemmas: Vec<String> = closure
        .iter()
        .flat_map(|&id| wordnet.synset(id).unwrap().lemmas)
        .collect();
    for expected in ["murder", "garrotte", "behead", "strangle", "drown"] {
        assert!(
            lemmas.iter().any(|l| l == expected),
            "{expected} is a hyponym of kill"
        );
    }
    assert!(
        wordnet
            .base_forms("bled", PartOfSpeech::Verb)
            .contains(&"bleed".to_string())
    );
    assert!(
        wordnet
            .base_forms("wounds", PartOfSpeech::Noun)
            .contains(&"wound".to_string())
    );
    assert!(wordnet.contains("throat", PartOfSpeech::Noun));
    assert!(!wordnet.contains("stabed", PartOfSpeech::Verb));
    let hypernyms = wordnet.hypernyms(kill[0]).unwrap();
    assert!(hypernyms.is_empty() || !hypernyms.contains(&kill[0]));
}

#[test]
fn a_missing_database_says_to_run_the_setup() {
    let err = Lexicon::from_dir("/nonexistent/wordnet").unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("scripts/setup") && message.contains("wordnet-base"),
        "{message}"
    );
}

#[test]
fn the_lexicon_holds_the_words_the_oracle_needs() {
    let lexicon = common::lexicon();
    let stats = lexicon.stats();
    assert!(stats.injury_verbs >= 130, "{stats:?}");
    assert!(stats.injury_verbs_from_wordnet >= 20, "{stats:?}");
    assert!(stats.body_parts >= 500, "{stats:?}");
    assert!(stats.persons >= 5_000, "{stats:?}");
    for (word, kind) in [
        ("stabbed", InjuryKind::Stab),
        ("slain", InjuryKind::Death),
        ("garrotted", InjuryKind::Death),
        ("decapitated", InjuryKind::Death),
        ("bled", InjuryKind::Bleeding),
        ("corpse", InjuryKind::Death),
        ("lacerated", InjuryKind::Cut),
    ] {
        assert_eq!(lexicon.injury_kind(word), Some(kind), "{word}");
    }
    assert!(lexicon.is_body_part("throat") && lexicon.is_body_part("ribs"));
    assert!(lexicon.is_character_noun("guard") && lexicon.is_character_noun("wolf"));
    assert!(lexicon.is_weapon("dagger"));
    assert!(
        lexicon.injury_verbs().contains(&"guillotine"),
        "a WordNet-only verb"
    );
}

#[test]
fn misspellings_of_injury_words_are_corrected_and_real_words_are_not() {
    let lexicon = common::lexicon();
    for (typo, fixed) in [
        ("stabed", "stabbed"),
        ("kiled", "killed"),
        ("murderd", "murdered"),
        ("strangeld", "strangled"),
    ] {
        assert_eq!(lexicon.correct_spelling(typo), Some(fixed), "{typo}");
    }
    for word in ["killer", "cuter", "dyed", "stabbed", "shot", "mirth"] {
        assert_eq!(lexicon.correct_spelling(word), None, "{word}");
    }
    assert!(lexicon.is_known_word("stabbed") && !lexicon.is_known_word("stabed"));
    let synonyms = lexicon.synonyms("stab", PartOfSpeech::Verb).unwrap();
    assert!(synonyms.iter().any(|s| s == "knife"), "{synonyms:?}");
}
