"""Where reports are extracted: worker processes on this machine (the default), or a Dask cluster.

Extraction is a pure function of a batch of reports (`etl.build.prepare_batch`), so any engine that can
run a function on another process and hand back its result will do. An engine here is what the build
submits batches to: an object with `submit(function, argument)` returning a future with `result()`
(`concurrent.futures.ProcessPoolExecutor` and `distributed.Client` both are), and how many batches it
runs at once. Everything else (reading, the cache, events, participants, tables) runs where the build
runs, on the kept work, which is small next to the texts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

ENGINES = ("local", "dask")
# How long to try to reach a Dask scheduler before saying it cannot be reached.
CONNECT_TIMEOUT = "20s"


class EngineError(Exception):
    """The engine asked for cannot be used (not installed, cluster unreachable); nothing was built."""


class Submitter(Protocol):
    def submit(self, function: Callable[..., Any], argument: Any, /) -> Any: ...


@dataclass
class Engine:
    """Batches go to `submitter` (None: extracted in this process); `slots` of them run at once."""

    submitter: Submitter | None
    slots: int


@contextmanager
def dask_engine(scheduler: str | None, workers: int, warm_up: Callable[[], None]) -> Iterator[Engine]:
    """A Dask cluster: the one at `scheduler` (an address such as tcp://host:8786, whose workers have this
    package installed), else a local cluster of `workers` processes started for this build."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise EngineError("--engine dask needs the packages dask and distributed "
                          "(pip install -r requirements-dask.txt)") from error
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        else:
            cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    except (OSError, TimeoutError) as error:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler {scheduler or '(local cluster)'}: {error}") from error
    try:
        client.run(warm_up)  # every worker loads the extraction rules before the first batch
        slots = sum(client.nthreads().values()) or 1
        yield Engine(_DaskSubmitter(client), slots)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _DaskSubmitter:
    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, function: Callable[..., Any], argument: Any, /) -> Any:
        # pure=False: two batches with equal reports are still two tasks, each answered in its place.
        return self.client.submit(function, argument, pure=False)
