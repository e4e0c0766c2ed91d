"""What changed in the store, handed from the threads that notice it to the event streams of open pages.

A change is noticed in a thread (a POST's, or the snapshot's periodic check for other processes' writes:
snapshot.py), and each open stream (GET /api/events) waits for it in the event loop. ``Changes.publish``
hands it over with ``loop.call_soon_threadsafe`` into each stream's own queue. A queue is bounded, so that
a client that reads slowly cannot make the server keep an ever longer backlog: when it is full, its
backlog becomes one change that names no incidents (``incidents=None``: any may have changed, read
everything again).

Event ids are store revisions, which only grow: a browser that reconnects sends the last one it saw
(Last-Event-ID), and is sent the changes it missed from the last ``HISTORY`` kept, or, when they do not
reach that far back (or the server was restarted), one change that names no incidents.
"""
from __future__ import annotations

import asyncio
import signal
import threading
from collections import deque
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

HISTORY = 64     # changes kept for browsers that reconnect
QUEUE_SIZE = 16  # changes a stream may have waiting before its backlog becomes "read everything"


@dataclass(frozen=True)
class StoreChange:
    """The store went from revision ``previous`` to ``revision``; ``incidents``: the ids of those whose
    reports changed, or None when which is not known."""

    revision: int
    previous: int | None
    incidents: tuple[str, ...] | None


class Subscription:
    """One stream's queue of changes; read with ``async for``, in the event loop it was made in."""

    def __init__(self, size: int):
        self.loop = asyncio.get_running_loop()
        self.size = size
        self.queue: asyncio.Queue[StoreChange | None] = asyncio.Queue()  # bounded by offer, the end aside

    def offer(self, change: StoreChange | None) -> None:
        """Queue a change (None: the stream is to end); in the event loop's thread."""
        if change is not None and self.queue.qsize() >= self.size:
            while not self.queue.empty():
                self.queue.get_nowait()
            change = StoreChange(change.revision, None, None)
        self.queue.put_nowait(change)

    async def __aiter__(self) -> AsyncIterator[StoreChange]:
        while (change := await self.queue.get()) is not None:
            yield change


class Changes:
    """The changes of one app's store, for its open streams. ``publish`` and ``close`` may be called from
    any thread."""

    def __init__(self, kept: int = HISTORY, queue_size: int = QUEUE_SIZE):
        self._lock = threading.Lock()
        self._history: deque[StoreChange] = deque(maxlen=kept)
        self._subscriptions: set[Subscription] = set()
        self._queue_size = queue_size
        self.closed = False

    def publish(self, change: StoreChange) -> None:
        with self._lock:
            self._history.append(change)
            for s in self._subscriptions:
                s.loop.call_soon_threadsafe(s.offer, change)

    def close(self) -> None:
        """End every stream, and those opened later at once: the server is shutting down, and waits
        for open responses to end."""
        with self._lock:
            self.closed = True
            for s in self._subscriptions:
                s.loop.call_soon_threadsafe(s.offer, None)

    @contextmanager
    def subscribe(self) -> Iterator[Subscription]:
        """A queue that gets every change published while the block runs (in the event loop)."""
        subscription = Subscription(self._queue_size)
        with self._lock:
            if self.closed:
                subscription.offer(None)
            self._subscriptions.add(subscription)
        try:
            yield subscription
        finally:
            with self._lock:
                self._subscriptions.discard(subscription)

    def streams(self) -> int:
        """How many streams are open."""
        with self._lock:
            return len(self._subscriptions)

    def since(self, seen: int, revision: int) -> list[StoreChange]:
        """What a client that last saw revision ``seen`` missed, the store being at ``revision`` now: the
        changes kept after ``seen``, or one that names no incidents when they do not reach back to it."""
        with self._lock:
            missed = [c for c in self._history if seen < c.revision <= revision]
        if missed and missed[0].previous is not None and missed[0].previous <= seen:
            return missed
        return [StoreChange(revision, seen, None)]


@contextmanager
def closed_on_signals(changes: Changes) -> Iterator[None]:
    """Close ``changes`` on SIGINT and SIGTERM, then let the handler already there act (uvicorn's).

    Uvicorn, told to stop, waits for open responses to end before it shuts the app down, and an event
    stream never ends by itself: without this, a server with a dashboard open would not stop on Ctrl-C.
    Signal handlers can be set only in the main thread: elsewhere (a server run in a thread, the test
    client) this does nothing, and streams end when their clients go or the app shuts down.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def handler(sig, frame):
        changes.close()
        if callable(previous[sig]):
            previous[sig](sig, frame)

    for sig, before in previous.items():
        if callable(before):  # a server's handler: the default ones end the process anyway
            signal.signal(sig, handler)
    try:
        yield
    finally:
        for sig, before in previous.items():
            if callable(before):
                signal.signal(sig, before)
