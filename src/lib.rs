//! gongwen: a county's annual project plan (TOML) → the GB/T 9704-2012 notice that issues it.
//!
//! The flow: [`plan`] (typed model, loading with spans, derived figures) → [`rules`] (the
//! registry of domain rules) → [`check`] (findings located in the file) → [`diag`] (how
//! they are shown); [`cli`] holds argument parsing and printing only.

pub mod activity;
pub mod archive;
pub mod batch;
pub mod check;
pub mod cli;
pub mod diag;
pub mod docx;
pub(crate) mod files;
pub mod fonts;
pub mod guard;
pub mod ofd;
pub mod plan;
pub mod render;
pub mod rules;
pub mod serve;
pub mod table;
#[cfg(test)]
mod testing;
pub mod textsim;
