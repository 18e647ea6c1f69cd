//! The paper's own numbers, printed beside ours.

/// Table 1 of the paper: dataset, train, validation, test (count and % injurious).
pub const TABLE1: [(&str, &str, &str, &str); 6] = [
    (
        "Initial story dataset",
        "166,210 (10%)",
        "102,297 (5%)",
        "—",
    ),
    ("In-distribution test dataset", "—", "—", "100,033 (2.4%)"),
    (
        "Manual adversarial examples",
        "1,492 (46%)",
        "253 (47%)",
        "—",
    ),
    ("Automatic paraphrases", "12,514 (21%)", "1,734 (23%)", "—"),
    (
        "Tool-assisted rewrites (train)",
        "4,904 (62%)",
        "1,513 (67%)",
        "—",
    ),
    ("Tool-assisted rewrites (test)", "—", "—", "1,584 (84%)"),
];

/// Table 2 of the paper: classifier, threshold, test-set false negatives of 2,447
/// injurious snippets, quality ± 95% CI.
pub const TABLE2: [(&str, &str, &str, &str); 4] = [
    ("baseline", "0.174%", "2/2447", "49.3% ± 0.71%"),
    ("+manual", "0.208%", "3/2447", "49.6% ± 0.72%"),
    ("+paraphrases", "0.174%", "2/2447", "49.2% ± 0.73%"),
    ("+tool-assisted", "0.18%", "2/2447", "49.4% ± 0.67%"),
];

/// §5.2 of the paper: minutes per adversarial example without and with the tools.
pub const SPEEDUP: [(&str, &str, &str); 2] = [
    ("baseline", "20 [16, 24]", "13 [12, 14]"),
    ("+tool-assisted", "44 [31, 67]", "26 [24, 29]"),
];

/// What the paper's Figure 2 shows, in words (it prints no table of its bars).
pub const FIGURE2: &str = "time per tool-assisted adversarial example rose with each \
classifier, about 2× from baseline to +tool-assisted (13 → 26 minutes in §5.2's \
experiment), and the examples against later classifiers were somewhat less egregious";

/// What the paper's Figure 3 shows, in words.
pub const FIGURE3: &str = "on every tool-assisted dataset, later classifiers have lower \
FNRs; +tool-assisted is robust to attacks written against earlier classifiers, while \
attacks written against it work nearly as well on the earlier ones";
