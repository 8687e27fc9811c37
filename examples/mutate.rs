// Robustness run: N mutated copies of the plans in plans/ through load, check and the JSON
// view, counting outcomes; any panic aborts with its seed and iteration.
// `cargo run --release --example mutate -- 1000000 [SEED]`
use gongwen_testing::mutate::{Reached, Rng, exercise, mutate};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let seeds = [
        std::fs::read("plans/ebian-2023.toml").unwrap(),
        std::fs::read("plans/ebian-letter-2023.toml").unwrap(),
        std::fs::read("tests/fixtures/base.toml").unwrap(),
    ];
    let mut rng = Rng::new(seed);
    let (mut invalid, mut with_errors, mut clean) = (0usize, 0usize, 0usize);
    let start = std::time::Instant::now();
    for i in 0..n {
        let input = mutate(&seeds[i % seeds.len()], &mut rng);
        let result = std::panic::catch_unwind(|| exercise(&input));
        match result {
            Ok(Reached::Refused) => invalid += 1,
            Ok(Reached::RuleErrors) => with_errors += 1,
            Ok(Reached::Clean) => clean += 1,
            Err(_) => {
                eprintln!("PANIC at seed {seed}, iteration {i}");
                std::fs::write("mutate-crash.toml", &input).unwrap();
                std::process::exit(1);
            }
        }
    }
    println!(
        "{n} mutated plans in {:.1}s, no panic: {invalid} refused by the loader, {with_errors} with rule errors, {clean} clean",
        start.elapsed().as_secs_f64()
    );
}
