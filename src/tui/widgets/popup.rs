//! What every popup (a form, the search, the help) does before drawing itself.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// Clears `area`, and blanks a wide glyph (a CJK name underneath) that starts just left of
/// it: its second half is the popup's left border, and a terminal drawing the glyph would
/// cover that border with it.
pub fn clear(area: Rect, buf: &mut Buffer) {
    Clear.render(area, buf);
    let Some(left) = area.x.checked_sub(1) else { return };
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((left, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_glyph_under_the_left_border_goes() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "a山b", ratatui::style::Style::new());
        clear(Rect::new(2, 0, 3, 1), &mut buf);
        assert_eq!(buf, Buffer::with_lines(["a     "]));
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "山b", ratatui::style::Style::new());
        clear(Rect::new(3, 0, 3, 1), &mut buf);
        assert_eq!(buf, Buffer::with_lines(["山b   "]), "a glyph ending before the popup stays");
    }
}
