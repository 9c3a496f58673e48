//! Training with today's flashcards: space shows the answer, 1-4 grade it, each grade with
//! the interval it gives the card; a card graded Again comes back later in the session.

use super::Effect;
use crate::domain::knowledge::Flashcard;
use crate::domain::srs::{Grade, Scheduler};
use crate::domain::text::one_line;
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::context::Ctx;
use crate::tui::keymap::{self, Binding, KeyCode};
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

/// During a review the number keys grade instead of switching tabs.
pub const KEYS: &[Binding] = &[
    keymap::bind(&[keymap::ch(' ')], Action::Reveal, "show the answer"),
    keymap::bind(&[keymap::ch('1')], Action::Grade(1), "again: forgotten (back later in this session)"),
    keymap::bind(&[keymap::ch('2')], Action::Grade(2), "hard"),
    keymap::bind(&[keymap::ch('3')], Action::Grade(3), "good"),
    keymap::bind(&[keymap::ch('4')], Action::Grade(4), "easy"),
    keymap::bind(
        &[keymap::ch('e')],
        Action::Edit,
        "edit this card (a hand-made one; a note's cards change with the note)",
    ),
    keymap::bind(&[keymap::ch('q'), keymap::key(KeyCode::Esc)], Action::Back, "stop training"),
];

pub const HINTS: &[(&str, &str)] = &[("space", "answer"), ("1-4", "grade"), ("Esc", "stop")];

/// A review in progress: the session's queue and how far through it the seller is.
pub struct Review {
    queue: Vec<i64>,
    index: usize,
    card: Option<Flashcard>,
    revealed: bool,
    graded: usize,
}

impl Review {
    /// Today's queue (from `t` on Knowledge or the Today checklist).
    pub fn start(ctx: &Ctx, store: &Store) -> Result<Self> {
        let queue = store.review_queue(ctx.today, ctx.config.new_cards_per_day)?;
        let mut review = Self { queue, index: 0, card: None, revealed: false, graded: 0 };
        review.card = review.next_card(store)?;
        Ok(review)
    }

    /// The card at `index`, passing over those deleted since the queue was made (their note
    /// deleted in another window): taken out of the queue, so the count stays true and no
    /// grade falls on the card just graded.
    fn next_card(&mut self, store: &Store) -> Result<Option<Flashcard>> {
        while let Some(&id) = self.queue.get(self.index) {
            if let Some(card) = store.card_if_any(id)? {
                return Ok(Some(card));
            }
            self.queue.remove(self.index);
        }
        Ok(None)
    }

    /// `e`: the card's front and back in a form; a card from a note is edited there.
    pub fn edit(&self) -> Effect {
        match &self.card {
            None => Effect::Status("No card to edit".into()),
            Some(card) => match card.note_id {
                Some(note) => Effect::Status(format!(
                    "This card comes from note #{note}'s Q:/A: lines: edit the note (E on Knowledge)"
                )),
                None => Effect::OpenForm(crate::tui::forms::edit_card_form(card)),
            },
        }
    }

    /// The card on screen again, as saved (after an edit).
    pub fn reload(&mut self, store: &Store) -> Result<()> {
        if let Some(card) = &self.card {
            self.card = Some(store.card(card.id)?);
        }
        Ok(())
    }

    pub fn reveal(&mut self) {
        self.revealed = self.card.is_some();
    }

    pub fn grade(&mut self, number: u8, ctx: &Ctx, store: &mut Store) -> Result<Effect> {
        let (Some(card), true, Some(grade)) = (&self.card, self.revealed, Grade::from_number(number)) else {
            return Ok(Effect::Status("Space shows the answer first".into()));
        };
        let next = store.grade_card(card.id, grade, ctx.today)?;
        // As in Anki, a card forgotten comes back later in this session, after the rest.
        let again = grade == Grade::Again;
        if again {
            self.queue.push(card.id);
        }
        self.graded += 1;
        self.index += 1;
        self.revealed = false;
        self.card = self.next_card(store)?;
        let back = if again { "back later in this session; " } else { "" };
        Ok(Effect::Status(format!("{}: {back}next on {}", grade.label(), next.due_on.format("%a %-d %b"))))
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let block = Block::default().borders(Borders::ALL).border_style(ctx.theme.border).title(format!(
            " Training · card {} of {} ",
            (self.index + 1).min(self.queue.len().max(1)),
            self.queue.len()
        ));
        let inner = block.inner(area);
        block.render(area, buf);
        let mut lines = match &self.card {
            None => vec![
                Line::styled("Done for today.", ctx.theme.good),
                Line::raw(format!(
                    "{} reviewed. Esc goes back.",
                    crate::domain::text::counted(self.graded as i64, "card", "cards")
                )),
            ],
            Some(card) => {
                let mut lines = vec![
                    Line::styled("Question", ctx.theme.dim),
                    Line::raw(one_line(&card.front).into_owned()),
                    Line::raw(""),
                ];
                if self.revealed {
                    lines.push(Line::styled("Answer", ctx.theme.dim));
                    lines.push(Line::styled(one_line(&card.back).into_owned(), ctx.theme.header));
                    lines.push(Line::raw(""));
                    lines.push(grade_line(card, ctx));
                } else {
                    lines.push(Line::from(vec![Span::styled("space", ctx.theme.key), Span::raw(" shows the answer")]));
                }
                lines
            }
        };
        let page = Paragraph::new(lines.clone()).wrap(Wrap { trim: false });
        if page.line_count(inner.width) <= usize::from(inner.height) {
            return page.render(inner, buf);
        }
        // Short of room (40x12): the headings and gaps go, so the grades stay in view.
        lines.retain(|line| !line.spans.is_empty() && line.style != ctx.theme.dim);
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}

/// Each grade with the next review it gives this card: "1 again today  3 good 3d".
fn grade_line(card: &Flashcard, ctx: &Ctx) -> Line<'static> {
    let scheduler = Scheduler::default();
    let mut spans = Vec::new();
    for grade in Grade::ALL.iter().copied() {
        let next = scheduler.review(&card.memory, grade, ctx.today);
        spans.push(Span::styled(grade.number().to_string(), ctx.theme.key));
        spans.push(Span::raw(format!(" {} ", grade.label())));
        spans.push(Span::styled(format!("{}  ", interval((next.due_on - ctx.today).num_days())), ctx.theme.dim));
    }
    Line::from(spans)
}

/// "today", "3d", "5mo", "2y": how far off a grade puts the next review.
fn interval(days: i64) -> String {
    match days {
        ..=0 => "today".into(),
        1..=99 => format!("{days}d"),
        100..=729 => format!("{}mo", days / 30),
        _ => format!("{}y", days / 365),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn intervals_read_short() {
        let shown: Vec<String> = [0, 1, 3, 99, 100, 400, 730].into_iter().map(super::interval).collect();
        assert_eq!(shown, ["today", "1d", "3d", "99d", "3mo", "13mo", "2y"]);
    }
}
