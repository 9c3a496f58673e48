//! Turning what the seller types into an FTS5 query. Plain words become prefix terms
//! (`ces kru` finds "Český Krumlov"); text with FTS syntax is tried as written, and if
//! SQLite rejects it, it is retried as plain quoted terms, so a search never errors.

/// Characters that make a query "FTS syntax" rather than plain words.
fn looks_like_syntax(query: &str) -> bool {
    query.contains(['"', '*', '(', ')', ':', '^', '+', '-'])
        || query.split_whitespace().any(|w| matches!(w, "AND" | "OR" | "NOT" | "NEAR"))
}

/// Every word quoted (quotes doubled) with a prefix star, joined by AND.
pub fn plain_terms(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The queries to try, in order: the user's syntax first (if any), then plain terms.
pub fn attempts(query: &str) -> Vec<String> {
    let mut tries = Vec::new();
    if looks_like_syntax(query) && !query.trim().is_empty() {
        tries.push(query.trim().to_string());
    }
    if let Some(plain) = plain_terms(query) {
        tries.push(plain);
    }
    tries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_become_prefix_terms() {
        assert_eq!(attempts("lever pro"), vec!["\"lever\"* \"pro\"*"]);
        assert_eq!(attempts("  český  "), vec!["\"český\"*"]);
    }

    #[test]
    fn syntax_is_tried_first_then_quoted() {
        assert_eq!(attempts("grinder OR machine"), vec!["grinder OR machine", "\"grinder\"* \"OR\"* \"machine\"*"]);
        assert_eq!(attempts("\"unbalanced"), vec!["\"unbalanced", "\"unbalanced\"*"]);
        assert_eq!(attempts("AND OR"), vec!["AND OR", "\"AND\"* \"OR\"*"]);
    }

    #[test]
    fn nothing_searchable() {
        assert_eq!(attempts("*"), vec!["*"]);
        assert_eq!(attempts("   "), Vec::<String>::new());
        assert_eq!(plain_terms("!!! ???"), None);
    }
}
