"""Extraction in several processes (``--jobs N``): each process loads the pipeline once and extracts
batches of reports; results come back in input order.

Reports are drawn from the input lazily and at most two batches per process are in flight, so a
stream of any length holds a bounded number of reports in memory, as the one-process path does.

Workers die with the process that started them, even when it is killed with SIGKILL and cannot
shut its pool down: each holds a pipeline (about 170 MB) and the store's files open.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from ..model import Claim, Report

IN_FLIGHT_PER_PROCESS = 2
ORPHAN_CHECK_S = 1.0  # how often a worker looks whether its parent is gone (where the kernel cannot tell it)
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies (Linux)


def _read_batch(reports: list[Report], events: bool = False) -> list:
    from .pipeline import read_reports
    return list(read_reports(reports, events=events))


def _warm_up() -> None:
    die_with_parent()
    from .pipeline import load_pipeline
    load_pipeline("en")


def die_with_parent() -> None:
    """Make this worker end when its parent does: the kernel's parent-death signal on Linux, and on
    every system a thread that exits once the parent is gone (the worker is then re-parented)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watch below still ends the worker
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True, name="orphan-watch").start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_S)
    os._exit(1)


def extract_in_processes(reports: Iterable[Report], jobs: int,
                         batch_size: int = 16) -> Iterator[tuple[Report, list[Claim]]]:
    """What ``extract_reports`` gives, computed by ``jobs`` worker processes."""
    for reading in read_in_processes(reports, jobs, batch_size):
        yield reading.report, reading.claims


def read_in_processes(reports: Iterable[Report], jobs: int, batch_size: int = 16, events: bool = False) -> Iterator:
    """What ``read_reports`` gives (``ReportReading``: claims, people and events), computed by ``jobs``
    worker processes."""
    source = iter(reports)
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as pool:
        while True:
            while len(pending) < jobs * IN_FLIGHT_PER_PROCESS:
                batch = list(islice(source, batch_size))
                if not batch:
                    break
                pending.append(pool.submit(_read_batch, batch, events))
            if not pending:
                return
            yield from pending.popleft().result()
