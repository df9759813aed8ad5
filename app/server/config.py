"""The server's tunables."""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class ServerConfig:
    """Tunables; every one has a command-line flag in ``python -m app.server``."""

    synchronous: str = "NORMAL"  # SQLite: NORMAL survives kill -9, FULL also power loss
    token_ttl: float = 12 * 3600.0
    rate: float = 200.0  # messages per second per connection ...
    burst: float = 400.0  # ... with this burst
    abuse_limit: int = 400  # consecutive rate-limited messages before closing with 4008
    heartbeat_timeout: float = 60.0  # close 4009 when nothing arrives for this long
    hello_timeout: float = 10.0
    deadline_interval: float = 5.0  # 0 disables the deadline watcher
    catchup_batch: int = 2000
    snapshot_after: int = 50_000  # a client further behind than this gets a snapshot
    max_lag_bytes: int = 16 * 1024 * 1024
    fanout_delay: float = 0.005  # coalesce live output when busy (see app/server/fanout.py)
    login_delay_base: float = 0.5
    login_delay_cap: float = 30.0
    max_batch: int = 2000
    max_queue: int = 100_000
    mqtt: str = ""  # HOST:PORT of the MQTT broker sensors publish to ('' : no sensor intake)
    stale_check_interval: float = 5.0  # how often silent devices are looked for
    video_analytics: bool = False  # watch the camera zones in a worker process
    analytics_check_interval: float = 5.0  # how often changed zones restart the worker
