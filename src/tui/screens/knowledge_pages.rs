//! The Knowledge tab's pages: a note read in full, and a product with the notes and the
//! flashcards about it, so what there is to learn about it is on one page.

use crate::domain::knowledge::{Flashcard, Note, Product};
use crate::domain::text::{counted, multi_line, one_line};
use crate::store::Store;
use crate::tui::context::Ctx;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::wrap::hanging;
use anyhow::Result;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub struct ProductPage {
    pub product: Product,
    pub notes: Vec<Note>,
    pub cards: Vec<Flashcard>,
}

impl ProductPage {
    pub fn load(store: &Store, id: i64) -> Result<Self> {
        Ok(Self { product: store.product(id)?, notes: store.notes(Some(id))?, cards: store.product_cards(id)? })
    }

    pub fn render(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer, scroll: &Scroll) {
        let p = &self.product;
        let width = usize::from(area.width);
        let about = [
            (!p.category.is_empty()).then(|| one_line(&p.category).into_owned()),
            Some(ctx.config.currency.format(p.price_minor)),
        ];
        let mut lines = vec![
            Line::styled(one_line(&p.name).into_owned(), ctx.theme.header),
            Line::styled(about.into_iter().flatten().collect::<Vec<_>>().join(" · "), ctx.theme.dim),
            Line::raw(""),
        ];
        for row in multi_line(&p.description).lines() {
            lines.extend(hanging(Span::raw(""), row, Style::new(), width));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(counted(self.notes.len() as i64, "note", "notes"), ctx.theme.header));
        for note in &self.notes {
            let tags = if note.tags.is_empty() { String::new() } else { format!("  [{}]", one_line(&note.tags)) };
            lines.extend(hanging(Span::raw("• "), &format!("{}{tags}", one_line(&note.title)), Style::new(), width));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(counted(self.cards.len() as i64, "flashcard", "flashcards"), ctx.theme.header));
        for card in &self.cards {
            let due = card.memory.due_on.format("%-d %b");
            lines.extend(hanging(Span::raw("Q "), &one_line(&card.front), Style::new(), width));
            lines.extend(hanging(Span::styled("A ", ctx.theme.dim), &one_line(&card.back), ctx.theme.dim, width));
            lines.push(Line::styled(format!("  next review {due}"), ctx.theme.dim));
        }
        scroll.render(Paragraph::new(lines), area, buf);
    }
}

pub fn render_note(note: &Note, ctx: &Ctx, area: Rect, buf: &mut Buffer, scroll: &Scroll) {
    let mut lines = vec![Line::styled(one_line(&note.title).into_owned(), ctx.theme.header)];
    let about = [
        note.product.as_deref().map(|p| one_line(p).into_owned()),
        (!note.tags.is_empty()).then(|| format!("[{}]", one_line(&note.tags))),
    ];
    lines.push(Line::styled(about.into_iter().flatten().collect::<Vec<_>>().join(" · "), ctx.theme.dim));
    lines.push(Line::raw(""));
    lines.extend(multi_line(&note.body).lines().map(|l| Line::raw(l.to_string())));
    scroll.render(Paragraph::new(lines).wrap(Wrap { trim: false }), area, buf);
}
