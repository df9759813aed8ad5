"""Shared test set-up: offscreen Qt, a private data folder per test, the path of ../shared."""

from __future__ import annotations

import gc
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


@pytest.fixture(autouse=True)
def _collect_qt_garbage_here() -> Iterator[None]:
    """Collect what a test leaves behind in the GUI thread, before the next test starts.

    Python's cyclic collector runs in whichever thread happens to allocate: left to it, a test's
    unreferenced Qt objects (a sound effect, a window's helpers) may be destroyed later from a
    server or driver thread of another test, and Qt then crashes in the GUI thread's event
    processing (a segmentation fault seen once in a full run). Collecting here keeps every Qt
    object's death on the thread that made it.
    """
    yield
    gc.collect()


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the repository; tests that need it skip with the reason when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"real data folder {SHARED} is absent (it sits beside the clone in CI)")
    return SHARED


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Soak tests (``@pytest.mark.soak``, minutes of wall time) run after everything else, so
    the rest of the suite reports first and a failing soak never holds it up."""
    items.sort(key=lambda item: item.get_closest_marker("soak") is not None)  # stable sort
