"""docs/PROTOCOL.md is the contract: every message type, event type, command, case action, admin
action, error code, close code and size limit the server uses is in the document's tables, and
the tables list nothing the server does not have."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import msgspec

import app.protocol as proto
from app.domain.commands import COMMAND_TYPES
from app.domain.events import EventBody
from app.domain.workflow import ACTIONS
from app.server.admin import ACTIONS as ADMIN_ACTIONS
from app.server.limits import DEFAULT_LIMIT, FIELD_LIMITS, MAX_DEPTH, MAX_ITEMS, MAX_TYPE

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "PROTOCOL.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    m = re.search(rf"^(#+) {re.escape(title)}$", DOC, re.M)
    assert m is not None, f"no heading {title!r} in docs/PROTOCOL.md"
    rest = DOC[m.end() :]
    end = re.search(rf"^#{{1,{len(m.group(1))}}} ", rest, re.M)
    return rest[: end.start()] if end else rest


def _first_column(text: str) -> set[str]:
    """Backticked names in the first column of the tables in ``text``."""
    names: set[str] = set()
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            names |= set(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return names


def _tags(union: object) -> set[str]:
    return {t.__struct_config__.tag for t in typing.get_args(union)}  # type: ignore[attr-defined]


def test_message_types_are_the_documented_ones() -> None:
    documented = _first_column(_section("Message types"))
    assert documented == _tags(proto.ClientMsg) | _tags(proto.ServerMsg)


def test_event_types_are_the_documented_ones() -> None:
    documented = _first_column(_section("Event types"))
    assert documented == _tags(EventBody)


def test_commands_actions_and_admin_actions_are_documented() -> None:
    commands = _section("Commands and answers")
    for name in COMMAND_TYPES:
        assert re.search(rf"\b{name}\b", commands), name
    table = commands[commands.index("Transition actions") : commands.index("**Limits**")]
    assert _first_column(table) == set(ACTIONS)
    admin = _first_column(_section("Account management"))
    assert set(ADMIN_ACTIONS) <= admin


def _codes_in_source() -> set[str]:
    patterns = [
        r"(?:CommandError|AuthError|AdminError)\(\s*\"([a-z_]+)\"",
        r"\bcode=\"([a-z_]+)\"",
        r"_refuse\(\s*s,\s*\"([a-z_]+)\"",
    ]
    codes: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            codes |= set(re.findall(pattern, text))
    return codes


def test_every_error_code_in_the_server_is_in_the_table() -> None:
    used = _codes_in_source()
    assert {"conflict", "forbidden", "too_large", "locked_out", "bad_message"} <= used
    table = _section("Commands and answers")
    start = table.index("Error codes")
    documented = _first_column(table[start:])
    assert used - documented == set(), "codes used by the server but not in docs/PROTOCOL.md"
    assert documented - used == set(), "codes in docs/PROTOCOL.md that the server never sends"


def test_every_close_code_is_in_the_table() -> None:
    constants = {v for k, v in vars(proto).items() if k.startswith("CLOSE_")}
    from app.server import session

    constants |= {
        v for k, v in vars(session).items() if k.startswith("CLOSE_") and k != "CLOSE_GRACE"
    }
    rows = _section("Close codes").splitlines()
    documented = {int(r.split("|")[1]) for r in rows if re.match(r"\| \d{4} \|", r)}
    assert constants == documented


def test_the_limits_table_says_what_the_server_checks() -> None:
    table = _section("Commands and answers")
    rows = {ln for ln in table.splitlines() if ln.startswith("| ")}

    def stated(field: str, value: int) -> bool:
        mib = value // (1024 * 1024)
        text = f"{mib} MiB" if value % (1024 * 1024) == 0 else f"{value:,}"
        return any(f"`{field}`" in r and text in r for r in rows)

    for field, value in FIELD_LIMITS.items():
        assert stated(field, value), field
    assert any("any other string" in r and f"{DEFAULT_LIMIT} characters" in r for r in rows)
    assert any("a list" in r and f"{MAX_ITEMS} entries" in r for r in rows)
    assert any("nesting" in r and f"{MAX_DEPTH} levels" in r for r in rows)
    assert any("command `type`" in r and f"{MAX_TYPE} characters" in r for r in rows)


def test_the_schema_names_every_command_payload() -> None:
    schema = proto.json_schema()
    assert set(schema["command_payloads"]) == set(COMMAND_TYPES)
    client = msgspec.json.encode(schema["client_message"]).decode()
    assert "SignOut" in client
