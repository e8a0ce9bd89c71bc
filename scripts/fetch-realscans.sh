#!/usr/bin/env bash
# Real scanned PDFs for the benchmark (bench/realscans): OCRmyPDF's test resources, taken from its
# source distribution on PyPI with pip, checked against bench/realscans/SHA256SUMS.
# Usage: scripts/fetch-realscans.sh [DEST]   (default bench/cache/realscans; skips what is there)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sums=$root/bench/realscans/SHA256SUMS
dest=${1:-$root/bench/cache/realscans}
version=16.10.4
mkdir -p "$dest"
cd "$dest"
if sha256sum --quiet --status -c "$sums" 2>/dev/null; then
  exit 0
fi
# any pip will do: the bench's tools venv, pagemill's venv, then the system's
pip=
for python in "$root/bench/venvs/tools/bin/python" "$root/.venv/bin/python" python3; do
  if "$python" -m pip --version >/dev/null 2>&1; then pip="$python -m pip"; break; fi
done
[ -n "$pip" ] || { echo "fetch-realscans: no pip found (make bench sets up bench/venvs/tools first)" >&2; exit 1; }
sdist=ocrmypdf-$version.tar.gz
if [ ! -f "$sdist" ]; then
  $pip download -q --no-deps --no-binary :all: "ocrmypdf==$version" -d . || {
    echo "fetch-realscans: pip could not download ocrmypdf==$version's source distribution from PyPI" >&2
    echo "  (network or index settings?); bench.run leaves the real scans out while they are missing" >&2
    exit 1
  }
fi
files=$(awk '{print $2}' "$sums")
members=$(for f in $files; do echo "ocrmypdf-$version/tests/resources/$f"; done)
# shellcheck disable=SC2086
tar -xzf "$sdist" --strip-components=3 $members
sha256sum --quiet -c "$sums" || { echo "fetch-realscans: checksums differ from $sums" >&2; exit 1; }
rm -f "$sdist"
echo "fetch-realscans: $(echo "$files" | wc -w) PDFs in $dest"
