#!/usr/bin/env bash
# Real born-digital PDFs: Debian's TeX Live documentation packages, unpacked into a cache folder.
# Usage: scripts/fetch-texdocs.sh DEST PACKAGE...   (not committed; downloaded from Debian's archive)
set -euo pipefail
dest=$1; shift
mkdir -p "$dest"
cd "$dest"
for pkg in "$@"; do
  [ -f "$pkg.done" ] && continue
  apt-get download "$pkg" >/dev/null 2>&1 || { apt-get update -qq && apt-get download "$pkg"; }
  dpkg -x "$pkg"_*.deb "$pkg"
  rm -f "$pkg"_*.deb
  touch "$pkg.done"
done
