//! A page of text that scrolls line by line and stops at its last screenful.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget};
use std::cell::Cell;

/// The offset is clamped against the height of the last render, so holding `j` at the end
/// does not bank presses that `k` then has to undo.
#[derive(Debug)]
pub struct Scroll {
    offset: u16,
    max: Cell<u16>,
}

impl Default for Scroll {
    fn default() -> Self {
        // Unknown until the first render; render clamps whatever was asked for.
        Self { offset: 0, max: Cell::new(u16::MAX) }
    }
}

impl Scroll {
    pub fn offset(&self) -> u16 {
        self.offset.min(self.max.get())
    }

    pub fn top(&mut self) {
        self.offset = 0;
    }

    pub fn bottom(&mut self) {
        self.offset = self.max.get();
    }

    pub fn by(&mut self, lines: i32) {
        let next = (i32::from(self.offset()) + lines).clamp(0, i32::from(self.max.get()));
        self.offset = u16::try_from(next).unwrap_or(u16::MAX);
    }

    /// Scrolls as a page does for a movement key or the wheel; false for any other action.
    pub fn follow(&mut self, action: crate::tui::action::Action) -> bool {
        use crate::tui::action::Action;
        match action {
            Action::Down | Action::WheelDown => self.by(1),
            Action::Up | Action::WheelUp => self.by(-1),
            Action::PageDown => self.by(10),
            Action::PageUp => self.by(-10),
            Action::Top => self.top(),
            Action::Bottom => self.bottom(),
            _ => return false,
        }
        true
    }

    /// Renders `page` (wrapped or not) scrolled to the current offset.
    pub fn render(&self, page: Paragraph<'_>, area: Rect, buf: &mut Buffer) {
        let lines = page.line_count(area.width);
        let max = lines.saturating_sub(usize::from(area.height));
        self.max.set(u16::try_from(max).unwrap_or(u16::MAX));
        page.scroll((self.offset(), 0)).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    fn page(n: usize) -> Paragraph<'static> {
        Paragraph::new((0..n).map(|i| Line::raw(format!("line {i}"))).collect::<Vec<_>>())
    }

    #[test]
    fn stops_at_the_last_screenful_and_comes_straight_back() {
        let area = Rect::new(0, 0, 10, 4);
        let mut buf = Buffer::empty(area);
        let mut scroll = Scroll::default();
        scroll.render(page(10), area, &mut buf);
        scroll.by(100);
        assert_eq!(scroll.offset(), 6, "10 lines in 4 rows");
        scroll.by(-1);
        assert_eq!(scroll.offset(), 5, "one press back moves one line");
        scroll.by(-100);
        assert_eq!(scroll.offset(), 0);
        scroll.bottom();
        scroll.render(page(10), area, &mut buf);
        assert_eq!(buf.cell((0, 3)).unwrap().symbol(), "l");
        assert!(format!("{buf:?}").contains("line 9"));
    }

    #[test]
    fn a_short_page_does_not_move() {
        let area = Rect::new(0, 0, 10, 4);
        let mut buf = Buffer::empty(area);
        let mut scroll = Scroll::default();
        scroll.render(page(3), area, &mut buf);
        scroll.by(5);
        assert_eq!(scroll.offset(), 0);
    }

    #[test]
    fn wrapped_lines_count_as_rows() {
        let area = Rect::new(0, 0, 5, 2);
        let mut buf = Buffer::empty(area);
        let mut scroll = Scroll::default();
        let wrapped = Paragraph::new("aaaa bbbb cccc").wrap(ratatui::widgets::Wrap { trim: false });
        scroll.render(wrapped, area, &mut buf);
        scroll.by(10);
        assert_eq!(scroll.offset(), 1, "three rows of wrapped text in two");
    }
}
