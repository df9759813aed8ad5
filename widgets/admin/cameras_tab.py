"""Cameras: name, position, direction, field of view, range and stream URL; create, edit, retire
through the runner (upsert_camera, retire_camera). "Test" opens the stream off the GUI thread the
way the decoder does and reports the picture size, or why it failed."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from PySide6 import QtWidgets

from app.domain import reference_commands as rc
from app.store.gateway import CommandGateway
from app.store.store import Store
from widgets.admin import admin_form as af
from widgets.util import named

log = logging.getLogger(__name__)

Probe = Callable[[str], Any]
"""Blocking: opens a stream URL and returns something with width, height, codec; raises with the
reason (app.video.probe.probe_stream)."""


class CamerasTab(QtWidgets.QWidget):
    """Owns the camera table, the form of the chosen (or new) camera and its stream test."""

    def __init__(
        self,
        store: Store,
        gateway: CommandGateway,
        probe: Probe | None = None,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._gateway = gateway
        self._probe = probe
        self.table = af.table(
            [
                self.tr("Camera"),
                self.tr("Name"),
                self.tr("Latitude"),
                self.tr("Longitude"),
                self.tr("Direction"),
                self.tr("Field of view"),
                self.tr("Stream"),
            ],
            "CamerasTable",
        )
        self.table.itemSelectionChanged.connect(self._selected)
        self.camera_id = named(QtWidgets.QLineEdit(), "CameraId")
        self.name = named(QtWidgets.QLineEdit(), "CameraName")
        self.lat = af.spin(-90, 90, 6, "CameraLat")
        self.lon = af.spin(-180, 180, 6, "CameraLon")
        self.heading = af.spin(0, 360, 0, "CameraHeading", self.tr("°"))
        self.fov = af.spin(1, 360, 0, "CameraFov", self.tr("°"))
        self.fov.setValue(60)
        self.range = af.spin(1, 5000, 0, "CameraRange", self.tr(" m"))
        self.range.setValue(150)
        self.url = named(QtWidgets.QLineEdit(), "CameraUrl")
        self.url.setPlaceholderText(self.tr("rtsp://camera.example.org/stream1"))
        self.test = named(QtWidgets.QPushButton(self.tr("Test")), "CameraTest")
        self.test.clicked.connect(lambda: self.run_test())
        url_row = QtWidgets.QHBoxLayout()
        url_row.addWidget(self.url, 1)
        url_row.addWidget(self.test)
        pos = QtWidgets.QHBoxLayout()
        pos.addWidget(self.lat)
        pos.addWidget(self.lon)
        view = QtWidgets.QHBoxLayout()
        for label, w in (
            (self.tr("Direction"), self.heading),
            (self.tr("Field of view"), self.fov),
            (self.tr("Range"), self.range),
        ):
            view.addWidget(QtWidgets.QLabel(label))
            view.addWidget(w)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Camera id"), self.camera_id)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Position (lat, lon)"), pos)
        form.addRow(self.tr("View"), view)
        form.addRow(self.tr("Stream URL"), url_row)
        self.test_result = named(QtWidgets.QLabel(), "CameraTestResult")
        self.test_result.setWordWrap(True)
        form.addRow("", self.test_result)
        self.save = named(QtWidgets.QPushButton(self.tr("Save camera")), "CameraSave")
        self.retire = named(QtWidgets.QPushButton(self.tr("Retire camera")), "CameraRetire")
        self.save.clicked.connect(self.submit)
        self.retire.clicked.connect(self.submit_retire)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.retire)
        buttons.addStretch(1)
        self.status = named(QtWidgets.QLabel(), "CamerasStatus")
        self.status.setWordWrap(True)
        lay = QtWidgets.QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        store.camerasChanged.connect(lambda _ids: self.reload())
        store.stateReset.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        cams = sorted(self._store.state.cameras.values(), key=lambda c: c.id)
        af.fill(
            self.table,
            [
                (
                    c.id,
                    c.name,
                    f"{c.lat:.6f}",
                    f"{c.lon:.6f}",
                    f"{c.heading:g}°",
                    f"{c.fov:g}°",
                    c.stream_url,
                )
                for c in cams
            ],
        )

    def select(self, camera_id: str) -> bool:
        found = af.select_key(self.table, camera_id)
        self._selected()
        return found

    def _selected(self) -> None:
        c = self._store.state.cameras.get(af.selected_key(self.table))
        if c is None:
            return
        self.camera_id.setText(c.id)
        self.name.setText(c.name)
        self.lat.setValue(c.lat)
        self.lon.setValue(c.lon)
        self.heading.setValue(c.heading)
        self.fov.setValue(c.fov)
        self.range.setValue(c.range_m)
        self.url.setText(c.stream_url)
        self.test_result.clear()

    def command(self) -> rc.UpsertCamera:
        return rc.UpsertCamera(
            camera_id=self.camera_id.text().strip(),
            name=self.name.text().strip(),
            lat=self.lat.value(),
            lon=self.lon.value(),
            heading=self.heading.value(),
            fov=self.fov.value(),
            range_m=self.range.value(),
            stream_url=self.url.text().strip(),
        )

    def submit(self) -> bool:
        cmd = self.command()
        done = self.tr("Camera %1 sent").replace("%1", cmd.camera_id)
        return af.submit(self._store, self._gateway, cmd, self.status, done)

    def submit_retire(self) -> bool:
        cmd = rc.RetireCamera(camera_id=self.camera_id.text().strip())
        done = self.tr("Retiring camera %1").replace("%1", cmd.camera_id)
        return af.submit(self._store, self._gateway, cmd, self.status, done)

    def run_test(self) -> asyncio.Task[None]:
        """Test the stream URL in the form; the task ends when the result is shown."""
        return asyncio.ensure_future(self._test(self.url.text().strip()))

    async def _test(self, url: str) -> None:
        if self._probe is None:
            self.test_result.setText(self.tr("Stream tests are not available here"))
            return
        if not url:
            self.test_result.setText(self.tr("Enter a stream URL first"))
            return
        self.test.setEnabled(False)
        self.test_result.setStyleSheet("")
        self.test_result.setText(self.tr("Testing %1 …").replace("%1", url))
        try:
            # Opening a camera may wait seconds on the network: never on the GUI thread.
            got = await asyncio.get_running_loop().run_in_executor(None, self._probe, url)
        except Exception as exc:  # the probe's reason, whatever the library raised
            self.test_result.setStyleSheet("color: #ff6b6b; font-weight: bold;")
            self.test_result.setText(self.tr("Failed: %1").replace("%1", str(exc)))
        else:
            self.test_result.setStyleSheet("color: #4ade80; font-weight: bold;")
            self.test_result.setText(
                self.tr("OK: %1 × %2 (%3)")
                .replace("%1", str(got.width))
                .replace("%2", str(got.height))
                .replace("%3", str(got.codec))
            )
        finally:
            self.test.setEnabled(True)
