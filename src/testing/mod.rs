//! Generators for tests, benchmarks, fuzzing and the robustness examples: random and large
//! plans (`synth`), mutated copies of real ones run through the whole pipeline (`mutate`).
//! They sit above the model and the checks they exercise, never inside them.

#[cfg(test)]
pub mod fixture;
pub mod mutate;
pub mod synth;
