//! CSV text before it is split into cells: UTF-8 with or without a BOM, never binary; the
//! delimiter (`,`, `;` or tab) read from the header line; quoted cells that never close
//! (a file cut short) found with their line. Spreadsheet formulas are escaped on export and
//! the escape undone on import, so a cell round-trips as the same text.

use std::borrow::Cow;

/// A file refused as a whole, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    pub line: usize,
    pub message: String,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of a CSV file, without its BOM.
pub fn decode(bytes: &[u8]) -> Result<&str, TextError> {
    let line_at = |offset: usize| bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(TextError { line: 1, message: "is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\" in Excel)".into() });
    }
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let skipped = bytes.len() - body.len();
    let not_utf8 = |at: usize| TextError {
        line: line_at(at + skipped),
        message: format!("byte 0x{:02X} is not UTF-8 text; save the file as UTF-8 (\"CSV UTF-8\" in Excel)", body[at]),
    };
    let decoded = std::str::from_utf8(body);
    // Whichever comes first: a NUL byte or a byte that is not UTF-8.
    let bad = decoded.as_ref().err().map(|e| e.valid_up_to());
    match (bad, body.iter().position(|&b| b == 0)) {
        (Some(at), nul) if nul.is_none_or(|n| at < n) => return Err(not_utf8(at)),
        (_, Some(at)) => {
            return Err(TextError {
                line: line_at(at + skipped),
                message: "holds a NUL byte: this is a binary file, not CSV text".into(),
            });
        }
        _ => {}
    }
    let text = decoded.map_err(|e| not_utf8(e.valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(TextError { line: 1, message: "is empty; the first line must name the columns".into() });
    }
    Ok(text)
}

/// `,`, `;` or tab: whichever the header line holds most of outside quotes (`,` on a tie).
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == b) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().fold((b',', 0), |best, &(d, n)| if n > best.1 { (d, n) } else { best }).0
}

/// The line of a quoted cell that is still open at the end of the file, if any. Quotes
/// count only at the start of a cell, as the CSV reader reads them.
pub fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    #[derive(PartialEq)]
    enum State {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::CellStart;
    let (mut line, mut opened) = (1, 1);
    for b in text.bytes() {
        state = match (state, b) {
            (State::CellStart, b'"') => {
                opened = line;
                State::Quoted
            }
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (State::QuoteInQuoted, b'"') => State::Quoted,
            (_, b'\n' | b'\r') => State::CellStart,
            (_, d) if d == delimiter => State::CellStart,
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    (state == State::Quoted).then_some(opened)
}

/// Characters a spreadsheet reads as the start of a formula (OWASP's list).
fn starts_formula(text: &str) -> bool {
    matches!(text.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

/// Whether `text` is a formula behind any number of `'` (none included): the texts that
/// [`escape_formula`] prefixes, so that text already starting `'=` stays apart from `=`.
fn is_escapable(text: &str) -> bool {
    starts_formula(text.trim_start_matches('\''))
}

/// A text cell for a CSV export: a leading `'` keeps a spreadsheet from running it. Text
/// that is already quoted formulas (`'=1`) gets one more, so [`unescape_formula`] undoes
/// it exactly: `=1` → `'=1`, `'=1` → `''=1`, `'quoted'` unchanged.
pub fn escape_formula(text: &str) -> Cow<'_, str> {
    if is_escapable(text) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// Undoes [`escape_formula`]: one `'` off a quoted formula; any other text, formulas
/// included, is kept as typed.
pub fn unescape_formula(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if is_escapable(rest) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode(b"\xEF\xBB\xBFname\nAda\n"), Ok("name\nAda\n"));
        assert_eq!(decode("name\nZoë\n".as_bytes()), Ok("name\nZoë\n"));
        assert_eq!(decode(b"name\nA\xffda\n").unwrap_err().line, 2);
        assert!(decode(b"name\nA\xffda\n").unwrap_err().message.contains("0xFF is not UTF-8"));
        assert_eq!(decode(b"name\n\nx\0y").unwrap_err().line, 3);
        assert!(decode(b"\xFF\xFEn\0a\0").unwrap_err().message.contains("UTF-16"));
        assert!(decode(b"").unwrap_err().message.contains("empty"));
        assert!(decode(b"\xEF\xBB\xBF \r\n").unwrap_err().message.contains("empty"));
    }

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("name,email\nA;B,c"), b',');
        assert_eq!(detect_delimiter("name;email;phone\na,b;c"), b';');
        assert_eq!(detect_delimiter("name\temail\n"), b'\t');
        assert_eq!(detect_delimiter("\"a;b;c\",d\n"), b',');
        assert_eq!(detect_delimiter("name\n"), b',');
    }

    #[test]
    fn open_quotes() {
        assert_eq!(unclosed_quote("a,b\n\"x\",\"y\"\"z\"\n", b','), None);
        assert_eq!(unclosed_quote("a,b\n1,\"two\nlines\"\n", b','), None);
        assert_eq!(unclosed_quote("a,b\n1,2\n3,\"cut sho", b','), Some(3));
        assert_eq!(unclosed_quote("a;b\n5\" screen;x\n", b';'), None);
    }

    #[test]
    fn formulas() {
        for cell in ["=1+1", "+420 123", "-5", "@SUM(A1)", "\tx"] {
            let escaped = escape_formula(cell);
            assert!(escaped.starts_with('\''), "{cell}");
            assert_eq!(unescape_formula(&escaped), cell);
        }
        assert_eq!(escape_formula("Ada"), "Ada");
        assert_eq!(unescape_formula("'quoted'"), "'quoted'");
        assert_eq!(unescape_formula("=HYPERLINK(\"x\")"), "=HYPERLINK(\"x\")");
        // Text that already looks escaped is escaped once more, so every text comes back.
        assert_eq!(escape_formula("'=1"), "''=1");
        assert_eq!(escape_formula("'quoted'"), "'quoted'");
        for text in ["", "'", "''", "'=1", "''-2", "=1", "'x", "x'=", "'\t", "@", "'@'", "Ada"] {
            assert_eq!(unescape_formula(&escape_formula(text)), text, "{text:?}");
        }
    }
}
