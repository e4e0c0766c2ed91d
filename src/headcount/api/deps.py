"""What the routes share, as FastAPI dependencies: the store and its snapshots."""
from __future__ import annotations

from fastapi import Request

from ..store import Store
from .snapshot import Snapshots


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_snapshots(request: Request) -> Snapshots:
    return request.app.state.snapshots
