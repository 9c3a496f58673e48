//! Objections raised on an interaction (issue 14): what the seller typed, understood as list keys
//! where it matches the configured list and kept as the seller's own words where it does not.

/// The list a config file without `objections` gets.
pub const DEFAULT_OBJECTIONS: [&str; 6] = ["price", "timing", "need", "trust", "competitor", "authority"];

/// The longest objection kept; longer text is refused so a figure's label stays one line.
pub const MAX_OBJECTION_CHARS: usize = 60;

/// One objection as understood: a key of the configured list, or the seller's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Objection {
    Listed(String),
    Own(String),
}

impl Objection {
    /// The text stored in the database: the list key, or the trimmed words.
    pub fn as_stored(&self) -> &str {
        match self {
            Objection::Listed(key) | Objection::Own(key) => key,
        }
    }
}

/// Splits `price, timing` on commas, trims each part, folds case onto list keys, drops empty
/// parts and repeats (a repeat would count one objection twice in the figures).
pub fn parse_objections(input: &str, list: &[String]) -> Result<Vec<Objection>, String> {
    let mut out: Vec<Objection> = Vec::new();
    for part in input.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        check_stored(part).map_err(|e| format!("objection: {e}"))?;
        let folded = part.to_lowercase();
        let objection = match list.iter().find(|key| key.to_lowercase() == folded) {
            Some(key) => Objection::Listed(key.clone()),
            None => Objection::Own(part.to_string()),
        };
        // The database keeps one of each per interaction, case aside.
        if !out.iter().any(|o| o.as_stored().to_lowercase() == objection.as_stored().to_lowercase()) {
            out.push(objection);
        }
    }
    Ok(out)
}

/// `price, timing` as the texts to store.
pub fn stored_objections(input: &str, list: &[String]) -> Result<Vec<String>, String> {
    Ok(parse_objections(input, list)?.into_iter().map(|o| o.as_stored().to_string()).collect())
}

/// One objection as the database accepts it: some text, at most 60 characters, no control
/// characters (an imported escape must not reach the terminal through a figure's label).
pub fn check_stored(objection: &str) -> Result<(), String> {
    if objection.trim().is_empty() {
        return Err("is empty; name the objection, e.g. price".into());
    }
    if objection.chars().count() > MAX_OBJECTION_CHARS {
        return Err(format!("at most {MAX_OBJECTION_CHARS} characters each, separated by commas"));
    }
    if objection.chars().any(char::is_control) {
        return Err("plain text without control characters".into());
    }
    Ok(())
}

/// What the status line says it understood: `price, timing + your words: 'too far'`.
pub fn describe(objections: &[Objection]) -> String {
    let listed: Vec<&str> = objections
        .iter()
        .filter_map(|o| match o {
            Objection::Listed(k) => Some(k.as_str()),
            Objection::Own(_) => None,
        })
        .collect();
    let own: Vec<String> = objections
        .iter()
        .filter_map(|o| match o {
            Objection::Own(w) => Some(format!("'{}'", crate::domain::text::one_line(w))),
            Objection::Listed(_) => None,
        })
        .collect();
    match (listed.is_empty(), own.is_empty()) {
        (true, true) => "no objections".to_string(),
        (false, true) => listed.join(", "),
        (true, false) => format!("your words: {}", own.join(", ")),
        (false, false) => format!("{} + your words: {}", listed.join(", "), own.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> Vec<String> {
        DEFAULT_OBJECTIONS.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn folds_case_onto_list_keys_and_keeps_own_words() {
        let got = parse_objections(" Price, TIMING ,too far,, price", &list()).unwrap();
        assert_eq!(
            got,
            vec![
                Objection::Listed("price".into()),
                Objection::Listed("timing".into()),
                Objection::Own("too far".into()),
            ]
        );
        assert_eq!(describe(&got), "price, timing + your words: 'too far'");
    }

    #[test]
    fn empty_input_is_no_objections() {
        assert_eq!(parse_objections(" , ", &list()).unwrap(), vec![]);
        assert_eq!(describe(&[]), "no objections");
        assert_eq!(describe(&[Objection::Own("x".into())]), "your words: 'x'");
    }

    #[test]
    fn refuses_long_or_control_text() {
        let long = "a".repeat(61);
        assert!(parse_objections(&long, &list()).unwrap_err().contains("60"));
        assert!(parse_objections(&"a".repeat(60), &list()).is_ok());
        assert!(parse_objections("bad\u{1b}[2J", &list()).is_err());
    }
}
