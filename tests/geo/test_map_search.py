"""The map's place search finds with the whole-city geocoder and flies the view there."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore

from app.domain.geo import haversine_m
from app.store.selection import Selection
from app.store.store import Store
from widgets.map.map_widget import MapWidget


def test_search_then_enter_centres_the_map(qtbot: Any) -> None:
    w = MapWidget(Store(), Selection())
    qtbot.addWidget(w)
    w.resize(800, 600)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    w.setFocus()
    qtbot.keyClick(w, QtCore.Qt.Key.Key_F, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(w.search.edit.hasFocus, timeout=3000)
    qtbot.keyClicks(w.search.edit, "2300 Mission")
    qtbot.waitUntil(lambda: bool(w.search.results()), timeout=3000)
    assert w.search.results()[0] == "2300 Mission St   (address)"
    with qtbot.waitSignal(w.search.placeChosen, timeout=3000) as sig:
        qtbot.keyClick(w.search.edit, QtCore.Qt.Key.Key_Return)
    lat, lon, label = sig.args
    assert label == "2300 Mission St" and haversine_m(lat, lon, 37.76009, -122.41950) < 1
    clat, clon = w.center_latlon()
    assert haversine_m(clat, clon, 37.76009, -122.41950) < 5 and w.zoom >= 17
    # Down picks the second result; Escape closes the list and gives the map its keys back.
    w.search.search("Pier")
    assert len(w.search.results()) >= 3
    qtbot.keyClick(w.search.edit, QtCore.Qt.Key.Key_Down)
    assert w.search.list.currentIndex().row() == 1
    qtbot.keyClick(w.search.edit, QtCore.Qt.Key.Key_Escape)
    assert not w.search.results() and w.hasFocus()


def test_no_match_says_so_with_the_closest_spellings(qtbot: Any) -> None:
    w = MapWidget(Store(), Selection())
    qtbot.addWidget(w)
    w.show()
    w.search.search("Valenciaaaaaaxx Strt")
    assert not w.search.results()
    assert w.search.message.isVisibleTo(w.search)
    assert "closest" in w.search.message.text() and "Valencia St" in w.search.message.text()
    w.search.search("\x00" * 50 + "x" * 10_000)  # pasted rubbish: an answer, not a crash
    assert not w.search.results()
