//! The `?` overlay: every key of the current screen, generated from the keymap tables.

use crate::tui::keymap::Binding;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

pub struct HelpView<'a> {
    pub groups: &'a [(&'a str, &'a [Binding])],
    pub scroll: u16,
    pub theme: &'a Theme,
}

impl HelpView<'_> {
    pub fn lines(&self) -> Vec<Line<'static>> {
        let width =
            self.groups.iter().flat_map(|(_, b)| b.iter()).map(|b| b.keys_label().chars().count()).max().unwrap_or(0);
        let mut lines = Vec::new();
        for (title, bindings) in self.groups {
            if bindings.is_empty() {
                continue;
            }
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(title.to_string(), self.theme.header));
            for binding in *bindings {
                lines.push(Line::from(vec![
                    Span::styled(format!(" {:<width$}  ", binding.keys_label()), self.theme.key),
                    Span::raw(binding.desc),
                ]));
            }
        }
        lines
    }
}

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = self.lines();
        let width = (lines.iter().map(Line::width).max().unwrap_or(20) as u16 + 4).min(area.width);
        let height = (lines.len() as u16 + 2).min(area.height);
        let popup =
            Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
        Clear.render(popup, buf);
        let more = lines.len() as u16 > height.saturating_sub(2);
        let title = if more { " Keys (j/k to scroll) " } else { " Keys " };
        let max_scroll = (lines.len() as u16).saturating_sub(height.saturating_sub(2));
        Paragraph::new(lines)
            .scroll((self.scroll.min(max_scroll), 0))
            .block(Block::default().borders(Borders::ALL).border_style(self.theme.border).title(title))
            .render(popup, buf);
    }
}
