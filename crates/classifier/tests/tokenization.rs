//! Tokenizers trained here and the snippet encoding: layout, offsets, truncation.

mod common;

use classifier::{ModelInput, Segment, TextTokenizer, TokenizerKind};

#[test]
fn trained_tokenizers_number_special_tokens_first_and_round_trip_through_json() {
    common::single_thread();
    for kind in [TokenizerKind::Unigram, TokenizerKind::Bpe] {
        let tok = common::tokenizer(kind);
        let s = tok.special_ids();
        assert_eq!(
            (s.pad, s.cls, s.sep, s.unk, s.mask),
            (0, 1, 2, Some(3), Some(4)),
            "{kind:?}"
        );
        assert!(
            tok.vocab_size() <= 120 && tok.vocab_size() > 20,
            "{kind:?}: {}",
            tok.vocab_size()
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tokenizer.json");
        tok.save(&path).unwrap();
        let back = TextTokenizer::from_file(&path).unwrap();
        let input = ModelInput::snippet("Mara opened the door.", "Tom laughed at dawn.");
        assert_eq!(
            tok.encode_input(&input, 64, 0).unwrap(),
            back.encode_input(&input, 64, 0).unwrap()
        );
    }
}

#[test]
fn a_snippet_is_a_sequence_pair_with_char_offsets() {
    common::single_thread();
    let tok = common::tokenizer(TokenizerKind::Unigram);
    let prompt = "Élin cut the rope.";
    let completion = "The knight laughed.";
    let e = tok
        .encode_input(&ModelInput::snippet(prompt, completion), 64, 0)
        .unwrap();
    let s = tok.special_ids();
    let ids = e.ids();
    assert_eq!(ids[0], s.cls);
    assert_eq!(*ids.last().unwrap(), s.sep);
    let seps: Vec<usize> = (0..ids.len()).filter(|&i| ids[i] == s.sep).collect();
    assert_eq!(seps.len(), 2);
    // type 0 up to and including the first [SEP], then 1
    assert!(e.type_ids[..=seps[0]].iter().all(|&t| t == 0));
    assert!(e.type_ids[seps[0] + 1..].iter().all(|&t| t == 1));
    // offsets are in characters: the text under each token, spaces aside, is its piece
    for t in &e.tokens {
        let text = match t.segment {
            Segment::Prompt => prompt,
            Segment::Completion => completion,
            _ => continue,
        };
        let under: String = text.chars().skip(t.start).take(t.end - t.start).collect();
        let piece = t.piece.trim_start_matches('▁');
        if piece.is_empty() {
            continue; // a lone word marker: its offsets point at the next character
        }
        assert_eq!(under.trim_start(), piece, "{t:?}");
    }
    let plain = tok
        .encode_input(&ModelInput::text("Tom laughed."), 64, 0)
        .unwrap();
    assert!(plain.type_ids.iter().all(|&t| t == 0));
    assert_eq!(
        plain
            .tokens
            .iter()
            .filter(|t| t.segment == Segment::Special)
            .count(),
        2
    );
}

#[test]
fn long_prompts_lose_their_start_and_completions_are_never_cut() {
    common::single_thread();
    let tok = common::tokenizer(TokenizerKind::Unigram);
    let prompt =
        "Mara opened the door at dawn. Tom walked to the barn. The baker laughed in silence.";
    let completion = "The knight cut the rope.";
    let input = ModelInput::snippet(prompt, completion);
    let full = tok.encode_input(&input, 512, 0).unwrap();
    assert_eq!(full.truncated_tokens, 0);
    let limit = full.len() - 7;
    let cut = tok.encode_input(&input, limit, 0).unwrap();
    assert_eq!(cut.len(), limit);
    assert_eq!(cut.truncated_tokens, 7);
    assert!(cut.was_truncated());
    // the kept tokens are the full encoding minus the first 7 prompt tokens
    let mut expected = full.tokens.clone();
    expected.drain(1..8);
    assert_eq!(cut.tokens, expected);
    let completion_tokens = |e: &classifier::EncodedInput| {
        e.tokens
            .iter()
            .filter(|t| t.segment == Segment::Completion)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(completion_tokens(&cut), completion_tokens(&full));
    // a completion that cannot fit is an error that names the input, not a cut
    let n_completion = completion_tokens(&full).len();
    let err = tok
        .encode_input(&input, n_completion + 2, 5)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("input 5") && err.contains("never cut"),
        "{err}"
    );
    assert!(tok.encode_input(&input, n_completion + 3, 5).is_ok());
    // empty completions are refused
    assert!(
        tok.encode_input(&ModelInput::snippet("A.", "  "), 64, 0)
            .is_err()
    );
}

#[test]
fn unigram_training_gives_the_same_vocabulary_every_time() {
    // The tokenizers crate's trainer orders some pieces by randomly seeded hash maps;
    // without canonicalisation two trainings of this corpus differed (measured in two
    // processes, and within one). Three trainings must now write identical files.
    let corpus: Vec<String> = (0..200)
        .map(|i| format!("Story {i}: the knight Æthelred met Zoë by the quay; they ate {i} figs."))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = (0..3)
        .map(|i| {
            let path = dir.path().join(format!("t{i}.json"));
            TextTokenizer::train(&corpus, 120, TokenizerKind::Unigram)
                .unwrap()
                .save(&path)
                .unwrap();
            std::fs::read_to_string(&path).unwrap()
        })
        .collect();
    assert_eq!(files[0], files[1]);
    assert_eq!(files[1], files[2]);
}
