// Dev aid: writes a generated plan of N projects to stdout.
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    print!("{}", gongwen_testing::synth::plan_with_projects(n));
}
