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

/// Serializes the items `each` hands over as one JSON array, as they come: for lists a
/// store streams (`Store::each_checklist_row`, `Store::each_sale`) instead of collecting.
/// A write error is returned as it is; a store error becomes the serializer's message.
pub fn serialize_each<S: serde::Serializer, T: serde::Serialize>(
    serializer: S,
    len: Option<usize>,
    each: impl FnOnce(&mut dyn FnMut(T) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> Result<S::Ok, S::Error> {
    use serde::ser::{Error, SerializeSeq};
    let mut seq = serializer.serialize_seq(len)?;
    let mut written = Ok(());
    let read = each(&mut |item| {
        written = seq.serialize_element(&item);
        written.as_ref().map_err(|_| anyhow::anyhow!("not written"))?;
        Ok(())
    });
    written?;
    read.map_err(|e| S::Error::custom(format!("{e:#}")))?;
    seq.end()
}

/// A JSON array of what `each` hands over, written as it comes: `print_json(&streamed(|f|
/// store.each_sale(&filter, f)))`.
pub struct Streamed<T, F> {
    each: F,
    item: std::marker::PhantomData<fn(T)>,
}

pub fn streamed<T, F>(each: F) -> Streamed<T, F>
where
    F: Fn(&mut dyn FnMut(T) -> anyhow::Result<()>) -> anyhow::Result<()>,
{
    Streamed { each, item: std::marker::PhantomData }
}

impl<T, F> serde::Serialize for Streamed<T, F>
where
    T: serde::Serialize,
    F: Fn(&mut dyn FnMut(T) -> anyhow::Result<()>) -> anyhow::Result<()>,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_each(serializer, None, |f| (self.each)(f))
    }
}
