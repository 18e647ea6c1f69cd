//! The manual attack at a terminal (the paper §4.4.1): a person writes or edits the prompt
//! and completion, sees the live score after each edit, and may submit when the score is
//! under the threshold and they judge the snippet injurious; the labeler then confirms.
//! Given a suggester it also offers the tool-assisted commands (§4.4.3): saliency per
//! token, candidates for a token sorted by score, apply one.
//!
//! Generic over its input and output (like [`labels::TerminalLabeler`]) so that it runs on
//! a real terminal and, with scripted input, in tests.

use std::io::{BufRead, Write};

use labels::{Labeler, Snippet};

use crate::attack::Attack;
use crate::budget::Budget;
use crate::error::{AttackError, Result};
use crate::outcome::AttackOutcome;
use crate::session::{RankedCandidate, RewriteSession, SessionSettings, SubmitResult};
use crate::suggester::Suggester;
use crate::target::{SaliencyMap, Target};
use crate::text::Part;
use crate::trace::StopReason;

const HELP: &str = "commands:
  p <text>   replace the prompt          c <text>   replace the completion
  u          undo the last change        s          submit (score must be under the threshold)
  show       show the snippet            q          quit
with tools:
  t          tokens by saliency          k <n>      candidates for token n, best first
  a <m>      apply candidate m";

/// A person attacking at a terminal (see the module docs).
pub struct TerminalAttack<'s, R, W> {
    author: String,
    input: R,
    output: W,
    settings: SessionSettings,
    suggester: Option<&'s dyn Suggester>,
}

impl<'s, R: BufRead, W: Write> TerminalAttack<'s, R, W> {
    /// A manual attack by `author`, reading commands from `input`, writing to `output`.
    pub fn new(author: impl Into<String>, input: R, output: W, settings: SessionSettings) -> Self {
        TerminalAttack {
            author: author.into(),
            input,
            output,
            settings,
            suggester: None,
        }
    }

    /// Offers the tool-assisted commands, with candidates from `suggester`.
    pub fn with_tools(mut self, suggester: &'s dyn Suggester) -> Self {
        self.suggester = Some(suggester);
        self
    }

    /// The output (e.g. to read back what a test's session printed).
    pub fn output(&self) -> &W {
        &self.output
    }

    fn say(&mut self, text: impl AsRef<str>) -> Result<()> {
        writeln!(self.output, "{}", text.as_ref()).map_err(|e| AttackError::Io {
            context: "writing to the terminal".into(),
            source: e,
        })
    }

    fn show(&mut self, session: &RewriteSession) -> Result<()> {
        let s = session.snippet().clone();
        let score = describe_score(session);
        self.say(format!(
            "--- prompt ---\n{}\n--- completion ---\n{}\n{score}",
            s.prompt.trim(),
            s.completion.trim()
        ))
    }

    fn read_command(&mut self) -> Result<Option<String>> {
        write!(self.output, "> ")
            .and_then(|_| self.output.flush())
            .map_err(|e| AttackError::Io {
                context: "writing to the terminal".into(),
                source: e,
            })?;
        let mut line = String::new();
        let n = self
            .input
            .read_line(&mut line)
            .map_err(|e| AttackError::Io {
                context: "reading the terminal".into(),
                source: e,
            })?;
        Ok((n > 0).then(|| line.trim_end_matches(['\n', '\r']).to_string()))
    }
}

fn describe_score(session: &RewriteSession) -> String {
    let threshold = session.criterion().threshold;
    match session.score() {
        Some(s) if s < threshold => format!("score {s:.4} — under {threshold}: you may submit"),
        Some(s) => format!("score {s:.4} (must go under {threshold})"),
        None => "no score yet: write a completion".into(),
    }
}

fn describe_tokens(map: &SaliencyMap) -> String {
    let top = map.tokens.iter().map(|t| t.saliency).fold(0.0, f64::max);
    let mut out = String::new();
    for (i, t) in map.tokens.iter().enumerate() {
        let bar = if top > 0.0 {
            "#".repeat((10.0 * t.saliency / top).round() as usize)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{i:>3} {:<10} {:<16} {:.4} {bar}\n",
            t.span.part.as_str(),
            format!("{:?}", t.text),
            t.saliency
        ));
    }
    out
}

impl<R: BufRead, W: Write> Attack for TerminalAttack<'_, R, W> {
    fn name(&self) -> &str {
        if self.suggester.is_some() {
            "tool_assisted_terminal"
        } else {
            "manual_terminal"
        }
    }

    fn run(
        &mut self,
        seed: Option<&Snippet>,
        target: &dyn Target,
        labeler: &mut dyn Labeler,
        budget: Budget,
    ) -> Result<AttackOutcome> {
        let name = self.name().to_string();
        let mut session = RewriteSession::new(target, seed.cloned(), budget, self.settings)?
            .with_author(self.author.clone());
        if let Some(s) = self.suggester {
            session = session.with_tools(s);
        }
        self.say(HELP)?;
        self.show(&session)?;
        let mut tokens: Option<SaliencyMap> = None;
        let mut candidates: Vec<RankedCandidate> = Vec::new();
        let stop = loop {
            let Some(line) = self.read_command()? else {
                break StopReason::Quit;
            };
            let (command, rest) = line
                .trim_start()
                .split_once(' ')
                .unwrap_or((line.trim(), ""));
            let result: Result<Option<StopReason>> = match command {
                "p" | "c" => {
                    let part = if command == "p" {
                        Part::Prompt
                    } else {
                        Part::Completion
                    };
                    session.set_part(part, rest.trim()).map(|_| {
                        tokens = None;
                        None
                    })
                }
                "u" => {
                    if !session.undo() {
                        self.say("nothing to undo")?;
                    }
                    tokens = None;
                    Ok(None)
                }
                "show" | "" => Ok(None),
                "s" => match session.submit(labeler)? {
                    SubmitResult::Adversarial(_) => {
                        self.say("submitted: an adversarial example, confirmed injurious")?;
                        Ok(Some(StopReason::Success))
                    }
                    SubmitResult::NotAccepted { score, threshold } => {
                        self.say(format!(
                            "cannot submit yet: score {score:.4} is not under {threshold}"
                        ))?;
                        Ok(None)
                    }
                    SubmitResult::NotInjurious(j) => {
                        self.say(format!(
                            "the labeler ({}) judged it {}: keep the injury and try again",
                            j.labeler, j.label
                        ))?;
                        Ok(None)
                    }
                },
                "t" => session.saliency().and_then(|map| {
                    self.say(describe_tokens(&map))?;
                    tokens = Some(map);
                    Ok(None)
                }),
                "k" => match (rest.trim().parse::<usize>(), &tokens) {
                    (Ok(n), Some(map)) if n < map.tokens.len() => {
                        let span = map.tokens[n].span;
                        session.candidates(span).and_then(|list| {
                            let mut text = String::new();
                            for (m, c) in list.iter().enumerate() {
                                text.push_str(&format!(
                                    "{m:>3} {:.4} (−{:.4}) {:?}\n",
                                    c.score, c.score_drop, c.snippet.completion
                                ));
                            }
                            self.say(text)?;
                            candidates = list;
                            Ok(None)
                        })
                    }
                    _ => {
                        self.say("k needs a token number from the last `t` list")?;
                        Ok(None)
                    }
                },
                "a" => match rest
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|m| candidates.get(m))
                {
                    Some(c) => {
                        let edit = c.edit.clone();
                        candidates.clear();
                        tokens = None;
                        session.apply(&edit).map(|_| None)
                    }
                    None => {
                        self.say("a needs a candidate number from the last `k` list")?;
                        Ok(None)
                    }
                },
                "q" => Ok(Some(StopReason::Quit)),
                "?" | "h" | "help" => {
                    self.say(HELP)?;
                    Ok(None)
                }
                other => {
                    self.say(format!("`{other}` is not a command (? for help)"))?;
                    Ok(None)
                }
            };
            match result {
                Ok(Some(stop)) => break stop,
                Ok(None) => self.show(&session)?,
                Err(AttackError::Budget(why)) => {
                    self.say(format!("the budget is spent: {why}"))?;
                    break if session.out_of_time() {
                        StopReason::TimeBudget
                    } else {
                        StopReason::QueryBudget
                    };
                }
                // a bad edit, or text the target refuses (e.g. too long), is shown and
                // undone; the person carries on
                Err(
                    e @ (AttackError::Edit { .. }
                    | AttackError::Snippet(_)
                    | AttackError::Target { .. }
                    | AttackError::Refused { .. }
                    | AttackError::Unsupported { .. }),
                ) => {
                    self.say(format!("{e}"))?;
                }
                Err(e) => return Err(e),
            }
        };
        Ok(session.finish(name, stop))
    }
}
