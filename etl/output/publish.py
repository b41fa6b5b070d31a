"""Where the tables go, and how a new build replaces the old one without a moment of missing tables.

Layout, for `--out DIR/OUT`:

    DIR/OUT                  a symbolic link to .OUT.versions/<version>: what every reader opens
    DIR/.OUT.versions/       one folder per build: the tables, datapackage.json, the marker, .cache/
    DIR/.OUT.lock            held by the build that is writing (see lock.py)

A build writes a new version folder (named `<version>.part` until it is complete), then points OUT at it
by renaming a new link over the old one, which is atomic: a reader opens the old tables or the new ones,
never neither. A version OUT no longer points to stays KEEP_PREVIOUS_SECONDS after it was replaced, so that
a reader that resolved OUT just before the switch can finish reading it; then a later build removes it.
What killed builds left (unfinished versions, temporary links) is removed by the next build, under the
lock, so never while another build is writing.

Safety: a build only ever replaces a folder it recognises as its own (`MARKER`, or for tables written before
this layout a datapackage.json named "sco-osce-events" beside events.parquet, and nothing else there), and
never touches the reports folder, a folder inside it or one that contains it.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from etl.contract import SCHEMA
from etl.output import lock

MARKER = ".etl-tables.json"
FORMAT_VERSION = 2
PACKAGE_NAME = "sco-osce-events"
# How long a version OUT pointed to stays readable after it was replaced, and how many such are kept.
KEEP_PREVIOUS_SECONDS = 60.0
KEEP_AT_MOST = 4

_VERSION = re.compile(r"v\d{8}T\d{6}\.\d{6}-\d+")
_VERSIONS_FOLDER = re.compile(r"\..+\.versions")
_UNFINISHED = re.compile(r"v\d{8}T\d{6}\.\d{6}-\d+\.part|(?:link|retired)-\d+\.tmp")
# Left beside OUT by builds of the layout before this one, which swapped a folder in place.
_OLD_LEFTOVER = r"\.{name}\.(?:building|previous)-(\d+)"
_BUILD_FILES = {"datapackage.json", MARKER, ".cache", "events.duckdb", "events.duckdb.wal"}


class OutRefusedError(Exception):
    """The output folder is not one the build may replace; nothing was changed."""


@dataclass(frozen=True)
class Target:
    """The output folder as the build uses it: the path readers open, its versions and its lock."""

    out: Path
    shown: str  # the folder as the user named it, for messages

    @property
    def versions(self) -> Path:
        return self.out.parent / f".{self.out.name}.versions"

    @property
    def lock(self) -> Path:
        return self.out.parent / f".{self.out.name}.lock"

    def current(self) -> Path | None:
        """The version folder OUT points to, or None (no OUT yet, or a folder of the old layout)."""
        name = _our_link(self.out)
        return self.versions / name if name else None


def marker() -> dict:
    return {"format": FORMAT_VERSION, "package": PACKAGE_NAME, "written_by": "python -m etl build"}


@contextmanager
def claim(out: Path, reports: Path | None = None, wait: bool = False,
          on_wait: Callable[[str], None] | None = None) -> Iterator[Target]:
    """Check that `out` may be written, take its lock and clear what killed builds left, for the body.

    Raises OutRefusedError (unsafe folder) or lock.BuildBusyError (another build is writing it) before
    changing anything.
    """
    target = check_out(out, reports)
    target.out.parent.mkdir(parents=True, exist_ok=True)
    with lock.hold(target.lock, target.shown, wait=wait, on_wait=on_wait):
        target = check_out(out, reports)  # again: it may have changed while this build waited
        clean(target)
        yield target


def check_out(out: Path, reports: Path | None = None) -> Target:
    """The output folder, if the build may replace it; raises OutRefusedError saying why otherwise."""
    shown = str(out)
    path = _follow_links(Path(os.path.abspath(out)), shown)
    if not path.name or path.name in (".", ".."):
        raise OutRefusedError(f"refusing to write the tables to {shown}: it is the root of the file system")
    target = Target(path.parent.resolve() / path.name, shown)
    if _VERSIONS_FOLDER.fullmatch(target.out.parent.name):
        raise OutRefusedError(f"refusing to write the tables to {shown}: it is one build of the tables folder "
                              f"beside {target.out.parent}; use that folder as --out")
    if reports is not None:
        _check_apart(target, reports)
    _check_versions_folder(target)
    out = target.out
    if _our_link(out):
        current = target.current()
        if current is not None and current.is_dir():
            _check_only_ours(current, shown)
        return target
    if out.is_symlink() and not out.exists():  # a dangling link the user made: replaced by ours
        return target
    if not out.exists():
        return target
    if not out.is_dir():
        raise OutRefusedError(f"refusing to write the tables to {shown}: it is a file, not a folder of tables; "
                              "nothing was changed, choose another --out")
    entries = sorted(p.name for p in out.iterdir())
    if not entries:
        return target
    if not _looks_like_tables(out):
        raise OutRefusedError(f"refusing to write the tables to {shown}: it is a folder of other files "
                              f"({_some(entries)}), not tables written by this build; nothing was changed, "
                              "choose another --out")
    _check_only_ours(out, shown)
    return target


def new_staging(target: Target) -> Path:
    """A new, empty version folder (unfinished until `publish`), with the marker in it."""
    target.versions.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f".{time.time_ns() // 1000 % 1_000_000:06d}"
    staging = target.versions / f"v{stamp}-{os.getpid()}.part"
    staging.mkdir()
    (staging / MARKER).write_text(json.dumps(marker(), indent=2) + "\n", encoding="utf-8")
    return staging


def publish(target: Target, staging: Path, notify: Callable[[str], None] | None = None) -> Path:
    """Make the finished `staging` folder the one OUT points to, atomically; returns the version folder."""
    version = staging.with_name(staging.name.removesuffix(".part"))
    os.rename(staging, version)
    link = target.versions / f"link-{os.getpid()}.tmp"
    _remove(link)
    os.symlink(f"{target.versions.name}/{version.name}", link)
    previous = _our_link(target.out)
    if previous or not os.path.lexists(target.out) or target.out.is_symlink():
        os.replace(link, target.out)  # rename(2) over the old link: atomic
    else:
        # First build into a folder of the old layout (or an empty folder): swap the folder and the link
        # in one step where the system can, so that OUT never goes missing. The folder was checked when
        # the build began; checked again here in case someone put a file in it since.
        if any(target.out.iterdir()):
            _check_only_ours(target.out, target.shown)
        if _exchange(link, target.out):
            retired = link
        else:
            retired = target.versions / f"retired-{os.getpid()}.tmp"
            os.rename(target.out, retired)
            os.replace(link, target.out)
        _remove(retired)
    if previous:
        try:  # the replaced version's time says when it was replaced: it stays a while for readers
            os.utime(target.versions / previous)
        except OSError:
            pass
    clean(target, notify=notify)
    return version


def clean(target: Target, notify: Callable[[str], None] | None = None) -> None:
    """Remove what is no longer needed beside OUT; call only while holding the lock.

    Unfinished versions and temporary links are removed: no live build is writing (the caller holds the
    lock). A version OUT no longer points to stays for KEEP_PREVIOUS_SECONDS after it was replaced (its
    folder's time is set at the switch), for readers that resolved OUT just before; at most KEEP_AT_MOST.
    """
    notify = notify or _to_stderr
    current = _our_link(target.out)
    if target.versions.is_dir():
        replaced = []
        for entry in target.versions.iterdir():
            if _UNFINISHED.fullmatch(entry.name):
                _remove(entry)
            elif _VERSION.fullmatch(entry.name) and entry.name != current:
                replaced.append((entry.lstat().st_mtime, entry))
        now = time.time()
        for index, (when, entry) in enumerate(sorted(replaced, reverse=True)):
            if index < KEEP_AT_MOST and now - when < KEEP_PREVIOUS_SECONDS:
                continue
            foreign = _foreign_entries(entry) if entry.is_dir() and not entry.is_symlink() else []
            if foreign:
                notify(f"kept {entry}: it holds files the build did not write ({_some(foreign)})")
            else:
                _remove(entry)
    _clean_old_layout(target)


def _clean_old_layout(target: Target) -> None:
    pattern = re.compile(_OLD_LEFTOVER.format(name=re.escape(target.out.name)))
    for entry in target.out.parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if not match or entry.is_symlink() or not entry.is_dir() or _alive(int(match.group(1))):
            continue
        if not _foreign_entries(entry):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _follow_links(path: Path, shown: str) -> Path:
    """Follow the user's own symbolic links to the folder they name; stop at a link this build made."""
    for _ in range(40):
        if not path.is_symlink() or _our_link(path):
            return path
        followed = path.parent.resolve() / os.readlink(path)
        path = followed.parent.resolve() / followed.name
    raise OutRefusedError(f"refusing to write the tables to {shown}: too many symbolic links")


def _our_link(path: Path) -> str | None:
    """The version name when `path` is a link this build made (to .NAME.versions/<version>)."""
    if not path.is_symlink():
        return None
    parts = os.readlink(path).split("/")
    if len(parts) == 2 and parts[0] == f".{path.name}.versions" and _VERSION.fullmatch(parts[1]):
        return parts[1]
    return None


def _check_apart(target: Target, given: Path) -> None:
    reports = given.resolve()
    places = [target.out, target.versions]
    if target.out.exists():
        places.insert(1, target.out.resolve())
    for place in places:
        if place == reports:
            why = "it is the reports folder"
        elif reports in place.parents:
            why = f"it is inside the reports folder {given}"
        elif place in reports.parents:
            why = f"it contains the reports folder {given}"
        else:
            continue
        raise OutRefusedError(f"refusing to write the tables to {target.shown}: {why}; nothing was changed, "
                              "choose another --out")


def _check_versions_folder(target: Target) -> None:
    versions = target.versions
    if not os.path.lexists(versions):
        return
    if versions.is_symlink() or not versions.is_dir():
        raise OutRefusedError(f"refusing to write the tables to {target.shown}: {versions} is in the way "
                              "(not a folder of versions written by this build); nothing was changed")
    foreign = sorted(p.name for p in versions.iterdir()
                     if not (_VERSION.fullmatch(p.name) or _UNFINISHED.fullmatch(p.name)))
    if foreign:
        raise OutRefusedError(f"refusing to write the tables to {target.shown}: {versions} holds files the build "
                              f"did not write ({_some(foreign)}); nothing was changed")


def _looks_like_tables(folder: Path) -> bool:
    """Written by this build: the marker, or (before it existed) a datapackage.json of ours and the events."""
    marked = _read_json(folder / MARKER)
    if marked is not None:
        return marked.get("package") == PACKAGE_NAME and isinstance(marked.get("format"), int)
    package = _read_json(folder / "datapackage.json")
    return package is not None and package.get("name") == PACKAGE_NAME and (folder / "events.parquet").is_file()


def _read_json(path: Path) -> dict | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _check_only_ours(folder: Path, shown: str) -> None:
    foreign = _foreign_entries(folder)
    if foreign:
        raise OutRefusedError(f"refusing to write the tables to {shown}: besides tables written by this build it "
                              f"holds other files ({_some(foreign)}); nothing was changed, move them elsewhere "
                              "or choose another --out")


def _foreign_entries(folder: Path) -> list[str]:
    """Names in `folder` that no build writes (tables of the contract or of its datapackage.json)."""
    allowed = set(_BUILD_FILES)
    names = set(SCHEMA)
    resources = (_read_json(folder / "datapackage.json") or {}).get("resources")
    if isinstance(resources, list):
        names |= {r["name"] for r in resources if isinstance(r, dict) and isinstance(r.get("name"), str)}
    for name in names:
        allowed |= {f"{name}.parquet", f"{name}.csv"}
    return sorted(p.name for p in folder.iterdir() if p.name not in allowed)


def _some(names: list[str], at_most: int = 5) -> str:
    shown = ", ".join(names[:at_most])
    return shown + (f" and {len(names) - at_most} more" if len(names) > at_most else "")


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr)
