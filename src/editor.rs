//! Long text goes through the seller's own editor, chosen and run the way git runs one:
//! `$VISUAL`, then `$EDITOR`, then `vi`, handed to `sh -c '<editor> "$@"' <editor> <file>`,
//! so `code -w`, quoted arguments and paths with spaces all work. The text travels in a
//! private (0600) temp file. A text that is refused once edited (too long, say) is kept in
//! a recovery file beside the database, and the refusal names it: typing is never lost.

use anyhow::{Context, Result, bail};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The editor command when neither `$VISUAL` nor `$EDITOR` names one.
pub const FALLBACK_EDITOR: &str = "vi";

/// The editor command to run: `visual`, then `editor`, then `vi`; blank values are skipped,
/// as git skips them.
pub fn choose_editor(visual: Option<&str>, editor: Option<&str>) -> String {
    [visual, editor]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|command| !command.is_empty())
        .unwrap_or(FALLBACK_EDITOR)
        .to_string()
}

/// The editor command from this process's environment (`$VISUAL`, `$EDITOR`, `vi`).
pub fn editor_from_env() -> String {
    choose_editor(std::env::var("VISUAL").ok().as_deref(), std::env::var("EDITOR").ok().as_deref())
}

fn temp_path() -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    std::env::temp_dir().join(format!("salescoach-{}-{nanos}.md", std::process::id()))
}

/// Opens `initial` in `editor` (a shell command, as in `$EDITOR`; blank or `None` means
/// `vi`) and returns what was saved. The caller must have handed the terminal back (the
/// TUI suspends itself first).
pub fn edit_text(initial: &str, editor: Option<&str>) -> Result<String> {
    let command = choose_editor(None, editor);
    let path = temp_path();
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(initial.as_bytes())?;
    drop(file);
    let result =
        run(&command, &path).and_then(|()| std::fs::read_to_string(&path).context("cannot read the edited text"));
    let _ = std::fs::remove_file(&path);
    result
}

/// `sh -c '<editor> "$@"' <editor> <file>`: the shell splits the command as the seller
/// wrote it (quotes and all) and the file goes in as one argument, spaces included.
fn run(command: &str, path: &Path) -> Result<()> {
    let status = match Command::new("sh").arg("-c").arg(format!("{command} \"$@\"")).arg(command).arg(path).status() {
        Ok(status) => status,
        Err(err) => bail!("cannot start a shell to run the editor '{command}': {err}"),
    };
    // The shell's own codes: 127 the command was not found, 126 it could not be run.
    match status.code() {
        Some(0) => Ok(()),
        Some(127) => bail!(
            "cannot start the editor '{command}': not found; set $VISUAL or $EDITOR to an editor you have, e.g. nano"
        ),
        Some(126) => bail!("cannot run the editor '{command}': it is not executable; nothing was changed"),
        _ => bail!("the editor '{command}' exited with {status}; nothing was changed"),
    }
}

/// Where refused texts are kept: the database's folder, which outlives the temp folder.
pub fn recovery_folder(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Keeps an edited text that could not be saved in a new private (0600) file in `folder`,
/// named by the time, and returns its path.
pub fn keep_refused_text(text: &str, folder: &Path) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut n = 0;
    let path = loop {
        let suffix = if n == 0 { String::new() } else { format!("-{n}") };
        let path = folder.join(format!("salescoach-unsaved-{stamp}{suffix}.md"));
        if !path.exists() {
            break path;
        }
        n += 1;
    };
    crate::files::write_private(&path, text.as_bytes())?;
    Ok(path)
}

/// When saving an edited text failed, keeps the text (see [`keep_refused_text`]) and says
/// where in front of the reason; the reason stays in the chain, so a refusal still exits 2.
pub fn keep_on_failure<T>(result: Result<T>, text: &str, folder: &Path) -> Result<T> {
    let err = match result {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    match keep_refused_text(text, folder) {
        Ok(path) => Err(err.context(format!("not saved; your edited text is kept in {}", path.display()))),
        Err(keep) => Err(err.context(format!("not saved, and the edited text could not be kept either ({keep:#})"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_then_editor_then_vi() {
        assert_eq!(choose_editor(None, None), "vi");
        assert_eq!(choose_editor(Some("  "), Some("")), "vi");
        assert_eq!(choose_editor(None, Some("code -w")), "code -w");
        assert_eq!(choose_editor(Some("emacs"), Some("nano")), "emacs");
        assert_eq!(choose_editor(Some(" "), Some("nano")), "nano", "a blank VISUAL is skipped");
    }

    /// A script that records its arguments (one per line) and appends a line to the file.
    #[cfg(unix)]
    fn script(dir: &Path, name: &str) -> PathBuf {
        let script = dir.join(name);
        let log = dir.join("args.log");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\neval \"last=\\${{$#}}\"\nprintf 'edited\\n' >> \"$last\"\n",
                log.display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        script
    }

    #[cfg(unix)]
    #[test]
    fn a_script_as_editor_changes_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let editor = script(dir.path(), "ed.sh");
        let out = edit_text("first\n", Some(editor.to_str().unwrap())).unwrap();
        assert_eq!(out, "first\nedited\n");
    }

    #[cfg(unix)]
    #[test]
    fn quoted_arguments_and_paths_with_spaces_reach_the_editor_whole() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("my editors");
        std::fs::create_dir(&folder).unwrap();
        let editor = script(&folder, "ed it.sh");
        let command = format!("'{}' -w --title \"two words\"", editor.display());
        assert_eq!(edit_text("x\n", Some(&command)).unwrap(), "x\nedited\n");
        let args = std::fs::read_to_string(folder.join("args.log")).unwrap();
        let args: Vec<&str> = args.lines().collect();
        assert_eq!(&args[..3], ["-w", "--title", "two words"]);
        assert_eq!(args.len(), 4, "the file is one argument: {args:?}");
    }

    #[test]
    fn a_missing_editor_is_a_clear_error() {
        let err = edit_text("x", Some("no-such-editor-anywhere")).unwrap_err().to_string();
        assert!(err.contains("'no-such-editor-anywhere': not found; set $VISUAL or $EDITOR"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_editor_changes_nothing() {
        let err = edit_text("x", Some("false")).unwrap_err().to_string();
        assert!(err.contains("nothing was changed"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_refused_text_is_kept_privately_and_named() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let refused: Result<()> = Err(crate::domain::FieldError::new("body", "is too long").into());
        let err = keep_on_failure(refused, "my long text", dir.path()).unwrap_err();
        assert!(err.chain().any(|c| c.is::<crate::domain::FieldError>()), "still a refusal of input");
        let message = format!("{err:#}");
        let kept: Vec<PathBuf> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(kept.len(), 1);
        assert!(message.starts_with(&format!("not saved; your edited text is kept in {}", kept[0].display())));
        assert!(message.ends_with("body: is too long"), "{message}");
        assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), "my long text");
        assert_eq!(std::fs::metadata(&kept[0]).unwrap().permissions().mode() & 0o777, 0o600);
        // A second one never overwrites the first.
        let again = keep_refused_text("second", dir.path()).unwrap();
        assert_ne!(again, kept[0]);
        assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), "my long text");
        assert_eq!(keep_on_failure(Ok(5), "unused", dir.path()).unwrap(), 5);
        assert_eq!(recovery_folder(Path::new("shop.db")), PathBuf::from("."));
        assert_eq!(recovery_folder(&dir.path().join("shop.db")), dir.path());
    }
}
