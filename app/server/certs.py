"""Self-signed certificates for a site's wss:// endpoint, and the server's TLS context."""

from __future__ import annotations

import logging
import shutil
import ssl
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)


def make_cert(out_dir: Path, host: str, days: int = 825) -> tuple[Path, Path]:
    """Write ``server.crt`` and ``server.key`` (RSA 2048, SAN = host) into ``out_dir``.

    Uses the ``openssl`` command line tool (present on Debian/Ubuntu and macOS). Workstations
    trust the site by pinning ``server.crt`` (see docs/PROTOCOL.md, "TLS").
    """
    exe = shutil.which("openssl")
    if exe is None:
        raise RuntimeError(
            "the openssl command is not installed; install it or bring a certificate"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    cert, key = out_dir / "server.crt", out_dir / "server.key"
    san = f"IP:{host}" if _is_ip(host) else f"DNS:{host}"
    if host != "localhost":
        san += ",DNS:localhost,IP:127.0.0.1"
    cmd = [
        exe, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
        "-days", str(days), "-keyout", str(key), "-out", str(cert),
        "-subj", f"/CN={host}/O=CityOps", "-addext", f"subjectAltName={san}",
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"openssl failed: {proc.stderr.strip()}")
    key.chmod(0o600)
    return cert, key


def _is_ip(host: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    return ctx


def client_context(cert: Path) -> ssl.SSLContext:
    """A client context that trusts exactly the site's self-signed certificate."""
    ctx = ssl.create_default_context(cafile=str(cert))
    return ctx
