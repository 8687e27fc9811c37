//! The plan: its typed model, loading with spans, and the figures derived from it.

pub mod annex;
pub mod clerk;
pub mod date;
pub mod docno;
pub mod edit;
pub mod fields;
pub mod figures;
pub mod funding;
pub mod genre;
pub mod hanzi;
pub mod labels;
pub mod load;
pub mod model;
pub mod money;
pub mod next_year;
pub mod numbering;
pub mod path;
pub mod project;
pub mod roster;
pub mod schema;
mod sections;
pub mod signing;
pub mod skeleton;
pub mod spans;
pub mod texts;
pub mod tree;
pub mod typos;

pub use date::Date;
pub use docno::DocNumber;
pub use figures::Figures;
pub use load::{Loaded, load_file, load_str};
pub use model::*;
pub use money::Money;
pub use path::FieldPath;
pub use roster::Roster;
pub use spans::SpanIndex;
