#!/usr/bin/env bash
# Whole-process benchmarks of `gongwen render` on the 峨边 plan:
#   1. cold render vs `typst compile` of the same document (--emit-typst output, same fonts);
#   2. 100 plans in one process vs 100 processes;
#   3. peak RSS and PDF size.
# Usage: bash benches/compare.sh [RUNS]   (RUNS per timing, default 7; medians are printed)
# The Typst CLI is taken from $TYPST, the PATH, or /work/typst-cli/bin; without it part 1
# is skipped with a message (install: cargo install typst-cli --locked --version 0.15.1).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}

cargo build --release --quiet
gw=target/release/gongwen
[ -n "${CARGO_TARGET_DIR:-}" ] && gw="$CARGO_TARGET_DIR/release/gongwen"
plan=plans/ebian-2023.toml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Median wall time (s) and peak RSS (KiB) of a command, over $runs runs.
measure() {
  python3 - "$runs" "$@" <<'PY'
import resource, subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times.append(time.perf_counter() - t)
times.sort()
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{times[len(times)//2]:.4f} {rss}")
PY
}

echo "== gongwen $($gw --version | cut -d' ' -f2), $runs runs each, medians"
"$gw" render "$plan" -o "$tmp/seed.pdf" --emit-typst "$tmp/typst" > /dev/null
read -r gw_t gw_rss < <(measure "$gw" render "$plan" -o "$tmp/seed.pdf")
size=$(wc -c < "$tmp/seed.pdf")
echo "cold render, whole process:   ${gw_t}s   peak RSS $((gw_rss / 1024)) MiB   PDF ${size} bytes"

typst=${TYPST:-$(command -v typst || true)}
[ -z "$typst" ] && [ -x /work/typst-cli/bin/typst ] && typst=/work/typst-cli/bin/typst
if [ -n "$typst" ]; then
  args=(compile --root "$tmp/typst" --font-path fonts --ignore-system-fonts)
  "$typst" compile --help | grep -q -- --no-pdf-tags && args+=(--no-pdf-tags)
  read -r ty_t ty_rss < <(measure "$typst" "${args[@]}" "$tmp/typst/main.typ" "$tmp/typst.pdf")
  echo "typst compile, same document: ${ty_t}s   peak RSS $((ty_rss / 1024)) MiB   ($($typst --version))"
  python3 -c "print(f'ratio gongwen / typst: {$gw_t / $ty_t:.2f}x')"
else
  echo "typst CLI not found: skipping the comparison (cargo install typst-cli --locked --version 0.15.1)"
fi

mkdir -p "$tmp/batch"
cp plans/ebian-roster.toml "$tmp/batch/"
for i in $(seq 1 100); do cp "$plan" "$tmp/batch/plan$i.toml"; done
runs=3
read -r one_t _ < <(measure "$gw" render "$tmp"/batch/plan*.toml)
read -r many_t _ < <(measure bash -c "for f in $tmp/batch/plan*.toml; do $gw render \"\$f\" > /dev/null; done")
echo "100 plans, one process:       ${one_t}s"
echo "100 plans, 100 processes:     ${many_t}s"
python3 -c "print(f'speed-up of one process: {$many_t / $one_t:.1f}x')"
