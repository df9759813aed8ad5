"""The live incident queue: a table model over incident ids, sorted and filtered in place.

Sorting and filtering live in the model (not a QSortFilterProxyModel calling back into Python per
comparison) so 100,000 incidents sort in tens of milliseconds and each update moves one row: the
model keeps the visible ids in key order and places a changed incident by bisection.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6 import QtCore, QtGui
from sortedcontainers import SortedList

from app.console.i18n import active_language
from app.console.words import agency_name, source_name, status_name
from app.domain.library import Library
from app.domain.model import Incident, Status
from app.models.queue_filter import (
    HEADERS,
    Column,
    QueueFilter,
    current_due,
    is_overdue,
    sort_key_fn,
)
from app.models.table import HeaderedTableModel
from app.store.store import Store

log = logging.getLogger(__name__)

IdRole = QtCore.Qt.ItemDataRole.UserRole + 1
OverdueRole = QtCore.Qt.ItemDataRole.UserRole + 2
PriorityRole = QtCore.Qt.ItemDataRole.UserRole + 3
FlashRole = QtCore.Qt.ItemDataRole.UserRole + 4
PendingRole = QtCore.Qt.ItemDataRole.UserRole + 5

PRIORITY_BG = {1: "#ff3b3b", 2: "#ff9f1a", 3: "#ffd84d", 4: "#5fb3ff"}
PRIORITY_FG = {1: "#ffffff", 2: "#111111", 3: "#111111", 4: "#0b0f14"}
_PRIORITY_BG = {p: QtGui.QColor(c) for p, c in PRIORITY_BG.items()}
_PRIORITY_FG = {p: QtGui.QColor(c) for p, c in PRIORITY_FG.items()}
OVERDUE_BG = QtGui.QColor("#4a1014")
OVERDUE_FG = QtGui.QColor("#ff6b6b")
FLASH_BG = QtGui.QColor("#8a1c20")
PENDING_FG = QtGui.QColor("#b78cff")
DIM_FG = QtGui.QColor("#8394a6")
BOLD_FONT = QtGui.QFont()
BOLD_FONT.setBold(True)
_BOLD_COLUMNS = {Column.NUMBER, Column.PRIORITY, Column.DUE}
_CENTER = int(QtCore.Qt.AlignmentFlag.AlignCenter)
_LEFT = int(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignVCenter)
_ALIGN = [_CENTER if c in (Column.PRIORITY, Column.AGE, Column.DUE) else _LEFT for c in Column]
_ROLE_SLOT = {
    int(QtCore.Qt.ItemDataRole.DisplayRole): 1,
    int(QtCore.Qt.ItemDataRole.BackgroundRole): 2,
    int(QtCore.Qt.ItemDataRole.ForegroundRole): 3,
    int(QtCore.Qt.ItemDataRole.FontRole): 4,
    int(QtCore.Qt.ItemDataRole.TextAlignmentRole): 5,
    int(QtCore.Qt.ItemDataRole.ToolTipRole): 6,
}
TIME_COLUMNS = frozenset({int(Column.AGE), int(Column.DUE)})
FLUSH_MS = 100  # coalesce bursts: at most ten repaints a second


def fmt_duration(seconds: float) -> str:
    neg = seconds < 0
    s = int(abs(seconds))
    d, rem = divmod(s, 86400)
    h, rem = divmod(rem, 3600)
    m, sec = divmod(rem, 60)
    if d:
        text = f"{d}d {h:02d}h"
    elif h:
        text = f"{h}h {m:02d}m"
    else:
        text = f"{m}:{sec:02d}"
    return f"-{text}" if neg else text


class IncidentQueueModel(HeaderedTableModel):
    """Rows are incident ids in the current sort order, restricted to the current filter."""

    headers = [HEADERS[c] for c in Column]

    newPriorityOne = QtCore.Signal(str)  # a P1 incident arrived live (not during catch-up)
    flashingChanged = QtCore.Signal(int)  # number of unacknowledged P1 incidents
    reordered = QtCore.Signal()  # rows moved: views re-select their incident by id

    def __init__(
        self, store: Store, library: Library, parent: QtCore.QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._library = library
        self._names = {c.code: c.display_name(active_language()) for c in library.categories}
        self._filter = QueueFilter()
        self._sort_col = Column.PRIORITY
        self._descending = False
        self._key = sort_key_fn(self._sort_col, library)
        # Visible rows as (sort key, incident id), ascending; O(log n) insert, remove and index.
        self._rows: SortedList = SortedList()
        self._key_of: dict[str, Any] = {}  # id -> key it is filed under
        self._unacked: set[str] = set()
        self._flash_on = False
        self._live = False  # True once the first full state arrived: later P1s alert
        self._seen: set[str] = set()  # incidents already shown once (a P1 alerts only when new)
        self._cache: dict[str, tuple[Any, ...]] = {}
        self._dirty: set[str] = set()
        self._flush_timer = QtCore.QTimer(self, singleShot=True, interval=FLUSH_MS)
        self._flush_timer.timeout.connect(self.flush)
        store.incidentsChanged.connect(self._on_changed)
        store.stateReset.connect(self.rebuild)
        store.pendingChanged.connect(self._on_pending)
        self.rebuild()

    # --- Qt model API -----------------------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._rows)

    def data(
        self,
        index: QtCore.QModelIndex | QtCore.QPersistentModelIndex,
        role: int = QtCore.Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        # Painting asks for many roles of each visible cell: answer from one cached row record.
        row = index.row()
        if row < 0 or row >= len(self._rows):
            return None
        rec = self._record(self._rows[self._src(row)][1])
        if rec is None:
            return None
        slot = _ROLE_SLOT.get(role)
        if slot is None:
            return self._other_role(rec, role)
        col = index.column()
        if slot == 1 and col in TIME_COLUMNS:
            return self.time_text(rec[7], col)
        return rec[slot][col]

    def time_text(self, incident_id: str, col: int) -> str:
        """Age or countdown, computed now (these two columns are never cached)."""
        inc = self._store.state.incidents.get(incident_id)
        if inc is None:
            return ""
        return self._display(inc, Column(col), self._store.now(), False)

    def record_at(self, row: int) -> tuple[Any, ...] | None:
        """The cached display record of a row: (stamp, texts, backgrounds, foregrounds, fonts,
        alignments, tooltips, id, overdue, priority, unacknowledged, pending)."""
        if row < 0 or row >= len(self._rows):
            return None
        return self._record(self._rows[self._src(row)][1])

    def _record(self, iid: str) -> tuple[Any, ...] | None:
        inc = self._store.state.incidents.get(iid)
        if inc is None:
            return None
        now = self._store.now()
        stamp = (
            inc.version,
            self._store.is_pending(iid),
            iid in self._unacked and self._flash_on,
            iid in self._unacked,
            is_overdue(inc, now),
        )
        cached = self._cache.get(iid)
        if cached is not None and cached[0] == stamp:
            return cached
        rec = self._build_record(inc, now, stamp)
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[iid] = rec
        return rec

    def _build_record(self, inc: Incident, now: float, stamp: tuple[Any, ...]) -> tuple[Any, ...]:
        pending, flashing, unacked = stamp[1], stamp[2], stamp[3]
        overdue = is_overdue(inc, now)
        cols = range(len(Column))
        texts = [self._display(inc, Column(c), now, pending) for c in cols]
        bg: list[Any] = [None] * len(Column)
        fg: list[Any] = [None] * len(Column)
        row_bg = FLASH_BG if flashing else (OVERDUE_BG if overdue else None)
        row_fg = PENDING_FG if pending else (None if inc.is_open() else DIM_FG)
        for c in cols:
            bg[c] = row_bg
            fg[c] = row_fg
        if not flashing:
            bg[Column.PRIORITY] = _PRIORITY_BG.get(inc.priority)
        fg[Column.PRIORITY] = _PRIORITY_FG.get(inc.priority)
        if overdue:
            fg[Column.DUE] = OVERDUE_FG
        bold = BOLD_FONT
        fonts = [bold if (unacked or c in _BOLD_COLUMNS) else None for c in cols]
        tip = self._tooltip(inc, pending)
        return (
            stamp,
            texts,
            bg,
            fg,
            fonts,
            _ALIGN,
            [tip] * len(Column),
            inc.id,
            overdue,
            inc.priority,
            unacked,
            pending,
        )

    def _other_role(self, rec: tuple[Any, ...], role: int) -> Any:
        if role == IdRole:
            return rec[7]
        if role == OverdueRole:
            return rec[8]
        if role == PriorityRole:
            return rec[9]
        if role == FlashRole:
            return rec[10]
        if role == PendingRole:
            return rec[11]
        return None

    def sort(
        self, column: int, order: QtCore.Qt.SortOrder = QtCore.Qt.SortOrder.AscendingOrder
    ) -> None:
        self._sort_col = Column(column)
        self._descending = order == QtCore.Qt.SortOrder.DescendingOrder
        self._key = sort_key_fn(self._sort_col, self._library)
        self._resort()

    # --- public API -------------------------------------------------------------------------------
    def incident_id(self, row: int) -> str:
        return self._rows[self._src(row)][1]

    def row_of(self, incident_id: str) -> int:
        key = self._key_of.get(incident_id)
        if key is None:
            return -1
        i = self._rows.bisect_left((key, incident_id))
        if i < len(self._rows) and self._rows[i][1] == incident_id:
            return self._src(i)
        return -1

    def set_filter(self, flt: QueueFilter) -> None:
        self._filter = flt
        self.rebuild()

    @property
    def filter(self) -> QueueFilter:
        return self._filter

    def acknowledge(self, incident_id: str | None = None) -> None:
        """Stop the flashing of one (or every) new priority-1 incident."""
        ids = set(self._unacked) if incident_id is None else {incident_id} & self._unacked
        self._unacked -= ids
        for iid in ids:
            self._row_changed(iid)
        self.flashingChanged.emit(len(self._unacked))

    def unacknowledged(self) -> set[str]:
        return set(self._unacked)

    def toggle_flash(self) -> None:
        """Called by the view's blink timer: flips the highlight of unacknowledged rows."""
        if not self._unacked and not self._flash_on:
            return
        self._flash_on = not self._flash_on
        for iid in self._unacked:
            self._row_changed(iid)

    # --- internals --------------------------------------------------------------------------------
    def _src(self, row: int) -> int:
        return len(self._rows) - 1 - row if self._descending else row

    def _display(self, inc: Incident, col: Column, now: float, pending: bool) -> str:
        if col == Column.NUMBER:
            # A master case's badge: how many reports are merged into it.
            badge = f" (+{len(inc.merged)})" if inc.merged else ""
            return inc.number + badge + (" *" if pending else "")
        if col == Column.PRIORITY:
            return f"P{inc.priority}"
        if col == Column.CATEGORY:
            return self._names.get(inc.category, inc.category)
        if col == Column.STATUS:
            if inc.merged_into:
                master = self._store.state.incidents.get(inc.merged_into)
                where = master.number if master is not None else "?"
                return QtCore.QCoreApplication.translate(
                    "IncidentQueueModel", "merged → %1"
                ).replace("%1", where)
            return status_name(inc.status.value)
        if col == Column.LOCATION:
            loc = inc.location
            where = loc.address or f"{loc.lat:.5f}, {loc.lon:.5f}"
            return f"{where} · {loc.grid_cell}" if loc.grid_cell else where
        if col == Column.DEPARTMENT:
            extra = f" +{len(inc.linked_agencies)}" if inc.linked_agencies else ""
            # ⚖: returned by the department, waiting for arbitration.
            disputed = " ⚖" if inc.open_dispute() is not None else ""
            # English shows the department's id, as before; other languages its name.
            lang = active_language()
            dept = inc.department if lang == "en" else agency_name(inc.department)
            return dept + extra + disputed
        if col == Column.AGE:
            return fmt_duration(now - inc.created_at)
        if col == Column.DUE:
            due = current_due(inc)
            if due == float("inf"):
                return "" if inc.status != Status.RESOLVED else "—"
            # The escalation level the deadline engine reached says who has been told:
            # L1 warning (supervisor), L2 overdue (+ department), L3 escalated (+ its head).
            stage = inc.current_stage()
            clk = inc.clocks.get(stage) if stage else None
            level = f"L{clk.escalation} " if clk is not None and clk.escalation else ""
            return level + fmt_duration(due - now)
        if col == Column.UNITS:
            return " ".join(inc.assigned_units)
        if col == Column.SOURCE:
            return source_name(inc.source.value)
        return ""

    def _tooltip(self, inc: Incident, pending: bool) -> str:
        lines = [
            f"{inc.number} — {self._names.get(inc.category, inc.category)} (P{inc.priority})",
            QtCore.QCoreApplication.translate("Tables", "Status: %1").replace(
                "%1", status_name(inc.status.value)
            ),
            inc.location.address,
        ]
        if inc.description:
            lines.append(inc.description[:200])
        if inc.merged:
            channels = ", ".join(sorted({m.source.value.replace("_", " ") for m in inc.merged}))
            lines.append(
                QtCore.QCoreApplication.translate(
                    "IncidentQueueModel", "%1 report(s) merged into this case: %2"
                )
                .replace("%1", str(len(inc.merged)))
                .replace("%2", channels)
            )
        if inc.merged_into:
            lines.append(
                QtCore.QCoreApplication.translate(
                    "IncidentQueueModel", "Merged into another case: handled there"
                )
            )
        if pending:
            lines.append(
                QtCore.QCoreApplication.translate(
                    "Tables", "Pending: changes not yet confirmed by the server"
                )
            )
        return "\n".join(x for x in lines if x)

    def retranslate(self) -> None:
        """After a language switch: category names, statuses and tooltips in the new language."""
        self._names = {c.code: c.display_name(active_language()) for c in self._library.categories}
        self._cache.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1)
            )

    def rebuild(self) -> None:
        """Recompute the visible rows from the whole state (start, filter change, state reset)."""
        state = self._store.state
        match = self._filter.matcher(self._library, self._store.now())
        key = self._key
        pairs = sorted((key(i), i.id) for i in state.incidents.values() if match(i))
        self.beginResetModel()
        self._flush_timer.stop()
        self._dirty.clear()
        self._cache.clear()
        self._rows = SortedList(pairs)
        self._key_of = {iid: k for k, iid in pairs}
        self._unacked &= set(state.incidents)
        self._seen.update(state.incidents)
        self.endResetModel()
        if state.incidents:
            self._live = True

    def _resort(self) -> None:
        """Re-order every row, keeping selections (persistent indexes) on the same incidents."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [
            (self.incident_id(ix.row()), ix.column()) if ix.row() < len(self._rows) else None
            for ix in old
        ]
        state = self._store.state
        pairs = sorted(
            (self._key(state.incidents[i]), i) for _k, i in self._rows if i in state.incidents
        )
        self._rows = SortedList(pairs)
        self._key_of = {iid: k for k, iid in pairs}
        self._cache.clear()
        new = []
        for ref in old_ids:
            row = self.row_of(ref[0]) if ref else -1
            new.append(self.index(row, ref[1]) if ref and row >= 0 else QtCore.QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _on_pending(self) -> None:
        pass  # rows of incidents whose pending state changed arrive via incidentsChanged

    def _on_changed(self, ids: list[str]) -> None:
        self._dirty.update(ids)
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush(self) -> None:
        """Apply the changes collected since the last flush, with one repaint.

        Moves never reach the view as row moves (each costs O(rows) in QTableView): the sorted
        id list is updated in place, the row count is adjusted at the end, and the rows whose
        content changed are repainted. The view re-selects its incident by id (``reordered``).
        """
        self._flush_timer.stop()
        ids, self._dirty = self._dirty, set()
        if not ids:
            return
        state = self._store.state
        now = self._store.now()
        match = self._filter.matcher(self._library, now)
        n_before = len(self._rows)
        structural = False
        touched: list[str] = []
        for iid in ids:
            self._cache.pop(iid, None)
            inc = state.incidents.get(iid)
            old_key = self._key_of.get(iid)
            new_key = self._key(inc) if inc is not None and match(inc) else None
            if new_key is not None and new_key == old_key:
                touched.append(iid)
            else:
                if old_key is not None:
                    self._silent_remove(iid, old_key)
                if new_key is not None:
                    self._silent_insert(iid, new_key)
                structural = True
            if (
                inc is not None
                and self._live
                and old_key is None
                and iid not in self._seen
                and inc.priority == 1
                and inc.is_open()
                and inc.created_at >= now - 120
            ):
                self._unacked.add(iid)
                self.newPriorityOne.emit(iid)
                self.flashingChanged.emit(len(self._unacked))
            self._seen.add(iid)
        n_after = len(self._rows)
        if n_after > n_before:
            self.beginInsertRows(QtCore.QModelIndex(), n_before, n_after - 1)
            self.endInsertRows()
        elif n_after < n_before:
            self.beginRemoveRows(QtCore.QModelIndex(), n_after, n_before - 1)
            self.endRemoveRows()
        if structural:
            if n_after:
                last = len(Column) - 1
                self.dataChanged.emit(self.index(0, 0), self.index(n_after - 1, last))
            self.reordered.emit()
        else:
            for iid in touched:
                self._row_changed(iid)
        if state.incidents:
            self._live = True

    def _silent_insert(self, iid: str, key: Any) -> None:
        self._rows.add((key, iid))
        self._key_of[iid] = key

    def _silent_remove(self, iid: str, key: Any) -> None:
        self._rows.discard((key, iid))
        del self._key_of[iid]

    def _row_changed(self, iid: str) -> None:
        self._cache.pop(iid, None)
        row = self.row_of(iid)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
