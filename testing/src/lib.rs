//! Test instruments: generators for tests, benchmarks, fuzzing and the robustness examples —
//! random and large plans (`synth`), mutated copies of real ones run through the whole
//! pipeline (`mutate`) — and the measures of what is printed: Typst's laid-out pages
//! (`inspect`) and a PDF's glyphs read back with the grid audit (`printed`). A crate of their
//! own, so the tool that ships holds none of them (nor the PDF reader they use); gongwen's
//! tests, benches and examples take it as a dev-dependency, the fuzz targets as a dependency.

pub mod inspect;
pub mod mutate;
pub mod printed;
pub mod synth;
