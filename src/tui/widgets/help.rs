//! The `?` overlay: every key of the current screen, generated from the keymap tables.

use crate::tui::keymap::Binding;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

pub struct HelpView<'a> {
    /// Lines shown above the keys (a goal's explanation).
    pub extra: Vec<Line<'static>>,
    pub groups: &'a [(&'a str, &'a [Binding])],
    pub scroll: u16,
    pub theme: &'a Theme,
}

impl HelpView<'_> {
    pub fn lines(&self) -> Vec<Line<'static>> {
        let width =
            self.groups.iter().flat_map(|(_, b)| b.iter()).map(|b| b.keys_label().chars().count()).max().unwrap_or(0);
        let mut lines = self.extra.clone();
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
        let inner_width = usize::from(width.saturating_sub(2)).max(1);
        // Long explanation lines wrap; count the rows they take.
        let rows: u16 = lines.iter().map(|l| l.width().max(1).div_ceil(inner_width) as u16).sum();
        let height = (rows + 2).min(area.height);
        let popup =
            Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
        Clear.render(popup, buf);
        let more = rows > height.saturating_sub(2);
        let title = if more { " Help (j/k to scroll) " } else { " Help " };
        let max_scroll = rows.saturating_sub(height.saturating_sub(2));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll.min(max_scroll), 0))
            .block(Block::default().borders(Borders::ALL).border_style(self.theme.border).title(title))
            .render(popup, buf);
    }
}
