//! Standard output through one buffer: a long `today` is a handful of writes, not one per
//! line (Rust's stdout flushes at every newline). `cli::run` flushes it when a command ends,
//! and a command that waits for input flushes first.

use std::cell::{Cell, RefCell};
use std::io::{self, BufWriter, Stdout, Write};

thread_local! {
    static OUT: RefCell<BufWriter<Stdout>> = RefCell::new(BufWriter::with_capacity(64 * 1024, io::stdout()));
    static DISCARD: Cell<bool> = const { Cell::new(false) };
}

/// Test support: from now on this thread's command output goes nowhere, so a test that
/// runs hundreds of commands in-process does not flood the terminal.
#[doc(hidden)]
pub fn discard_on_this_thread() {
    DISCARD.with(|d| d.set(true));
}

pub fn write_fmt(args: std::fmt::Arguments<'_>) -> io::Result<()> {
    if DISCARD.with(Cell::get) {
        return Ok(());
    }
    OUT.with(|out| out.borrow_mut().write_fmt(args))
}

pub fn write_all(bytes: &[u8]) -> io::Result<()> {
    if DISCARD.with(Cell::get) {
        return Ok(());
    }
    OUT.with(|out| out.borrow_mut().write_all(bytes))
}

pub fn flush() -> io::Result<()> {
    OUT.with(|out| out.borrow_mut().flush())
}

/// The same buffer as an `io::Write`, for writers that stream (JSON).
pub struct Out;

impl Write for Out {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        write_all(bytes)?;
        Ok(bytes.len())
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        write_all(bytes)
    }

    fn flush(&mut self) -> io::Result<()> {
        flush()
    }
}
