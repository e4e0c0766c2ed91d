"""The only fixtures file: paths, the loaded pipeline, and fresh stores."""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples" / "reports"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"{SHARED} is missing: the seed and dev sets live there, beside the project")
    return SHARED


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def nlp():
    from headcount.extract import load_pipeline
    return load_pipeline("en")


@pytest.fixture(scope="session")
def scorer(shared):
    """The project's scorer, ../shared/eval/score.py, imported as a module."""
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _store_urls() -> list:
    urls = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get("HEADCOUNT_TEST_POSTGRES"):
        urls.append(pytest.param("postgres", id="postgres"))
    return urls


@pytest.fixture(params=_store_urls())
def store_url(request, tmp_path) -> str:
    """A fresh, empty store: an SQLite file, or (with HEADCOUNT_TEST_POSTGRES) a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url = os.environ["HEADCOUNT_TEST_POSTGRES"]
    empty_postgres(url)
    return url


def empty_postgres(url: str) -> None:
    """Drop headcount's tables, and Alembic's, from a PostgreSQL test database."""
    from sqlalchemy import create_engine, text
    from headcount.settings import database_url
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS claims, reports, alembic_version CASCADE"))
    engine.dispose()
