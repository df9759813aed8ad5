"""One tile of the video wall: the newest frame of one camera with high-contrast overlays."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from app.video.mime import camera_id_from_mime
from app.video.source import Frame, SourceStatus, VideoSource

log = logging.getLogger(__name__)

SourceFactory = Callable[[str, tuple[int, int]], VideoSource]

BG = QtGui.QColor("#0b0d10")
FG = QtGui.QColor("#f5f7fa")
MUTED = QtGui.QColor("#8a94a3")
BAR = QtGui.QColor(0, 0, 0, 170)
BADGES: dict[str, tuple[str, QtGui.QColor, QtGui.QColor]] = {
    SourceStatus.LIVE: ("LIVE", QtGui.QColor("#19c37d"), QtGui.QColor("#000000")),
    SourceStatus.CONNECTING: ("CONNECTING", QtGui.QColor("#f5b000"), QtGui.QColor("#000000")),
    SourceStatus.LOST: ("SIGNAL LOST", QtGui.QColor("#e5242a"), QtGui.QColor("#ffffff")),
    SourceStatus.IDLE: ("PAUSED", QtGui.QColor("#5a6472"), QtGui.QColor("#ffffff")),
}
LOST_RED = QtGui.QColor("#ff3b3b")


def default_source(url: str, size: tuple[int, int]) -> VideoSource:
    return VideoSource(url, target_size=size)


class VideoTile(QtWidgets.QWidget):
    """Owns the :class:`VideoSource` of the camera it shows and paints its frames unscaled.

    Frames arrive already scaled to this tile's pixel size by the worker, so painting is one
    image blit plus the overlay text. A hidden tile pauses its source.
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
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._factory = source_factory
        self._source: VideoSource | None = None
        self._camera_id = ""
        self._name = ""
        self._problem = ""  # why there is no source (no URL, unknown camera)
        self._frame: Frame | None = None
        self._frames = 0
        self._fps = 0.0
        self._fps_mark = 0
        self._drop_hover = False
        self._snap = QtWidgets.QToolButton(self)
        self._snap.setObjectName("snapshotButton")
        self._snap.setText("SNAPSHOT")
        self._snap.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self._snap.setStyleSheet(
            "QToolButton{background:rgba(0,0,0,190);color:#f5f7fa;border:1px solid #8a94a3;"
            "padding:2px 6px;font-weight:bold;font-size:10px}"
            "QToolButton:disabled{color:#5a6472;border-color:#3a4350}"
        )
        self._snap.clicked.connect(lambda: self.snapshotRequested.emit(self.index))
        self._snap.hide()
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

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
        return BADGES[self._source.status][0]

    def set_camera(self, camera_id: str, name: str = "", url: str = "", problem: str = "") -> None:
        """Show ``camera_id`` from ``url``; an empty id clears the tile. ``problem`` explains a
        camera that cannot be shown (no stream URL, not in the city)."""
        if self._source is not None and (camera_id, url) == (self._camera_id, self._source.url):
            self._name = name or camera_id
            self.update()
            return
        self._stop_source()
        self._camera_id, self._name = camera_id, name or camera_id
        self._problem = problem if camera_id else ""
        self._frame = None
        if camera_id and url and not problem:
            src = self._factory(url, self._pixel_size())
            src.frameReady.connect(self._on_frame_ready)
            src.statusChanged.connect(self._on_status)
            src.set_active(self.isVisible())
            self._source = src
            src.start()
        elif camera_id and not problem:
            self._problem = "NO STREAM"
        self._snap.setVisible(bool(camera_id))
        self.update()

    def shutdown(self) -> None:
        """Stop decoding; the tile keeps its camera id (for presets) but shows nothing."""
        self._stop_source()
        self._timer.stop()

    def _stop_source(self) -> None:
        src, self._source = self._source, None
        if src is not None:
            src.frameReady.disconnect(self._on_frame_ready)
            src.statusChanged.disconnect(self._on_status)
            src.stop()

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

    # --- source events (queued from the worker thread) -------------------------------------------
    @QtCore.Slot()
    def _on_frame_ready(self) -> None:
        if self._source is None:
            return
        frame = self._source.take_frame()
        if frame is not None:
            self._frame = frame
            self._frames += 1
            self.update()

    @QtCore.Slot(str, str)
    def _on_status(self, status: str, reason: str) -> None:
        self.update()

    def _tick(self) -> None:
        self._fps = float(self._frames - self._fps_mark)
        self._fps_mark = self._frames
        self.update()

    # --- geometry and visibility ------------------------------------------------------------------
    def _pixel_size(self) -> tuple[int, int]:
        dpr = self.devicePixelRatioF()
        return max(2, round(self.width() * dpr)), max(2, round(self.height() * dpr))

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._source is not None:
            self._source.set_target_size(*self._pixel_size())
        hint = self._snap.sizeHint()
        self._snap.move(self.width() - hint.width() - 6, self.height() - hint.height() - 6)

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
            self.update()
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QtGui.QDragLeaveEvent) -> None:
        self._drop_hover = False
        self.update()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        self._drop_hover = False
        camera_id = camera_id_from_mime(event.mimeData())
        if camera_id:
            event.acceptProposedAction()
            self.cameraDropped.emit(self.index, camera_id)
        self.update()

    # --- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        p = QtGui.QPainter(self)
        r = self.rect()
        p.fillRect(r, BG)
        status = self._source.status if self._source is not None else None
        lost = status is SourceStatus.LOST
        if self._frame is not None:
            img = self._frame.image
            dpr = self.devicePixelRatioF()
            w, h = img.width() / dpr, img.height() / dpr
            target = QtCore.QRectF((r.width() - w) / 2, (r.height() - h) / 2, w, h)
            if lost:
                p.setOpacity(0.35)  # keep the last picture as context, clearly stale
            p.drawImage(target, img)
            p.setOpacity(1.0)
        unit = max(9.0, min(18.0, r.height() / 20.0))
        if self._camera_id:
            self._paint_bars(p, unit, status)
        if lost and self._source is not None:
            self._paint_centre(p, "SIGNAL LOST", self._source.reason, LOST_RED, unit * 2.2)
        elif self._problem:
            self._paint_centre(p, self._problem, self._camera_id, LOST_RED, unit * 1.8)
        elif not self._camera_id:
            self._paint_centre(p, "Drop a camera here", "", MUTED, unit * 1.2)
        elif self._frame is None and status is SourceStatus.CONNECTING:
            self._paint_centre(p, "CONNECTING…", "", BADGES[SourceStatus.CONNECTING][1], unit * 1.6)
        border = QtGui.QColor("#2ea8ff") if self._drop_hover else QtGui.QColor("#262b33")
        p.setPen(QtGui.QPen(border, 3 if self._drop_hover else 1))
        p.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        p.drawRect(r.adjusted(0, 0, -1, -1))
        p.end()

    def _paint_bars(self, p: QtGui.QPainter, unit: float, status: SourceStatus | None) -> None:
        r = self.rect()
        bar_h = round(unit * 1.8)
        font = QtGui.QFont(self.font())
        font.setPixelSize(round(unit))
        font.setBold(True)
        p.setFont(font)
        fm = QtGui.QFontMetrics(font)
        top = QtCore.QRect(0, 0, r.width(), bar_h)
        p.fillRect(top, BAR)
        if status is not None or self._problem:
            text, bg, fg = BADGES[status] if status is not None else BADGES[SourceStatus.LOST]
            if self._problem:
                text = self._problem
            bw = fm.horizontalAdvance(text) + round(unit)
            badge = QtCore.QRect(r.width() - bw - 4, 3, bw, bar_h - 6)
            p.fillRect(badge, bg)
            p.setPen(fg)
            p.drawText(badge, QtCore.Qt.AlignmentFlag.AlignCenter, text)
            name_w = badge.left() - 12
        else:
            name_w = r.width() - 12
        p.setPen(FG)
        name = fm.elidedText(self._name, QtCore.Qt.TextElideMode.ElideRight, name_w)
        p.drawText(top.adjusted(8, 0, 0, 0), QtCore.Qt.AlignmentFlag.AlignVCenter, name)
        # Bottom bar: delivered fps, latency, local time.
        bottom = QtCore.QRect(0, r.height() - bar_h, r.width(), bar_h)
        p.fillRect(bottom, BAR)
        parts = [f"{self._fps:.0f} fps"]
        lat = self._frame.latency_ms if self._frame is not None else None
        if lat is not None:
            parts.append(f"{lat:.0f} ms")
        parts.append(QtCore.QTime.currentTime().toString("HH:mm:ss"))
        font.setBold(False)
        p.setFont(font)
        p.setPen(FG)
        p.drawText(
            bottom.adjusted(8, 0, 0, 0), QtCore.Qt.AlignmentFlag.AlignVCenter, "  ·  ".join(parts)
        )

    def _paint_centre(
        self, p: QtGui.QPainter, title: str, detail: str, color: QtGui.QColor, px: float
    ) -> None:
        r = self.rect()
        font = QtGui.QFont(self.font())
        font.setPixelSize(round(px))
        font.setBold(True)
        p.setFont(font)
        fm = QtGui.QFontMetrics(font)
        box = QtCore.QRect(0, 0, min(r.width() - 8, fm.horizontalAdvance(title) + round(px)), 0)
        box.setHeight(round(px * 1.6))
        box.moveCenter(r.center())
        p.fillRect(box, QtGui.QColor(0, 0, 0, 200))
        p.setPen(color)
        p.drawText(box, QtCore.Qt.AlignmentFlag.AlignCenter, title)
        if detail:
            small = QtGui.QFont(font)
            small.setBold(False)
            small.setPixelSize(max(9, round(px * 0.42)))
            p.setFont(small)
            p.setPen(FG)
            sm = QtGui.QFontMetrics(small)
            text = sm.elidedText(detail, QtCore.Qt.TextElideMode.ElideRight, r.width() - 16)
            below = QtCore.QRect(8, box.bottom() + 4, r.width() - 16, sm.height() + 4)
            p.fillRect(below.adjusted(-2, 0, 2, 0), QtGui.QColor(0, 0, 0, 160))
            p.drawText(below, QtCore.Qt.AlignmentFlag.AlignCenter, text)
