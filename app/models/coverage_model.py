"""Live coverage per agency (QtCore): recomputed off the GUI thread when units move.

Unit moves and status changes are debounced (:data:`DEBOUNCE_MS`): a burst of AVL positions
costs one recomputation. The work runs on a worker thread (a cold start searches every unit
and station, ~0.2 s on the demo city; afterwards a moved unit costs one limited search, and the
matrix arithmetic ~10 ms: more than a frame, so never on the GUI thread). The inputs are copied
on the GUI thread (the state is not shared with the worker); the result comes back as a queued
signal. The demand (the hotspot forecast) is recomputed at most every :data:`DEMAND_EVERY_S`.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import msgspec
from PySide6 import QtCore

from app.domain.model import Agency, Unit
from app.evaluation.coverage import AgencyCoverage, DriveMatrix, cell_centre, compute
from app.evaluation.coverage import uniform_demand as uniform
from app.evaluation.forecast import forecast_cells
from app.geo.route import RoadGraph, default_road_graph
from app.store.store import Store

log = logging.getLogger(__name__)

DEBOUNCE_MS = 500
DEMAND_EVERY_S = 600.0


@dataclass
class CoverageInputs:
    cells: list[tuple[str, tuple[float, float]]]
    cases: list[tuple[float, str, str]]
    demand_due: bool
    tz: str
    now: float
    agencies: dict[str, Agency]
    units: list[Unit]


class CoverageModel(QtCore.QObject):
    """Holds the last :class:`AgencyCoverage` per agency; ``updated`` after each recompute."""

    updated = QtCore.Signal()
    _finished = QtCore.Signal(object)  # from the worker thread: queued to this object's thread

    def __init__(
        self,
        store: Store,
        parent: QtCore.QObject | None = None,
        graph: RoadGraph | None = None,
        debounce_ms: int = DEBOUNCE_MS,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._graph = graph
        self.results: dict[str, AgencyCoverage] = {}
        self.demand_forecast = False  # True: weighted by the forecast; False: uniform
        self.last_compute_ms = 0.0
        self.computations = 0
        self._lock = threading.Lock()  # the worker's matrix and demand cache
        self._matrix: DriveMatrix | None = None
        self._matrix_cells: list[str] = []
        self._demand: dict[str, float] = {}
        self._demand_at = -1e18
        self._busy = False
        self._again = False
        self._timer = QtCore.QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._start)
        self._finished.connect(self._apply)
        store.unitsChanged.connect(self._changed)
        store.agenciesChanged.connect(self._changed)
        store.gridChanged.connect(self._reset)
        store.stateReset.connect(self._reset)
        self._timer.start()

    def _changed(self, _ids: list[str] | None = None) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _reset(self) -> None:
        self._demand_at = -1e18  # new history: forecast again
        self._changed()

    def refresh_now(self) -> None:
        """Recompute at once (a user's request; tests)."""
        self._timer.stop()
        self._start()

    def busy(self) -> bool:
        return self._busy or self._timer.isActive()

    def _inputs(self) -> CoverageInputs:
        st = self._store.state
        cells = [(cid, p) for cid, c in st.grid_cells.items() if (p := cell_centre(c))]
        # The history is walked only when the demand is due (every DEMAND_EVERY_S): at 100,000
        # incidents the walk costs tens of ms of GUI time, too much for every unit move.
        due = self._store.now() - self._demand_at >= DEMAND_EVERY_S
        cases = [
            (i.created_at, i.location.grid_cell, i.category)
            for i in (st.incidents.values() if due else ())
            if not i.exercise and i.location.grid_cell
        ]
        # Structs are copied: the worker must not see the reducer change them under it.
        return CoverageInputs(
            cells,
            cases,
            due,
            st.calendar.tz if st.calendar is not None else "America/Los_Angeles",
            self._store.now(),
            {k: msgspec.structs.replace(a) for k, a in st.agencies.items()},
            [msgspec.structs.replace(u) for u in st.units.values()],
        )

    def _start(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._again = False
        # One computation at a time (``_busy``), each on a short-lived daemon thread.
        threading.Thread(
            target=self._run, args=(self._inputs(),), name="coverage", daemon=True
        ).start()

    def _run(self, inp: CoverageInputs) -> None:
        out: tuple[dict[str, AgencyCoverage], float, bool] | None = None
        try:
            out = self._work(inp)
        except Exception:  # a bug must not leave the panel waiting forever
            log.exception("coverage not computed")
        try:
            self._finished.emit(out)
        except RuntimeError:  # the model was deleted while the thread ran
            log.debug("coverage result dropped: the model is gone")

    def _work(self, inp: CoverageInputs) -> tuple[dict[str, AgencyCoverage], float, bool]:
        t0 = time.perf_counter()
        with self._lock:
            graph = self._graph or default_road_graph()
            if graph is None or not inp.cells:
                return {}, 0.0, False
            ids = [c for c, _p in inp.cells]
            if self._matrix is None or ids != self._matrix_cells:
                self._matrix = DriveMatrix(graph, [p for _c, p in inp.cells])
                self._matrix_cells = ids
            if inp.demand_due:
                self._demand = {}
                if inp.cases:
                    try:
                        self._demand = forecast_cells(inp.cases, inp.tz, ids, inp.now)
                    except ValueError as exc:  # no located history
                        log.info("coverage demand uniform: %s", exc)
                self._demand_at = inp.now
            forecast = bool(self._demand)
            demand = self._demand or uniform(ids)
            result = compute(self._matrix, ids, demand, inp.agencies, inp.units)
        return result, (time.perf_counter() - t0) * 1e3, forecast

    def _apply(self, out: tuple[dict[str, AgencyCoverage], float, bool] | None) -> None:
        self._busy = False
        if out is not None:
            self.results, self.last_compute_ms, self.demand_forecast = out
            self.computations += 1
            self.updated.emit()
        if self._again:
            self._changed()
