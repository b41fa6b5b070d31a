"""Print the table of shipped reports and the public sources they summarise (pasted into data/README.md).

    .venv/bin/python data/tools/list_sources.py
"""

from __future__ import annotations

from pathlib import Path

from etl.model import Report
from etl.read import read_reports

REPORTS = Path(__file__).resolve().parents[1] / "reports"


def main() -> None:
    print("| report | format | source | address |")
    print("|---|---|---|---|")
    for item in read_reports(REPORTS):
        if isinstance(item, Report):
            source = (item.source or "the user's own seed report").replace("|", "/")
            url = f"<{item.url}>" if item.url else ""
            print(f"| `{item.file}` | {item.format} | {source} | {url} |")


if __name__ == "__main__":
    main()
