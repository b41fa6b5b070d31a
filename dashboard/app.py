"""Streamlit entry point: `streamlit run dashboard/app.py [-- --data DIR]`.

The page itself is in dashboard/views.py; this file only makes the package importable when Streamlit runs
the script directly (it puts the script's own folder, not the project root, on sys.path).
"""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from dashboard.views import main  # noqa: E402  (needs the path set above)

main()
