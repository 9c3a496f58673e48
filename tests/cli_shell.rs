//! Shell completions and the man page, generated from the clap definitions.

mod common;

fn run(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shop.db");
    let out = common::salescoach(&db).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    assert!(!db.exists(), "{args:?} must not create a database");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_for_each_shell_know_the_subcommands() {
    for shell in ["bash", "zsh", "fish"] {
        let script = run(&["completions", shell]);
        for word in ["followup", "customer", "completions", "config"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    assert!(run(&["completions", "bash"]).contains("complete -F"));
    assert!(run(&["completions", "zsh"]).starts_with("#compdef salescoach"));
    assert!(run(&["completions", "fish"]).contains("complete -c salescoach"));
}

#[test]
fn an_unknown_shell_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::salescoach(&dir.path().join("x.db")).args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("tcsh") && err.contains("bash"), "{err}");
}

#[test]
fn the_man_page_has_name_and_synopsis() {
    let page = run(&["man"]);
    assert!(page.starts_with(".ie") || page.contains(".TH salescoach"), "{}", &page[..200.min(page.len())]);
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "lacks {section}");
    }
    assert!(page.contains("followup"));
}
