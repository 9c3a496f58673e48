//! Money as integer minor units (cents). Never a float: `0.1 + 0.2` must not cost anyone a cent.
//!
//! Input accepts an optional currency sign (`$`, `€`, `£`, `¥` or a 3-letter code), thousands
//! separators in groups of three (`1,234.50`) and at most two decimals. `1.234` is refused
//! rather than guessed: in much of Europe it means one thousand two hundred and thirty-four.

use std::fmt;

/// Why a money string was refused. The message names what is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    Negative,
    TooManyDecimals,
    BadGrouping,
    NotANumber(String),
    TooLarge,
}

impl MoneyError {
    /// The message, with examples written the way `separators` reads amounts.
    pub fn describe(&self, separators: Separators) -> String {
        let accepted = format!(
            "use digits with an optional {} and two decimals, e.g. {} or {}",
            separators.decimal,
            Separators { thousands: None, ..separators }.plain(123_450),
            separators.plain(123_450)
        );
        match self {
            Self::Empty => format!("is empty; {accepted}"),
            Self::Negative => "must not be negative; record refunds as refunds".into(),
            Self::TooManyDecimals => format!("has more than two decimals; {accepted}"),
            Self::BadGrouping => format!("has misplaced thousands separators; {accepted}"),
            Self::NotANumber(s) => format!("'{s}' is not an amount; {accepted}"),
            Self::TooLarge => format!("is too large (at most {})", separators.plain(MAX_MINOR.unsigned_abs())),
        }
    }
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Separators::default()))
    }
}

impl std::error::Error for MoneyError {}

/// Largest accepted amount in minor units (a trillion): 90,000 of them still sum inside `i64`.
pub const MAX_MINOR: i64 = 100_000_000_000_000;

const SIGNS: [&str; 4] = ["$", "€", "£", "¥"];

/// Parses a non-negative amount into minor units (`"$1,234.50"` -> `123450`).
pub fn parse_money(input: &str) -> Result<i64, MoneyError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(MoneyError::Empty);
    }
    if trimmed.starts_with('-') || trimmed.ends_with('-') {
        return if trimmed.chars().any(|c| c.is_ascii_digit()) {
            Err(MoneyError::Negative)
        } else {
            Err(MoneyError::NotANumber(trimmed.to_string()))
        };
    }
    let number = strip_currency(trimmed);
    let (whole, fraction) = match number.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (number, None),
    };
    let whole = if whole.is_empty() && fraction.is_some() { "0" } else { whole };
    let whole_digits = whole_digits(whole, trimmed)?;
    let cents = match fraction {
        None => 0,
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(MoneyError::NotANumber(trimmed.to_string()));
        }
        Some(f) if f.len() > 2 => return Err(MoneyError::TooManyDecimals),
        Some(f) if f.len() == 1 => i64::from(f.as_bytes()[0] - b'0') * 10,
        Some(f) => i64::from(f.as_bytes()[0] - b'0') * 10 + i64::from(f.as_bytes()[1] - b'0'),
    };
    let units: i64 = whole_digits.parse().map_err(|_| MoneyError::TooLarge)?;
    let minor = units.checked_mul(100).and_then(|m| m.checked_add(cents)).ok_or(MoneyError::TooLarge)?;
    if minor > MAX_MINOR {
        return Err(MoneyError::TooLarge);
    }
    Ok(minor)
}

fn strip_currency(s: &str) -> &str {
    let mut s = s;
    for sign in SIGNS {
        s = s.strip_prefix(sign).unwrap_or(s);
        s = s.strip_suffix(sign).unwrap_or(s);
    }
    let s = s.trim();
    // A trailing or leading ISO code such as "EUR 12" or "12 USD".
    let is_code = |w: &str| w.len() == 3 && w.bytes().all(|b| b.is_ascii_uppercase());
    if let Some((head, tail)) = s.split_once(' ') {
        if is_code(head) {
            return tail.trim();
        }
        if is_code(tail) {
            return head.trim();
        }
    }
    s
}

/// The digits of the whole part, after checking that thousands separators group by three.
fn whole_digits(whole: &str, original: &str) -> Result<String, MoneyError> {
    if whole.is_empty() {
        return Err(MoneyError::NotANumber(original.to_string()));
    }
    let groups: Vec<&str> = whole.split(',').collect();
    if groups.iter().any(|g| !g.bytes().all(|b| b.is_ascii_digit()) || g.is_empty()) {
        return if groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit())) {
            Err(MoneyError::BadGrouping)
        } else {
            Err(MoneyError::NotANumber(original.to_string()))
        };
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return Err(MoneyError::BadGrouping);
    }
    let digits: String = groups.concat();
    if digits.len() > 18 {
        return Err(MoneyError::TooLarge);
    }
    Ok(digits)
}

/// How numbers are written: the decimal separator and the one between groups of three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Separators {
    /// Between whole units and cents: `.` or `,`.
    pub decimal: char,
    /// Between groups of three digits; `None` for no grouping.
    pub thousands: Option<char>,
}

impl Default for Separators {
    fn default() -> Self {
        Self { decimal: '.', thousands: Some(',') }
    }
}

impl Separators {
    fn is_canonical(self) -> bool {
        self.decimal == '.' && matches!(self.thousands, Some(',') | None)
    }

    /// `1234567` -> `1,234,567` (or `1.234.567`, `1 234 567`, `1234567`).
    pub fn group(self, n: u64) -> String {
        match self.thousands {
            Some(',') => group_thousands(n),
            Some(sep) => group_thousands(n).replace(',', &sep.to_string()),
            None => n.to_string(),
        }
    }

    /// `123450` -> `1,234.50`, no sign: what a form shows for an amount to edit.
    pub fn plain(self, minor: u64) -> String {
        format!("{}{}{:02}", self.group(minor / 100), self.decimal, minor % 100)
    }

    /// Reads an amount written with these separators. Text without this decimal separator
    /// that does not read that way is read as `1,234.50` (what exports and scripts write):
    /// `4890.00` is unambiguous with a decimal comma, `1,500` is not and stays refused.
    pub fn parse_money(self, text: &str) -> Result<i64, MoneyError> {
        if self.is_canonical() {
            return parse_money(text);
        }
        let local = parse_money(&self.to_canonical(text));
        match local {
            Err(_) if !text.contains(self.decimal) => parse_money(text).or(local),
            _ => local,
        }
    }

    /// An amount for `field`, refused in this format's words.
    pub fn amount(self, text: &str, field: &'static str) -> Result<i64, super::FieldError> {
        self.parse_money(text).map_err(|e| super::FieldError::new(field, e.describe(self)))
    }

    /// A whole number grouped by these separators' thousands (`1.200`), as `1,200`.
    pub fn canonical_count(self, text: &str) -> String {
        match self.thousands {
            Some(sep) if sep != ',' => self.rewrite(text, '.'),
            _ => text.to_string(),
        }
    }

    /// Rewrites `1.234,50` (decimal `,`, thousands `.`) as `1,234.50`.
    fn to_canonical(self, text: &str) -> String {
        self.rewrite(text, self.decimal)
    }

    /// Thousands separators to `,` and `decimal` to `.`. A thousands separator counts only
    /// between digits, so `EUR 1 234,50` keeps its first space.
    fn rewrite(self, text: &str, decimal: char) -> String {
        let chars: Vec<char> = text.chars().collect();
        let digit_at = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(char::is_ascii_digit);
        let mut out = String::with_capacity(text.len());
        for (i, &c) in chars.iter().enumerate() {
            let between_digits = digit_at(i.checked_sub(1)) && digit_at(Some(i + 1));
            if Some(c) == self.thousands && between_digits {
                out.push(',');
            } else if c == decimal {
                out.push('.');
            } else {
                out.push(c);
            }
        }
        out
    }
}

/// How amounts are shown: the sign, whether it goes before or after the number, and the
/// separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    pub symbol: String,
    pub symbol_after: bool,
    pub separators: Separators,
}

impl Default for Currency {
    fn default() -> Self {
        Self { symbol: "$".into(), symbol_after: false, separators: Separators::default() }
    }
}

impl Currency {
    /// `123450` -> `$1,234.50`; negative amounts (net of refunds) as `-$12.00`.
    pub fn format(&self, minor: i64) -> String {
        self.with_symbol(minor < 0, &self.separators.plain(minor.unsigned_abs()))
    }

    /// Whole units only, for axis labels and tight columns: `123450` -> `$1,235`.
    pub fn format_whole(&self, minor: i64) -> String {
        self.with_symbol(minor < 0, &self.separators.group((minor.unsigned_abs() + 50) / 100))
    }

    fn with_symbol(&self, negative: bool, number: &str) -> String {
        let sign = if negative { "-" } else { "" };
        if self.symbol_after {
            format!("{sign}{number} {}", self.symbol)
        } else {
            format!("{sign}{}{number}", self.symbol)
        }
    }

    /// Reads an amount as this currency writes it (see [`Separators::parse_money`]).
    pub fn parse(&self, text: &str) -> Result<i64, MoneyError> {
        self.separators.parse_money(text)
    }

    /// An amount for `field`, refused in this currency's words.
    pub fn amount(&self, text: &str, field: &'static str) -> Result<i64, super::FieldError> {
        self.separators.amount(text, field)
    }
}

/// `123450` -> `1,234.50`, no sign.
pub fn format_plain(minor: u64) -> String {
    Separators::default().plain(minor)
}

/// `1234567` -> `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        let cases = [
            ("0", 0),
            ("7", 700),
            ("1234.5", 123_450),
            ("1234.50", 123_450),
            ("1,234.50", 123_450),
            ("$1,234.50", 123_450),
            ("  $1,234.50 ", 123_450),
            ("1234.50€", 123_450),
            ("EUR 99.99", 9_999),
            ("99.99 USD", 9_999),
            ("0.05", 5),
            (".5", 50),
            ("1,000,000", 100_000_000),
            ("1000000000000", 100_000_000_000_000),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_money(input), Ok(expected), "input {input:?}");
        }
    }

    #[test]
    fn refused_forms() {
        use MoneyError::*;
        let cases: [(&str, MoneyError); 14] = [
            ("", Empty),
            ("   ", Empty),
            ("-", NotANumber("-".into())),
            ("-5", Negative),
            ("abc", NotANumber("abc".into())),
            ("NaN", NotANumber("NaN".into())),
            ("inf", NotANumber("inf".into())),
            ("1.234", TooManyDecimals),
            ("1.", NotANumber("1.".into())),
            ("1,23", BadGrouping),
            ("12,34,567", BadGrouping),
            ("1e5", NotANumber("1e5".into())),
            ("1000000000000.01", TooLarge),
            ("99999999999999999999", TooLarge),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_money(input), Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn error_messages_say_what_is_accepted() {
        let msg = parse_money("abc").unwrap_err().to_string();
        assert!(msg.contains("1,234.50"), "{msg}");
    }

    #[test]
    fn formatting() {
        let usd = Currency::default();
        assert_eq!(usd.format(0), "$0.00");
        assert_eq!(usd.format(5), "$0.05");
        assert_eq!(usd.format(123_450), "$1,234.50");
        assert_eq!(usd.format(-1_200), "-$12.00");
        assert_eq!(usd.format(100_000_000), "$1,000,000.00");
        assert_eq!(usd.format_whole(123_450), "$1,235");
        assert_eq!(usd.format_whole(149), "$1");
        let eur = Currency { symbol: "€".into(), symbol_after: true, ..Currency::default() };
        assert_eq!(eur.format(123_450), "1,234.50 €");
    }

    #[test]
    fn a_decimal_comma_reads_local_amounts_and_still_the_unambiguous_canonical_ones() {
        let german = Separators { decimal: ',', thousands: Some('.') };
        let cases: [(&str, Result<i64, MoneyError>); 9] = [
            ("1.234,50", Ok(123_450)),
            ("1234,5", Ok(123_450)),
            ("1.234", Ok(123_400)),
            ("0,05 €", Ok(5)),
            // What exports and scripts write: no comma, so nothing to misread.
            ("4890.00", Ok(489_000)),
            ("12", Ok(1_200)),
            // A comma is this format's decimal: three decimals, refused rather than 1500.
            ("1,500", Err(MoneyError::TooManyDecimals)),
            ("1,234.50", Err(MoneyError::NotANumber("1.234,50".into()))),
            ("12.34.56", Err(MoneyError::BadGrouping)),
        ];
        for (text, expected) in cases {
            assert_eq!(german.parse_money(text), expected, "{text}");
        }
        let swiss = Separators { decimal: '.', thousands: Some('\'') };
        assert_eq!(swiss.parse_money("1'234.50"), Ok(123_450));
        assert_eq!(swiss.parse_money("1,234.50"), Ok(123_450));
        assert_eq!(swiss.plain(123_456_789), "1'234'567.89");
        let french = Separators { decimal: ',', thousands: Some(' ') };
        assert_eq!(french.parse_money("EUR 1 234,50"), Ok(123_450));
        assert_eq!(french.plain(123_450), "1 234,50");
        assert_eq!(Separators { decimal: '.', thousands: None }.plain(123_450), "1234.50");
    }

    #[test]
    fn refusals_give_examples_in_the_sellers_own_format() {
        let german = Separators { decimal: ',', thousands: Some('.') };
        let err = german.amount("abc", "amount").unwrap_err();
        assert_eq!(err.field, "amount");
        assert_eq!(
            err.message,
            "'abc' is not an amount; use digits with an optional , and two decimals, e.g. 1234,50 or 1.234,50"
        );
        assert_eq!(german.canonical_count("1.200"), "1,200");
        assert_eq!(Separators::default().canonical_count("1,200"), "1,200");
        assert_eq!(
            MoneyError::Empty.to_string(),
            "is empty; use digits with an optional . and two decimals, e.g. 1234.50 or 1,234.50"
        );
    }

    #[test]
    fn format_then_parse_round_trips() {
        let usd = Currency::default();
        for minor in [0, 1, 99, 100, 12_345, 999_999_999, MAX_MINOR] {
            assert_eq!(parse_money(&usd.format(minor)), Ok(minor));
        }
    }
}
