"""``open_replay``: everything a console needs to show a replay, or run a training session on one.

The console calls ``open_replay(path, store)`` for ``main.py --replay FILE``, docks
``widgets.replay.timeline.TimelineWidget(session)`` and routes user commands to
``session.gateway`` (None in plain replay: the store is read-only there).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

from app.domain.events import Event
from app.domain.model import Role, User
from app.paths import data_dir
from app.replay.driver import ReplayDriver
from app.replay.player import ReplayPlayer
from app.replay.replayfile import ReplayMeta
from app.replay.training import TrainingFilter, TrainingGateway
from app.replay.traininglog import TrainingLog
from app.store.store import Store
from app.video.recordings import ReplayVideo

log = logging.getLogger(__name__)

REPLAY_USER = User(username="replay", display_name="Replay viewer", role=Role.OBSERVER)


@dataclass
class ReplaySession:
    """An open replay: its player, the Qt driver feeding the store, and the training gateway."""

    path: Path
    meta: ReplayMeta
    player: ReplayPlayer
    driver: ReplayDriver
    store: Store
    gateway: TrainingGateway | None = None  # training only
    training_log: Path | None = None
    video: ReplayVideo | None = None  # the cameras' recordings at the replay's time

    def __post_init__(self) -> None:
        if self.video is None:
            player = self.player
            self.video = ReplayVideo(clock=lambda: player.clock)

    @property
    def training(self) -> bool:
        return self.gateway is not None

    @property
    def time_zone(self) -> str:
        return self.meta.time_zone

    def close(self) -> None:
        self.driver.stop()
        if self.video is not None:
            self.video.stop()
        if self.gateway is not None:
            self.gateway.close()
        self.player.close()


def default_log_path(replay: Path, trainee: str) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    return data_dir() / "training" / f"{replay.stem}-{trainee}-{stamp}.training.sqlite"


def open_replay(
    path: Path | str,
    store: Store,
    training: bool = False,
    trainee: User | None = None,
    start: float | None = None,
    log_path: Path | None = None,
) -> ReplaySession:
    """Open ``path`` into ``store``: plain replay (read-only) or, with ``training``, a session in
    which calls after ``start`` (default: the replay's start) are the trainee's to dispatch."""
    path = Path(path)
    player = ReplayPlayer(path)
    t0 = player.clamp(start if start is not None else player.start)
    store.replace_state(player.seek(t0))
    if not training:
        driver = ReplayDriver(player, store)
        store.set_session(REPLAY_USER, "replay", read_only=True)
        return ReplaySession(path, player.meta, player, driver, store)
    user = trainee or User(username="trainee", display_name="Trainee", role=Role.DISPATCHER)
    log_path = Path(log_path) if log_path else default_log_path(path, user.username)
    tlog = TrainingLog.create(
        log_path, path, player.meta.title, user.username, t0, player.meta.time_zone
    )
    flt = TrainingFilter(state=lambda: store.state)
    player.filter = flt
    # A scored session runs at real time unless the trainee speeds it up.
    player.set_speed(1.0)

    def apply(events: list[Event]) -> None:
        store.apply_events(events)

    gateway = TrainingGateway(
        tlog,
        player.file,
        user,
        state=lambda: store.state,
        clock=lambda: player.clock,
        apply=apply,
        refused=store.refusals.add,
        claim=flt.claim,
    )
    driver = ReplayDriver(player, store, training=True, on_tick=gateway.tick)
    driver.playingChanged.connect(gateway.playing_changed)
    store.set_session(user, "training", read_only=False)
    return ReplaySession(path, player.meta, player, driver, store, gateway, log_path)
