"""issue 21, point 4: `ingest --jobs 2` killed with SIGKILL left its workers running (170 MB each, the
store open). A worker set up by extract.parallel dies with its parent."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

# A parent that starts two workers the way extract.parallel does, prints their ids, then waits.
PARENT = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
from headcount.extract.parallel import die_with_parent
pool = ProcessPoolExecutor(max_workers=2, initializer=die_with_parent)
futures = [pool.submit(time.sleep, 60) for _ in range(2)]
time.sleep(1.0)
print(" ".join(str(pid) for pid in pool._processes), flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_workers_die_when_their_parent_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)
