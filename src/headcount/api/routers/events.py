"""/api/events: a server-sent event stream that tells open dashboards when the store changes."""
from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.sse import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from ..deps import get_snapshots
from ..events import Changes, StoreChange
from ..schemas import StoreEvent
from ..snapshot import Snapshots

router = APIRouter(prefix="/api/events", tags=["events"])
HEAD_AS_GET = "headcount.head"  # set in a request's scope by app.HeadAsGet: a HEAD, answered as GET
# The app's 400 is JSON: declared here, or the schema would give it this route's text/event-stream.
WRONG_HOST = {400: {"description": "The Host header names another server.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}


@router.get("", response_class=EventSourceResponse, responses=WRONG_HOST)
async def store_events(request: Request,
                       once: Annotated[bool, Query(description="End the stream after its first events (the "
                                                   "`revision` event, or what was missed since Last-Event-ID): "
                                                   "for clients that poll.")] = False,
                       last_event_id: Annotated[str | None, Header(description="The id of the last event seen "
                                                "(browsers send it when they reconnect): the changes since "
                                                "come first.")] = None,
                       snapshots: Snapshots = Depends(get_snapshots)) -> AsyncIterable[StoreEvent]:
    """Server-sent events (text/event-stream), each with the store's revision as its `id`:
    `revision` when the stream opens (data: the revision, `incidents` []), then `store` each time the
    store changes, by a POST or by another process (seen within 2 seconds under `headcount serve`),
    naming the incidents whose reports changed (null: any may have). A comment line every 15 seconds
    keeps proxies from closing a quiet stream."""
    changes: Changes = request.app.state.changes
    with changes.subscribe() as subscription:  # before the revision is read: no change falls between
        revision = (await run_in_threadpool(snapshots.current)).revision
        for name, change in _opening(changes, revision, _seen(last_event_id)):
            yield _event(name, change)
        if once or request.scope.get(HEAD_AS_GET):
            return
        async for change in subscription:
            if change.revision > revision:  # what _opening sent may come again
                revision = change.revision
                yield _event("store", change)


def _seen(last_event_id: str | None) -> int | None:
    """The revision a reconnecting client saw last; None if it names none."""
    value = (last_event_id or "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _opening(changes: Changes, revision: int, seen: int | None) -> list[tuple[str, StoreChange]]:
    if seen is None or seen == revision:
        return [("revision", StoreChange(revision, seen, ()))]
    return [("store", change) for change in changes.since(seen, revision)]


def _event(name: str, change: StoreChange) -> ServerSentEvent:
    incidents = None if change.incidents is None else list(change.incidents)
    return ServerSentEvent(event=name, id=str(change.revision),
                           data=StoreEvent(revision=change.revision, incidents=incidents))
