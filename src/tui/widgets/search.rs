//! The `/` overlay: one query over notes, products and customers, results as you type,
//! matched words highlighted.

use crate::domain::text::one_line;
use crate::store::search::{MATCH_END, MATCH_START, SearchHit};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use tui_input::Input;

#[derive(Debug, Default)]
pub struct SearchState {
    pub input: Input,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
}

impl SearchState {
    pub fn selected_hit(&self) -> Option<&SearchHit> {
        self.hits.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        if !self.hits.is_empty() {
            self.selected = (self.selected as isize + delta).clamp(0, self.hits.len() as isize - 1) as usize;
        }
    }
}

/// Splits marked text into plain and highlighted spans, neutralising control characters
/// in each piece (the marks themselves are control characters, so they go first).
pub fn highlighted(text: &str, normal: Style, hit: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut inside = false;
    for piece in text.split([MATCH_START, MATCH_END]) {
        if !piece.is_empty() {
            spans.push(Span::styled(one_line(piece).into_owned(), if inside { hit } else { normal }));
        }
        inside = !inside;
    }
    spans
}

pub struct SearchView<'a> {
    pub state: &'a SearchState,
    pub theme: &'a Theme,
}

impl SearchView<'_> {
    pub fn area(area: Rect) -> Rect {
        let width = area.width.min(90);
        let height = area.height.min(22);
        Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 3, width, height }
    }

    pub fn cursor(&self, area: Rect) -> Position {
        let popup = Self::area(area);
        let x = popup.x + 1 + 2 + self.state.input.visual_cursor() as u16;
        Position { x: x.min(popup.right().saturating_sub(2)), y: popup.y + 1 }
    }
}

impl Widget for SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let popup = Self::area(area);
        super::popup::clear(popup, buf);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(self.theme.border)
            .title(" Search notes, products, customers ")
            .title_bottom(" Enter open · ↑/↓ choose · Esc close ");
        let inner = block.inner(popup);
        block.render(popup, buf);
        let hit_style = self.theme.key;
        let mut lines = vec![Line::from(vec![
            Span::styled("/ ", self.theme.key),
            Span::raw(one_line(self.state.input.value()).into_owned()),
        ])];
        if self.state.hits.is_empty() {
            let message = if self.state.input.value().trim().is_empty() {
                "Type to search. Accents are optional."
            } else {
                "No matches."
            };
            lines.push(Line::styled(message, self.theme.dim));
        }
        let per_hit = 2usize;
        let room = (inner.height as usize).saturating_sub(1) / per_hit;
        let first = self.state.selected.saturating_sub(room.saturating_sub(1));
        for (index, hit) in self.state.hits.iter().enumerate().skip(first).take(room) {
            let selected = index == self.state.selected;
            let mut title = vec![Span::styled(
                format!("{} {:<9}", if selected { "▸" } else { " " }, hit.kind.label()),
                self.theme.dim,
            )];
            title.extend(highlighted(&hit.title, Style::new(), hit_style));
            let mut title = Line::from(title);
            if selected {
                title = title.style(self.theme.selected);
            }
            lines.push(title);
            let mut snippet = vec![Span::raw("            ")];
            snippet.extend(highlighted(&hit.snippet, self.theme.dim, hit_style));
            lines.push(Line::from(snippet));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_styles_and_escapes_do_not_pass() {
        let spans = highlighted("a \u{1}lever\u{2} b\x1b[2J", Style::new(), Style::new().bold());
        let text: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, ["a ", "lever", " b\u{FFFD}[2J"]);
        assert_eq!(spans[1].style, Style::new().bold());
    }
}
