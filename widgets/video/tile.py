"""One tile of the video wall: the newest frame of one camera with high-contrast overlays."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from app.console.i18n import QT_TRANSLATE_NOOP
from app.video.mime import camera_id_from_mime
from app.video.source import Frame, SourceStatus, VideoSource
from widgets.video import overlay

log = logging.getLogger(__name__)

SourceFactory = Callable[[str, tuple[int, int]], VideoSource]

MUTED = QtGui.QColor("#8a94a3")
DROP_BLUE = QtGui.QColor("#2ea8ff")
BADGES: dict[str, tuple[str, QtGui.QColor, QtGui.QColor]] = {
    SourceStatus.LIVE: (
        QT_TRANSLATE_NOOP("VideoTile", "LIVE"),
        QtGui.QColor("#19c37d"),
        QtGui.QColor("#000000"),
    ),
    SourceStatus.CONNECTING: (
        QT_TRANSLATE_NOOP("VideoTile", "CONNECTING"),
        QtGui.QColor("#f5b000"),
        QtGui.QColor("#000000"),
    ),
    SourceStatus.LOST: (
        QT_TRANSLATE_NOOP("VideoTile", "SIGNAL LOST"),
        QtGui.QColor("#e5242a"),
        QtGui.QColor("#ffffff"),
    ),
    SourceStatus.IDLE: (
        QT_TRANSLATE_NOOP("VideoTile", "PAUSED"),
        QtGui.QColor("#5a6472"),
        QtGui.QColor("#ffffff"),
    ),
}
# A recording played in a replay: never "LIVE" (app/video/recordings.py).
REPLAY_BADGE = (
    QT_TRANSLATE_NOOP("VideoTile", "REPLAY"),
    QtGui.QColor("#2ea8ff"),
    QtGui.QColor("#000000"),
)
LOST_RED = QtGui.QColor("#ff3b3b")
SNAP_ALWAYS_WIDTH = 400  # px: narrower tiles show the snapshot button on hover only


def default_source(url: str, size: tuple[int, int]) -> VideoSource:
    return VideoSource(url, target_size=size)


class VideoTile(QtWidgets.QWidget):
    """Owns the :class:`VideoSource` of the camera it shows, its newest frame and overlay.

    Frames arrive already scaled to this tile's pixel size by the worker, so drawing one is a
    plain blit; the wall's canvas draws the tile through :meth:`paint_into`. A hidden tile
    pauses its source.
    """

    doubleClicked = QtCore.Signal(int)  # tile index
    cameraDropped = QtCore.Signal(int, str)  # tile index, camera id
    snapshotRequested = QtCore.Signal(int)  # tile index

    def __init__(
        self,
        index: int,
        source_factory: SourceFactory = default_source,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.index = index
        self.setObjectName(f"videoTile{index}")
        self.setAcceptDrops(True)
        self.setMinimumSize(80, 45)
        self._factory = source_factory
        self._source: VideoSource | None = None
        self._camera_id = ""
        self._name = ""
        self._problem = ""  # why there is no source (no URL, unknown camera)
        self._detail = ""  # the problem's second line (default: the camera id)
        self._recorded = False  # a replay's recording, not a live feed
        self._frame: Frame | None = None
        self._frames = 0
        self._fps = 0.0
        self._fps_mark = 0
        self._drop_hover = False
        self._latency_ms: float | None = None
        self._overlay: QtGui.QImage | None = None  # cached overlay, re-rendered ~1 Hz
        self._overlay_image: QtGui.QImage | None = None  # its pixels, kept for reuse
        self._overlay_picture: QtCore.QRectF | None = None
        self._overlay_origin = QtCore.QPoint(-1, -1)
        self._blits: list[tuple[QtCore.QRectF, QtCore.QRectF]] = []
        self._picture_blit: tuple[QtCore.QRectF, QtCore.QRectF] | None = None
        self._snap = QtWidgets.QToolButton(self)
        self._snap.setObjectName("snapshotButton")
        self._snap.setText("SNAPSHOT")
        self._snap.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self._snap.setStyleSheet(
            "QToolButton{background:rgba(0,0,0,190);color:#f5f7fa;border:1px solid #8a94a3;"
            "padding:2px 6px;font-weight:bold;font-size:12px}"
            "QToolButton:disabled{color:#5a6472;border-color:#3a4350}"
        )
        self._snap.clicked.connect(lambda: self.snapshotRequested.emit(self.index))
        self._snap.hide()
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        # Stagger the tiles' once-a-second overlay refresh so sixteen tiles never redraw their
        # text in the same event-loop pass (that would be a visible GUI stall).
        QtCore.QTimer.singleShot((index * 389) % 1000, self._timer, self._timer.start)

    # --- assignment -----------------------------------------------------------------------------
    @property
    def camera_id(self) -> str:
        return self._camera_id

    @property
    def name(self) -> str:
        return self._name

    @property
    def source(self) -> VideoSource | None:
        return self._source

    @property
    def frames_shown(self) -> int:
        """Frames taken from the source for display since the tile was made."""
        return self._frames

    @property
    def fps(self) -> float:
        return self._fps

    def status_text(self) -> str:
        """What the status badge says: LIVE, CONNECTING, SIGNAL LOST, PAUSED, or a problem."""
        if self._problem:
            return self._problem
        if self._source is None:
            return ""
        return self._badge(self._source.status)[0]

    def _badge(self, status: SourceStatus) -> tuple[str, QtGui.QColor, QtGui.QColor]:
        # Marked in BADGES / REPLAY_BADGE, translated here so a language switch shows at once.
        text, bg, fg = (
            REPLAY_BADGE if self._recorded and status is SourceStatus.LIVE else BADGES[status]
        )
        return QtCore.QCoreApplication.translate("VideoTile", text), bg, fg

    def set_camera(
        self,
        camera_id: str,
        name: str = "",
        url: str = "",
        problem: str = "",
        *,
        detail: str = "",
        recorded: bool = False,
    ) -> None:
        """Show ``camera_id`` from ``url``; an empty id clears the tile. ``problem`` explains a
        camera that cannot be shown (no stream URL, not in the city, no recording), ``detail``
        says more under it; ``recorded`` marks a replay's recording (badge REPLAY, not LIVE)."""
        self._detail = detail
        self._recorded = recorded
        if self._source is not None and (camera_id, url) == (self._camera_id, self._source.url):
            self._name = name or camera_id
            self._invalidate_overlay()
            return
        self._stop_source()
        self._camera_id, self._name = camera_id, name or camera_id
        self._problem = problem if camera_id else ""
        self._frame = None
        if camera_id and url and not problem:
            src = self._factory(url, self._pixel_size())
            src.statusChanged.connect(self._on_status)
            src.set_active(self.isVisible())
            self._source = src
            src.start()
        elif camera_id and not problem:
            self._problem = "NO STREAM"
        self._update_snap_visibility()
        self._latency_ms = None
        self._invalidate_overlay()

    def shutdown(self) -> None:
        """Stop decoding; the tile keeps its camera id (for presets) but shows nothing."""
        self._stop_source()
        self._timer.stop()

    def _stop_source(self) -> None:
        src, self._source = self._source, None
        if src is not None:
            src.statusChanged.disconnect(self._on_status)
            # No wait: the decoder process finishes the stream in the background, and the
            # decoder link keeps the source until it has (a stream stuck connecting to a dead
            # camera must not freeze the GUI).
            src.request_stop()

    def set_snapshot_enabled(self, enabled: bool, tooltip: str) -> None:
        self._snap.setEnabled(enabled)
        self._snap.setToolTip(tooltip)

    def current_image(self) -> QtGui.QImage | None:
        return None if self._frame is None else self._frame.image

    def snapshot_png(self) -> bytes | None:
        """The current picture as PNG bytes, at the camera's resolution when available."""
        image = self._source.snapshot() if self._source is not None else None
        if image is None:
            image = self.current_image()
        if image is None or image.isNull():
            return None
        buf = QtCore.QBuffer()
        buf.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buf, "PNG"):  # type: ignore[call-overload]
            return None
        return bytes(buf.data().data())

    # --- frames and source events ----------------------------------------------------------------
    def pull_frame(self) -> bool:
        """Take the source's newest frame, if there is one since the last pull, and repaint.

        The wall calls this for every shown tile on its refresh tick, so all tiles repaint in
        one pass (one flush to the screen) instead of once per arriving frame.
        """
        if self._source is None:
            return False
        frame = self._source.take_frame()
        if frame is None:
            return False
        if self._frame is None:
            self._overlay = None  # the CONNECTING message goes
        self._frame = frame
        self._frames += 1
        if frame.latency_ms is not None:
            self._latency_ms = frame.latency_ms
        self.repaint_later()
        return True

    @QtCore.Slot(str, str)
    def _on_status(self, status: str, reason: str) -> None:
        self._invalidate_overlay()

    def _tick(self) -> None:
        self._fps = float(self._frames - self._fps_mark)
        self._fps_mark = self._frames
        self._invalidate_overlay()

    # --- geometry and visibility ------------------------------------------------------------------
    def _pixel_size(self) -> tuple[int, int]:
        dpr = self.devicePixelRatioF()
        return max(2, round(self.width() * dpr)), max(2, round(self.height() * dpr))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        parent = self.parentWidget()
        if parent is not None and hasattr(parent, "invalidate_gaps"):
            parent.invalidate_gaps()  # the wall canvas recomputes the gaps between tiles
        self.repaint_later()
        if self._source is not None:
            self._source.set_target_size(*self._pixel_size())
        self._overlay = None
        hint = self._snap.sizeHint()
        self._snap.move(self.width() - hint.width() - 6, self.height() - hint.height() - 6)
        self._update_snap_visibility()

    def _update_snap_visibility(self) -> None:
        # On small tiles the button would cover the stats line: it shows while the pointer is
        # over the tile. Large tiles always show it.
        big = self.width() >= SNAP_ALWAYS_WIDTH
        self._snap.setVisible(bool(self._camera_id) and (big or self.underMouse()))

    def enterEvent(self, event: QtGui.QEnterEvent) -> None:
        super().enterEvent(event)
        self._update_snap_visibility()

    def leaveEvent(self, event: QtCore.QEvent) -> None:
        super().leaveEvent(event)
        self._update_snap_visibility()

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if self._source is not None:
            self._source.set_active(True)

    def hideEvent(self, event: QtGui.QHideEvent) -> None:
        super().hideEvent(event)
        if self._source is not None:
            self._source.set_active(False)

    # --- input ------------------------------------------------------------------------------------
    def mouseDoubleClickEvent(self, event: QtGui.QMouseEvent) -> None:
        self.doubleClicked.emit(self.index)
        event.accept()

    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:
        if camera_id_from_mime(event.mimeData()):
            self._drop_hover = True
            self._invalidate_overlay()
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QtGui.QDragLeaveEvent) -> None:
        self._drop_hover = False
        self._invalidate_overlay()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        self._drop_hover = False
        camera_id = camera_id_from_mime(event.mimeData())
        if camera_id:
            event.acceptProposedAction()
            self.cameraDropped.emit(self.index, camera_id)
        self._invalidate_overlay()

    # --- painting ---------------------------------------------------------------------------------
    def repaint_later(self) -> None:
        """Schedule a repaint of this tile's area; the wall canvas under it does the painting."""
        parent = self.parentWidget()
        if parent is not None:
            parent.update(self.geometry())

    def _invalidate_overlay(self) -> None:
        self._overlay = None  # re-rendered at the next paint, into _overlay_image
        self.repaint_later()

    def _overlay_info(self) -> overlay.OverlayInfo:
        status = self._source.status if self._source is not None else None
        badge = None
        if self._problem:
            badge = overlay.Badge(self._problem, *BADGES[SourceStatus.LOST][1:])
        elif status is not None:
            badge = overlay.Badge(*self._badge(status))
        parts = [f"{self._fps:.0f} fps"]
        if self._latency_ms is not None and status is SourceStatus.LIVE and not self._recorded:
            parts.append(f"{self._latency_ms:.0f} ms")
        if not (self._recorded or self._problem):  # a recording is of the replay's time
            parts.append(QtCore.QTime.currentTime().toString("HH:mm:ss"))
        centre = None
        if status is SourceStatus.LOST and self._source is not None:
            centre = overlay.Centre(
                QtCore.QCoreApplication.translate("VideoTile", "SIGNAL LOST"),
                self._source.reason,
                LOST_RED,
                2.2,
            )
        elif self._problem:
            centre = overlay.Centre(self._problem, self._detail or self._camera_id, LOST_RED, 1.8)
        elif not self._camera_id:
            centre = overlay.Centre(
                QtCore.QCoreApplication.translate("VideoTile", "Drop a camera here"), "", MUTED, 1.2
            )
        elif self._frame is None and status is SourceStatus.CONNECTING:
            centre = overlay.Centre(
                QtCore.QCoreApplication.translate("VideoTile", "CONNECTING…"),
                "",
                BADGES[SourceStatus.CONNECTING][1],
                1.6,
            )
        name = self._name if self._camera_id else ""
        return overlay.OverlayInfo(name, badge, "  ·  ".join(parts), centre)

    def _picture_rect(self) -> QtCore.QRectF | None:
        if self._frame is None:
            return None
        dpr = self.devicePixelRatioF()
        w, h = self._frame.image.width() / dpr, self._frame.image.height() / dpr
        return QtCore.QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def _prepare_paint(self, picture: QtCore.QRectF | None) -> None:
        """Render the overlay and work out every blit in canvas coordinates, once per change."""
        dpr = self.devicePixelRatioF()
        lost = self._source is not None and self._source.status is SourceStatus.LOST
        edge = QtGui.QPen(DROP_BLUE, 3) if self._drop_hover else None
        info = self._overlay_info()
        self._overlay, rects = overlay.render(
            self.size(), dpr, self.font(), info, picture, lost, edge, self._overlay_image
        )
        self._overlay_image = self._overlay
        self._overlay_picture = picture
        self._overlay_origin = self.pos()
        o = QtCore.QPointF(self.pos())
        self._blits = [
            (
                r.translated(o),
                QtCore.QRectF(r.x() * dpr, r.y() * dpr, r.width() * dpr, r.height() * dpr),
            )
            for r in rects
        ]
        self._picture_blit = None
        if picture is not None and self._frame is not None:
            # A picture a little larger than the tile (overscan) is cropped by its source rect,
            # so the canvas needs no clipping.
            shown = picture.intersected(QtCore.QRectF(self.rect()))
            src = QtCore.QRectF(
                (shown.x() - picture.x()) * dpr,
                (shown.y() - picture.y()) * dpr,
                shown.width() * dpr,
                shown.height() * dpr,
            )
            self._picture_blit = (shown.translated(o), src)

    def paint_into(self, p: QtGui.QPainter) -> None:
        """Paint this tile with ``p``, a painter on the wall canvas (canvas coordinates).

        The tile has no paintEvent of its own on purpose: the canvas paints every tile in one
        Python call per refresh, and each call into Qt from Python is a point where the GUI
        thread may wait for the interpreter lock that decoding workers take between frames, so
        a tile costs one blit for the picture and one per overlay rectangle.
        """
        picture = self._picture_rect()
        if (
            self._overlay is None
            or picture != self._overlay_picture
            or self.pos() != self._overlay_origin
        ):
            self._prepare_paint(picture)
        if self._picture_blit is not None and self._frame is not None:
            target, src = self._picture_blit
            p.drawImage(target, self._frame.image, src)
        ov = self._overlay
        if ov is None:
            return
        for target, src in self._blits:
            p.drawImage(target, ov, src)
