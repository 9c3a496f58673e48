//! The `?` overlay: every key of the current screen, generated from the keymap tables.

use crate::tui::keymap::{Binding, Key, keys_label};
use crate::tui::theme::Theme;
use crate::tui::widgets::scroll::Scroll;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

pub struct HelpView<'a> {
    /// "Help", or "Playbook" when the overlay shows playbook cards.
    pub title: &'a str,
    /// Lines shown above the keys (a goal's explanation).
    pub extra: Vec<Line<'static>>,
    pub groups: &'a [(&'a str, &'a [Binding])],
    pub scroll: &'a Scroll,
    pub theme: &'a Theme,
}

impl HelpView<'_> {
    /// Each group's rows with the keys an earlier (more specific) group already takes
    /// removed: in a review `1`-`4` grade, so the tab keys must not be listed for them.
    fn rows(&self) -> Vec<(&str, Vec<(String, &'static str)>)> {
        let mut taken: Vec<Key> = Vec::new();
        let mut groups = Vec::new();
        for (title, bindings) in self.groups {
            let mut rows = Vec::new();
            for binding in *bindings {
                let free: Vec<Key> = binding.keys.iter().copied().filter(|k| !taken.contains(k)).collect();
                if !free.is_empty() {
                    rows.push((keys_label(&free), binding.desc));
                }
                taken.extend(free);
            }
            if !rows.is_empty() {
                groups.push((*title, rows));
            }
        }
        groups
    }

    /// The overlay's lines for `width` columns: a description too long wraps under itself,
    /// not under its keys (a hanging indent).
    pub fn lines(&self, width: usize) -> Vec<Line<'static>> {
        let page_width = width;
        let groups = self.rows();
        let width = groups.iter().flat_map(|(_, rows)| rows).map(|(keys, _)| keys.chars().count()).max().unwrap_or(0);
        let mut lines = self.extra.clone();
        for (title, rows) in groups {
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(title.to_string(), self.theme.header));
            for (keys, desc) in rows {
                let keys = Span::styled(format!(" {keys:<width$}  "), self.theme.key);
                lines.extend(super::wrap::hanging(keys, desc, Style::new(), page_width));
            }
        }
        lines
    }
}

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let natural = self.lines(usize::MAX);
        let width = (natural.iter().map(Line::width).max().unwrap_or(20) as u16 + 4).min(area.width);
        let page = Paragraph::new(self.lines(usize::from(width.saturating_sub(2)))).wrap(Wrap { trim: false });
        // Long explanation lines word-wrap; count the rows exactly as they will render.
        let rows = u16::try_from(page.line_count(width.saturating_sub(2).max(1))).unwrap_or(u16::MAX);
        let height = rows.saturating_add(2).min(area.height);
        let popup =
            Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
        super::popup::clear(popup, buf);
        let more = rows > height.saturating_sub(2);
        let title =
            if more { format!(" {} (j/k, PgUp/PgDn to scroll) ", self.title) } else { format!(" {} ", self.title) };
        // The block is drawn on its own: line_count wraps at the width it is given,
        // borders included, so the page is measured and scrolled inside them.
        let block = Block::default().borders(Borders::ALL).border_style(self.theme.border).title(title);
        let inner = block.inner(popup);
        block.render(popup, buf);
        self.scroll.render(page, inner, buf);
    }
}
