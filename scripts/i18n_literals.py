"""Finds user-visible string literals that do not go through Qt's translation functions.

A literal counts as user-visible when it is handed to a call that puts text on screen
(``setText``, ``setToolTip``, ``QLabel(...)``, ``addAction``, ``showMessage``, a QMessageBox, ...)
or is a column header or key description (a module or class constant named ``*HEADERS`` /
``*LABELS`` / ``*TITLES`` / ``*KEYS`` / ``*SHORTCUTS``, or a string returned from a model's
``headerData`` / ``data``). It is translated when it
reaches the call through ``tr()`` / ``translate()`` / ``QT_TRANSLATE_NOOP`` (anything that is a
call is taken as computed, not a literal).

Not words, so never reported: strings without a letter ("#", "—", "12", "{}: {}"), format-only
strings, single letters and key names. A line ending in ``# i18n: ignore`` is skipped (proper
names such as "CityOps"), and so is a literal listed in i18n/literal-allowlist.txt.

    python scripts/i18n_literals.py [--all]     # the places, then the count per directory
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWLIST = ROOT / "i18n" / "literal-allowlist.txt"

# Code that draws text for people: every widget, and the parts of app/ that make UI text
# (table models, the console's helpers, PDF reports).
SCOPES = ("widgets/", "app/models/", "app/console/", "app/reports/", "main.py")

# Method names whose string arguments end up on screen (any receiver).
SINK_METHODS = {
    "setText": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setWindowTitle": (0,),
    "setPlaceholderText": (0,),
    "setTitle": (0,),
    "setLabelText": (0,),
    "setSpecialValueText": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "setItemText": (1,),
    "addTab": (1, 2),
    "insertTab": (2, 3),
    "addAction": (0, 1),
    "addMenu": (0, 1),
    "addItem": (0, 1),
    "addItems": (0,),
    "insertItem": (1,),
    "addButton": (0,),
    "addRow": (0,),
    "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,),
    "setHeaderLabels": (0,),
    "showMessage": (0,),
    "announce": (0,),
    "drawText": (1, 2, 3, 4, 5),
    "setHeaderData": (2,),
    "_act": (1,),  # MainWindow's menu-action helper
}
# Our own helpers that take a caption: Panel(key, title, ...).
SINK_FUNCS = {"Panel": (1,), "section_label": (0,)}
# Constructors whose string arguments are their caption.
SINK_CLASSES = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "QMenu",
    "QToolBar",
    "QDockWidget",
    "QMessageBox",
    "QStandardItem",
    "QTableWidgetItem",
    "QListWidgetItem",
    "QTreeWidgetItem",
    "QCommandLinkButton",
    "ElidedLabel",
}
# QMessageBox.information(parent, title, text, ...), QInputDialog.getText(parent, title, label)
SINK_STATICS = {"information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2)}
SINK_STATICS |= {"getText": (1, 2), "getItem": (1, 2), "getInt": (1, 2), "getDouble": (1, 2)}
SINK_KEYWORDS = {"text", "toolTip", "title", "placeholderText", "windowTitle", "statusTip"}
HEADER_NAME = re.compile(r"(HEADERS|LABELS|TITLES|KEYS|SHORTCUTS)$")
TRANSLATORS = {
    "tr",
    "translate",
    "_tr",
    "_t",
    "QT_TRANSLATE_NOOP",
    "QT_TR_NOOP",
    "QT_TRANSLATE_NOOP3",
}

LETTER = re.compile(r"[^\W\d_]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d|%[-+ 0#]*\d*(?:\.\d+)?[sdifgxr%]")
KEYLIKE = re.compile(
    r"^(?:(?:Ctrl|Alt|Shift|Meta|Esc|Enter|Return|Space|Tab|Del|Delete|Home|End|"
    r"PgUp|PgDown|Up|Down|Left|Right|F\d{1,2}|[A-Z0-9])[+ ]?)+$"
)

# Unit symbols read the same in English and Chinese interfaces.
UNITS = {"km", "m", "ms", "s", "min", "h", "px", "°", "km/h", "MB", "GB", "fps"}


@dataclass(frozen=True)
class Literal:
    path: str
    line: int
    text: str
    sink: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.sink}: {self.text!r}"


def is_word(text: str) -> bool:
    """True for text a person reads as words (it needs translating)."""
    bare = PLACEHOLDER.sub("", text).strip()
    if not LETTER.search(bare):
        return False
    return not (len(bare) == 1 or KEYLIKE.match(bare) or bare in UNITS)


def _callee(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def literal_texts(node: ast.AST | None) -> list[str]:
    """The word-bearing literal pieces of an expression that reach a sink untranslated."""
    if node is None:
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if is_word(node.value) else []
    if isinstance(node, ast.JoinedStr):
        text = "".join(
            str(v.value) if isinstance(v, ast.Constant) else "{}"
            for v in node.values
            if isinstance(v, (ast.Constant, ast.FormattedValue))
        )
        return [text] if is_word(text) else []
    if isinstance(node, ast.BinOp):
        # "a " + x, "text %s" % x
        return literal_texts(node.left) + (
            literal_texts(node.right) if isinstance(node.op, ast.Add) else []
        )
    if isinstance(node, ast.IfExp):
        return literal_texts(node.body) + literal_texts(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [t for v in node.values for t in literal_texts(v)]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [t for e in node.elts for t in literal_texts(e)]
    if isinstance(node, ast.Dict):
        return [t for v in node.values for t in literal_texts(v)]
    if isinstance(node, ast.Call):
        func = node.func
        # "literal {}".format(x) is still an untranslated literal; tr(...) and friends are not.
        if isinstance(func, ast.Attribute) and func.attr in ("format", "join"):
            return literal_texts(func.value) if func.attr == "format" else []
        return []
    return []


def translated(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Call) and _callee(node.func) in TRANSLATORS


class _Visitor(ast.NodeVisitor):
    def __init__(self, path: str, lines: list[str], allow: set[str]) -> None:
        self.path = path
        self.lines = lines
        self.allow = allow
        self.found: list[Literal] = []
        self.translated = 0
        self._func: list[str] = []

    def _report(self, node: ast.AST, sink: str, around: ast.AST | None = None) -> None:
        line = getattr(node, "lineno", 0)
        span = around or node  # the whole call: its last line may carry the marker
        first = getattr(span, "lineno", line)
        end = getattr(span, "end_lineno", line) or line
        src = " ".join(self.lines[first - 1 : end]) if first else ""
        if "i18n: ignore" in src:
            return
        texts = literal_texts(node)
        for text in texts:
            if text not in self.allow:
                self.found.append(Literal(self.path, line, text, sink))

    def _count_translated(self, node: ast.AST) -> None:
        for sub in ast.walk(node):
            if translated(sub):
                self.translated += 1

    def _check_arg(self, arg: ast.AST, sink: str, call: ast.AST | None = None) -> None:
        self._count_translated(arg)
        self._report(arg, sink, call)

    def visit_Call(self, node: ast.Call) -> None:
        name = _callee(node.func)
        positions: tuple[int, ...] = ()
        if isinstance(node.func, ast.Attribute) and name in SINK_METHODS:
            positions = SINK_METHODS[name]
        elif name in SINK_CLASSES:
            positions = tuple(range(len(node.args)))
        elif name in SINK_FUNCS:
            positions = SINK_FUNCS[name]
        elif isinstance(node.func, ast.Attribute) and name in SINK_STATICS:
            positions = SINK_STATICS[name]
        if positions or name in SINK_CLASSES:
            for i in positions:
                if i < len(node.args):
                    self._check_arg(node.args[i], name, node)
            for kw in node.keywords:
                if kw.arg in SINK_KEYWORDS:
                    self._check_arg(kw.value, f"{name}({kw.arg}=)", node)
        self.generic_visit(node)

    def _header_target(self, targets: list[ast.expr]) -> bool:
        for t in targets:
            name = (
                t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else ""
            )
            if name and HEADER_NAME.search(name):
                return True
        return False

    def visit_Assign(self, node: ast.Assign) -> None:
        if self._header_target(node.targets) and not self._func:
            self._check_arg(node.value, "header")
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None and self._header_target([node.target]) and not self._func:
            self._check_arg(node.value, "header")
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._func.append(node.name)
        self.generic_visit(node)
        self._func.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Return(self, node: ast.Return) -> None:
        if self._func and self._func[-1] in ("headerData", "data") and node.value is not None:
            self._check_arg(node.value, "headerData")
        self.generic_visit(node)


def load_allowlist() -> set[str]:
    if not ALLOWLIST.exists():
        return set()
    out = set()
    for raw in ALLOWLIST.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\n")
        if line.strip() and not line.lstrip().startswith("#"):
            out.add(line)
    return out


def source_files() -> list[str]:
    files = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return sorted(
        f for f in files if any(f == s or f.startswith(s) for s in SCOPES) and (ROOT / f).exists()
    )


def scan(files: list[str] | None = None) -> tuple[list[Literal], int]:
    """(untranslated literals, translated strings at the same kinds of call)."""
    allow = load_allowlist()
    found: list[Literal] = []
    done = 0
    for rel in files if files is not None else source_files():
        text = (ROOT / rel).read_text(encoding="utf-8")
        v = _Visitor(rel, text.splitlines(), allow)
        v.visit(ast.parse(text, filename=rel))
        found += v.found
        done += v.translated
    return found, done


def area(path: str) -> str:
    """The directory a literal is counted under: widgets/detail, app/models, widgets (top level)."""
    parts = path.split("/")
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


def report(found: list[Literal], done: int, show: int = 40) -> str:
    total = len(found) + done
    cover = done / total if total else 1.0
    out = [
        f"user-visible literals: {done} of {total} through tr() ({100 * cover:.1f}%), "
        f"{len(found)} untranslated"
    ]
    by_area = Counter(area(f.path) for f in found)
    for name, n in sorted(by_area.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"  {n:5d}  {name}")
    for lit in found[:show]:
        out.append(f"    {lit}")
    if len(found) > show:
        out.append(f"    ... {len(found) - show} more (scripts/i18n_literals.py --all)")
    return "\n".join(out)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--all", action="store_true", help="list every place")
    p.add_argument("paths", nargs="*", help="only these files")
    args = p.parse_args()
    found, done = scan(args.paths or None)
    print(report(found, done, show=len(found) if args.all else 40))
    return 0


if __name__ == "__main__":
    sys.exit(main())
