//! Text from the user or an import is shown with control characters neutralised, so no
//! terminal escape sequence (or bidi override that reorders a line) reaches the screen.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One display line: newlines and tabs become spaces, other controls become `�`.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if printable_ascii(text) || !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if needs_replacing(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Multi-line text (a note body): newlines stay, tabs become spaces, other controls `�`.
pub fn multi_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_replacing(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                c if needs_replacing(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Control characters and bidi overrides: never shown raw.
pub fn needs_replacing(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// JSON text with every character `needs_replacing` written as a `\uXXXX` escape, so a
/// terminal showing the JSON cannot be driven by it (serde escapes only U+0000-U+001F).
pub fn escape_json_controls(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| needs_replacing(c) && !c.is_ascii_whitespace()) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_replacing(c) && !c.is_ascii_whitespace() {
            // Every such character is in the Basic Multilingual Plane: one escape each.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Terminal columns `text` takes: a CJK glyph takes two, a combining mark none.
pub fn columns(text: &str) -> usize {
    if printable_ascii(text) {
        return text.len();
    }
    UnicodeWidthStr::width(text)
}

/// Only space to `~`: one column a byte, nothing to replace. Checked without branching
/// (vectorized): a long list asks it of several fields a row.
pub fn printable_ascii(text: &str) -> bool {
    text.bytes().fold(true, |ok, b| ok & (b' '..=b'~').contains(&b))
}

/// Cuts `text` to at most `width` columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if columns(text) <= width {
        return Cow::Borrowed(text);
    }
    if width == 0 {
        return Cow::Borrowed("");
    }
    // Whole glyphs only: an emoji with a variation selector or a joined family is one
    // glyph, measured as ratatui's buffer measures it, and is never split.
    let mut out = String::new();
    let mut used = 0;
    for glyph in text.graphemes(true) {
        let w = columns(glyph);
        if used + w > width - 1 {
            break;
        }
        out.push_str(glyph);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// At least `width` columns: `text` padded with spaces, never cut (for plain-text output).
pub fn pad(text: &str, width: usize) -> String {
    padded(text, width).to_string()
}

/// `text` then spaces to `width` columns, written where it is formatted: a long list's
/// lines need no string of their own per field.
pub fn padded(text: &str, width: usize) -> Padded<'_> {
    Padded { text, width }
}

pub struct Padded<'a> {
    text: &'a str,
    width: usize,
}

impl std::fmt::Display for Padded<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SPACES: &str = "                                ";
        f.write_str(self.text)?;
        let mut left = self.width.saturating_sub(columns(self.text));
        while left > 0 {
            let n = left.min(SPACES.len());
            f.write_str(&SPACES[..n])?;
            left -= n;
        }
        Ok(())
    }
}

/// Exactly `width` columns: cut like [`truncate`], then padded with spaces. `format!`'s
/// `{:<w$}` pads by chars, which misaligns columns after a wide glyph.
pub fn fit(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let pad = width.saturating_sub(columns(&cut));
    format!("{cut}{}", " ".repeat(pad))
}

/// The form names are compared in: lower case without accents, so `cafe` finds "Café" and
/// `chloe` finds "CHLOÉ". Letters NFD does not split (ø, ł, ß, æ) are spelled out. Only the
/// Latin/Greek/Cyrillic accents (U+0300-U+036F) go: in Devanagari or Japanese a combining
/// mark changes the word (रीमा is not रमा, ガ is not カ), so those are recomposed as typed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let stripped: String = text.nfd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).collect();
    for c in stripped.nfc().flat_map(char::to_lowercase) {
        match c {
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    out
}

/// "a call", "an email": the article for the interaction kinds the app names.
pub fn with_article(word: &str) -> String {
    let vowel = word.chars().next().is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// "1 card", "3 cards": English plurals for the counts the app prints.
pub fn counted(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    number_then(n, &[" ", if n == 1 { one } else { many }])
}

/// `n` then `rest` ("12d late"), built without the formatting machinery: a long list
/// spells two of these a row.
pub fn number_then(n: i64, rest: &[&str]) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(n);
    let mut text = String::with_capacity(digits.len() + rest.iter().map(|r| r.len()).sum::<usize>());
    text.push_str(digits);
    rest.iter().for_each(|r| text.push_str(r));
    text
}

/// At least `width` columns, the text flush right (money, counts).
pub fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(columns(text))))
}

/// How a plain-text column is laid out: text flush left and cut at `max` columns, or
/// numbers flush right and never cut (a cut amount would be a wrong amount).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Left { max: usize },
    Right,
}

/// Rows of cells as aligned lines: each column as wide as its widest cell (display width,
/// so a CJK name lines up), left columns cut with `…` at their `max`, two spaces between
/// columns, nothing trailing. Rows may be shorter than `layout` (missing cells are empty).
pub fn lay_out(rows: &[Vec<String>], layout: &[Column]) -> Vec<String> {
    let mut table = Table::new(layout);
    rows.iter().for_each(|row| table.measure(row));
    rows.iter().map(|row| table.line(row)).collect()
}

/// [`lay_out`] in two passes for rows that are not all held at once: every row is
/// measured, then each is laid out as it comes again.
pub struct Table<'a> {
    layout: &'a [Column],
    widths: Vec<usize>,
}

impl<'a> Table<'a> {
    pub fn new(layout: &'a [Column]) -> Self {
        Self { layout, widths: vec![0; layout.len()] }
    }

    pub fn measure(&mut self, row: &[String]) {
        for ((width, column), cell) in self.widths.iter_mut().zip(self.layout).zip(row) {
            let wide = match column {
                Column::Left { max } => columns(cell).min(*max),
                Column::Right => columns(cell),
            };
            *width = (*width).max(wide);
        }
    }

    pub fn line(&self, row: &[String]) -> String {
        let cells: Vec<String> = self
            .layout
            .iter()
            .zip(&self.widths)
            .enumerate()
            .map(|(i, (column, width))| {
                let cell = row.get(i).map_or("", String::as_str);
                match column {
                    Column::Left { .. } => fit(cell, *width),
                    Column::Right => pad_left(cell, *width),
                }
            })
            .collect();
        cells.join("  ").trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_table_measured_row_by_row_lays_out_as_the_whole_list_does() {
        use super::{Column, Table, lay_out};
        let rows: Vec<Vec<String>> =
            [["#1", "Ada", "$5.00"], ["#200", "山田商店 and a very long name", "$12,345.67"], ["", "Total", ""]]
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
        let layout = [Column::Left { max: 8 }, Column::Left { max: 12 }, Column::Right];
        let mut table = Table::new(&layout);
        rows.iter().for_each(|r| table.measure(r));
        let lines: Vec<String> = rows.iter().map(|r| table.line(r)).collect();
        assert_eq!(lines, lay_out(&rows, &layout));
        assert_eq!(lines[0], "#1    Ada                $5.00");
        assert_eq!(lines[1], "#200  山田商店 an…  $12,345.67", "cut at 12 columns, the glyphs two each");
        assert_eq!(lines[2], "      Total");
    }

    #[test]
    fn padding_counts_columns_and_goes_past_its_own_run_of_spaces() {
        use super::{columns, one_line, pad, padded};
        assert_eq!(padded("abc", 40).to_string(), format!("abc{}", " ".repeat(37)));
        assert_eq!(pad("日本", 5), "日本 ", "two glyphs of two columns, one space");
        assert_eq!(pad("too long", 3), "too long");
        assert_eq!(pad("", 0), "");
        assert_eq!(format!("[{}|{}]", padded("a", 2), padded("é", 2)), "[a |é ]");
        for text in ["plain ASCII ~ text", "tab\there", "bell\u{7}", "café", "\u{1b}[2J"] {
            assert_eq!(columns(text), unicode_width::UnicodeWidthStr::width(text), "{text:?}");
        }
        assert!(matches!(one_line("plain text"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(one_line("a\tb\u{1b}c"), "a b\u{fffd}c");
    }

    #[test]
    fn a_number_then_its_words_reads_as_format_would_write_it() {
        use super::{counted, number_then};
        for n in [0, 1, 9, 10, 99, 12_345, -3, i64::MAX, i64::MIN] {
            assert_eq!(number_then(n, &["d late"]), format!("{n}d late"));
        }
        assert_eq!(number_then(7, &[]), "7");
        assert_eq!(counted(1, "day", "days"), "1 day");
        assert_eq!(counted(-1, "day", "days"), "-1 days");
    }

    #[test]
    fn wide_glyphs_count_two_columns() {
        assert_eq!(super::columns("山田商店"), 8);
        assert_eq!(super::truncate("山田商店", 8), "山田商店");
        // 5 columns: two wide glyphs (4) and the ellipsis (1).
        assert_eq!(super::truncate("山田商店", 6), "山田…");
        assert_eq!(super::truncate("山田商店", 5), "山田…");
        assert_eq!(super::fit("山田商店", 6), "山田… ");
        assert_eq!(super::fit("Ana", 5), "Ana  ");
        assert_eq!(super::columns(&super::fit("山田商店 Tokyo", 9)), 9);
        assert_eq!(super::fit("x", 0), "");
        // ❤️ is a heart and a variation selector: one glyph, two columns.
        let hearts = "❤\u{fe0f}".repeat(5);
        assert_eq!(super::columns(&super::truncate(&hearts, 6)), 5);
        assert_eq!(super::columns(&super::fit(&hearts, 6)), 6);
        // A joined family is never cut in the middle (no stray joiner before the ellipsis).
        let family = "👨\u{200d}👩\u{200d}👧 Ana";
        assert_eq!(super::truncate(family, 3), "👨\u{200d}👩\u{200d}👧…");
        assert_eq!(super::truncate(family, 2), "…");
        assert_eq!(super::pad("山田", 6), "山田  ");
        assert_eq!(super::pad("Longer than", 4), "Longer than");
    }

    #[test]
    fn tables_align_by_display_width_and_never_cut_numbers() {
        use super::{Column, lay_out};
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let rows = [
            row(&["#7", "山田商店", "$1,234.50", "note"]),
            row(&["#12", "Ana", "$5.00"]),
            row(&["", "A very long customer name", "-$10,000.00", ""]),
        ];
        let layout = [Column::Left { max: 10 }, Column::Left { max: 10 }, Column::Right, Column::Left { max: 40 }];
        assert_eq!(
            lay_out(&rows, &layout),
            ["#7   山田商店      $1,234.50  note", "#12  Ana               $5.00", "     A very lo…  -$10,000.00"]
        );
        assert_eq!(super::pad_left("山田", 6), "  山田");
        assert_eq!(lay_out(&[], &layout), Vec::<String>::new());
    }

    #[test]
    fn folding_drops_accents_and_case() {
        use super::fold;
        assert_eq!(fold("Café"), "cafe");
        assert_eq!(fold("CHLOÉ Martin"), "chloe martin");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Søren Ærø"), "soren aero");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Dvořák"), "dvorak");
        assert_eq!(fold("山田 商店"), "山田 商店");
        assert_ne!(fold("रीमा"), fold("रमा"), "a Devanagari vowel sign is part of the word");
        assert_ne!(fold("ガス"), fold("カス"), "so is a Japanese voicing mark");
        assert_eq!(fold("ガス"), "ガス", "recomposed as typed");
        assert_eq!(fold("100% _x_"), "100% _x_");
    }

    #[test]
    fn articles_follow_the_first_letter() {
        assert_eq!(super::with_article("email"), "an email");
        assert_eq!(super::with_article("call"), "a call");
        assert_eq!(super::with_article("visit"), "a visit");
        assert_eq!(super::with_article(""), "a ");
    }

    #[test]
    fn counts_are_singular_only_for_one() {
        assert_eq!(super::counted(1u32, "card", "cards"), "1 card");
        assert_eq!(super::counted(0u32, "card", "cards"), "0 cards");
        assert_eq!(super::counted(-1i64, "day", "days"), "-1 days");
        assert_eq!(super::counted(2usize as i64, "day", "days"), "2 days");
    }

    use super::*;

    #[test]
    fn escapes_never_pass() {
        let hostile = "Acme\x1b[2J\x1b]0;pwned\x07 Ltd\u{202E}gpj.exe\u{9b}31m";
        let shown = one_line(hostile);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(!shown.contains('\u{202E}'));
        assert_eq!(shown, "Acme\u{FFFD}[2J\u{FFFD}]0;pwned\u{FFFD} Ltd\u{FFFD}gpj.exe\u{FFFD}31m");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(one_line("Český Krumlov — ok"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_breaks() {
        assert_eq!(one_line("a\nb\tc\r"), "a b c ");
        assert_eq!(multi_line("a\nb\tc\x1b"), "a\nb c\u{FFFD}");
    }

    #[test]
    fn json_keeps_its_layout_but_not_its_controls() {
        let json = "{\n  \"name\": \"A\u{9b}31m\u{202e}B\u{7f}\"\n}";
        assert_eq!(escape_json_controls(json), "{\n  \"name\": \"A\\u009b31m\\u202eB\\u007f\"\n}");
        let parsed: serde_json::Value = serde_json::from_str(&escape_json_controls(json)).unwrap();
        assert_eq!(parsed["name"], "A\u{9b}31m\u{202e}B\u{7f}", "the data is unchanged");
    }

    #[test]
    fn truncation() {
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("hello", 0), "");
        assert_eq!(truncate("čšžýá", 3), "čš…");
    }
}
