#!/usr/bin/env bash
# Runs what dist/build.sh made as a clerk would, in folders with Chinese names: the Windows
# zip under Debian's wine, the arm64 .deb under qemu-user, the amd64 .deb natively (each that
# is there). Each renders the 峨边 plan to a PDF byte-identical to REFERENCE (the Linux
# build's), prints check's Chinese findings, and serves its first page on loopback.
#
#   bash dist/smoke.sh REFERENCE.pdf
set -euo pipefail
# What dist/build.sh wrote (under CARGO_TARGET_DIR when set).
dist=${CARGO_TARGET_DIR:-target}/packages
cd "$(dirname "$0")/.."
want=$(realpath "$1")
export LANG=C.UTF-8 # without a UTF-8 locale wine mangles Chinese arguments
t=$(mktemp -d)
trap 'wineserver -k 2>/dev/null || true; kill $(jobs -p) 2>/dev/null || true; rm -rf "$t"' EXIT
passed=0

# A folder as a clerk's: 用户名/桌面/2024年计划 with the plan, its roster and a plan with a
# mistake for check.
desk() {
  local d="$1/用户名/桌面/2024年计划"
  mkdir -p "$d"
  cp plans/ebian-2023.toml "$d/计划.toml"
  cp plans/ebian-roster.toml "$d/"
  sed 's/^funding = 3900$/funding = 3901/' plans/ebian-2023.toml > "$d/有错.toml"
  echo "$d"
}

# RUNNER... : render, compare, check, serve.
run() {
  local name=$1 d=$2 port=$3
  shift 3
  local started took
  started=$(date +%s%N)
  "$@" render "$d/计划.toml" -o "$d/通知.pdf"
  took=$(( ($(date +%s%N) - started) / 1000000 ))
  cmp "$want" "$d/通知.pdf"
  echo "$name: render byte-identical to the Linux build's (${took} ms, cold)"
  "$@" check "$d/有错.toml" > "$d/check.out" || true
  grep -q "sum-funding" "$d/check.out" && grep -q "下达资金" "$d/check.out"
  echo "$name: check prints its findings in Chinese: $(grep -m1 '下达资金' "$d/check.out")"
  "$@" serve "$(dirname "$d")" --no-open --port "$port" > "$d/serve.out" 2>&1 &
  local url=""
  for _ in $(seq 150); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/?t=[0-9a-f]*' "$d/serve.out" | head -1 || true)
    [ -n "$url" ] && curl -sf -c "$t/jar" -b "$t/jar" -L "$url" -o "$d/page.html" && break
    sleep 0.2
  done
  grep -q "gongwen" "$d/page.html" || { cat "$d/serve.out"; exit 1; }
  echo "$name: serve answers its first page on loopback"
  kill %% 2>/dev/null || true
  passed=$((passed + 1))
}

if ls $dist/gongwen-*-windows-x86_64.zip >/dev/null 2>&1; then
  export WINEPREFIX=$t/wine WINEDEBUG=-all,err+module WINEDLLOVERRIDES="mscoree,mshtml="
  wineboot -i >/dev/null 2>&1 || true
  # Test-only stand-in: Debian's wine 8.0 lacks bcryptprimitives.dll (ProcessPrng, which Rust's
  # standard library calls on Windows 10+). In the prefix's system32, never in the zip.
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    dist/bcryptprimitives.c -ladvapi32
  w=$t/win
  d=$(desk "$w")
  unzip -q $dist/gongwen-*-windows-x86_64.zip -d "$w/用户名/桌面"
  exe=$(echo "$w"/用户名/桌面/gongwen-*/gongwen.exe)
  [ -f "$(dirname "$exe")/gongwen-web.bat" ] && [ -d "$(dirname "$exe")/examples" ]
  run windows "$d" 18231 wine "$exe"
  wineserver -k 2>/dev/null || true
fi

if ls $dist/gongwen_*_arm64.deb >/dev/null 2>&1; then
  dpkg-deb -x $dist/gongwen_*_arm64.deb "$t/arm64"
  d=$(desk "$t/arm")
  run arm64 "$d" 18232 qemu-aarch64 -L /usr/aarch64-linux-gnu "$t/arm64/usr/bin/gongwen"
fi

if ls $dist/gongwen_*_amd64.deb >/dev/null 2>&1; then
  dpkg-deb -x $dist/gongwen_*_amd64.deb "$t/amd64"
  d=$(desk "$t/x86")
  run amd64 "$d" 18233 "$t/amd64/usr/bin/gongwen"
fi

[ "$passed" -gt 0 ] || { echo "dist: nothing to test in $dist" >&2; exit 1; }
echo "dist: $passed artefact(s) passed"
