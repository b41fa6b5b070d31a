#!/usr/bin/env bash
# Set up (packages and Debian's chromium) and run every test: lint, unit, corpus scores, browser end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
export BROWSER_PATH="${BROWSER_PATH:-/usr/bin/chromium}"
.venv/bin/ruff check .
# The README's speed figures must be those in bench/etl-results.json.
.venv/bin/python scripts/readme_figures.py --check
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
