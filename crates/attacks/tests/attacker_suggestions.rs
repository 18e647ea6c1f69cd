//! `AttackerSuggestions`: WordNet's synonyms and a masked LM's suggestions, interleaved
//! (WordNet's first at each rank), exactly as the two suggesters asked on their own and
//! combined by hand. The masked LM is tiny and untrained: only its composition is tested.

use attacks::{
    AttackerSuggestions, CombinedSuggester, MaskedLmSuggestions, Part, Site, Suggester,
    SynonymSuggester, WordNetSynonyms, word_spans,
};
use classifier::{
    DebertaConfig, DebertaForMaskedLm, MaskedLmSuggester, TextTokenizer, TokenizerKind,
};
use labels::Snippet;
use storyworld::{Lexicon, World, WorldConfig};
use tch::Device;

fn masked_lm() -> MaskedLmSuggester {
    tch::set_num_threads(1);
    let world = World::new(WorldConfig::default()).expect("the story world builds");
    let corpus: Vec<String> = world.corpus(200).collect();
    let tokenizer =
        TextTokenizer::train(&corpus, 500, TokenizerKind::Bpe).expect("the tokenizer trains");
    let config = DebertaConfig::small_v3(tokenizer.vocab_size() as i64, 32, 1, 2, 64);
    let model = DebertaForMaskedLm::new(config, 3, Device::Cpu).expect("the masked LM builds");
    MaskedLmSuggester::new(model, tokenizer).expect("the suggester builds")
}

#[test]
fn wordnet_and_the_masked_lm_interleaved() {
    let lexicon = Lexicon::load().expect("WordNet is installed (run scripts/setup)");
    let mlm = masked_lm();
    let suggestions = AttackerSuggestions::new(lexicon.clone(), &mlm);
    let combined = suggestions.combined();
    assert_eq!(combined.name(), "wordnet+masked-lm");

    let snippet = Snippet::new(
        "The guard walked home.",
        "He cut his hand on a sharp knife and it bled.",
    );
    let mut sites: Vec<Site> = word_spans(&snippet, Part::Completion)
        .into_iter()
        .map(Site::Replace)
        .collect();
    sites.push(Site::Insert {
        part: Part::Completion,
        at: 3,
    });
    let per_site = 6;
    let got = combined
        .suggest(&snippet, &sites, per_site)
        .expect("suggestions");

    // the same two suggesters, asked on their own
    let wordnet = SynonymSuggester::new("wordnet", WordNetSynonyms::new(lexicon));
    let masked = MaskedLmSuggestions::new("masked-lm", &mlm);
    let from_wordnet = wordnet
        .suggest(&snippet, &sites, per_site)
        .expect("wordnet");
    let from_masked_lm = masked
        .suggest(&snippet, &sites, per_site)
        .expect("masked LM");
    assert!(
        from_wordnet.iter().any(|l| !l.is_empty()),
        "WordNet has synonyms for some word of the snippet"
    );
    assert!(
        from_masked_lm.iter().any(|l| !l.is_empty()),
        "the masked LM suggests something"
    );
    let by_hand = CombinedSuggester::new(vec![&wordnet as &dyn Suggester, &masked])
        .suggest(&snippet, &sites, per_site)
        .expect("combined by hand");
    assert_eq!(got, by_hand);

    assert_eq!(got.len(), sites.len());
    for (site, list) in got.iter().enumerate() {
        assert!(list.len() <= per_site);
        // WordNet's first suggestion leads; the masked LM's first follows (unless the same)
        let first_wordnet = from_wordnet[site].first();
        let first_masked = from_masked_lm[site].first();
        match (first_wordnet, first_masked) {
            (Some(w), _) => assert_eq!(list.first(), Some(w)),
            (None, Some(m)) => assert_eq!(list.first(), Some(m)),
            (None, None) => assert!(list.is_empty()),
        }
        if let (Some(w), Some(m)) = (first_wordnet, first_masked)
            && w.edit != m.edit
        {
            assert_eq!(list.get(1), Some(m));
        }
    }
}
