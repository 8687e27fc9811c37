#!/usr/bin/env bash
# Builds gongwen for the clerks' computers, into target/packages/ (not target/dist/, which is cargo's own folder for the dist profile):
#   gongwen-VER-windows-x86_64.zip  Windows 10 and later: gongwen.exe, gongwen-web.bat, the
#                                   example plans and the guide (使用说明.md)
#   gongwen_VER_arm64.deb           Kylin V10 / UOS on Phytium or Kunpeng (glibc >= 2.28)
#   gongwen_VER_amd64.deb           Kylin V10 / UOS on x86_64 (glibc >= 2.28)
# The Linux builds link against glibc 2.28 through cargo-zigbuild, and the highest GLIBC
# symbol each needs is checked with objdump. Tools: see README.md ("For offices").
#
#   bash dist/build.sh        release builds of all three (≈ 10 min each on 2 cores)
#   bash dist/build.sh --ci   dev-profile builds of the zip and the arm64 .deb, for CI's
#                             wine and qemu checks (same code and fonts, less optimised)
set -euo pipefail
cd "$(dirname "$0")/.."
GLIBC=2.28
ci=false
[ "${1:-}" = "--ci" ] && ci=true
if $ci; then profile=dev; dir=debug; targets="windows arm64"; else profile=dist; dir=dist; targets="windows arm64 amd64"; fi
ver=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# Cargo's target folder (CARGO_TARGET_DIR when set).
tgt=${CARGO_TARGET_DIR:-target}
out=$tgt/packages
mkdir -p "$out"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# A Linux build against glibc 2.28, refused if it needs a later symbol.
linux() { # rust-arch
  cargo zigbuild --locked --profile "$profile" --bin gongwen --target "$1-unknown-linux-gnu.$GLIBC" >&2
  local bin="$tgt/$1-unknown-linux-gnu/$dir/gongwen"
  local need
  need=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)
  if [ "$(printf '%s\n' "$need" "GLIBC_$GLIBC" | sort -V | tail -1)" != "GLIBC_$GLIBC" ]; then
    echo "dist: $bin needs $need, later than $GLIBC (Kylin V10)" >&2
    exit 1
  fi
  echo "dist: $bin needs at most $need" >&2
  echo "$bin"
}

deb() { # binary debian-arch
  local root=$stage/deb-$2
  install -D -m 0755 "$1" "$root/usr/bin/gongwen"
  install -d "$root/DEBIAN" "$root/usr/share/applications" "$root/usr/lib/gongwen" "$root/usr/share/doc/gongwen"
  chmod 0755 "$root"
  # The desk opens on ~/公文 (made on first use); the window it runs in stops it when closed.
  printf '%s\n' '#!/bin/sh' 'dir="$HOME/公文"' 'mkdir -p "$dir"' \
    'exec /usr/bin/gongwen serve "$dir"' > "$root/usr/lib/gongwen/launch"
  chmod 0755 "$root/usr/lib/gongwen/launch"
  cp docs/使用说明.md "$root/usr/share/doc/gongwen/"
  cp -r plans "$root/usr/share/doc/gongwen/examples"
  rm -f "$root/usr/share/doc/gongwen/examples/"*.pdf
  printf '%s\n' '[Desktop Entry]' 'Type=Application' 'Name=Gongwen' 'Name[zh_CN]=公文助手' \
    'GenericName=Official documents' 'GenericName[zh_CN]=公文' \
    'Comment=Annual project plans to GB/T 9704 notices' \
    'Comment[zh_CN]=把年度项目计划做成 GB/T 9704 格式的公文' \
    'Exec=/usr/lib/gongwen/launch' 'Icon=accessories-text-editor' 'Terminal=true' \
    'Categories=Office;' > "$root/usr/share/applications/gongwen.desktop"
  cat > "$root/DEBIAN/control" <<CTL
Package: gongwen
Version: $ver
Architecture: $2
Maintainer: gongwen <gongwen@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libc6 (>= $GLIBC)
Section: utils
Priority: optional
Description: 公文助手: annual project plans to GB/T 9704-2012 notices
 Command-line tool and local web page (gongwen serve); the fonts are built in.
CTL
  dpkg-deb --root-owner-group -Zxz --build "$root" "$out/gongwen_${ver}_$2.deb" >&2
}

windows() {
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
    cargo build --locked --profile "$profile" --bin gongwen --target x86_64-pc-windows-gnu >&2
  local d=$stage/gongwen-$ver
  mkdir -p "$d"
  cp "$tgt/x86_64-pc-windows-gnu/$dir/gongwen.exe" "$d/gongwen.exe"
  # ASCII and CRLF: cmd.exe reads a .bat in the OEM code page (936 on a Chinese Windows); the
  # plans live in Documents\gongwen (made on first use), the page opens in the browser.
  printf '%s\r\n' '@echo off' 'rem gongwen: the web page. Closing this window stops it.' 'setlocal' \
    'set "DATA=%USERPROFILE%\Documents\gongwen"' 'if not exist "%DATA%" mkdir "%DATA%"' \
    'if not exist "%DATA%\examples" xcopy /e /i /q "%~dp0examples" "%DATA%\examples" >nul' \
    '"%~dp0gongwen.exe" serve "%DATA%" %*' 'if errorlevel 1 pause' > "$d/gongwen-web.bat"
  cp -r plans "$d/examples"
  rm -f "$d/examples/"*.pdf
  cp docs/使用说明.md "$d/"
  rm -f "$out/gongwen-$ver-windows-x86_64.zip"
  # ASCII names at the top: older Explorer unzip ignores the UTF-8 flag of the guide's name.
  (cd "$stage" && zip -qrX -9 - "gongwen-$ver") > "$out/gongwen-$ver-windows-x86_64.zip"
}

for t in $targets; do
  case $t in
    windows) windows ;;
    arm64) deb "$(linux aarch64)" arm64 ;;
    amd64) deb "$(linux x86_64)" amd64 ;;
  esac
done
ls -l "$out"
