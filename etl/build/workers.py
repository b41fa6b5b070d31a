"""Extraction worker processes end with the build that started them, however it ends.

On Linux the kernel kills a worker when its parent dies (prctl PR_SET_PDEATHSIG), a SIGKILL included;
elsewhere a thread in the worker watches its parent and ends the worker when the parent is gone.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

from etl.output import lock

_PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Call first thing in a worker process; `parent` is the pid of the build that started it."""
    if not _parent_death_signal():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()
    if os.getppid() != parent:  # the build died before the signal was armed
        os._exit(1)
    lock.close_inherited()  # a worker must never keep the build's lock alive


def _parent_death_signal() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
