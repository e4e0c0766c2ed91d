"""The dashboard: one page and its script and style, served by the API app (api/app.py) with no other
asset, so that it works with no internet. It reads only the JSON API."""
from pathlib import Path

STATIC = Path(__file__).parent / "static"
