#!/usr/bin/env bash
# Create .venv and install the pinned packages; with --dev also the test tools and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
want="requirements.txt"
[ "${1:-}" = "--dev" ] && want="requirements-dev.txt"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# The project itself is installed editable (its packages, the knowledge files, the `sco-etl` command),
# so the app, the benchmarks and the tools import `etl` from anywhere; redone when pyproject.toml changes.
stamp=".venv/.installed-$(cat requirements.txt requirements-dask.txt "$want" pyproject.toml | sha256sum | cut -c1-16)-$(basename "$want")"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$want"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  touch "$stamp"
fi
# Chart export (kaleido) and the browser tests need a Chrome; Debian's chromium serves both.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "note: /usr/bin/chromium is missing and cannot be installed here; PNG/SVG chart export is off" >&2
    [ "${1:-}" = "--dev" ] && exit 1
  fi
fi
