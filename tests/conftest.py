"""Shared test set-up: offscreen Qt, a private data folder per test, the path of ../shared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg import pg_cluster, pg_url  # noqa: F401  (throwaway PostgreSQL for the tests)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
# CITYOPS_SHARED points a work tree that does not sit beside shared/ at it.
SHARED = Path(os.environ.get("CITYOPS_SHARED") or REPO.parent / "shared")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CITYOPS_DATA_DIR", str(tmp_path / "data"))
    yield


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the repository; tests that need it skip with the reason when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"real data folder {SHARED} is absent (it sits beside the clone in CI)")
    return SHARED
