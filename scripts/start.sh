#!/usr/bin/env bash
# Set up, build the tables from data/reports when they are missing or older than the reports, start the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m etl build data/reports --out data/processed --if-stale --wait || [ $? -eq 1 ]
export BROWSER_PATH="${BROWSER_PATH:-/usr/bin/chromium}"
exec .venv/bin/streamlit run dashboard/app.py "$@"
