//! Sentence templates: slots filled from the scene (`{A}`, `{B.his}`, `{blade}`, `{part}`),
//! inline choices (`[stabbed|knifed]`), and the injuries each template declares
//! (`## B stab act part`), which decide the world's intended label.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::cast::{ADVERBS, KIN, PARTS, Pronouns, SAID, TIMES, VITAL_PARTS};
use super::scene::Scene;
use crate::error::{Result, StoryworldError};
use crate::lexicon::InjuryKind;
use crate::oracle::{Directness, Event, Form, PronounGroup, Referent, Status};

/// Who a declared injury befalls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    /// A character by name.
    Named(usize),
    /// A character by pronoun.
    Pronoun(usize),
    /// The scene's animal (`the wolf`).
    Animal,
    /// Nobody named.
    Unknown,
}

/// The kind of a declared injury: fixed, or that of the weapon the template names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KindSpec {
    Fixed(InjuryKind),
    Weapon,
}

/// An injury a template states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Declared {
    pub who: Who,
    pub kind: KindSpec,
    pub form: Form,
    pub with_part: bool,
    pub repeated: bool,
    pub unsure: bool,
}

/// A template: its text and its declared injuries.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    pub id: String,
    pub text: &'static str,
    pub declared: Vec<Declared>,
}

impl Template {
    /// Parses `text ## who kind form [part] [again] [unsure]; …`.
    pub fn parse(id: String, line: &'static str) -> Result<Template> {
        let (text, decls) = match line.split_once("##") {
            Some((t, d)) => (t.trim(), d.trim()),
            None => (line.trim(), ""),
        };
        let bad = |what: &str| StoryworldError::Setting(format!("template {id} `{line}`: {what}"));
        let mut declared = Vec::new();
        for decl in decls.split(';').map(str::trim).filter(|d| !d.is_empty()) {
            let fields: Vec<&str> = decl.split_whitespace().collect();
            let [who, kind, form, flags @ ..] = fields.as_slice() else {
                return Err(bad(
                    "a declaration is `who kind form [part] [again] [unsure]`",
                ));
            };
            let who = match *who {
                "A" => Who::Named(0),
                "B" => Who::Named(1),
                "C" => Who::Named(2),
                "pA" => Who::Pronoun(0),
                "pB" => Who::Pronoun(1),
                "pC" => Who::Pronoun(2),
                "X" => Who::Animal,
                "U" => Who::Unknown,
                _ => return Err(bad("who is A, B, C, pA, pB, pC, X or U")),
            };
            let kind = match *kind {
                "blade" | "blunt" => KindSpec::Weapon,
                name => KindSpec::Fixed(
                    InjuryKind::from_name(name).ok_or_else(|| bad("unknown injury kind"))?,
                ),
            };
            let form = match *form {
                "act" => Form::Act,
                "report" => Form::Report,
                "state" => Form::State,
                "reference" => Form::Reference,
                _ => return Err(bad("form is act, report, state or reference")),
            };
            for flag in flags {
                if !matches!(*flag, "part" | "again" | "unsure") {
                    return Err(bad("flags are part, again, unsure"));
                }
            }
            declared.push(Declared {
                who,
                kind,
                form,
                with_part: flags.contains(&"part"),
                repeated: flags.contains(&"again"),
                unsure: flags.contains(&"unsure"),
            });
        }
        // check the slots parse
        let mut depth = 0i32;
        for c in text.chars() {
            match c {
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
            if !(0..=1).contains(&depth) {
                return Err(bad("unbalanced braces"));
            }
        }
        if depth != 0 {
            return Err(bad("unbalanced braces"));
        }
        Ok(Template { id, text, declared })
    }

    /// The declared injuries as events, for the scene, the body part chosen and the kind
    /// of injury the weapon chosen does.
    pub fn events(
        &self,
        scene: &Scene,
        part: Option<&str>,
        weapon_kind: Option<InjuryKind>,
    ) -> Vec<Event> {
        self.declared
            .iter()
            .map(|d| {
                let kind = match d.kind {
                    KindSpec::Fixed(k) => k,
                    KindSpec::Weapon => weapon_kind.unwrap_or(InjuryKind::Harm),
                };
                (d, kind)
            })
            .map(|(d, kind)| Event {
                kind,
                severity: kind.severity(),
                victim: match d.who {
                    Who::Named(k) => Referent::Name(scene.cast[k].name.to_lowercase()),
                    Who::Pronoun(k) => Referent::Pronoun(group(scene.cast[k].pronouns)),
                    Who::Animal => Referent::Noun(scene.animal.to_string()),
                    Who::Unknown => Referent::Unknown,
                },
                part: if d.with_part {
                    part.map(str::to_string)
                } else {
                    None
                },
                form: d.form,
                directness: Directness::Explicit,
                status: if d.unsure {
                    Status::Borderline
                } else {
                    Status::Asserted
                },
                repeated: d.repeated,
                trigger: self.id.clone(),
                sentence: 0,
                position: 0,
                note: String::new(),
            })
            .collect()
    }
}

fn group(p: Pronouns) -> PronounGroup {
    match p {
        Pronouns::He => PronounGroup::Masculine,
        Pronouns::She => PronounGroup::Feminine,
        Pronouns::They => PronounGroup::Plural,
    }
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

/// A filled-in template: the sentence, the body part its `{part}`/`{vital}` took and
/// the weapon its weapon slot took.
pub(crate) struct Filled {
    pub text: String,
    pub part: Option<String>,
    pub weapon: Option<String>,
}

fn pronoun_form(p: Pronouns, form: &str) -> Option<&'static str> {
    use Pronouns::*;
    Some(match (form, p) {
        ("he", He) => "he",
        ("he", She) => "she",
        ("he", They) => "they",
        ("him", He) => "him",
        ("him", She) => "her",
        ("him", They) => "them",
        ("his", He) => "his",
        ("his", She) => "her",
        ("his", They) => "their",
        ("himself", He) => "himself",
        ("himself", She) => "herself",
        ("himself", They) => "themself",
        ("was", They) => "were",
        ("was", _) => "was",
        ("is", They) => "are",
        ("is", _) => "is",
        ("has", They) => "have",
        ("has", _) => "has",
        _ => return None,
    })
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Fills a template in.
pub(crate) fn fill(text: &str, scene: &Scene, rng: &mut ChaCha8Rng) -> Filled {
    let mut out = String::with_capacity(text.len() + 32);
    let mut part: Option<String> = None;
    let mut weapon: Option<String> = None;
    let mut rest = text;
    while let Some(open) = rest.find(['{', '[']) {
        out.push_str(&rest[..open]);
        let closer = if rest.as_bytes()[open] == b'{' {
            '}'
        } else {
            ']'
        };
        let Some(close) = rest[open..].find(closer).map(|c| open + c) else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &rest[open + 1..close];
        if closer == ']' {
            let options: Vec<&str> = inner.split('|').collect();
            out.push_str(pick(rng, &options));
        } else {
            let value = slot(inner, scene, rng, &mut part);
            if matches!(inner, "blade" | "blunt" | "gun" | "weapon" | "anyblade") {
                weapon = Some(value.clone());
            }
            out.push_str(&value);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    // capitalise the first letter (after an opening quote)
    if let Some(first) = out.find(|c: char| c.is_alphabetic())
        && out[..first].chars().all(|c| c == '"' || c.is_whitespace())
    {
        let upper = capitalize(&out[first..]);
        out.replace_range(first.., &upper);
    }
    Filled {
        text: out,
        part,
        weapon,
    }
}

fn slot(name: &str, scene: &Scene, rng: &mut ChaCha8Rng, part: &mut Option<String>) -> String {
    if let Some((who, form)) = name.split_once('.') {
        let k = match who {
            "A" => 0,
            "B" => 1,
            _ => 2,
        };
        let c = &scene.cast[k];
        let lower = form.to_lowercase();
        let word = pronoun_form(c.pronouns, &lower).unwrap_or("");
        return if form.starts_with(char::is_uppercase) {
            capitalize(word)
        } else {
            word.to_string()
        };
    }
    let (blades, guns, blunts) = super::cast::weapons(scene.setting.genre);
    match name {
        "A" => scene.cast[0].name.to_string(),
        "B" => scene.cast[1].name.to_string(),
        "C" => scene.cast[2].name.to_string(),
        "setting" => scene.setting.name.to_string(),
        "place" => pick(rng, scene.setting.places).to_string(),
        "object" => pick(rng, scene.setting.objects).to_string(),
        "blade" => scene.blade.to_string(),
        "gun" => pick(rng, guns).to_string(),
        "blunt" => pick(rng, blunts).to_string(),
        "weapon" => {
            let blunt = pick(rng, blunts);
            pick(rng, &[scene.blade, blunt]).to_string()
        }
        "anyblade" => pick(rng, blades).to_string(),
        "animal" => scene.animal.to_string(),
        "part" => {
            let p = pick(rng, PARTS).to_string();
            *part = Some(normalise_part(&p));
            p
        }
        "vital" => {
            let p = pick(rng, VITAL_PARTS).to_string();
            *part = Some(p.clone());
            p
        }
        "kin" => pick(rng, KIN).to_string(),
        "time" => pick(rng, TIMES).to_string(),
        "adv" => pick(rng, ADVERBS).to_string(),
        "said" => pick(rng, SAID).to_string(),
        other => format!("{{{other}}}"),
    }
}

/// The lemma the oracle gives a body part (`ribs` → `rib`).
fn normalise_part(p: &str) -> String {
    match p {
        "ribs" => "rib".into(),
        other => other.to_string(),
    }
}
