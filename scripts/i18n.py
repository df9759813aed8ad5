"""Translations with Qt's own tools: the catalogue (.ts, kept in the repo) and the compiled .qm.

    python scripts/i18n.py update    # pyside6-lupdate: every tr() string into i18n/cityops_zh_CN.ts
    python scripts/i18n.py release   # pyside6-lrelease: i18n/*.ts -> resources/i18n/*.qm
    python scripts/i18n.py check     # fails when a tr() string is missing from the catalogue,
                                     # or the Chinese coverage falls below i18n/coverage-floor.txt,
                                     # or a directory has more untranslated user-visible literals
                                     # than i18n/untranslated-ceiling.txt allows

``check`` prints the coverage (translated / total) as a number; the floor only ever goes up
(``check --raise-floor`` records the current coverage as the new floor). It also lists the string
literals shown to people without tr() (scripts/i18n_literals.py); the ceiling per directory only
ever goes down (``check --lower-ceiling``), so no new one gets in while the ones left are wrapped.
Without a ceiling file the literal check only reports.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("zh_CN",)
CATALOGUE = ROOT / "i18n"
OUT = ROOT / "resources" / "i18n"
FLOOR = CATALOGUE / "coverage-floor.txt"
CEILING = CATALOGUE / "untranslated-ceiling.txt"


def _tool(name: str) -> str:
    venv = Path(sys.executable).parent / name
    found = str(venv) if venv.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def sources() -> list[str]:
    files = subprocess.run(
        ["git", "ls-files", "widgets/*.py", "app/*.py", "main.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [f for f in files if (ROOT / f).exists()]


def update(ts: Path) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def release() -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    made = []
    for lang in LANGS:
        qm = OUT / f"cityops_{lang}.qm"
        subprocess.run(
            [_tool("pyside6-lrelease"), str(CATALOGUE / f"cityops_{lang}.ts"), "-qm", str(qm)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        made.append(qm)
        # The pairs, for switching the fixed captions of open windows at run time
        # (widgets/console/language.py): [context, English, translation] per translated message.
        pairs = OUT / f"cityops_{lang}.json"
        rows = []
        for ctx in ET.parse(CATALOGUE / f"cityops_{lang}.ts").getroot().iter("context"):
            name = ctx.findtext("name") or ""
            for msg in ctx.iter("message"):
                tr = msg.find("translation")
                text = (tr.text or "").strip() if tr is not None else ""
                if text and tr is not None and tr.get("type") not in ("unfinished", "obsolete"):
                    rows.append([name, msg.findtext("source") or "", tr.text])
        pairs.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
        made.append(pairs)
    return made


def messages(ts: Path) -> dict[tuple[str, str], bool]:
    """(context, source) -> translated, for every message of a catalogue."""
    out: dict[tuple[str, str], bool] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            src = msg.findtext("source") or ""
            tr = msg.find("translation")
            done = (
                tr is not None
                and tr.get("type") not in ("unfinished", "obsolete")
                and bool((tr.text or "").strip() or tr.find("numerusform") is not None)
            )
            out[(name, src)] = done
    return out


def read_ceiling() -> dict[str, int] | None:
    if not CEILING.exists():
        return None
    out: dict[str, int] = {}
    for line in CEILING.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, n = line.rsplit(None, 1)
            out[name] = int(n)
    return out


def check_literals(lower_ceiling: bool) -> bool:
    """Untranslated user-visible literals: report them; fail where a directory has more than
    its ceiling (a directory not in the file may have none)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from i18n_literals import area, report, scan

    found, done = scan()
    print(report(found, done))
    counts: dict[str, int] = {}
    for lit in found:
        counts[area(lit.path)] = counts.get(area(lit.path), 0) + 1
    ceiling = read_ceiling()
    ok = True
    if ceiling is not None:
        for name, n in sorted(counts.items()):
            if n > ceiling.get(name, 0):
                ok = False
                print(
                    f"  {name}: {n} untranslated literal(s), the ceiling is {ceiling.get(name, 0)}"
                    f" ({CEILING.name}): wrap the new ones in tr()"
                )
    else:
        print(f"  (reporting only: no {CEILING.name})")
    if lower_ceiling:
        lines = ["# Untranslated user-visible literals allowed per directory (only goes down)."]
        lines += [f"{name} {n}" for name, n in sorted(counts.items())]
        CEILING.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ok


def check(raise_floor: bool, lower_ceiling: bool = False) -> int:
    ok = check_literals(lower_ceiling)
    for lang in LANGS:
        ts = CATALOGUE / f"cityops_{lang}.ts"
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / ts.name
            update(fresh)
            wanted = set(messages(fresh))
        have = messages(ts)
        missing = sorted(wanted - set(have))
        done = sum(1 for k in wanted if have.get(k))
        coverage = done / len(wanted) if wanted else 1.0
        floor = float(FLOOR.read_text().strip()) if FLOOR.exists() else 0.0
        print(f"i18n {lang}: {done} of {len(wanted)} strings translated ({100 * coverage:.1f}%)")
        if missing:
            ok = False
            print(f"  {len(missing)} string(s) not in {ts.name}; run scripts/i18n.py update:")
            for ctx, src in missing[:20]:
                print(f"    [{ctx}] {src!r}")
        if coverage + 1e-9 < floor:
            ok = False
            print(f"  coverage fell below the floor {100 * floor:.1f}% ({FLOOR.name})")
        if raise_floor and coverage > floor:
            FLOOR.write_text(f"{coverage:.4f}\n")
    return 0 if ok else 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("action", choices=["update", "release", "check"])
    p.add_argument("--raise-floor", action="store_true")
    p.add_argument("--lower-ceiling", action="store_true")
    args = p.parse_args()
    if args.action == "update":
        for lang in LANGS:
            update(CATALOGUE / f"cityops_{lang}.ts")
        return 0
    if args.action == "release":
        for qm in release():
            print(qm.relative_to(ROOT))
        return 0
    return check(args.raise_floor, args.lower_ceiling)


if __name__ == "__main__":
    sys.exit(main())
