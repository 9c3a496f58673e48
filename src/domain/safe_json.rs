//! Pretty JSON written straight to a writer, with every character `text::needs_replacing`
//! flags (C1 controls, DEL, bidi overrides) escaped as it goes. serde escapes only
//! U+0000-U+001F; escaping here, inside the string fragments serde hands over, spares the
//! whole document in memory and a second pass over it.

use super::text::needs_replacing;
use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};

/// serde_json's pretty layout (two-space indent), escaping what a terminal could be driven
/// by. The layout is written here rather than delegated: serde_json's writes each level of
/// indent on its own, a seventh of a long list's time.
pub struct SafeFormatter {
    indent: usize,
    has_value: bool,
}

impl SafeFormatter {
    pub fn pretty() -> Self {
        Self { indent: 0, has_value: false }
    }

    /// A line break (after a comma unless `first`) and the current indent, in one write.
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        const BREAK: &[u8] = b",\n                                                                ";
        let from = usize::from(first);
        match BREAK.get(from..2 + 2 * self.indent) {
            Some(line) => writer.write_all(line),
            None => {
                writer.write_all(&BREAK[from..2])?;
                (0..self.indent).try_for_each(|_| writer.write_all(b"  "))
            }
        }
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.indent -= 1;
        if self.has_value {
            self.new_line(writer, true)?;
        }
        writer.write_all(bracket)
    }
}

/// Writes `value` as pretty JSON (two-space indent, as `to_string_pretty`) to `out`,
/// through a buffer of its own: serde writes a few bytes at a time.
pub fn write_pretty(out: impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(32 * 1024, out);
    value.serialize(&mut Serializer::with_formatter(&mut buffered, SafeFormatter::pretty()))?;
    buffered.flush()
}

/// Writes `value` as [`write_pretty`] lays it out where it sits `depth` levels deep in a
/// document written by hand, straight to `out` (already buffered).
pub fn write_nested(out: &mut impl Write, value: &impl Serialize, depth: usize) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(out, SafeFormatter { indent: depth, has_value: false }))?;
    Ok(())
}

/// `text` as a JSON string, as [`write_pretty`] writes it. Printable ASCII without a quote
/// or backslash, most of what a long list holds, needs no escape and is written as it is.
pub fn write_str(out: &mut impl Write, text: &str) -> io::Result<()> {
    if !super::text::printable_ascii(text) || memchr::memchr2(b'"', b'\\', text.as_bytes()).is_some() {
        return write_nested(out, &text, 0);
    }
    out.write_all(b"\"")?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\"")
}

/// Whether `bytes` may hold a character to escape: each is DEL or starts with byte C2 (C1
/// controls) or E2 (bidi marks), all at or above 0x7f. The largest byte is found without
/// branching (vectorized); only text with such a byte is looked at closely.
fn may_need_escapes(bytes: &[u8]) -> bool {
    bytes.iter().fold(0, |max, &b| max.max(b)) >= 0x7f && memchr::memchr3(0x7f, 0xc2, 0xe2, bytes).is_some()
}

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        if !may_need_escapes(fragment.as_bytes()) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| needs_replacing(c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            // Every such character is in the Basic Multilingual Plane: one escape each.
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.new_line(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.new_line(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::text::escape_json_controls;

    fn pretty(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write_pretty(&mut out, value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn writes_what_to_string_pretty_writes_then_escapes() {
        let value = serde_json::json!({
            "name": "A\u{9b}31m\u{202e}B\u{7f}",
            "plain": "café \"quoted\" \\ tab\there\nline",
            "list": [1, {"x": null}, [], {}],
            "empty": "",
            "bell": "\u{7}\u{1b}[2J",
        });
        let expected = escape_json_controls(&serde_json::to_string_pretty(&value).unwrap()).into_owned();
        assert_eq!(pretty(&value), expected);
        assert!(!pretty(&value).chars().any(|c| needs_replacing(c) && c != '\n'));
    }

    #[test]
    fn lays_out_nesting_deeper_than_the_indent_buffer_as_to_string_pretty() {
        let mut value = serde_json::json!({"leaf": [1, "two", {}, []]});
        for depth in 0..40 {
            value = if depth % 2 == 0 {
                serde_json::json!([value, depth])
            } else {
                serde_json::json!({"k": value, "e": {}})
            };
        }
        assert_eq!(pretty(&value), serde_json::to_string_pretty(&value).unwrap());
    }

    #[test]
    fn looks_closely_only_at_text_with_a_byte_at_or_above_del() {
        assert!(!may_need_escapes(b"plain ASCII, even with \x1b and ~"));
        assert!(!may_need_escapes("caf\u{e9} \u{f1}".as_bytes()));
        assert!(may_need_escapes("\u{20ac}".as_bytes()), "E2 leads the euro sign too: looked at, then kept");
        for c in ['\u{7f}', '\u{85}', '\u{202e}'] {
            assert!(may_need_escapes(format!("long text before it: {c}").as_bytes()), "{c:?}");
        }
    }

    #[test]
    fn text_with_the_lead_bytes_of_harmless_characters_is_kept() {
        // U+00E9 is C3 A9, U+00A0 is C2 A0, U+2014 is E2 80 94: none needs an escape.
        let value = serde_json::Value::String("caf\u{e9}\u{a0}\u{2014}\u{20ac}".into());
        assert_eq!(pretty(&value), "\"caf\u{e9}\u{a0}\u{2014}\u{20ac}\"");
    }

    #[test]
    fn a_string_written_alone_is_what_the_formatter_writes() {
        let texts = [
            "",
            "plain ~ ASCII",
            "say \"hi\"",
            "back\\slash",
            "tab\there",
            "\u{1b}[2J",
            "caf\u{e9}",
            "\u{202e}x\u{7f}",
        ];
        for text in texts {
            let mut alone = Vec::new();
            write_str(&mut alone, text).unwrap();
            assert_eq!(String::from_utf8(alone).unwrap(), pretty(&serde_json::Value::from(text)), "{text:?}");
        }
    }

    #[test]
    fn a_nested_value_is_laid_out_at_its_depth() {
        let value = serde_json::json!({"a": [1, {"b": null}], "c": "d"});
        let mut nested = Vec::new();
        write_nested(&mut nested, &value, 2).unwrap();
        let whole = pretty(&serde_json::json!([[value]]));
        let inner = String::from_utf8(nested).unwrap();
        assert_eq!(whole, format!("[\n  [\n    {inner}\n  ]\n]"));
    }

    #[test]
    fn escapes_at_the_edges_of_a_string_and_back_to_back() {
        let value = serde_json::Value::String("\u{85}\u{200f}\u{2066}x\u{9f}".into());
        assert_eq!(pretty(&value), "\"\\u0085\\u200f\\u2066x\\u009f\"");
        let parsed: serde_json::Value = serde_json::from_str(&pretty(&value)).unwrap();
        assert_eq!(parsed, value);
    }
}
