"""Command line for alert and incident exchange.

    python -m app.interop cap import FILE... [--db DB]
    python -m app.interop cap export INCIDENT_NUMBER --db DB [--radius KM] [--issue] ...
    python -m app.interop eido export INCIDENT_NUMBER --db DB [--with-reporter]
    python -m app.interop eido import FILE --db DB [--at LAT,LON]

``cap import`` prints one line per file, accepted or refused with the reason, and exits 0 only
when every file was accepted; with ``--db`` the accepted alerts are recorded in that server
database through the processor (the server must be stopped), otherwise it only validates.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from app.domain.model import Incident
from app.domain.state import CityState
from app.interop.cap import CapDocument, read_cap
from app.interop.cap_out import alert_from_incident, to_xml
from app.interop.eido import export_incident, read_eido
from app.interop.submit import import_alerts, import_eido, on_database
from app.interop.xmlsafe import Refused
from app.protocol import Ack, ErrorMsg
from app.server.processor import Processor
from app.server.store import SqliteEventStore

log = logging.getLogger(__name__)


def _state(db: Path) -> CityState:
    if not db.is_file():
        raise SystemExit(f"no server database at {db}")
    store = SqliteEventStore(db)
    try:
        return store.load_state()
    finally:
        store.close()


def _incident(state: CityState, number: str) -> Incident:
    for inc in state.incidents.values():
        if inc.number == number or inc.id == number:
            return inc
    raise SystemExit(f"no incident {number}")


def cap_import(files: Sequence[str], db: Path | None) -> int:
    lines: dict[str, str] = {}
    docs: list[tuple[str, CapDocument]] = []
    for name in files:
        try:
            doc = read_cap(Path(name).read_bytes())
        except OSError as exc:
            lines[name] = f"refused: cannot read ({exc.strerror})"
            continue
        except Refused as exc:
            lines[name] = f"refused: {exc.reason}"
            continue
        docs.append((name, doc))
        lines[name] = f"accepted ({doc.summary()})"
    if db is not None and docs:

        async def work(proc: Processor) -> list[list[Ack | ErrorMsg]]:
            return [await import_alerts(proc, doc.alerts, source=name) for name, doc in docs]

        for (name, doc), answers in zip(docs, on_database(db, work), strict=True):
            refused = [a for a in answers if isinstance(a, ErrorMsg)]
            if refused:
                reasons = "; ".join(f"{e.code}: {e.message}" for e in refused)
                lines[name] = f"refused by the server: {reasons}"
            else:
                lines[name] = f"accepted and recorded ({doc.summary()})"
    for name in files:
        print(f"{name}: {lines[name]}")
    return 0 if all(v.startswith("accepted") for v in lines.values()) else 1


def cap_export(args: argparse.Namespace) -> int:
    state = _state(args.db)
    inc = _incident(state, args.number)
    try:
        alert = alert_from_incident(
            inc,
            time.time(),
            radius_km=args.radius,
            severity=args.severity,
            instruction=args.instruction,
            headline=args.headline,
            expires_in_s=args.expires_hours * 3600,
            sender=args.sender,
        )
        data = to_xml(alert)
    except ValueError as exc:
        print(f"not exported: {exc}", file=sys.stderr)
        return 1
    if args.issue:
        answers = on_database(args.db, lambda proc: import_alerts(proc, [alert], "issued"))
        errors = [a for a in answers if isinstance(a, ErrorMsg)]
        if errors:
            print(f"not issued: {errors[0].message}", file=sys.stderr)
            return 1
    _write(args.out, data)
    return 0


def eido_export(args: argparse.Namespace) -> int:
    state = _state(args.db)
    inc = _incident(state, args.number)
    doc = export_incident(state, inc, include_reporter=args.with_reporter, issuer=args.issuer)
    _write(args.out, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return 0


def eido_import(args: argparse.Namespace) -> int:
    state = _state(args.db)
    try:
        doc = json.loads(Path(args.file).read_bytes())
        fallback = None
        if args.at:
            lat, _, lon = args.at.partition(",")
            fallback = (float(lat), float(lon))
        received = read_eido(doc, state, fallback)
    except (OSError, ValueError) as exc:
        print(f"{args.file}: refused: {exc}")
        return 1
    except Refused as exc:
        print(f"{args.file}: refused: {exc.reason}")
        return 1
    key = str(doc.get("$id", args.file))
    incident_id, answers = on_database(args.db, lambda proc: import_eido(proc, received, key))
    errors = [a for a in answers if isinstance(a, ErrorMsg)]
    if errors:
        print(f"{args.file}: refused by the server: {errors[0].code}: {errors[0].message}")
        return 1
    number = _incident(_state(args.db), incident_id).number
    print(f"{args.file}: accepted as incident {number} (from {received.sender})")
    return 0


def _write(out: str, data: bytes) -> None:
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        Path(out).write_bytes(data)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m app.interop", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="format", required=True)
    cap = sub.add_parser("cap", help="Common Alerting Protocol").add_subparsers(
        dest="action", required=True
    )
    ci = cap.add_parser("import", help="validate (and with --db record) CAP files")
    ci.add_argument("files", nargs="+")
    ci.add_argument("--db", type=Path, default=None)
    ce = cap.add_parser("export", help="a CAP 1.2 warning from an incident")
    ce.add_argument("number")
    ce.add_argument("--db", type=Path, required=True)
    ce.add_argument("--radius", type=float, default=1.0, help="km around the incident")
    ce.add_argument("--severity", default="")
    ce.add_argument("--headline", default="")
    ce.add_argument("--instruction", default="")
    ce.add_argument("--expires-hours", type=float, default=6.0)
    ce.add_argument("--sender", default="ops@cityops.invalid")
    ce.add_argument("--issue", action="store_true", help="also record it as an issued alert")
    ce.add_argument("--out", default="-")
    eido = sub.add_parser("eido", help="NENA Emergency Incident Data Object").add_subparsers(
        dest="action", required=True
    )
    ee = eido.add_parser("export", help="an incident as EIDO 1.0 JSON")
    ee.add_argument("number")
    ee.add_argument("--db", type=Path, required=True)
    ee.add_argument("--with-reporter", action="store_true", help="include the reporter contact")
    ee.add_argument("--issuer", default="cityops.invalid")
    ee.add_argument("--out", default="-")
    ei = eido.add_parser("import", help="a received EIDO becomes an incident (source transfer)")
    ei.add_argument("file")
    ei.add_argument("--db", type=Path, required=True)
    ei.add_argument("--at", default="", help="LAT,LON when the EIDO gives no position")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING)
    args = parser().parse_args(argv)
    if args.format == "cap" and args.action == "import":
        return cap_import(args.files, args.db)
    if args.format == "cap":
        return cap_export(args)
    if args.action == "export":
        return eido_export(args)
    return eido_import(args)


if __name__ == "__main__":
    raise SystemExit(main())
