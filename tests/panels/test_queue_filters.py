"""The queue's filters stay in sight: chips with one "clear all", "N of M shown", and the
search box, Overdue toggle and count inside the panel at a narrow dock width."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtWidgets

from app.domain.library import Library
from app.store.selection import Selection
from app.store.store import Store
from tests.panels.scene import MARKET_5TH, seed_incident
from widgets.queue.queue_view import QueueView
from widgets.theme import apply_theme


def fill(store: Store) -> None:
    for n in range(6):
        seed_incident(
            store,
            incident_id=f"q-{n}",
            number=f"2026-00010{n}",
            address="Market Street & 5th Street" if n < 2 else "Valencia Street & 20th Street",
            lat=MARKET_5TH[0] + n * 0.001,
            lon=MARKET_5TH[1],
            priority=1 + n % 3,
        )


def test_filters_show_as_chips_and_clear_all(
    qtbot: Any, store: Store, selection: Selection, library: Library
) -> None:
    fill(store)
    view = QueueView(store, selection, library)
    qtbot.addWidget(view)
    view.resize(560, 400)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 6)
    count = view.findChild(QtWidgets.QLabel, "QueueCount")
    assert count is not None
    assert count.text() == "6 of 6 shown"
    assert not view.chips.isVisible()

    qtbot.keyClicks(view._text, "valencia")
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    assert count.text() == "4 of 6 shown"
    view._priority.setCurrentIndex(1)  # P1 only
    qtbot.waitUntil(lambda: view.chips.labels() == ["Search: “valencia”", "Priority: P1 only"])
    assert view.chips.isVisible()

    # Each chip removes its own filter; "clear all" removes the rest.
    chips = view.chips.buttons()
    qtbot.mouseClick(chips[1], QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.chips.labels() == ["Search: “valencia”"])
    assert view._priority.currentIndex() == 0
    qtbot.mouseClick(view.chips.clear_all, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 6)
    assert view._text.text() == "" and not view.chips.isVisible()
    assert count.text() == "6 of 6 shown"


def test_bar_fits_a_narrow_dock_and_toggles_differ(
    qtbot: Any, store: Store, selection: Selection, library: Library
) -> None:
    # Measured in the console's own theme (its larger font), as a duty officer sees it.
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    apply_theme(app)
    fill(store)
    view = QueueView(store, selection, library)
    qtbot.addWidget(view)
    view.resize(560, 400)
    view.show()
    qtbot.waitExposed(view)
    assert view.minimumSizeHint().width() <= 560
    for name in ("QueueSearch", "QueueOverdue", "QueueCount"):
        w = view.findChild(QtWidgets.QWidget, name)
        assert w is not None
        r = QtCore.QRect(w.mapTo(view, QtCore.QPoint(0, 0)), w.size())
        assert view.rect().contains(r), (name, r, view.rect())
        assert w.isVisible() and w.width() >= min(w.sizeHint().width(), 100), name

    pending = view.findChild(QtWidgets.QToolButton, "QueueGroup-pending")
    assert pending is not None
    on = pending.grab().toImage()
    on_text = pending.text()
    pending.setChecked(False)
    off = pending.grab().toImage()
    assert on_text.startswith("✓") and not pending.text().startswith("✓")
    # The pixels differ across the whole button (fill), not just in the text.
    corner = QtCore.QPoint(3, on.height() // 2)
    assert on.pixelColor(corner) != off.pixelColor(corner)
