//! Generators for tests, benchmarks, fuzzing and the robustness examples: random and large
//! plans (`synth`), mutated copies of real ones run through the whole pipeline (`mutate`).
//! A crate of their own, so the tool that ships holds none of them and the model never
//! reaches up to checking or rendering; gongwen's tests, benches and examples take it as a
//! dev-dependency, the fuzz targets as a dependency.

pub mod mutate;
pub mod synth;
