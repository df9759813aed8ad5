"""The map's right-click menu, hover texts and keys (kept apart so the widget file stays small)."""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from app.console.durations import age_text
from app.domain.library import default_library
from app.domain.model import status_group
from app.domain.rules import incident_overdue
from app.store.store import Store
from widgets.map.layer_base import Hit
from widgets.map.unit_layer import STALE_AFTER_S

if TYPE_CHECKING:
    from widgets.map.map_widget import MapWidget

log = logging.getLogger(__name__)


def stage_name(stage: str) -> str:
    names = {
        "register": QtCore.QCoreApplication.translate("MapTooltip", "registration"),
        "dispatch": QtCore.QCoreApplication.translate("MapTooltip", "dispatch"),
        "handle": QtCore.QCoreApplication.translate("MapTooltip", "handling"),
        "verify": QtCore.QCoreApplication.translate("MapTooltip", "verification"),
    }
    return names.get(stage, stage)


def tooltip_for(hit: Hit, store: Store) -> str:
    s = store.state
    if hit.kind == "incident":
        inc = s.incidents.get(hit.id)
        if inc is None:
            return ""
        cat = default_library().by_code.get(inc.category)
        name = html.escape(cat.name_en if cat is not None else inc.category)
        lines = [
            f"<b>{inc.number}</b> · P{inc.priority} · {name}",
            f"{inc.status.value.replace('_', ' ')} ({status_group(inc.status).value})",
        ]
        if inc.location.address:
            lines.append(html.escape(inc.location.address))
        # Only the stage that is running can be overdue now; a stage that finished late is
        # history (the detail panel shows it), not an alarm.
        stage = inc.current_stage()
        if stage is not None and incident_overdue(inc, store.now()):
            label = QtCore.QCoreApplication.translate("MapTooltip", "OVERDUE: %1").replace(
                "%1", stage_name(stage)
            )
            lines.append(f"<span style='color:#ff6b6b'>{label}</span>")
        return "<br>".join(lines)
    if hit.kind == "cluster":
        return f"{len(hit.ids)} incidents — click to zoom in"
    if hit.kind == "unit":
        u = s.units.get(hit.id)
        if u is None:
            return ""
        ag = s.agencies.get(u.agency)
        text = f"<b>{u.id}</b> · {ag.name if ag else u.agency} · {u.type}<br>{u.status.value.replace('_', ' ')}"
        if u.incident_id:
            inc = s.incidents.get(u.incident_id)
            text += f" → {inc.number if inc else u.incident_id}"
        age = store.now() - u.position_time
        if u.position_time <= 0:
            note = QtCore.QCoreApplication.translate(
                "MapTooltip", "no position reported yet (shown at its station)"
            )
            text += f"<br><i>{note}</i>"
        elif age > STALE_AFTER_S:
            old = QtCore.QCoreApplication.translate("MapTooltip", "position %1 old").replace(
                "%1", age_text(age)
            )
            text += f"<br><i>{old}</i>"
        return text
    if hit.kind == "camera":
        c = s.cameras.get(hit.id)
        if c is None:
            return ""
        return f"<b>{c.name}</b><br>" + QtCore.QCoreApplication.translate(
            "MapTooltip", "camera · %1"
        ).replace("%1", c.status)
    return ""


def build_context_menu(w: MapWidget, pos: QtCore.QPointF) -> QtWidgets.QMenu:
    """Actions for the point under the cursor; the unit action appears only over a unit."""
    lat, lon = w.latlon_at(pos)
    hit = w.hit_test(pos)
    menu = QtWidgets.QMenu(w)
    menu.setObjectName("mapContextMenu")
    menu.addAction(
        QtCore.QCoreApplication.translate("MapMenu", "New incident here")
    ).triggered.connect(lambda: w.newIncidentRequested.emit(lat, lon))
    menu.addAction(
        QtCore.QCoreApplication.translate("MapMenu", "Dispatch nearest unit")
    ).triggered.connect(lambda: w.dispatchNearestRequested.emit(lat, lon))
    menu.addAction(
        QtCore.QCoreApplication.translate("MapMenu", "Show cameras covering this point")
    ).triggered.connect(lambda: w.camerasAtRequested.emit(lat, lon))
    menu.addSeparator()
    fit = menu.addAction(QtCore.QCoreApplication.translate("MapMenu", "Fit to selected incident"))
    fit.setEnabled(bool(w.selection.incident_id))
    fit.triggered.connect(lambda: w.fit_to_incident(w.selection.incident_id))
    if hit is not None and hit.kind == "unit":
        unit_id = hit.id
        menu.addAction(
            QtCore.QCoreApplication.translate("MapMenu", "Follow unit %1").replace("%1", unit_id)
        ).triggered.connect(lambda: w.selection.follow_unit(unit_id))
    if w.followed_unit:
        menu.addAction(
            QtCore.QCoreApplication.translate("MapMenu", "Stop following %1").replace(
                "%1", w.followed_unit
            )
        ).triggered.connect(lambda: w.selection.follow_unit(""))
    menu.addSeparator()
    copy = menu.addAction(
        QtCore.QCoreApplication.translate("MapMenu", "Copy %1").replace(
            "%1", f"{lat:.5f}, {lon:.5f}"
        )
    )
    copy.triggered.connect(
        lambda: QtWidgets.QApplication.clipboard().setText(f"{lat:.6f}, {lon:.6f}")
    )
    return menu


def handle_key(w: MapWidget, key: int) -> bool:
    """Arrows pan a quarter screen, +/- zoom half a level, Esc leaves pick mode; False: not ours."""
    k = QtCore.Qt.Key
    step_x, step_y = w.vp.width / 4, w.vp.height / 4
    if key == k.Key_Left:
        w.pan_by(step_x, 0)
    elif key == k.Key_Right:
        w.pan_by(-step_x, 0)
    elif key == k.Key_Up:
        w.pan_by(0, step_y)
    elif key == k.Key_Down:
        w.pan_by(0, -step_y)
    elif key in (k.Key_Plus, k.Key_Equal):
        w.zoom_by(0.5)
    elif key in (k.Key_Minus, k.Key_Underscore):
        w.zoom_by(-0.5)
    elif key == k.Key_Escape and w.pick_mode:
        w.set_pick_mode(False)
    elif key == k.Key_L:
        w.legend_visible = not w.legend_visible
        w.update()
    else:
        return False
    return True
