//! Which rows of a long list are on screen. Only the visible rows are ever fetched and drawn,
//! so a list of 100,000 follow-ups costs the same as a list of 20.
//!
//! Positions are flat line numbers. Some lines (section headers) cannot be selected; the
//! caller says which through `is_selectable`.

use crate::tui::action::Action;
use ratatui::layout::Rect;
use std::cell::Cell;
use std::ops::Range;

#[derive(Debug, Default)]
pub struct ListWindow {
    total: u64,
    selected: u64,
    /// First visible line; a `Cell` because render re-fits it when the screen size changes.
    offset: Cell<u64>,
    /// Rows that fit on screen, recorded by the last render.
    height: Cell<u64>,
    /// Where the last render drew the list, and the screen rows each line takes: a click
    /// is mapped back to its line through them.
    area: Cell<Rect>,
    rows_per_line: Cell<u16>,
}

impl ListWindow {
    /// Applies a list movement key; `false` when `action` is not one, for the screen to handle.
    pub fn navigate(&mut self, action: Action, is_selectable: impl Fn(u64) -> bool) -> bool {
        match action {
            Action::Up => self.move_by(-1, is_selectable),
            Action::Down => self.move_by(1, is_selectable),
            Action::WheelUp => self.move_by(-3, is_selectable),
            Action::WheelDown => self.move_by(3, is_selectable),
            Action::PageUp => self.page(-1, is_selectable),
            Action::PageDown => self.page(1, is_selectable),
            Action::Top => self.home(is_selectable),
            Action::Bottom => self.end(is_selectable),
            Action::Tick => self.scroll_to_selection(),
            Action::Click { column, row } => match self.line_at(column, row) {
                Some(line) if is_selectable(line) => self.select(line, is_selectable),
                _ => return false,
            },
            _ => return false,
        }
        true
    }

    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn selected(&self) -> Option<u64> {
        (self.total > 0).then_some(self.selected)
    }

    pub fn height(&self) -> u64 {
        self.height.get().max(1)
    }

    /// Called from render with where the list goes (`rows_per_line` screen rows a line);
    /// re-fits the first visible line.
    pub fn set_area(&self, area: Rect, rows_per_line: u16) {
        self.area.set(area);
        self.rows_per_line.set(rows_per_line.max(1));
        self.set_height(area.height / rows_per_line.max(1));
    }

    /// The line drawn at a screen position, if the list is there.
    pub fn line_at(&self, column: u16, row: u16) -> Option<u64> {
        let area = self.area.get();
        let inside = (area.left()..area.right()).contains(&column) && (area.top()..area.bottom()).contains(&row);
        if !inside {
            return None;
        }
        let line = self.visible().start + u64::from((row - area.y) / self.rows_per_line.get().max(1));
        (line < self.visible().end).then_some(line)
    }

    /// Called from render with the rows available; re-fits the first visible line.
    pub fn set_height(&self, rows: u16) {
        if self.height.get() != u64::from(rows) {
            self.height.set(u64::from(rows));
            self.scroll_to_selection();
        }
    }

    /// The list changed size: keep the selection where it was as far as possible.
    pub fn set_total(&mut self, total: u64, is_selectable: impl Fn(u64) -> bool) {
        self.total = total;
        if total == 0 {
            self.selected = 0;
            self.offset.set(0);
            return;
        }
        self.selected = self.selected.min(total - 1);
        self.settle(1, &is_selectable);
        self.scroll_to_selection();
    }

    /// Moves the selection by `delta` lines, skipping unselectable lines.
    pub fn move_by(&mut self, delta: i64, is_selectable: impl Fn(u64) -> bool) {
        if self.total == 0 {
            return;
        }
        let target = (self.selected as i64 + delta).clamp(0, self.total as i64 - 1) as u64;
        self.selected = target;
        self.settle(if delta < 0 { -1 } else { 1 }, &is_selectable);
        self.scroll_to_selection();
    }

    pub fn page(&mut self, pages: i64, is_selectable: impl Fn(u64) -> bool) {
        let step = self.height().saturating_sub(1).max(1) as i64;
        self.move_by(pages * step, is_selectable);
    }

    /// Selects line `index` (clamped to the list), whatever was selected before.
    pub fn select(&mut self, index: u64, is_selectable: impl Fn(u64) -> bool) {
        if self.total == 0 {
            return;
        }
        self.selected = index.min(self.total - 1);
        self.settle(1, &is_selectable);
        self.scroll_to_selection();
    }

    /// After a reload, puts the selection back on its item (a selection is an identity, not
    /// a row number), looked for among `lines`: the rows at hand, as line and identity. An
    /// item no longer among them leaves the selection on its row, where the next one moved up.
    pub fn keep_on<K: PartialEq>(
        &mut self,
        item: Option<K>,
        lines: impl IntoIterator<Item = (u64, K)>,
        is_selectable: impl Fn(u64) -> bool,
    ) {
        let Some(item) = item else { return };
        if let Some((line, _)) = lines.into_iter().find(|(_, key)| *key == item) {
            self.select(line, is_selectable);
        }
    }

    pub fn home(&mut self, is_selectable: impl Fn(u64) -> bool) {
        self.selected = 0;
        self.settle(1, &is_selectable);
        self.scroll_to_selection();
    }

    pub fn end(&mut self, is_selectable: impl Fn(u64) -> bool) {
        self.selected = self.total.saturating_sub(1);
        self.settle(-1, &is_selectable);
        self.scroll_to_selection();
    }

    /// The lines to draw: from the first visible line, at most one screen.
    pub fn visible(&self) -> Range<u64> {
        let offset = self.offset.get();
        let end = (offset + self.height()).min(self.total);
        offset.min(end)..end
    }

    /// Keeps the selection on screen after a move or a resize.
    pub fn scroll_to_selection(&self) {
        let height = self.height();
        let mut offset = self.offset.get();
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        // Never leave blank space below the last line when the list could fill the screen.
        offset = offset.min(self.total.saturating_sub(height));
        // A header directly above the selected first visible line stays in view.
        if offset > 0 && offset == self.selected && height > 1 {
            offset -= 1;
        }
        self.offset.set(offset);
    }

    /// Moves off an unselectable line in `direction`, turning back at either end.
    fn settle(&mut self, direction: i64, is_selectable: &impl Fn(u64) -> bool) {
        if self.total == 0 || is_selectable(self.selected) {
            return;
        }
        for dir in [direction, -direction] {
            let mut pos = self.selected as i64;
            while (0..self.total as i64).contains(&pos) {
                if is_selectable(pos as u64) {
                    self.selected = pos as u64;
                    return;
                }
                pos += dir;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(total: u64, height: u16) -> ListWindow {
        let w = ListWindow::default();
        w.set_height(height);
        let mut w = w;
        w.set_total(total, |_| true);
        w
    }

    #[test]
    fn movement_keys_move_and_other_actions_are_left_to_the_screen() {
        let mut w = window(100, 10);
        let all = |_| true;
        assert!(w.navigate(Action::Down, all) && w.selected() == Some(1));
        assert!(w.navigate(Action::WheelDown, all) && w.selected() == Some(4));
        // A page is the height less one row kept for context: 4 + 9.
        assert!(w.navigate(Action::PageDown, all) && w.selected() == Some(13));
        assert!(w.navigate(Action::Bottom, all) && w.selected() == Some(99));
        assert!(w.navigate(Action::Top, all) && w.selected() == Some(0));
        assert!(!w.navigate(Action::Open, all));
        assert_eq!(w.selected(), Some(0), "a non-movement action changes nothing");
    }

    #[test]
    fn moving_scrolls_only_when_leaving_the_screen() {
        let mut w = window(100, 10);
        assert_eq!(w.visible(), 0..10);
        w.move_by(9, |_| true);
        assert_eq!((w.selected(), w.visible()), (Some(9), 0..10));
        w.move_by(1, |_| true);
        assert_eq!((w.selected(), w.visible()), (Some(10), 1..11));
        w.move_by(-5, |_| true);
        assert_eq!(w.visible(), 1..11);
        w.move_by(-10, |_| true);
        assert_eq!((w.selected(), w.visible()), (Some(0), 0..10));
    }

    #[test]
    fn select_is_absolute() {
        let mut w = window(100, 10);
        w.move_by(5, |_| true);
        w.select(42, |_| true);
        assert_eq!(w.selected(), Some(42));
        w.select(500, |_| true);
        assert_eq!(w.selected(), Some(99));
    }

    #[test]
    fn a_reload_keeps_the_selection_on_its_item() {
        let mut w = window(10, 5);
        w.select(4, |_| true);
        // Two rows arrived above the selected item 'e': it is on line 6 now.
        w.set_total(12, |_| true);
        let rows = ["x", "y", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        w.keep_on(Some("e"), rows.iter().enumerate().map(|(i, r)| (i as u64, *r)), |_| true);
        assert_eq!(w.selected(), Some(6));
        // Gone: the row that moved up into its place is selected.
        w.keep_on(Some("gone"), rows.iter().enumerate().map(|(i, r)| (i as u64, *r)), |_| true);
        assert_eq!(w.selected(), Some(6));
    }

    #[test]
    fn a_click_selects_the_line_drawn_there() {
        let mut w = ListWindow::default();
        w.set_area(Rect::new(10, 5, 20, 4), 1);
        w.set_total(100, |_| true);
        w.move_by(10, |_| true);
        // Lines 7..11 are on screen, from row 5.
        assert_eq!(w.visible(), 7..11);
        assert!(w.navigate(Action::Click { column: 12, row: 6 }, |_| true));
        assert_eq!(w.selected(), Some(8));
        assert!(!w.navigate(Action::Click { column: 9, row: 6 }, |_| true), "left of the list");
        assert!(!w.navigate(Action::Click { column: 12, row: 9 }, |_| true), "below it");
        assert!(!w.navigate(Action::Click { column: 12, row: 5 }, |i| i != 7), "a header is not selected");
        // Two screen rows a line (the goals): row 8 is the second line's second row.
        let mut w = ListWindow::default();
        w.set_area(Rect::new(0, 5, 20, 6), 2);
        w.set_total(5, |_| true);
        assert!(w.navigate(Action::Click { column: 3, row: 8 }, |_| true));
        assert_eq!(w.selected(), Some(1));
    }

    #[test]
    fn clamps_at_both_ends() {
        let mut w = window(5, 10);
        w.move_by(-3, |_| true);
        assert_eq!(w.selected(), Some(0));
        w.move_by(50, |_| true);
        assert_eq!(w.selected(), Some(4));
        assert_eq!(w.visible(), 0..5);
    }

    #[test]
    fn pages_and_ends() {
        let mut w = window(100_000, 20);
        w.page(1, |_| true);
        assert_eq!(w.selected(), Some(19));
        w.end(|_| true);
        assert_eq!((w.selected(), w.visible()), (Some(99_999), 99_980..100_000));
        w.home(|_| true);
        assert_eq!((w.selected(), w.visible()), (Some(0), 0..20));
    }

    #[test]
    fn headers_are_skipped_and_kept_in_view() {
        // Lines 0 and 4 are headers.
        let selectable = |i: u64| i != 0 && i != 4;
        let w = ListWindow::default();
        w.set_height(3);
        let mut w = w;
        w.set_total(8, selectable);
        assert_eq!(w.selected(), Some(1));
        w.move_by(2, selectable);
        assert_eq!(w.selected(), Some(3));
        w.move_by(1, selectable);
        assert_eq!(w.selected(), Some(5));
        assert!(w.visible().contains(&4), "header of the selected section is visible");
        w.move_by(-1, selectable);
        assert_eq!(w.selected(), Some(3));
        w.home(selectable);
        assert_eq!((w.selected(), w.visible()), (Some(1), 0..3));
    }

    #[test]
    fn empty_and_shrinking_lists() {
        let mut w = window(0, 10);
        assert_eq!(w.selected(), None);
        w.move_by(1, |_| true);
        assert_eq!(w.visible(), 0..0);
        let mut w = window(50, 10);
        w.end(|_| true);
        w.set_total(3, |_| true);
        assert_eq!((w.selected(), w.visible()), (Some(2), 0..3));
    }
}
