//! `import vcard FILE` and `export --format vcard`: customers to and from the contact
//! files phones and mail programs read and write. Parsing and the duplicate rules live in
//! `domain::vcard`; this reads the file, reports and prints.

use super::{Env, UsageError, print_json};
use crate::domain::text::one_line;
use crate::domain::vcard::{self, Action, Earlier, Planned};
use crate::store::{CustomerFilter, Store};
use anyhow::Result;
use std::path::Path;

/// Larger than any address book a seller keeps; refused before it is read.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Every customer not archived, as vCard 3.0 (CRLF, folded at 75 octets), by name.
pub fn export_vcard(store: &Store) -> Result<String> {
    let customers = store.customers_page(&CustomerFilter::default(), 0, i64::MAX.unsigned_abs())?;
    Ok(customers.iter().map(vcard::to_vcard).collect())
}

/// Reads every card of `file` and creates the customers not already there (all or
/// nothing); `merge` updates those that are, `dry_run` writes nothing.
pub fn import_vcard(file: &Path, merge: bool, dry_run: bool, json: bool, env: &Env) -> Result<()> {
    let shown = file.display();
    let refuse = |message: String| UsageError(format!("{shown}: {message}"));
    let size = std::fs::metadata(file).map_err(|e| refuse(format!("cannot read: {}", io_reason(&e))))?.len();
    if size > MAX_FILE_BYTES {
        return Err(refuse(format!("is {} MB; at most {} MB are read", size >> 20, MAX_FILE_BYTES >> 20)).into());
    }
    let bytes = std::fs::read(file).map_err(|e| refuse(format!("cannot read: {}", io_reason(&e))))?;
    let cards = vcard::parse(&bytes).map_err(|e| refuse(e.to_string()))?;
    let mut incoming = Vec::with_capacity(cards.len());
    for card in &cards {
        if let Some(entry) = vcard::to_customer(card, env.today).map_err(|e| refuse(e.to_string()))? {
            incoming.push((entry.line, entry.customer));
        }
    }
    let mut store = env.open_store()?;
    let planned = store.import_customers(&incoming, merge, dry_run)?;
    let count = |f: fn(&Action) -> bool| planned.iter().filter(|p| f(&p.action)).count();
    let created = count(|a| matches!(a, Action::Create(_)));
    let updated = count(|a| matches!(a, Action::Update { .. }));
    let skipped = count(|a| matches!(a, Action::Skip { .. }));
    if json {
        return print_json(&serde_json::json!({
            "file": file,
            "dry_run": dry_run,
            "created": created,
            "updated": updated,
            "skipped": skipped,
            "entries": planned.iter().map(entry_json).collect::<Vec<_>>(),
        }));
    }
    for entry in planned.iter().filter(|p| !matches!(p.action, Action::Create(_))) {
        outln!("{}", describe(entry));
    }
    let (create, update, skip) =
        if dry_run { ("would create", "update", "skip") } else { ("created", "updated", "skipped") };
    let tail = if dry_run { " (dry run: nothing written)" } else { "" };
    outln!("{create} {created}, {update} {updated}, {skip} {skipped} from {}{tail}", one_line(&shown.to_string()));
    Ok(())
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => err.to_string(),
    }
}

fn earlier_text(earlier: Earlier) -> String {
    match earlier {
        Earlier::Customer(id) => format!("customer #{id}"),
        Earlier::Line(line) => format!("the card on line {line}"),
    }
}

fn describe(entry: &Planned) -> String {
    let name = one_line(&entry.name);
    match &entry.action {
        Action::Create(_) => format!("line {}: {name}: new", entry.line),
        Action::Update { id, matched, .. } => {
            format!("line {}: {name}: updates customer #{id} ({})", entry.line, matched.label())
        }
        Action::Skip { earlier, matched } => {
            format!(
                "line {}: {name}: already there as {} ({}); skipped",
                entry.line,
                earlier_text(*earlier),
                matched.label()
            )
        }
    }
}

fn entry_json(entry: &Planned) -> serde_json::Value {
    let (action, id, matched, earlier_line) = match &entry.action {
        Action::Create(_) => ("create", None, None, None),
        Action::Update { id, matched, .. } => ("update", Some(*id), Some(*matched), None),
        Action::Skip { earlier: Earlier::Customer(id), matched } => ("skip", Some(*id), Some(*matched), None),
        Action::Skip { earlier: Earlier::Line(line), matched } => ("skip", None, Some(*matched), Some(*line)),
    };
    serde_json::json!({
        "line": entry.line,
        "name": entry.name,
        "action": action,
        "customer_id": id,
        "matched": matched,
        "duplicate_of_line": earlier_line,
    })
}
