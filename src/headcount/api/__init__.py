"""The HTTP API and the dashboard's server: ``create_app(db, token)``, run by ``headcount serve``.

app.py builds the app; routers/ hold the routes by resource; schemas.py the bodies, which the library's
objects are shaped into by headcount.views (the CLI's JSON too); snapshot.py keeps what was read and computed until the store changes, and events.py tells the event streams of open pages when it does;
access.py decides who may write and how much a request may send.
"""
from .app import create_app

__all__ = ["create_app"]
