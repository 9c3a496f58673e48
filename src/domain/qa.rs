//! Flashcards written inside a note: `Q:` starts a question, `A:` its answer. Either may
//! continue on the following lines until a blank line or the next `Q:`/`A:`. Anything
//! malformed is reported with its line number, never guessed.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QaPair {
    pub front: String,
    pub back: String,
    /// The 1-based line of the `Q:`.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QaProblem {
    pub line: usize,
    pub message: &'static str,
}

impl std::fmt::Display for QaProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

enum Open {
    None,
    Question { line: usize, text: String },
    Answer { line: usize, front: String, text: String },
}

fn marker<'a>(line: &'a str, tag: &str) -> Option<&'a str> {
    let trimmed = line.trim_start();
    let head = trimmed.get(..tag.len())?;
    head.eq_ignore_ascii_case(tag).then(|| trimmed[tag.len()..].trim())
}

pub fn parse_qa(body: &str) -> (Vec<QaPair>, Vec<QaProblem>) {
    let mut pairs = Vec::new();
    let mut problems = Vec::new();
    let mut open = Open::None;
    let finish = |open: Open, pairs: &mut Vec<QaPair>, problems: &mut Vec<QaProblem>| match open {
        Open::None => {}
        Open::Question { line, .. } => problems.push(QaProblem { line, message: "question without an answer" }),
        Open::Answer { line, front, text } => {
            if text.trim().is_empty() {
                problems.push(QaProblem { line, message: "empty answer" });
            } else {
                pairs.push(QaPair { front, back: text.trim().to_string(), line });
            }
        }
    };
    for (index, raw) in body.lines().enumerate() {
        let number = index + 1;
        if let Some(text) = marker(raw, "Q:") {
            finish(std::mem::replace(&mut open, Open::None), &mut pairs, &mut problems);
            if text.is_empty() {
                problems.push(QaProblem { line: number, message: "empty question" });
            } else {
                open = Open::Question { line: number, text: text.to_string() };
            }
        } else if let Some(text) = marker(raw, "A:") {
            open = match std::mem::replace(&mut open, Open::None) {
                Open::Question { line, text: front } => Open::Answer { line, front, text: text.to_string() },
                previous @ Open::Answer { .. } => {
                    finish(previous, &mut pairs, &mut problems);
                    problems.push(QaProblem { line: number, message: "a second answer without a new question" });
                    Open::None
                }
                Open::None => {
                    problems.push(QaProblem { line: number, message: "answer without a question" });
                    Open::None
                }
            };
        } else if raw.trim().is_empty() {
            finish(std::mem::replace(&mut open, Open::None), &mut pairs, &mut problems);
        } else {
            match &mut open {
                Open::Question { text, .. } | Open::Answer { text, .. } => {
                    text.push(' ');
                    text.push_str(raw.trim());
                }
                Open::None => {}
            }
        }
    }
    finish(open, &mut pairs, &mut problems);
    // Pairs are kept in the order they appear; a line number identifies each.
    pairs.sort_by_key(|p| p.line);
    (pairs, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(front: &str, back: &str, line: usize) -> QaPair {
        QaPair { front: front.into(), back: back.into(), line }
    }

    #[test]
    fn well_formed_pairs() {
        let body = "Intro text.\n\nQ: What burr size?\nA: 64 mm flat burrs.\nq: Starting recipe?\na: 18 g in,\n36 g out.\n\nTrailing text.";
        let (pairs, problems) = parse_qa(body);
        assert_eq!(
            pairs,
            vec![pair("What burr size?", "64 mm flat burrs.", 3), pair("Starting recipe?", "18 g in, 36 g out.", 5)]
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn multi_line_questions() {
        let (pairs, _) = parse_qa("Q: Which plan goes\nwith every machine?\nA: The maintenance plan.");
        assert_eq!(pairs, vec![pair("Which plan goes with every machine?", "The maintenance plan.", 1)]);
    }

    #[test]
    fn malformed_pairs_are_reported_not_guessed() {
        let body = "A: orphan answer\nQ: no answer here\n\nQ:\nA: answer to nothing\nQ: ok?\nA: yes\nA: second answer\nQ: empty answer\nA:";
        let (pairs, problems) = parse_qa(body);
        assert_eq!(pairs, vec![pair("ok?", "yes", 6)]);
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "line 1: answer without a question",
                "line 2: question without an answer",
                "line 4: empty question",
                "line 5: answer without a question",
                "line 8: a second answer without a new question",
                "line 9: empty answer",
            ]
        );
    }

    #[test]
    fn no_cards_in_plain_text() {
        assert_eq!(parse_qa("Just notes.\nQuality matters: yes."), (vec![], vec![]));
    }
}
