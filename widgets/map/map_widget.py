"""The city map: cached basemap tiles under live incident, unit, camera and area layers.

A QPainter canvas (not a QGraphicsScene): ten thousand markers are a few numpy operations and
sprite blits per frame, where scene items would cost a Python object each. Store changes reach the
layers through :class:`LiveFeed`, which folds bursts into one update per frame.
"""

from __future__ import annotations

import gc
import logging
import math
import time
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from app.domain.geo import lonlat_to_mercator
from app.geo.basemap import Basemap, BasemapError, load_basemap
from app.geo.gazetteer import Gazetteer
from app.geo.projection import MERCATOR_MAX_XY
from app.store.selection import Selection
from app.store.store import Store
from widgets.map.alert_layer import AlertLayer
from widgets.map.area_layer import HEAT_FORECAST, HEAT_OFF, HEAT_OPEN, HEAT_OVERDUE, AreaLayer
from widgets.map.camera_layer import CameraLayer
from widgets.map.coverage_layer import CoverageLayer
from widgets.map.incident_layer import IncidentLayer
from widgets.map.layer_base import Hit
from widgets.map.legend import draw_legend, draw_legend_chip, legend_size
from widgets.map.live_feed import LiveFeed
from widgets.map.map_menu import build_context_menu, handle_key, tooltip_for
from widgets.map.map_search import MapSearch
from widgets.map.overlays import draw_overlays
from widgets.map.place_readout import PlaceReadout
from widgets.map.raster_layer import RasterLayer, TileSource
from widgets.map.route_layer import RouteLayer
from widgets.map.style import DARK, MapStyle
from widgets.map.tile_work import TileWork
from widgets.map.tiles import BasemapTiles
from widgets.map.unit_layer import UnitLayer
from widgets.map.viewport import MAX_ZOOM, MIN_ZOOM, ZOOM_STEP, Viewport, snap_zoom

log = logging.getLogger(__name__)

SF_CENTER = (37.7615, -122.4440)
CITY_BOUNDS = (37.708, -122.515, 37.812, -122.357)  # lat0, lon0, lat1, lon1: the whole city
LAYERS = ("basemap", "incidents", "units", "cameras", "grid", "neighbourhoods")


class MapWidget(QtWidgets.QWidget):
    """Shows the store's city on the bundled basemap; clicks and menus drive the selection."""

    newIncidentRequested = QtCore.Signal(float, float)  # lat, lon
    dispatchNearestRequested = QtCore.Signal(float, float)
    camerasAtRequested = QtCore.Signal(float, float)
    locationPicked = QtCore.Signal(float, float)
    pickModeChanged = QtCore.Signal(bool)
    viewChanged = QtCore.Signal()

    FRAME_MS = 33  # at most ~30 store-driven repaints per second

    def __init__(
        self,
        store: Store,
        selection: Selection,
        parent: QtWidgets.QWidget | None = None,
        basemap: Basemap | None = None,
        style: MapStyle = DARK,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mapWidget")
        self.setMouseTracking(True)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(320, 240)
        self.store = store
        self.selection = selection
        self.style_ = style
        if basemap is None:
            try:
                basemap = load_basemap()
            except BasemapError as exc:
                log.error("map runs without a basemap: %s", exc)
        self.basemap = basemap
        self.tiles = BasemapTiles(basemap, style) if basemap else None
        self.raster: RasterLayer | None = None
        self.show_basemap = True
        self.incidents = IncidentLayer(style)
        self.units = UnitLayer()
        self.cameras = CameraLayer(style)
        self.areas = AreaLayer(style, basemap)
        self.coverage = CoverageLayer(self.areas, style)
        self.route = RouteLayer()
        self.alerts = AlertLayer()
        # Layers other panels add (anything with paint(p, vp, now)), drawn over the alerts and
        # under the cameras, incidents and units: e.g. widgets/inspectors/map_link.py.
        self.extra_layers: list[Any] = []
        cx, cy = lonlat_to_mercator(SF_CENTER[1], SF_CENTER[0])
        self.vp = Viewport(cx, cy, 13.0, 800, 600)
        self.readout = PlaceReadout(self)
        self.readout.changed.connect(self.update)
        self.search = MapSearch(self.gazetteer, self)
        self.search.move(10, 10)
        self.legend_rect = QtCore.QRect()  # where the legend was last drawn (empty: a chip)
        self.search.setFixedWidth(360)
        self.search.placeChosen.connect(lambda lat, lon, _label: self.center_on(lat, lon, 17.5))
        find = QtGui.QShortcut(QtGui.QKeySequence.StandardKey.Find, self)
        find.setContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.search.setFocus)
        self._followed = ""
        self._pick = False
        self.legend_visible = True  # L toggles: what the colours and shapes mean
        self._press: QtCore.QPointF | None = None
        self._last_drag: QtCore.QPointF | None = None
        self._dragging = False
        self._wheel_acc = 0
        self._view_touched = False  # set by any pan, zoom or centring
        self.tiles_missing = 0
        self.feed = LiveFeed(
            store, self.incidents, self.units, self.cameras, self.areas, self.FRAME_MS, self
        )
        self.feed.applied.connect(self._on_applied)
        self._pulse = QtCore.QTimer(self, interval=125)
        self._pulse.timeout.connect(self.update)
        self.tile_work = TileWork(
            lambda: self.tiles if self.show_basemap else None,
            self.vp,
            self.units,
            self.isVisible,
            self.update,
            self,
        )
        # Positions go stale with time alone (no store signal): re-check every few seconds.
        self._stale_tick = QtCore.QTimer(self, interval=5000)
        self._stale_tick.timeout.connect(self.update)
        self._stale_tick.start()

        selection.incidentSelected.connect(self._on_incident_selected)
        selection.unitFollowed.connect(self.follow_unit)
        store.alertsChanged.connect(lambda _ids: self._load_alerts())
        store.stateReset.connect(self._load_alerts)
        self._load_alerts()
        selection.drillDownChanged.connect(self._drill_down_changed)

    def _load_alerts(self) -> None:
        self.alerts.set_alerts(self.store.state.alerts.values())

    def _drill_down_changed(self) -> None:
        self.incidents.only = self.selection.drill_down
        self.incidents.reset(self.store.state.incidents)
        self.update()

    # --- public API -----------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.vp.zoom

    def center_latlon(self) -> tuple[float, float]:
        lon, lat = self.vp.lonlat_at(self.vp.width / 2, self.vp.height / 2)
        return lat, lon

    def fit_bounds(self, lat0: float, lon0: float, lat1: float, lon1: float) -> None:
        """Show the whole box, at the largest quarter zoom step that fits it."""
        x0, y0 = lonlat_to_mercator(min(lon0, lon1), min(lat0, lat1))
        x1, y1 = lonlat_to_mercator(max(lon0, lon1), max(lat0, lat1))
        span = max((x1 - x0) / max(1, self.vp.width), (y1 - y0) / max(1, self.vp.height), 1e-6)
        zoom = math.log2(2 * MERCATOR_MAX_XY / (256 * span))
        self.vp.cx, self.vp.cy = (x0 + x1) / 2, (y0 + y1) / 2
        self.vp.zoom = snap_zoom(math.floor(zoom / ZOOM_STEP) * ZOOM_STEP)
        self._view_touched = True
        self._view_changed()

    def center_on(self, lat: float, lon: float, zoom: float | None = None) -> None:
        """Centre the map on a point, optionally at a zoom (snapped to quarter steps)."""
        self._view_touched = True
        self.vp.cx, self.vp.cy = lonlat_to_mercator(lon, lat)
        if zoom is not None:
            self.vp.zoom = snap_zoom(zoom)
        self._view_changed()

    def fit_to_incident(self, incident_id: str, zoom: float = 17.0) -> bool:
        inc = self.store.state.incidents.get(incident_id)
        if inc is None:
            return False
        self.center_on(inc.location.lat, inc.location.lon, max(self.vp.zoom, zoom))
        return True

    def follow_unit(self, unit_id: str) -> None:
        """Keep ``unit_id`` centred as it moves ('' stops following)."""
        self._followed = unit_id
        pos = self.units.position(unit_id) if unit_id else None
        if pos is not None:
            self._view_touched = True
            self.vp.cx, self.vp.cy = pos
            self._view_changed()
        self.update()

    @property
    def followed_unit(self) -> str:
        return self._followed

    def set_pick_mode(self, on: bool) -> None:
        """In pick mode the next left click on the map emits ``locationPicked`` (then mode ends)."""
        if on != self._pick:
            self._pick = on
            self.setCursor(
                QtCore.Qt.CursorShape.CrossCursor if on else QtCore.Qt.CursorShape.ArrowCursor
            )
            self.pickModeChanged.emit(on)
            self.update()

    @property
    def pick_mode(self) -> bool:
        return self._pick

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        if layer not in LAYERS:
            raise ValueError(f"unknown map layer {layer!r}; known: {', '.join(LAYERS)}")
        if layer == "basemap":
            self.show_basemap = visible
        elif layer == "incidents":
            self.incidents.visible = visible
        elif layer == "units":
            self.units.visible = visible
        elif layer == "cameras":
            self.cameras.visible = visible
        elif layer == "grid":
            self.areas.show_grid = visible
        else:
            self.areas.show_hoods = visible
            if self.tiles is not None:
                self.tiles.set_hoods(visible)
        self.update()

    def set_heat_mode(self, mode: str) -> None:
        """Colour grid cells by open (``"open"``) or overdue (``"overdue"``) cases, or ``"off"``."""
        if mode not in (HEAT_OFF, HEAT_OPEN, HEAT_OVERDUE, HEAT_FORECAST):
            raise ValueError(f"heat mode must be off, open, overdue or forecast, not {mode!r}")
        self.areas.heat = mode
        self.update()

    def show_forecast(self, expected: dict[str, float]) -> None:
        """Colour grid cells by the hotspot forecast (expected cases); empty: heat map off."""
        self.areas.forecast = dict(expected)
        self.set_heat_mode(HEAT_FORECAST if expected else HEAT_OFF)

    def show_coverage(self, label: str, reach: dict[str, int]) -> None:
        """Show one agency's uncovered cells (reach per cell: 0 beyond 8 min, 1 within 8 min,
        2 within 4 min); an empty ``reach`` hides the layer."""
        self.coverage.show(label, reach)
        self.update()

    def set_base_tiles(
        self, source: TileSource | None, opacity: float = 1.0, hide_vector: bool = True
    ) -> None:
        """Draw an XYZ/MBTiles raster under the live layers (``None`` removes it)."""
        self.raster = RasterLayer(source, opacity=opacity) if source is not None else None
        self.show_basemap = not (source is not None and hide_vector)
        ready = getattr(source, "tileReady", None)
        if ready is not None:
            ready.connect(self._on_raster_tile)
        self.update()

    def set_route(self, path: list[tuple[float, float]], label: str = "") -> None:
        """Draw a unit's drive to its incident ((lat, lon) points, unit first); [] clears it."""
        self.route.set_path(path, label)
        self.update()

    def gazetteer(self) -> Gazetteer:
        """The offline gazetteer (loaded on first use, with the city's locator when present)."""
        return self.readout.gazetteer()

    def incident_screen_pos(self, incident_id: str) -> QtCore.QPointF | None:
        pos = self.incidents.position(incident_id)
        if pos is None:
            return None
        return QtCore.QPointF(*self.vp.to_screen(*pos))

    def unit_screen_pos(self, unit_id: str) -> QtCore.QPointF | None:
        pos = self.units.position(unit_id)
        return None if pos is None else QtCore.QPointF(*self.vp.to_screen(*pos))

    def latlon_at(self, pos: QtCore.QPointF | QtCore.QPoint) -> tuple[float, float]:
        lon, lat = self.vp.lonlat_at(pos.x(), pos.y())
        return lat, lon

    def cursor_readout(self) -> list[str]:
        """The lines of the cursor read-out: lat/lon, then the place there once looked up."""
        return self.readout.lines()

    def render_tile_slice(self) -> int:
        """Render missing tiles for one idle slice now (what the idle timer does; benches)."""
        return self.tile_work.render_slice()

    def render_complete(self) -> None:
        """Render every visible basemap tile now (screenshots, tests); normally idle slices do."""
        if self.tiles is not None:
            self.tiles.fill(self.vp, None)

    def hit_test(self, pos: QtCore.QPointF) -> Hit | None:
        for layer in (self.units, self.incidents, self.cameras):
            h = layer.hit(pos.x(), pos.y())
            if h is not None:
                return h
        return None

    # --- store signals --------------------------------------------------------------------------
    def flush_now(self) -> None:
        """Apply pending store changes at once (tests, screenshots)."""
        self.feed.flush()

    def _on_applied(self, moved_units: list[str]) -> None:
        if self._followed and self._followed in moved_units:
            pos = self.units.position(self._followed)
            if pos is not None:
                self.vp.cx, self.vp.cy = pos
                self.viewChanged.emit()
        self.update()

    def _on_incident_selected(self, incident_id: str) -> None:
        pos = self.incident_screen_pos(incident_id) if incident_id else None
        if pos is not None:
            m = 40
            if not (m <= pos.x() <= self.vp.width - m and m <= pos.y() <= self.vp.height - m):
                self.vp.cx, self.vp.cy = self.incidents.position(incident_id) or (
                    self.vp.cx,
                    self.vp.cy,
                )
                self._view_changed()
        self.update()

    def _on_raster_tile(self, z: int, x: int, y: int) -> None:
        if self.raster is not None:
            self.raster.forget(z, x, y)
        self.update()

    # --- painting -------------------------------------------------------------------------------
    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        self.vp.width = max(1, event.size().width())
        self.vp.height = max(1, event.size().height())
        if not self._view_touched:
            # Until someone moves the map, it shows the whole city whatever the panel's size.
            self.fit_bounds(*CITY_BOUNDS)
            self._view_touched = False
        super().resizeEvent(event)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        # A cyclic collection over a store of 10,000 incidents takes tens of milliseconds: hold
        # it off during the frame so it runs between frames instead of inside one.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            p = QtGui.QPainter(self)
            self.paint_map(p)
            p.end()
        finally:
            if was_enabled:
                gc.enable()

    def paint_map(self, p: QtGui.QPainter) -> None:
        vp = self.vp
        if not (self.show_basemap and self.tiles is not None) or self.raster is not None:
            p.fillRect(QtCore.QRect(0, 0, vp.width, vp.height), self.style_.water)
        if self.raster is not None:
            self.raster.paint(p, vp)
        self.tiles_missing = 0
        if self.show_basemap and self.tiles is not None:
            self.tiles_missing = self.tiles.paint(p, vp)
            self.tile_work.painted(self.tiles_missing)
        p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        self.areas.paint(p, vp)
        self.coverage.paint(p, vp)
        self.route.paint(p, vp)
        self.alerts.paint(p, vp, self.store.now())
        for layer in self.extra_layers:
            layer.paint(p, vp, self.store.now())
        self.cameras.paint(p, vp)
        phase = time.monotonic() % 1.0
        self.incidents.paint(p, vp, self.selection.incident_id, phase)
        self.units.paint(p, vp, self.store.now(), self._followed)
        draw_overlays(p, vp, self.style_, self.cursor_readout(), self._pick)
        if self.legend_visible:
            need = legend_size()
            # Below the place search box (which sits in the top left corner too).
            top = float(self.search.geometry().bottom() + 8) if self.search.isVisible() else 10.0
            # The full legend only where it leaves most of the map free; else a hint chip.
            if vp.width >= need.width() * 2.5 and vp.height >= (need.height() + top) * 1.8:
                self.legend_rect = draw_legend(p, self.style_, y=top).toRect()
            else:
                draw_legend_chip(p, self.style_, y=top)
                self.legend_rect = QtCore.QRect()
        if self.incidents.any_overdue_visible:
            if not self._pulse.isActive():
                self._pulse.start()
        elif self._pulse.isActive():
            self._pulse.stop()

    # --- interaction ----------------------------------------------------------------------------
    def _view_changed(self) -> None:
        self.viewChanged.emit()
        self.tile_work.view_changed()
        self.update()

    def zoom_by(self, steps: float, at: QtCore.QPointF | None = None) -> None:
        pos = at if at is not None else QtCore.QPointF(self.vp.width / 2, self.vp.height / 2)
        new = min(MAX_ZOOM, max(MIN_ZOOM, self.vp.zoom + steps))
        if new != self.vp.zoom:
            self._view_touched = True
            self.tile_work.zoomed()
            self.vp.zoom_about(new, pos.x(), pos.y())
            self._view_changed()

    def pan_by(self, dx: float, dy: float) -> None:
        self._view_touched = True
        self.vp.pan_pixels(dx, dy)
        self._view_changed()

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:
        self._wheel_acc += event.angleDelta().y()
        steps = int(self._wheel_acc / 60)  # a 120-unit notch zooms half a level
        if steps:
            self._wheel_acc -= steps * 60
            self.zoom_by(steps * 0.25, event.position())
        event.accept()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if not handle_key(self, event.key()):
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        if event.button() == QtCore.Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._last_drag = event.position()
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QtGui.QMouseEvent) -> None:
        pos = event.position()
        self.readout.moved(self.latlon_at(pos))
        if self._press is not None and event.buttons() & QtCore.Qt.MouseButton.LeftButton:
            if not self._dragging and (pos - self._press).manhattanLength() > 4:
                self._dragging = True
                self._followed = ""  # a manual pan ends following
            if self._dragging and self._last_drag is not None:
                d = pos - self._last_drag
                self._last_drag = pos
                self.pan_by(d.x(), d.y())
                return
        hit = self.hit_test(pos)
        tip = tooltip_for(hit, self.store) if hit else ""
        if tip:
            QtWidgets.QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        else:
            QtWidgets.QToolTip.hideText()
        self.update()

    def leaveEvent(self, event: QtCore.QEvent) -> None:
        self.readout.moved(None)
        self.update()
        super().leaveEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        if event.button() != QtCore.Qt.MouseButton.LeftButton or self._press is None:
            super().mouseReleaseEvent(event)
            return
        was_drag = self._dragging
        self._press = self._last_drag = None
        self._dragging = False
        if was_drag:
            return
        pos = event.position()
        hit = self.hit_test(pos)
        if hit is not None and hit.kind == "incident":
            self.selection.select_incident(hit.id)
        elif hit is not None and hit.kind == "cluster":
            self.vp.cx, self.vp.cy = self.vp.to_mercator(hit.sx, hit.sy)
            self.zoom_by(2.0)
        elif hit is not None and hit.kind == "unit":
            self.selection.select_unit(hit.id)
        elif self._pick:
            lat, lon = self.latlon_at(pos)
            self.set_pick_mode(False)
            self.locationPicked.emit(lat, lon)

    def contextMenuEvent(self, event: QtGui.QContextMenuEvent) -> None:
        menu = build_context_menu(self, QtCore.QPointF(event.pos()))
        menu.exec(event.globalPos())
