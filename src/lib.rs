//! salescoach: an offline terminal sales coach. The binary is thin; everything lives here so
//! integration tests and benchmarks use the same code.
#![forbid(unsafe_code)]
#![deny(clippy::unwrap_used)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod assets;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod editor;
pub mod files;
pub mod present;
pub mod store;
pub mod tui;
