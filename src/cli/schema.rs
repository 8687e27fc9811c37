//! `gongwen schema`

use std::io::Write;

use super::exit;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_: &Args) -> u8 {
    let _ = std::io::stdout()
        .lock()
        .write_all(crate::plan::schema::schema_json().as_bytes());
    exit::OK
}
