//! vCard text to cards. Lines end in CRLF or LF; a line starting with a space or tab
//! continues the previous one (RFC 6350 folding); a quoted-printable value ending in `=`
//! continues on the next line (vCard 2.1). Values are decoded (quoted-printable, then
//! CHARSET: UTF-8, US-ASCII, ISO-8859-1 or Windows-1252) but not unescaped: that depends
//! on the property (see `Property::text`).

use super::VcardError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// `item1` in `item1.EMAIL`.
    pub group: Option<String>,
    /// Upper case: `EMAIL`.
    pub name: String,
    /// Upper-case names; a value list (`TYPE=work,voice`) is one entry per value; a bare
    /// 2.1 parameter (`TEL;CELL`) is `TYPE`, or `ENCODING` for an encoding.
    pub params: Vec<(String, String)>,
    pub value: String,
    pub line: usize,
}

impl Property {
    pub fn has_param(&self, name: &str, value: &str) -> bool {
        self.params.iter().any(|(n, v)| n == name && v.eq_ignore_ascii_case(value))
    }

    /// Marked preferred: `TYPE=pref` (3.0), `PREF=1` (4.0) or a bare `PREF` (2.1).
    pub fn is_preferred(&self) -> bool {
        self.has_param("TYPE", "pref") || self.params.iter().any(|(n, _)| n == "PREF")
    }

    /// The value as text: `\n` is a newline, `\,` `\;` `\\` `\:` the character itself.
    pub fn text(&self) -> String {
        unescape(&self.value)
    }

    /// A structured value (`N`, `ADR`, `ORG`) split on unescaped `;`, each part unescaped.
    pub fn components(&self) -> Vec<String> {
        split_unescaped(&self.value, ';').iter().map(|p| unescape(p)).collect()
    }

    /// A list value (`CATEGORIES`) split on unescaped `,`, each part unescaped.
    pub fn list(&self) -> Vec<String> {
        split_unescaped(&self.value, ',').iter().map(|p| unescape(p)).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The line of `BEGIN:VCARD`.
    pub line: usize,
    pub properties: Vec<Property>,
}

impl Card {
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }

    fn first_preferred(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name && p.is_preferred())
    }

    /// The preferred property of that name, else the first.
    pub fn preferred(&self, name: &str) -> Option<&Property> {
        self.first_preferred(name).or_else(|| self.properties.iter().find(|p| p.name == name))
    }
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ (',' | ';' | '\\' | ':')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn split_unescaped(value: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let last = parts.last_mut();
                if let Some(part) = last {
                    part.push('\\');
                    if let Some(next) = chars.next() {
                        part.push(next);
                    }
                }
            }
            c if c == sep => parts.push(String::new()),
            c => {
                if let Some(part) = parts.last_mut() {
                    part.push(c);
                }
            }
        }
    }
    parts
}

/// One logical line: its bytes and the physical line it starts on.
struct Logical {
    bytes: Vec<u8>,
    line: usize,
}

/// Index of the first `:` outside double quotes: the end of name and parameters.
fn header_end(bytes: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn is_quoted_printable(bytes: &[u8]) -> bool {
    header_end(bytes).is_some_and(|end| bytes[..end].to_ascii_uppercase().windows(16).any(|w| w == b"QUOTED-PRINTABLE"))
}

/// Physical lines joined into logical ones.
fn unfold(bytes: &[u8]) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    // Old Macs end lines with a bare CR.
    let line_end = if !bytes.contains(&b'\n') && bytes.contains(&b'\r') { b'\r' } else { b'\n' };
    for (index, raw) in bytes.split(|&b| b == line_end).enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let number = index + 1;
        if let Some(last) = out.last_mut() {
            if matches!(line.first(), Some(b' ' | b'\t')) {
                last.bytes.extend_from_slice(&line[1..]);
                continue;
            }
            if last.bytes.ends_with(b"=") && is_quoted_printable(&last.bytes) {
                last.bytes.pop();
                last.bytes.extend_from_slice(line);
                continue;
            }
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        out.push(Logical { bytes: line.to_vec(), line: number });
    }
    out
}

fn decode_quoted_printable(bytes: &[u8], line: usize) -> Result<Vec<u8>, VcardError> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'=' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) => out.push(byte),
            None => {
                let shown = String::from_utf8_lossy(&bytes[i..bytes.len().min(i + 3)]).into_owned();
                return Err(VcardError::new(
                    line,
                    format!("'{shown}' is not quoted-printable (=XX with two hex digits)"),
                ));
            }
        }
        i += 3;
    }
    Ok(out)
}

/// Windows-1252's characters for 0x80-0x9F (ISO-8859-1 has controls there).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn decode_charset(bytes: Vec<u8>, charset: Option<&str>, line: usize) -> Result<String, VcardError> {
    let charset = charset.map(str::to_ascii_uppercase);
    match charset.as_deref() {
        None | Some("UTF-8" | "UTF8" | "US-ASCII" | "ASCII") => String::from_utf8(bytes).map_err(|_| {
            VcardError::new(line, "is not valid UTF-8; save the file as UTF-8 (or mark the line CHARSET=ISO-8859-1)")
        }),
        Some("ISO-8859-1" | "ISO8859-1" | "LATIN1" | "LATIN-1") => Ok(bytes.iter().map(|&b| char::from(b)).collect()),
        Some("WINDOWS-1252" | "CP1252") => Ok(bytes
            .iter()
            .map(|&b| if (0x80..0xa0).contains(&b) { CP1252_HIGH[usize::from(b - 0x80)] } else { char::from(b) })
            .collect()),
        Some(other) => Err(VcardError::new(
            line,
            format!(
                "CHARSET={} is not supported (UTF-8, ISO-8859-1 and Windows-1252 are); save the file as UTF-8",
                other.chars().filter(|c| c.is_ascii_graphic()).take(40).collect::<String>()
            ),
        )),
    }
}

/// Splits `NAME;P=V;P2="a,b"` on `;` outside quotes.
fn split_params(header: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in header.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                parts.push(&header[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&header[start..]);
    parts
}

fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut short: String = text.chars().take(40).map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect();
    if text.chars().count() > 40 {
        short.push('…');
    }
    short
}

fn property(logical: &Logical) -> Result<Property, VcardError> {
    let line = logical.line;
    let Some(end) = header_end(&logical.bytes) else {
        return Err(VcardError::new(line, format!("'{}' is not a vCard line (NAME:value)", shown(&logical.bytes))));
    };
    let header = std::str::from_utf8(&logical.bytes[..end])
        .map_err(|_| VcardError::new(line, "the property name is not valid UTF-8"))?;
    let parts = split_params(header);
    let full_name = parts[0].trim();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((g, n)) => (Some(g.to_string()), n),
        None => (None, full_name),
    };
    let valid = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid(name) || group.as_deref().is_some_and(|g| !g.split('.').all(valid)) {
        return Err(VcardError::new(line, format!("'{}' is not a vCard property name", shown(full_name.as_bytes()))));
    }
    let mut params = Vec::new();
    for param in &parts[1..] {
        let param = param.trim();
        if param.is_empty() {
            continue;
        }
        match param.split_once('=') {
            Some((key, values)) => {
                let key = key.trim().to_ascii_uppercase();
                for value in values.split(',') {
                    params.push((key.clone(), value.trim().trim_matches('"').to_string()));
                }
            }
            None => {
                let upper = param.to_ascii_uppercase();
                let key = match upper.as_str() {
                    "QUOTED-PRINTABLE" | "BASE64" | "8BIT" | "7BIT" | "B" => "ENCODING",
                    "PREF" => "PREF",
                    _ => "TYPE",
                };
                params.push((key.to_string(), param.to_string()));
            }
        }
    }
    let mut prop = Property { group, name: name.to_ascii_uppercase(), params, value: String::new(), line };
    let raw = logical.bytes[end + 1..].to_vec();
    let binary = prop.has_param("ENCODING", "b") || prop.has_param("ENCODING", "base64");
    if binary {
        // Photos, logos, keys: kept as the encoded text, never interpreted.
        prop.value = String::from_utf8_lossy(&raw).into_owned();
        return Ok(prop);
    }
    let bytes = if prop.has_param("ENCODING", "quoted-printable") { decode_quoted_printable(&raw, line)? } else { raw };
    let charset = prop.params.iter().find(|(n, _)| n == "CHARSET").map(|(_, v)| v.clone());
    let value = decode_charset(bytes, charset.as_deref(), line)?;
    if let Some(c) = value.chars().find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        return Err(VcardError::new(line, format!("{} holds a control character (U+{:04X})", prop.name, u32::from(c))));
    }
    prop.value = value.replace("\r\n", "\n").replace('\r', "\n");
    Ok(prop)
}

/// Every card in the file, in order. Refuses anything that is not a sequence of
/// `BEGIN:VCARD` ... `END:VCARD` blocks with a known VERSION.
pub fn parse(bytes: &[u8]) -> Result<Vec<Card>, VcardError> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(VcardError::new(1, "the file is UTF-16; save it as UTF-8"));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut cards = Vec::new();
    let mut open: Option<Card> = None;
    for logical in unfold(bytes) {
        let prop = property(&logical)?;
        let value = prop.value.trim();
        match (prop.name.as_str(), open.as_mut()) {
            ("BEGIN", None) if value.eq_ignore_ascii_case("VCARD") => {
                open = Some(Card { line: prop.line, properties: Vec::new() });
            }
            ("BEGIN", None) if value.eq_ignore_ascii_case("VCALENDAR") => {
                return Err(VcardError::new(prop.line, "this is an iCalendar file, not a vCard"));
            }
            ("BEGIN", Some(card)) => {
                return Err(VcardError::new(
                    prop.line,
                    format!("BEGIN inside the card begun on line {} (missing END:VCARD)", card.line),
                ));
            }
            ("END", Some(_)) if value.eq_ignore_ascii_case("VCARD") => {
                if let Some(card) = open.take() {
                    cards.push(card);
                }
            }
            ("END", Some(_)) => return Err(VcardError::new(prop.line, "END must be END:VCARD here")),
            ("END", None) => return Err(VcardError::new(prop.line, "END:VCARD without BEGIN:VCARD")),
            ("VERSION", Some(card)) => {
                if !matches!(value, "2.1" | "3.0" | "4.0") {
                    return Err(VcardError::new(
                        prop.line,
                        format!("VERSION {} is not supported (2.1, 3.0 and 4.0 are)", shown(value.as_bytes())),
                    ));
                }
                card.properties.push(prop);
            }
            (_, Some(card)) => card.properties.push(prop),
            (name, None) => {
                return Err(VcardError::new(prop.line, format!("{name} outside a card (BEGIN:VCARD ... END:VCARD)")));
            }
        }
    }
    if let Some(card) = open {
        return Err(VcardError::new(card.line, "the card begun here has no END:VCARD (is the file cut short?)"));
    }
    if cards.is_empty() {
        return Err(VcardError::new(1, "no vCard in the file (BEGIN:VCARD ... END:VCARD)"));
    }
    Ok(cards)
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
