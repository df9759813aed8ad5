"""Active public warnings are drawn on the map (circles and polygons in the severity's colour);
a cancelled one disappears."""

from __future__ import annotations

from PySide6 import QtGui

from app.domain import events as ev
from app.domain.alerts import Alert, AlertArea, AlertCancelled, AlertCircle, AlertReceived
from tests.map.conftest import MARKET_5TH, NOW


def _pixel(w, lat: float, lon: float) -> QtGui.QColor:  # type: ignore[no-untyped-def]
    img = w.grab().toImage()
    x, y = w.vp.screen_of_latlon(lat, lon)
    return img.pixelColor(int(x), int(y))


def _apply(store, body) -> None:  # type: ignore[no-untyped-def]
    store.apply_events([ev.Event(seq=store.state.seq + 1, time=NOW, actor="t", body=body)])


def test_alert_areas_drawn_and_removed(map_widget, store) -> None:  # type: ignore[no-untyped-def]
    # A point a little off the incident markers, inside the circle's edge ring.
    lat, lon = MARKET_5TH[0] + 0.0012, MARKET_5TH[1] - 0.0035
    ring = AlertArea(circles=[AlertCircle(lat=lat, lon=lon, radius_km=0.05)])
    alert = Alert(
        id="s,a1,t",
        identifier="a1",
        sender="s",
        sent="t",
        severity="Extreme",
        areas=[ring],
        expires_at=NOW + 5,
    )
    # The circle's outline crosses due east of its centre at 50 m.
    east = lon + 0.05 / (111.32 * 0.7907)
    before = _pixel(map_widget, lat, east)
    _apply(store, AlertReceived(alert=alert))
    assert len(map_widget.alerts.shown(NOW)) == 1
    assert map_widget.alerts.shown(NOW + 10) == []  # once expired it is not drawn
    map_widget.repaint()
    drawn = _pixel(map_widget, lat, east)
    assert drawn != before
    assert drawn.red() > 150 and drawn.green() < 150  # the Extreme colour, #FF4D4D
    _apply(store, AlertCancelled(alert_id=alert.id, message_id="s,c1,t2"))
    assert map_widget.alerts.shown(NOW) == []
    map_widget.repaint()
    assert _pixel(map_widget, lat, east) == before
