"""Start the real app with `streamlit run` on a loopback port, and launch Debian's chromium headless.

Used by the browser test and the dashboard benchmark, so both drive the app exactly as a user meets it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium")
# Playwright's own browser download does not work here; Debian's chromium does, with these flags.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_command(data_dir: Path | None, port: int, script: Path = APP) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        *(["--", "--data", str(data_dir)] if data_dir is not None else []),
    ]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy in time")


@contextmanager
def running_app(
    data_dir: Path | None, log: IO[bytes] | int = subprocess.DEVNULL, script: Path = APP, source: Path | None = None
) -> Iterator[str]:
    """The app (or another Streamlit `script`) on the tables of `data_dir`; yields its URL and stops it
    afterwards. `source`: a folder holding another version's `dashboard` and `etl` packages, imported instead
    of this checkout's (its dashboard/app.py is run)."""
    port = free_port()
    env = {**os.environ, "BROWSER_PATH": os.environ.get("BROWSER_PATH", CHROMIUM)}
    if source is not None:
        script = source / "dashboard" / "app.py"
        env["PYTHONPATH"] = os.pathsep.join([str(source), *filter(None, [os.environ.get("PYTHONPATH")])])
    proc = subprocess.Popen(streamlit_command(data_dir, port, script), cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
