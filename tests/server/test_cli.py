"""``python -m app.server``: --seed-demo, init-admin and make-cert from the command line."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from app.city import load_city
from app.net.client import Connection
from app.protocol import SnapshotMsg
from tests.server.conftest import REPO_ROOT, run


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.server", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_seed_demo_loads_the_city_and_its_accounts_once(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    city = load_city()
    user = next(u for u in city.users if u.role == "dispatcher")
    reference_events = len(city.agencies) + len(city.units) + len(city.cameras) + 1  # + the grid
    for attempt in range(2):  # the second start finds the city already there
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.server", "--db", str(db), "--port", "0", "--seed-demo"],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert "listening on" in line, line
            port = int(line.rsplit(":", 1)[1])

            async def check(port: int) -> None:
                conn = await Connection.connect(
                    f"ws://127.0.0.1:{port}", user.username, user.password, "w"
                )
                snap = await conn.next_update()
                assert isinstance(snap, SnapshotMsg)
                assert len(snap.snapshot.agencies) == len(city.agencies)
                assert len(snap.snapshot.units) == len(city.units)
                assert len(snap.snapshot.cameras) == len(city.cameras)
                assert len(snap.snapshot.grid_cells) == len(city.grid_cells)
                # Seeded once, as events: a restart does not append the city again.
                assert snap.snapshot.seq == reference_events
                await conn.close()

            run(check(port))
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(20)
        assert proc.returncode == 0, (attempt, proc.stderr.read() if proc.stderr else "")


def test_init_admin_and_make_cert(tmp_path: Path) -> None:
    db = tmp_path / "site.db"
    out = _cli(
        "init-admin", "--db", str(db), "--username", "chief", "--password", "harbour-lights-7"
    )
    assert out.returncode == 0 and "created" in out.stdout
    again = _cli(
        "init-admin", "--db", str(db), "--username", "chief", "--password", "harbour-lights-7"
    )
    assert again.returncode == 1 and "already exists" in again.stderr
    weak = _cli("init-admin", "--db", str(db), "--username", "other", "--password", "123")
    assert weak.returncode == 2 and "12 characters" in weak.stderr
    common = _cli(
        "init-admin", "--db", str(db), "--username", "other", "--password", "password1234"
    )
    assert common.returncode == 2 and "common passwords" in common.stderr
    cert = _cli("make-cert", "--out", str(tmp_path / "tls"), "--host", "ops.example.org")
    assert cert.returncode == 0, cert.stderr
    text = (tmp_path / "tls" / "server.crt").read_text()
    assert text.startswith("-----BEGIN CERTIFICATE-----")
    info = subprocess.run(
        ["openssl", "x509", "-noout", "-text", "-in", str(tmp_path / "tls" / "server.crt")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "DNS:ops.example.org" in info and "IP Address:127.0.0.1" in info


def test_seed_demo_refuses_a_network_host_unless_told(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    for host in ("0.0.0.0", "ops.example.org", "10.1.2.3"):
        out = _cli("--host", host, "--db", str(db), "--port", "0", "--seed-demo")
        assert out.returncode == 2, out
        assert "--allow-demo-accounts" in out.stderr and "users.json" in out.stderr
    assert not db.exists()  # refused before anything was created
    from app.server.__main__ import is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.1.1", "::1", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "", "192.168.1.5", "ops.example.org"))
