//! The oracle measured on text it was not written against: a held-out set of
//! snippets written from docs/injury-definition.md by hand, in wording the worked examples
//! do not use (`tests/heldout/snippets.tsv`). The oracle is never tuned against single rows
//! of it: classes of failure are fixed, then the set is measured again.
//!
//! Scoring: `unsure` counts as injurious, as training treats it. An injurious row labeled
//! injurious or unsure agrees; a safe row labeled unsure or injurious is a false injury.
//! Run with `--nocapture` to see the numbers and every disagreement.
//!
//! The main set guided the oracle's fixes (its failures were read, class by class), so
//! its agreement is optimistic. A second, smaller confirmation set
//! (`tests/heldout/confirmation.tsv`) was written after those fixes and measured before
//! any fix it could guide; its first measurement is recorded below. A third set
//! (`tests/heldout/final_check.tsv`) was written after all the fixes and never used to
//! change the oracle until it was measured (its first measurement is recorded below).
//! The blind set (`tests/heldout/blind.tsv`, 424 snippets) was written from the
//! definition alone by a writer who saw neither the oracle's code nor the other sets; only
//! its totals are ever printed, so that no fix is made against its rows. A development
//! set (`tests/heldout/development.tsv`, 523 snippets) was written the same way afterwards
//! to find the classes of failure that the blind set then measures.

mod common;

use labels::{Label, Snippet};

const SET: &str = include_str!("heldout/snippets.tsv");
const CONFIRMATION: &str = include_str!("heldout/confirmation.tsv");
const FINAL_CHECK: &str = include_str!("heldout/final_check.tsv");
const LAST_CHECK: &str = include_str!("heldout/last_check.tsv");
const BLIND: &str = include_str!("heldout/blind.tsv");
const DEVELOPMENT: &str = include_str!("heldout/development.tsv");
const SAFE_SIDE: &str = include_str!("heldout/safe_side.tsv");
const FRESH_CHECK: &str = include_str!("heldout/fresh_check.tsv");
const UNSEEN: &str = include_str!("heldout/unseen.tsv");
const FICTION: &str = include_str!("heldout/fiction.tsv");

struct Row {
    line: usize,
    group: String,
    injurious: bool,
    prompt: String,
    completion: String,
}

fn rows() -> Vec<Row> {
    parse(SET)
}

fn parse(set: &str) -> Vec<Row> {
    let mut out = Vec::new();
    for (k, line) in set.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 4, "line {}: four tab-separated cells", k + 1);
        let injurious = match cells[1] {
            "injurious" => true,
            "non_injurious" => false,
            other => panic!("line {}: expected label {other}", k + 1),
        };
        out.push(Row {
            line: k + 1,
            group: cells[0].to_string(),
            injurious,
            prompt: if cells[2] == "—" {
                String::new()
            } else {
                cells[2].to_string()
            },
            completion: cells[3].to_string(),
        });
    }
    out
}

/// The agreement of the oracle with the held-out set.
struct Measure {
    total: usize,
    injurious_rows: usize,
    safe_rows: usize,
    agree: usize,
    missed: usize,
    false_injuries: usize,
    unsure: usize,
    disagreements: Vec<String>,
    by_group: Vec<(String, usize, usize)>,
}

fn measure(rows: &[Row]) -> Measure {
    let oracle = common::oracle();
    let mut m = Measure {
        total: rows.len(),
        injurious_rows: rows.iter().filter(|r| r.injurious).count(),
        safe_rows: rows.iter().filter(|r| !r.injurious).count(),
        agree: 0,
        missed: 0,
        false_injuries: 0,
        unsure: 0,
        disagreements: Vec::new(),
        by_group: Vec::new(),
    };
    for row in rows {
        let verdict = oracle
            .judge(&Snippet::new(row.prompt.clone(), row.completion.clone()))
            .unwrap_or_else(|e| panic!("line {}: {e}", row.line));
        if verdict.label == Label::Unsure {
            m.unsure += 1;
        }
        let said_injurious = verdict.label != Label::NonInjurious;
        let agrees = said_injurious == row.injurious;
        match m.by_group.iter_mut().find(|(g, _, _)| *g == row.group) {
            Some(entry) => {
                entry.1 += usize::from(agrees);
                entry.2 += 1;
            }
            None => m.by_group.push((row.group.clone(), usize::from(agrees), 1)),
        }
        if agrees {
            m.agree += 1;
            continue;
        }
        if row.injurious {
            m.missed += 1;
        } else {
            m.false_injuries += 1;
        }
        m.disagreements.push(format!(
            "line {} [{}] expected {}, got {}: {} | {}\n      {}",
            row.line,
            row.group,
            if row.injurious {
                "injurious"
            } else {
                "non_injurious"
            },
            verdict.label,
            if row.prompt.is_empty() {
                "—"
            } else {
                &row.prompt
            },
            row.completion,
            verdict.reasons.join("; ")
        ));
    }
    m
}

/// A Wilson score interval at 95% for k successes in n.
fn wilson(k: usize, n: usize) -> (f64, f64) {
    let (k, n, z) = (k as f64, n as f64, 1.96_f64);
    let p = k / n;
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / (1.0 + z * z / n);
    (centre - half, centre + half)
}

#[test]
fn the_heldout_set_is_large_and_balanced() {
    let rows = rows();
    let injurious = rows.iter().filter(|r| r.injurious).count();
    // at least 300 snippets, about half injurious
    assert!(rows.len() >= 300, "only {} held-out snippets", rows.len());
    let share = injurious as f64 / rows.len() as f64;
    assert!(
        (0.4..=0.6).contains(&share),
        "{injurious} of {} injurious",
        rows.len()
    );
    // no completion twice, and none copied from the worked examples
    let doc = include_str!("../../../docs/injury-definition.md");
    let mut seen = std::collections::HashSet::new();
    for r in &rows {
        assert!(
            seen.insert((&r.prompt, &r.completion)),
            "line {} twice",
            r.line
        );
        assert!(
            !doc.contains(&format!("| {} |", r.completion)),
            "line {} is a worked example",
            r.line
        );
    }
}

/// Prints the measure of one set: its totals, each group's agreement and every
/// disagreement.
fn report(name: &str, m: &Measure) {
    report_totals(name, m);
    for (group, agree, n) in &m.by_group {
        println!("  {group:<16} {agree}/{n}");
    }
    for d in &m.disagreements {
        println!("  {d}");
    }
}

#[test]
fn the_oracle_agrees_with_the_heldout_set() {
    let m = measure(&rows());
    report("held-out", &m);
    // Baseline before the held-out fixes (main at 314c2bf): 326/412 = 79.1%, 17 of 219
    // safe rows called injurious. The oracle's target: agreement at least 95% and at most
    // 1% of safe snippets called injurious.
    assert!(
        m.agree * 100 >= 95 * m.total,
        "held-out agreement {}/{} is below 95%",
        m.agree,
        m.total
    );
    assert!(
        m.false_injuries * 100 <= m.safe_rows,
        "{} of {} safe held-out snippets called injurious (more than 1%)",
        m.false_injuries,
        m.safe_rows
    );
}

#[test]
fn the_oracle_agrees_with_the_confirmation_set() {
    let m = measured(CONFIRMATION, "confirmation", 90);
    report("confirmation", &m);
    // First measured at 80/95 = 84.2% (12 of 50 injuries missed, 3 of 45 safe rows called
    // injurious), after the fixes the main set guided and before any fix it guided. It then
    // guided one round of class fixes (thrusting verbs, predicative wounded parts, pieces
    // of a body part, `passed on`, a contest's or a joke's killing…): 93/95 = 97.9%, so it
    // too is now a development set. The floor sits under both numbers.
    assert_agreement_floor("confirmation", &m, 90);
}

#[test]
fn the_oracle_agrees_with_the_final_check_set() {
    let m = measured(FINAL_CHECK, "final-check", 80);
    report("final check", &m);
    // Written after every fix the other two sets guided and measured once, never used to
    // change the oracle: 64/81 = 79.0% (Wilson 68.9–86.5%), 14 of 44 injuries missed
    // (mostly effect wording outside the effect table), 3 of 37 safe rows called injurious
    // (`cut him dead`, `dead on his feet`, a clay figure's arm). The unbiased estimate of the
    // oracle on new text at that point. It then guided one more round of class fixes
    // (stumps, red lines, a heart that had stopped, teeth knocked out, parts pulled out,
    // succumbed, causatives, `bit into`, lost sight, `cut him dead`, a clay figure): 80/81,
    // so it is now a development set too; the floor only guards against regressions.
    assert_agreement_floor("final-check", &m, 90);
}

#[test]
fn the_oracle_agrees_with_the_last_check_set() {
    let m = measured(LAST_CHECK, "last-check", 80);
    report("last check", &m);
    // Written after every round of fixes the other three sets guided, measured once before
    // any fix it could guide: 66/82 = 80.5% (Wilson 70.6–87.6%), 10 of 44 injuries missed,
    // 6 of 38 safe rows called injurious (15.8%): the unbiased estimate of the oracle on
    // new text. It then guided one round of class fixes (negative patients, avoided acts,
    // run through, stoned to death, out of its socket, frostbitten, idioms): 77/82, so it
    // is now a development set too; the floor only guards against regressions.
    assert_agreement_floor("last-check", &m, 90);
}

/// Parses `set` (at least `min_rows` rows) and measures the oracle on it.
fn measured(set: &str, name: &str, min_rows: usize) -> Measure {
    let rows = parse(set);
    assert!(
        rows.len() >= min_rows,
        "only {} {name} snippets",
        rows.len()
    );
    measure(&rows)
}

/// Fails when the agreement on a set falls below `percent`.
fn assert_agreement_floor(name: &str, m: &Measure, percent: usize) {
    assert!(
        m.agree * 100 >= percent * m.total,
        "{name} agreement {}/{} fell below {percent}%",
        m.agree,
        m.total
    );
}

/// Prints the totals of a set whose rows nobody may read while fixing the oracle.
fn report_totals(name: &str, m: &Measure) {
    let (lo, hi) = wilson(m.agree, m.total);
    println!(
        "{name}: agreement {}/{} = {:.1}% (95% Wilson interval {:.1}–{:.1}%); missed injuries {}/{}; false injuries {}/{} ({:.1}%); unsure labels {}",
        m.agree,
        m.total,
        100.0 * m.agree as f64 / m.total as f64,
        100.0 * lo,
        100.0 * hi,
        m.missed,
        m.injurious_rows,
        m.false_injuries,
        m.safe_rows,
        100.0 * m.false_injuries as f64 / m.safe_rows as f64,
        m.unsure
    );
}

#[test]
fn the_oracle_on_the_blind_set() {
    let m = measured(BLIND, "blind", 300);
    // totals only: its rows and which of them fail are never shown, so that fixes come
    // from classes found elsewhere (the development set, the pipeline's own text)
    report_totals("blind", &m);
    // Written from the definition alone by a writer who saw neither the oracle's code nor
    // its other sets, after every fix the other four sets guided; first measured at
    // 353/424 = 83.3% (Wilson 79.4–86.5%), 46 of 210 injuries missed, 25 of 214 safe rows
    // (11.7%) called injurious, 4 unsure: the estimate of the oracle on new text. After
    // the development set's fixes (its 88.1% -> 99.4%), measured once more by the totals
    // alone: 366/424 = 86.3% (Wilson 82.7–89.3%), 38 missed, 20 false (9.3%), 2 unsure.
    // After the safe-side and fiction sets' fixes, once more by the totals alone: 369/424 =
    // 87.0% (Wilson 83.5–89.9%), 38 missed, 17 false (7.9%), 2 unsure. After the
    // compositional rules: 373/424 = 88.0%, 35 missed, 16 false (7.5%). After the fresh
    // check set's round of false-injury classes: 374/424 = 88.2% (Wilson 84.8–90.9%), 35
    // missed, 15 false (7.0%), 2 unsure.
    // The floor guards against regressions only.
    assert_agreement_floor("blind", &m, 84);
}

/// The development set (`tests/heldout/development.tsv`, 523 snippets, 256 injurious),
/// written from the definition by a writer who did not see the oracle's code, to find the
/// oracle's classes of failure after the blind set was written.
#[test]
fn the_oracle_agrees_with_the_development_set() {
    let m = measured(DEVELOPMENT, "development", 300);
    report("development", &m);
    // First measured at 461/523 = 88.1% (Wilson 85.1–90.6%), 45 of 256 injuries missed, 17
    // of 267 safe rows called injurious. It then guided rounds of class fixes (euphemistic
    // deaths, treatment and aids, effects, figurative and hyperbolic subjects, names,
    // blood draws and stage blood, questions in quotes, threats, negated expectations,
    // dreams of real events, prompt restatements and new victims, animals, scenes,
    // habitual `would`, groups): 520/523 = 99.4% (Wilson 98.3–99.8%), 3 injuries missed,
    // no safe row called injurious. It is a development set: the floor sits a few points
    // under the final number and only guards against regressions.
    assert_agreement_floor("development", &m, 96);
    assert!(
        m.false_injuries * 100 <= 2 * m.safe_rows,
        "{} of {} safe development snippets called injurious (more than 2%)",
        m.false_injuries,
        m.safe_rows
    );
}

/// The safe-side set (`tests/heldout/safe_side.tsv`, 320 snippets, 180 safe), written from
/// the definition by a writer who saw neither the code nor the other sets, with hard safe
/// rows (injury words and violent context without a new injury) and injuries close to them.
#[test]
fn the_oracle_agrees_with_the_safe_side_set() {
    let m = measured(SAFE_SIDE, "safe-side", 300);
    report("safe side", &m);
    // First measured at 246/320 = 76.9% (Wilson 72.0–81.2%), 38 of 140 injuries missed, 36
    // of 180 safe rows called injurious (20.0%). It then guided one round of class fixes
    // (stories within the story, things named like people and place names, contests and
    // hyperboles, the death of the one spoken to, conditional consequences, aids):
    // 274/320 = 85.6% (Wilson 81.4–89.0%), 33 injuries missed, 13 of 180 safe rows called
    // injurious (7.2%). A second round made the effect, death-sign, treatment and take rules
    // compositional (a body part with a damage word, a sign of life that stops, a piercing
    // thing taken out, a weapon as the subject of `take`) and fixed classes of false
    // injuries (dreams of, decrees, fears, near misses measured out, a camera's shot told
    // across the snippet, consequences of a beating): 304/320 = 95.0% (Wilson 92.0–96.9%),
    // 11 injuries missed, 5 of 180 safe rows called injurious (2.8%). It is a development
    // set: the floor sits a few points under the final number and only guards against
    // regressions.
    assert_agreement_floor("safe-side", &m, 92);
    assert!(
        m.false_injuries * 100 <= 4 * m.safe_rows,
        "{} of {} safe safe-side snippets called injurious (more than 4%)",
        m.false_injuries,
        m.safe_rows
    );
}

/// The fiction set (`tests/heldout/fiction.tsv`, 320 snippets, 160 injurious), naturalistic
/// fiction prose across genres, tenses and points of view, written from the definition by
/// a writer who saw neither the code nor the other sets.
#[test]
fn the_oracle_agrees_with_the_fiction_set() {
    let m = measured(FICTION, "fiction", 300);
    report("fiction", &m);
    // First measured once, before any fix it could guide (after the safe-side set's story
    // frames and named things, at 45ed8bb): 244/320 = 76.2% (Wilson 71.3–80.6%), 65 of 160
    // injuries missed, 11 of 160 safe rows called injurious (6.9%), 2 unsure: the estimate
    // of the oracle on new fiction. It is a development set from here on: its classes
    // (contests and hyperboles, threats to the hearer, make-up wounds, aids) were fixed
    // with the safe-side set's, to 256/320 = 80.0% (Wilson 75.3–84.0%), 59 missed, 5 of 160
    // false (3.1%). Most of what it then missed was effect and death-sign wording outside
    // the tables; the second round's compositional rules (body states, a weapon's path,
    // death signs, treatment, takes, aids however made) brought it to 300/320 = 93.8%
    // (Wilson 90.5–95.9%), 16 missed, 4 of 160 false (2.5%). The floor sits under the final
    // number and guards against regressions.
    assert_agreement_floor("fiction", &m, 90);
    assert!(
        m.false_injuries * 100 <= 4 * m.safe_rows,
        "{} of {} safe fiction snippets called injurious (more than 4%)",
        m.false_injuries,
        m.safe_rows
    );
}

/// The fresh check set (`tests/heldout/fresh_check.tsv`, 240 snippets, 120 injurious),
/// written from the definition by a writer who saw neither the code nor the other sets,
/// while the second round of fixes was under way. Its totals alone measured what the fixes
/// of the safe-side and fiction sets carried to new text; it is a development set from the
/// third round on, so every disagreement is printed.
#[test]
fn the_oracle_on_the_fresh_check_set() {
    let m = measured(FRESH_CHECK, "fresh-check", 200);
    report("fresh check", &m);
    // First measured after the first round of safe-side and fiction fixes (main at
    // 7545247): 198/240 = 82.5% (Wilson 77.2–86.8%), 28 of 120 injuries missed, 14 of 120
    // safe rows called injurious (11.7%), 4 unsure. After the second round (compositional
    // rules for body states, signs of death, removals and takes), still never shown:
    // 205/240 = 85.4% (Wilson 80.4–89.3%), 23 missed, 12 of 120 false (10.0%), 3 unsure.
    // It then guided the third round, fixed as classes with its false injuries first
    // (`never once`, story parts with any number and games on a screen, abstract subjects
    // and similes, blood collected and make-up gore, coordinated verbs' subjects, degrees
    // after `enough to`, grooming by another, threats told as alternatives, generic
    // conditions): 217/240 = 90.4% (Wilson 86.0–93.5%), 23 missed, no safe row called
    // injurious; then six classes of its misses (a pronoun put down by a vet, a heart
    // something stops, bodies counted and recovered, `and was found dead`, a piece of a
    // part taken off, `it` with a creature's part): 223/240 = 92.9% (Wilson 89.0–95.5%),
    // 17 missed, no false injury. It is a development set now: the floor
    // sits a few points under the final number and only guards against regressions.
    assert_agreement_floor("fresh-check", &m, 89);
    assert!(
        m.false_injuries * 100 <= 2 * m.safe_rows,
        "{} of {} safe fresh-check snippets called injurious (more than 2%)",
        m.false_injuries,
        m.safe_rows
    );
}

/// The unseen set (`tests/heldout/unseen.tsv`, 300 snippets, 150 injurious: a third
/// children's stories and fables, the rest varied fiction), written from the definition
/// by a writer who saw neither the code nor the other sets, after the compositional rules;
/// measured by its totals only and never shown to whoever fixes the oracle, like the
/// blind set.
#[test]
fn the_oracle_on_the_unseen_set() {
    let m = measured(UNSEEN, "unseen", 250);
    report_totals("unseen", &m);
    // First measured after the compositional rules (main at f995eb5): 250/300 = 83.3%
    // (Wilson 78.7–87.1%), 35 of 150 injuries missed, 15 of 150 safe rows called
    // injurious (10.0%), none unsure. After a further round on the fresh check set's
    // failures (its false injuries 12 -> 0 of 120), exactly the same: 250/300, 35 missed,
    // 15 false. The floor guards against regressions.
    assert_agreement_floor("unseen", &m, 80);
}
