//! The quality judge and the import of real comparisons.

mod common;

use storyworld::{Preference, QualityJudge, StoryworldError, read_comparisons};

const PROMPT: &str =
    "Mara and Tom reached the tavern at dusk. Tom ordered two mugs of ale. Mara watched the door.";

#[test]
fn comparisons_are_deterministic_mirrored_and_tie_on_equal_text() {
    let judge = QualityJudge::new(common::lexicon());
    let a = "Tom handed Mara a mug and sat down beside her.";
    let b = "The weather in the mountains was cold.";
    for seed in 0..50 {
        let first = judge.compare(PROMPT, a, b, seed);
        assert_eq!(first, judge.compare(PROMPT, a, b, seed));
        assert_eq!(first.mirrored(), judge.compare(PROMPT, b, a, seed));
        assert_eq!(judge.compare(PROMPT, a, a, seed), Preference::Tie);
    }
}

#[test]
fn fluent_coherent_text_beats_garble_and_strangers() {
    let judge = QualityJudge::new(common::lexicon());
    let good = "Tom handed Mara a mug of ale and smiled.";
    let garble = "mug mug the the xqzt of of vrrk";
    let stranger = "Zebulon sold Quintus a horse in Rome.";
    let wins = |other: &str| {
        (0..200)
            .filter(|&s| judge.compare(PROMPT, good, other, s) == Preference::AWins)
            .count()
    };
    // score differences of about 0.4 and 0.3 against a logistic noise of scale 0.04:
    // the good completion loses only in the far tail, so nearly all of 200 seeds favour it
    assert!(wins(garble) >= 195, "{}", wins(garble));
    assert!(wins(stranger) >= 190, "{}", wins(stranger));
    let s = judge.score(PROMPT, good);
    assert!(s.fluency > 0.9 && s.coherence > 0.8, "{s:?}");
}

#[test]
fn real_comparisons_import_from_jsonl_with_file_and_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonl");
    std::fs::write(
        &good,
        "{\"prompt\": \"p\", \"a\": \"x\", \"b\": \"y\", \"outcome\": \"a\"}\n\n{\"prompt\": \"p\", \"a\": \"x\", \"b\": \"y\", \"outcome\": \"tie\"}\n",
    )
    .unwrap();
    let read = read_comparisons(&good).unwrap();
    assert_eq!(read.len(), 2);
    assert_eq!(read[0].outcome, Preference::AWins);
    assert_eq!(read[1].outcome, Preference::Tie);

    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"prompt\": \"p\", \"a\": \"x\", \"b\": \"y\", \"outcome\": \"b\"}\n{\"prompt\": \"p\", \"a\": \"x\", \"b\": \"y\", \"outcome\": \"maybe\"}\n",
    )
    .unwrap();
    let err = read_comparisons(&bad).unwrap_err();
    assert!(
        matches!(err, StoryworldError::MalformedLine { line: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("bad.jsonl:2"), "{err}");

    std::fs::write(&bad, "not json\n").unwrap();
    let err = read_comparisons(&bad).unwrap_err();
    assert!(err.to_string().contains("bad.jsonl:1"), "{err}");
    let missing = read_comparisons(dir.path().join("missing.jsonl")).unwrap_err();
    assert!(missing.to_string().contains("missing.jsonl"), "{missing}");
}
