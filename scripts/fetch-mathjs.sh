#!/usr/bin/env bash
# KaTeX and MathJax 3 for the bench's chromium producer (bench/corpus/producers/chromium.py):
# installed with npm into an ignored folder; node renders the math into static HTML at build time.
#   usage: scripts/fetch-mathjs.sh [DIR]   (default bench/cache/npm)
set -euo pipefail
DIR=${1:-bench/cache/npm}
KATEX=0.16.22
MATHJAX=3.2.2
STAMP="$DIR/.installed-katex-$KATEX-mathjax-$MATHJAX"
[ -f "$STAMP" ] && exit 0
command -v npm >/dev/null || { echo "npm is missing: install Node.js with its npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || echo '{"name": "pagemill-bench-math", "private": true}' > "$DIR/package.json"
npm install --prefix "$DIR" --no-audit --no-fund --silent "katex@$KATEX" "mathjax-full@$MATHJAX"
touch "$STAMP"
