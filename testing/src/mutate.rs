//! Deterministic input mutation for robustness runs: byte flips, inserts, deletes and
//! splices of TOML-significant tokens, driven by a seeded generator so any failure is
//! reproducible by its seed and iteration.

/// xorshift64*: small, seedable, good enough to pick mutations.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

const TOKENS: &[&[u8]] = &[
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b"'",
    b"=",
    b"\n",
    b"#",
    b",",
    b".",
    b"[[",
    b"]]",
    b"\"\"\"",
    b"nan",
    b"inf",
    b"-",
    b"1e999",
    b"99999999999999999999",
    b"0.00001",
    b"2023-13-40",
    "〔".as_bytes(),
    "\u{202e}".as_bytes(),
    "\u{200b}".as_bytes(),
    b"\\u0000",
    b"\xff",
    b"\x00",
    b"amount",
    b"name",
    b"[[plan.categories]]",
    b"[[plan.categories.projects]]",
    b"projects = true",
];

/// One to four random edits of `input`.
pub fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.splice(at..at, t.iter().copied());
            }
            2 if !v.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(v.len());
                v.drain(at.min(end)..end);
            }
            3 => {
                // Copy a slice of the input elsewhere: duplicate keys and tables.
                let from = rng.below(input.len());
                let len = rng.below(200).min(input.len() - from);
                v.splice(at..at, input[from..from + len].iter().copied());
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let end = (at + t.len()).min(v.len());
                v.splice(at..end, t.iter().copied());
            }
        }
    }
    v
}

/// How far an input got through the path every robustness run drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reached {
    /// The loader refused it (with a diagnostic).
    Refused,
    /// It loaded; the rules found errors.
    RuleErrors,
    /// It loaded and passed; its JSON view was built.
    Clean,
}

/// Any bytes as a plan file through loading, every rule and the JSON view: the path the
/// fuzz target, the mutation runs and the regression tests share.
pub fn exercise(input: &[u8]) -> Reached {
    use gongwen::check::{CheckOptions, check_loaded};
    let Ok(plan) = gongwen::plan::load::parse_bytes::<gongwen::plan::PlanFile>("input.toml", input)
    else {
        return Reached::Refused;
    };
    let out = check_loaded(plan, &CheckOptions::default());
    // The view is built whatever the rules found: it must not panic on any plan that loads.
    let Some(checked) = out.checked() else {
        return Reached::RuleErrors;
    };
    let _ = gongwen::render::data_json(checked);
    if out.errors() == 0 {
        Reached::Clean
    } else {
        Reached::RuleErrors
    }
}
