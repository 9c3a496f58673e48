//! Cards and customers. Import takes FN (else N, else ORG) as the name, ORG's first part as
//! the company, the preferred (else first) EMAIL and TEL, every NOTE, CATEGORIES as tags,
//! and ADR's region (else its locality, else its country) as the region. salescoach's own
//! export adds `X-SALESCOACH-SEGMENT` (which category is the segment), `-INDUSTRY` and
//! `-CADENCE`, so a round trip gives the same customers.

use super::VcardError;
use super::parse::{Card, Property};
use crate::domain::customer::{Customer, NewCustomer};
use crate::domain::ical::{escape_text, fold_line};
use chrono::NaiveDate;

/// A customer read from the card that begins on `line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardCustomer {
    pub line: usize,
    pub customer: NewCustomer,
}

/// A one-line field: newlines and tabs become spaces, runs of spaces one.
fn one_line_field(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_scheme<'a>(value: &'a str, scheme: &str) -> &'a str {
    match value.get(..scheme.len()) {
        Some(head) if head.eq_ignore_ascii_case(scheme) => &value[scheme.len()..],
        _ => value,
    }
}

/// The name from N: given, additional, family (prefix and suffix left out).
fn name_from_n(n: &Property) -> String {
    let parts = n.components();
    let pick = |i: usize| parts.get(i).map(|s| one_line_field(s)).unwrap_or_default();
    [pick(1), pick(2), pick(0)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}

fn region_from_adr(adr: &Property) -> String {
    let parts = adr.components();
    [4, 3, 6]
        .iter()
        .filter_map(|&i| parts.get(i).map(|s| one_line_field(s)))
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

fn cadence(prop: &Property) -> Result<(Option<u32>, Option<u32>), VcardError> {
    let text = prop.text();
    let bad = || {
        VcardError::new(
            prop.line,
            format!("X-SALESCOACH-CADENCE '{}' is not IDEAL/MAX days, e.g. 14/30", one_line_field(&text)),
        )
    };
    let (ideal, max) = text.trim().split_once('/').ok_or_else(bad)?;
    let days = |s: &str| -> Result<Option<u32>, VcardError> {
        if s.trim().is_empty() { Ok(None) } else { s.trim().parse().map(Some).map_err(|_| bad()) }
    };
    Ok((days(ideal)?, days(max)?))
}

/// The customer a card describes; `None` for a contact group (`KIND:group`).
pub fn to_customer(card: &Card, created_on: NaiveDate) -> Result<Option<CardCustomer>, VcardError> {
    if card.preferred("KIND").is_some_and(|k| k.text().trim().eq_ignore_ascii_case("group")) {
        return Ok(None);
    }
    let text = |name: &str| card.preferred(name).map(|p| one_line_field(&p.text())).unwrap_or_default();
    let org = card.preferred("ORG").map(|p| p.components()).unwrap_or_default();
    let company = org.first().map(|s| one_line_field(s)).unwrap_or_default();
    let mut name = text("FN");
    if name.is_empty() {
        name = card.preferred("N").map(name_from_n).unwrap_or_default();
    }
    if name.is_empty() {
        name = company.clone();
    }
    if name.is_empty() {
        return Err(VcardError::new(card.line, "the card has no name (FN, N or ORG)"));
    }
    let email = card.preferred("EMAIL").map(|p| one_line_field(strip_scheme(&p.text(), "mailto:"))).unwrap_or_default();
    let phone = card.preferred("TEL").map(|p| one_line_field(strip_scheme(&p.text(), "tel:"))).unwrap_or_default();
    let notes: Vec<String> = card.all("NOTE").map(|p| p.text().trim().to_string()).filter(|n| !n.is_empty()).collect();
    let segment = text("X-SALESCOACH-SEGMENT");
    let mut categories: Vec<String> =
        card.all("CATEGORIES").flat_map(|p| p.list()).map(|c| one_line_field(&c)).filter(|c| !c.is_empty()).collect();
    if let Some(i) = categories.iter().position(|c| *c == segment) {
        categories.remove(i);
    }
    let (cadence_ideal_days, cadence_max_days) = match card.preferred("X-SALESCOACH-CADENCE") {
        Some(p) => cadence(p)?,
        None => (None, None),
    };
    let customer = NewCustomer {
        name,
        company,
        email,
        phone,
        segment,
        industry: text("X-SALESCOACH-INDUSTRY"),
        region: card.preferred("ADR").map(region_from_adr).unwrap_or_default(),
        tags: categories.join(","),
        notes: notes.join("\n"),
        cadence_ideal_days,
        cadence_max_days,
        created_on,
    };
    customer.validate().map_err(|e| {
        let property = match e.field {
            "name" => ["FN", "N"].iter().find_map(|n| card.preferred(n)),
            "company" => card.preferred("ORG"),
            "email" => card.preferred("EMAIL"),
            "phone" => card.preferred("TEL"),
            "notes" => card.preferred("NOTE"),
            "region" => card.preferred("ADR"),
            "tags" => card.preferred("CATEGORIES"),
            "segment" => card.preferred("X-SALESCOACH-SEGMENT"),
            "industry" => card.preferred("X-SALESCOACH-INDUSTRY"),
            _ => card.preferred("X-SALESCOACH-CADENCE"),
        };
        VcardError::new(property.map_or(card.line, |p| p.line), e.to_string())
    })?;
    Ok(Some(CardCustomer { line: card.line, customer }))
}

/// N from a display name: the last word is the family name, the rest given names.
fn structured_name(name: &str) -> String {
    match name.trim().rsplit_once(' ') {
        Some((given, family)) => format!("{};{};;;", escape_text(family), escape_text(given.trim())),
        None => format!("{};;;;", escape_text(name.trim())),
    }
}

/// A vCard 3.0 for `c`, folded, CRLF line ends.
pub fn to_vcard(c: &Customer) -> String {
    let mut lines = vec![
        "BEGIN:VCARD".to_string(),
        "VERSION:3.0".into(),
        format!("UID:customer-{}@salescoach", c.id),
        format!("FN:{}", escape_text(&c.name)),
        format!("N:{}", structured_name(&c.name)),
    ];
    let mut push = |condition: bool, line: String| {
        if condition {
            lines.push(line);
        }
    };
    push(!c.company.is_empty(), format!("ORG:{}", escape_text(&c.company)));
    push(!c.email.is_empty(), format!("EMAIL;TYPE=INTERNET:{}", escape_text(&c.email)));
    push(!c.phone.is_empty(), format!("TEL;TYPE=VOICE:{}", escape_text(&c.phone)));
    push(!c.region.is_empty(), format!("ADR;TYPE=WORK:;;;;{};;", escape_text(&c.region)));
    push(!c.notes.is_empty(), format!("NOTE:{}", escape_text(&c.notes)));
    let categories: Vec<String> = std::iter::once(c.segment.as_str())
        .chain(c.tags.split(','))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(escape_text)
        .collect();
    push(!categories.is_empty(), format!("CATEGORIES:{}", categories.join(",")));
    push(!c.segment.is_empty(), format!("X-SALESCOACH-SEGMENT:{}", escape_text(&c.segment)));
    push(!c.industry.is_empty(), format!("X-SALESCOACH-INDUSTRY:{}", escape_text(&c.industry)));
    let cadence = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
    push(
        c.cadence_ideal_days.is_some() || c.cadence_max_days.is_some(),
        format!("X-SALESCOACH-CADENCE:{}/{}", cadence(c.cadence_ideal_days), cadence(c.cadence_max_days)),
    );
    lines.push("END:VCARD".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

#[cfg(test)]
#[path = "map_tests.rs"]
mod tests;
