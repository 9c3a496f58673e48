//! Text cut and wrapped by terminal columns, not chars: a CJK glyph takes two columns, so
//! counting chars runs text past a border (and a wide glyph's second half erases it).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

fn width_of(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The columns `skip..skip + width` of one line of text; a wide glyph that does not fit
/// whole at either edge is left out.
pub fn clip(text: &str, skip: usize, width: usize) -> String {
    let mut column = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = width_of(c);
        if column >= skip && column + w <= skip + width {
            out.push(c);
        }
        column += w;
        if column >= skip + width {
            break;
        }
    }
    out
}

/// Word-wraps one line of text into rows of at most `width` columns; a word longer than a
/// row is broken where the row ends.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut row_width = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_width: usize = word.chars().map(width_of).sum();
        let gap = usize::from(row_width > 0);
        if row_width + gap + word_width <= width {
            if gap == 1 {
                row.push(' ');
            }
            row.push_str(word);
            row_width += gap + word_width;
            continue;
        }
        if row_width > 0 {
            rows.push(std::mem::take(&mut row));
            row_width = 0;
        }
        for c in word.chars() {
            let w = width_of(c);
            if row_width + w > width && row_width > 0 {
                rows.push(std::mem::take(&mut row));
                row_width = 0;
            }
            row.push(c);
            row_width += w;
        }
    }
    if row_width > 0 || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// `label` then `text` wrapped beside it; the rows after the first start under the text,
/// not under the label (a hanging indent), so a wrapped value never reads as a new label.
pub fn hanging(label: Span<'static>, text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let indent = label.width();
    let rows = wrap(text, width.saturating_sub(indent).max(1));
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            let first = if i == 0 { label.clone() } else { Span::raw(" ".repeat(indent)) };
            Line::from(vec![first, Span::styled(row, style)])
        })
        .collect()
}

/// A hint on an empty screen ("No goals yet. Press a to set one"): two columns in, word
/// wrapped so it is read whole at 40 columns, each wrapped row under the first.
pub fn render_hint(lines: Vec<Line<'static>>, area: ratatui::layout::Rect, buf: &mut ratatui::buffer::Buffer) {
    use ratatui::widgets::{Paragraph, Widget, Wrap};
    let inset = ratatui::layout::Rect { x: area.x + 2.min(area.width), width: area.width.saturating_sub(2), ..area };
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(inset, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_by_columns_and_never_halves_a_wide_glyph() {
        assert_eq!(clip("abcdef", 2, 3), "cde");
        assert_eq!(clip("山田商店", 0, 5), "山田", "the third glyph would take columns 5 and 6");
        assert_eq!(clip("山田商店", 1, 4), "田", "nor starts on the second half of one");
    }

    #[test]
    fn wraps_words_and_breaks_the_too_long() {
        assert_eq!(wrap("use YYYY-MM-DD, today, tomorrow", 12), ["use", "YYYY-MM-DD,", "today,", "tomorrow"]);
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("山田商店", 5), ["山田", "商店"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn hanging_rows_start_under_the_text() {
        let lines = hanging(Span::raw("Next   "), "a b c d", Style::new(), 10);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, ["Next   a b", "       c d"]);
    }
}
