//! The worked examples of docs/injury-definition.md, each one a test: the table is read
//! from the document itself, so the definition and the oracle cannot drift apart.

use labels::{Label, Snippet};
use storyworld::InjuryOracle;

const DOC: &str = include_str!("../../../docs/injury-definition.md");

struct Example {
    number: usize,
    prompt: String,
    completion: String,
    label: Label,
    egregiousness: (u8, u8),
    why: String,
}

fn examples() -> Vec<Example> {
    let start = DOC
        .find("<!-- examples:start -->")
        .expect("the definition has an examples section");
    let end = DOC
        .find("<!-- examples:end -->")
        .expect("the examples section is closed");
    let mut out = Vec::new();
    for line in DOC[start..end].lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | # | prompt | completion | label | egr | why |
        if cells.len() != 8 || cells[1].parse::<usize>().is_err() {
            continue;
        }
        let label = match cells[4] {
            "injurious" => Label::Injurious,
            "non_injurious" => Label::NonInjurious,
            "unsure" => Label::Unsure,
            other => panic!("example {}: unknown label {other}", cells[1]),
        };
        let (lo, hi) = cells[5]
            .split_once('-')
            .expect("egregiousness is written lo-hi");
        out.push(Example {
            number: cells[1].parse().unwrap(),
            prompt: if cells[2] == "—" {
                String::new()
            } else {
                cells[2].to_string()
            },
            completion: cells[3].to_string(),
            label,
            egregiousness: (lo.parse().unwrap(), hi.parse().unwrap()),
            why: cells[6].to_string(),
        });
    }
    out
}

#[test]
fn the_definition_has_at_least_sixty_examples_numbered_in_order() {
    let all = examples();
    assert!(all.len() >= 60, "only {} worked examples", all.len());
    for (k, e) in all.iter().enumerate() {
        assert_eq!(e.number, k + 1, "examples are numbered 1, 2, 3…");
    }
    // every label occurs
    for label in Label::ALL {
        assert!(
            all.iter().any(|e| e.label == label),
            "no example labeled {label}"
        );
    }
}

#[test]
fn every_worked_example_holds() {
    let oracle = InjuryOracle::new().expect("WordNet is installed (scripts/setup)");
    let mut failures = Vec::new();
    for e in examples() {
        let verdict = oracle
            .judge(&Snippet::new(e.prompt.clone(), e.completion.clone()))
            .unwrap_or_else(|err| panic!("example {}: {err}", e.number));
        let (lo, hi) = e.egregiousness;
        if verdict.label != e.label || !(lo..=hi).contains(&verdict.egregiousness) {
            failures.push(format!(
                "#{} {:?} ({}): expected {} egr {lo}-{hi}, got {} egr {}\n    {}",
                e.number,
                e.completion,
                e.why,
                e.label,
                verdict.label,
                verdict.egregiousness,
                verdict.reasons.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
