"""One build at a time per tables folder: an exclusive `flock` on a lock file beside it, held for the build.

The kernel drops the lock when its holder ends, however it ends (a SIGKILL included), so a killed build
never leaves a stale lock behind. The file itself stays; it only says who holds the lock and since when.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Lock files held by this process: forked worker processes close their inherited copies (see
# `close_inherited`) so that a worker can never keep a lock alive after its build has ended.
_HELD: set[int] = set()


class BuildBusyError(Exception):
    """Another build holds the lock."""


@contextmanager
def hold(path: Path, what: str, wait: bool = False, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the lock at `path` (created if missing) for the body; `what` names the folder in messages.

    When another process holds it: raise BuildBusyError at once, or with `wait` say so through `on_wait`
    and wait.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = _holder_message(fd, what)
            if not wait:
                raise BuildBusyError(message) from None
            if on_wait is not None:
                on_wait(f"waiting: {message}")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "since": time.time()}).encode(), 0)
        _HELD.add(fd)
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)  # releases the lock


def holder(path: Path) -> dict | None:
    """What the lock file says about its holder (pid, since), or None when unreadable."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        return _read_holder(fd)
    finally:
        os.close(fd)


def is_held(path: Path) -> bool:
    """True while some process holds the lock at `path`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def close_inherited() -> None:
    """In a forked worker: close the lock files inherited from the build (the build keeps its own)."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()


def _read_holder(fd: int) -> dict | None:
    # The holder writes its line right after taking the lock: a reader may come in between.
    for _ in range(20):
        try:
            info = json.loads(os.pread(fd, 4096, 0) or b"null")
        except ValueError:
            info = None
        if isinstance(info, dict) and isinstance(info.get("pid"), int):
            return info
        time.sleep(0.01)
    return None


def _holder_message(fd: int, what: str) -> str:
    info = _read_holder(fd)
    if info is None:
        return f"another build is writing {what}"
    since = info.get("since")
    when = f" since {time.strftime('%H:%M', time.localtime(since))}" if isinstance(since, int | float) else ""
    return f"another build (pid {info['pid']}) is writing {what}{when}"
