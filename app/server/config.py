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
    # Password hashes below this scrypt cost are upgraded at the next sign-in (0: never).
    password_cost: int = 2**17
    rate: float = 200.0  # messages per second per connection ...
    burst: float = 400.0  # ... with this burst
    abuse_limit: int = 200  # rate-limited messages within abuse_window s before closing 4008
    abuse_window: float = 10.0
    heartbeat_timeout: float = 60.0  # close 4009 when nothing arrives for this long
    hello_timeout: float = 10.0
    deadline_interval: float = 5.0  # 0 disables the deadline watcher
    catchup_batch: int = 2000
    snapshot_after: int = 50_000  # a client further behind than this gets a snapshot
    max_lag_bytes: int = 16 * 1024 * 1024
    fanout_delay: float = 0.005  # coalesce live output when busy (see app/server/fanout.py)
    login_delay_base: float = 0.5
    login_delay_cap: float = 30.0
    login_peer_free: int = 5  # failures from one address (any names) before it is slowed too
    login_lock_after: int = 10  # failures in a row of one name from one address: locked out ...
    login_lock_time: float = 900.0  # ... for this long
    max_batch: int = 2000
    max_queue: int = 100_000
    mqtt: str = ""  # HOST:PORT of the MQTT broker sensors publish to ('' : no sensor intake)
    stale_check_interval: float = 5.0  # how often silent devices are looked for
    video_analytics: bool = False  # watch the camera zones in a worker process
    analytics_check_interval: float = 5.0  # how often changed zones restart the worker
    # The HTTP side (Open311, public page, reporters' verification); see docs/PROTOCOL.md.
    jurisdiction_id: str = "sfgov.org"  # Open311 jurisdiction_id this server answers for
    public_url: str = ""  # base of the links sent to reporters ('': http(s)://host:http-port)
    http_rate: float = 20.0  # requests per second per client address ...
    http_burst: float = 60.0  # ... with this burst
    http_key_rate: float = 20.0  # POSTs per second per API key ...
    http_key_burst: float = 100.0  # ... with this burst
    http_max_body: int = 6 * 1024 * 1024  # any request body (a photo upload included)
    http_max_form: int = 64 * 1024  # a form without a file
    open311_wait: float = 5.0  # POST answers with a token when the case is not created by then
    verify_timeout: float = 72 * 3600.0  # reporter's time to answer; then the centre verifies
    # CAP feeds the server polls (app/interop/poller.py) and CAP POSTed to the HTTP side.
    cap_feeds: tuple[str, ...] = ()  # http(s) URLs of CAP messages, Atom / RSS feeds, EDXL-DE
    cap_poll_interval: float = 60.0  # seconds between polls of a healthy feed
    cap_fetch_timeout: float = 15.0  # one fetch, connection to last byte
    cap_max_body: int = 4 * 1024 * 1024  # a fetched feed or a POSTed document
    cap_backoff_max: float = 3600.0  # failing feeds wait the interval doubled per failure, to this
