"""CAP and EIDO exchange costs.

    .venv/bin/python bench/interop.py [--repeat 5] [--shared ../shared]

1. ``read_cap`` over every file of the CAP test folder (hardened parse, schema validation of each
   alert, CAP rules, conversion to Alert records); baseline in the same run: lxml alone parsing
   each file and validating its alerts against the same XSD (no hardening checks, no records).
2. ``export_incident`` + ``validate`` of an EIDO for an incident; baseline: jsonschema alone
   validating the same object with the same schema.
3. ``import_alert`` through the command runner for every accepted alert (decide + apply).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import jsonschema
from lxml import etree

from app.domain import events as ev
from app.domain.alerts import ImportAlert
from app.domain.commands import CommandError
from app.domain.model import Incident, IncidentKind, Location, SourceChannel, Status
from app.domain.runner import CommandRunner
from app.domain.state import CityState
from app.interop.cap import CAP_VERSIONS, _schema, read_cap
from app.interop.eido import _validator, export_incident
from app.interop.submit import INTEROP_USER
from app.interop.xmlsafe import Refused

log = logging.getLogger(__name__)
REPO = Path(__file__).resolve().parent.parent


def _files(shared: Path) -> list[bytes]:
    root = shared / "data" / "cap"
    paths = sorted(p for p in root.rglob("*") if p.is_file() and p.parent.name != "schema")
    return [p.read_bytes() for p in paths if p.suffix != ".pem"]


def raw_lxml(data: bytes) -> int:
    """The baseline: parse, find the alerts, validate each against its XSD."""
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return 0
    n = 0
    for el in root.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname == "alert":
            version = CAP_VERSIONS.get(etree.QName(el).namespace or "")
            if version:
                _schema(version).validate(etree.ElementTree(etree.fromstring(etree.tostring(el))))
                n += 1
    return n


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best.append(time.perf_counter() - t0)
    return statistics.median(best)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    files = _files(args.shared)
    safe_files = [d for d in files if b"<!DOCTYPE" not in d]  # the raw baseline would fetch
    total_kb = sum(len(d) for d in files) / 1024

    def ours() -> int:
        n = 0
        for d in files:
            try:
                n += len(read_cap(d).alerts)
            except Refused:
                pass
        return n

    def base() -> int:
        return sum(raw_lxml(d) for d in safe_files)

    ours(), base()  # warm the schema caches
    t_ours, t_base = timed(ours, args.repeat), timed(base, args.repeat)
    print(f"CAP folder: {len(files)} files, {total_kb:.0f} KiB, {ours()} alerts accepted")
    print(f"  read_cap (hardened + schema + rules + records): {t_ours * 1000:.1f} ms")
    print(f"  baseline raw lxml parse + XSD validation:      {t_base * 1000:.1f} ms")
    print(f"  ratio: {t_ours / t_base:.2f}x the raw library")

    inc = Incident(
        id="bench",
        number="2026-000001",
        kind=IncidentKind.EMERGENCY,
        category="natural.flooding",
        priority=2,
        status=Status.DISPATCHED,
        location=Location(lat=37.7793, lon=-122.4193, address="1 Dr Carlton B Goodlett Pl"),
        source=SourceChannel.HOTLINE,
        description="street flooded",
        timestamps={"reported": 1.0, "registered": 2.0, "dispatched": 3.0},
    )
    state = CityState()
    doc = export_incident(state, inc)
    n = 500
    t_eido = timed(lambda: [export_incident(state, inc) for _ in range(n)], args.repeat)
    v = _validator()
    t_js = timed(lambda: [v.validate(doc) for _ in range(n)], args.repeat)
    print(f"EIDO export (validated inside): {t_eido / n * 1e6:.0f} µs per incident")
    print(f"  baseline jsonschema validate alone: {t_js / n * 1e6:.0f} µs")
    print(f"  ratio: {t_eido / t_js:.2f}x")

    alerts = []
    for d in files:
        try:
            alerts.extend(read_cap(d).alerts)
        except Refused:
            pass
    unique = list({a.id: a for a in alerts}.values())

    def record() -> None:
        st, runner = CityState(), CommandRunner()
        for i, a in enumerate(unique):
            try:
                bodies = runner.run(st, INTEROP_USER, ImportAlert(alert=a), 1.0)
            except CommandError:
                continue  # e.g. a cancel of an alert this folder does not hold
            for b in bodies:
                st.apply(ev.Event(seq=i + 1, time=1.0, actor="interop", body=b))

    t_rec = timed(record, args.repeat)
    print(
        f"import_alert through the runner: {len(unique)} alerts in {t_rec * 1000:.1f} ms "
        f"({t_rec / len(unique) * 1e6:.0f} µs each)"
    )
    _ = jsonschema  # the baseline library, imported for the reader


if __name__ == "__main__":
    main()
