//! Pretty JSON written straight to a writer, with every character `text::needs_replacing`
//! flags (C1 controls, DEL, bidi overrides) escaped as it goes. serde escapes only
//! U+0000-U+001F; escaping here, inside the string fragments serde hands over, spares the
//! whole document in memory and a second pass over it.

use super::text::needs_replacing;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};
use std::io::{self, Write};

/// serde_json's pretty formatter, escaping what a terminal could be driven by.
pub struct SafeFormatter(PrettyFormatter<'static>);

impl SafeFormatter {
    pub fn pretty() -> Self {
        Self(PrettyFormatter::new())
    }
}

/// Writes `value` as pretty JSON (two-space indent, as `to_string_pretty`) to `out`,
/// through a buffer of its own: serde writes a few bytes at a time.
pub fn write_pretty(out: impl Write, value: &impl Serialize) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(32 * 1024, out);
    value.serialize(&mut Serializer::with_formatter(&mut buffered, SafeFormatter::pretty()))?;
    buffered.flush()
}

impl Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        // Each such character is DEL or starts with byte C2 (C1 controls) or E2 (bidi
        // marks): text without those bytes, nearly all of it, is written as it is.
        if !fragment.bytes().any(|b| matches!(b, 0x7f | 0xc2 | 0xe2)) {
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
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
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
    fn text_with_the_lead_bytes_of_harmless_characters_is_kept() {
        // U+00E9 is C3 A9, U+00A0 is C2 A0, U+2014 is E2 80 94: none needs an escape.
        let value = serde_json::Value::String("caf\u{e9}\u{a0}\u{2014}\u{20ac}".into());
        assert_eq!(pretty(&value), "\"caf\u{e9}\u{a0}\u{2014}\u{20ac}\"");
    }

    #[test]
    fn escapes_at_the_edges_of_a_string_and_back_to_back() {
        let value = serde_json::Value::String("\u{85}\u{200f}\u{2066}x\u{9f}".into());
        assert_eq!(pretty(&value), "\"\\u0085\\u200f\\u2066x\\u009f\"");
        let parsed: serde_json::Value = serde_json::from_str(&pretty(&value)).unwrap();
        assert_eq!(parsed, value);
    }
}
