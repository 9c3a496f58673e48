//! Long text goes through the seller's own editor: `$EDITOR` (which may carry arguments,
//! like `code -w`), or `vi` when it is unset. The text travels in a private temp file.

use anyhow::{Context, Result, bail};
use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// The editor command line to use.
pub fn editor_command(editor_env: Option<&str>) -> Vec<String> {
    let words: Vec<String> = editor_env.unwrap_or("").split_whitespace().map(String::from).collect();
    if words.is_empty() { vec!["vi".to_string()] } else { words }
}

fn temp_path() -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    std::env::temp_dir().join(format!("salescoach-{}-{nanos}.md", std::process::id()))
}

/// Opens `initial` in the editor and returns what was saved. The caller must have handed
/// the terminal back (the TUI suspends itself first).
pub fn edit_text(initial: &str, editor_env: Option<&str>) -> Result<String> {
    let command = editor_command(editor_env);
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

fn run(command: &[String], path: &PathBuf) -> Result<()> {
    let (program, args) = command.split_first().context("no editor command")?;
    let status = match Command::new(program).args(args).arg(path).status() {
        Ok(status) => status,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            bail!("cannot start the editor '{program}': not found; set $EDITOR to an editor you have, e.g. nano")
        }
        Err(err) => bail!("cannot start the editor '{program}': {err}"),
    };
    if !status.success() {
        bail!("the editor '{program}' exited with {status}; nothing was changed");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_from_the_environment() {
        assert_eq!(editor_command(None), ["vi"]);
        assert_eq!(editor_command(Some("  ")), ["vi"]);
        assert_eq!(editor_command(Some("code -w")), ["code", "-w"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_script_as_editor_changes_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("ed.sh");
        std::fs::write(&script, "#!/bin/sh\nprintf 'edited\\n' >> \"$1\"\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let out = edit_text("first\n", Some(script.to_str().unwrap())).unwrap();
        assert_eq!(out, "first\nedited\n");
    }

    #[test]
    fn a_missing_editor_is_a_clear_error() {
        let err = edit_text("x", Some("no-such-editor-anywhere")).unwrap_err().to_string();
        assert!(err.contains("set $EDITOR"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_failing_editor_changes_nothing() {
        let err = edit_text("x", Some("false")).unwrap_err().to_string();
        assert!(err.contains("nothing was changed"), "{err}");
    }
}
