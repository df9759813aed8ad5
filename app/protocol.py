"""Wire protocol v1: the messages exchanged over the websocket sync channel.

One source of truth: these msgspec types validate every message, and ``json_schema()`` generates
the JSON Schema published in docs/PROTOCOL.md. Every message is a JSON object tagged by ``msg``.
"""

from __future__ import annotations

from typing import Any

import msgspec

from app.domain.events import Event
from app.domain.model import User
from app.domain.state import Snapshot

PROTOCOL_VERSION = 1
MAX_MESSAGE_BYTES = 4 * 1024 * 1024


class _Msg(msgspec.Struct, kw_only=True, tag_field="msg"):
    pass


# --- client -> server -----------------------------------------------------------------------------
class Hello(_Msg, tag="hello", kw_only=True):
    """Log in with a password or a token. ``last_seq`` < 0 asks for a full snapshot."""

    protocol: int = PROTOCOL_VERSION
    username: str = ""
    password: str = ""
    token: str = ""
    workstation: str = ""
    last_seq: int = -1


class Ping(_Msg, tag="ping", kw_only=True):
    t: float  # client's monotonic send time, echoed in the pong


class Resync(_Msg, tag="resync", kw_only=True):
    since: int


class CommandMsg(_Msg, tag="command", kw_only=True):
    id: str  # client-chosen UUID; a re-send with the same id returns the original answer
    type: str  # a key of app.domain.commands.COMMAND_TYPES
    payload: dict[str, Any]
    expected_version: int | None = None


class AdminMsg(_Msg, tag="admin", kw_only=True):
    """Account management (admin role only): create_user, set_password, disable_user,
    enable_user, list_users, set_cells, end_sessions; Open311 keys: list_api_keys,
    create_api_key, revoke_api_key; read_audit (supervisors, auditors, admins)."""

    id: str
    action: str
    payload: dict[str, Any] = msgspec.field(default_factory=dict)


class SignOut(_Msg, tag="sign_out", kw_only=True):
    """End the session: the server revokes its token (it signs nobody in again) and closes 1000."""


ClientMsg = Hello | Ping | Resync | CommandMsg | AdminMsg | SignOut


# --- server -> client -----------------------------------------------------------------------------
class Welcome(_Msg, tag="welcome", kw_only=True):
    user: User
    token: str
    token_expires: float
    server_seq: int
    server_time: float
    catch_up: str  # "snapshot" (a Snapshot message follows) or "events" (Events batches follow)


class SnapshotMsg(_Msg, tag="snapshot", kw_only=True):
    snapshot: Snapshot


class EventsMsg(_Msg, tag="events", kw_only=True):
    """A batch of events in seq order (catch-up or live fan-out). ``final`` ends a catch-up."""

    events: list[Event]
    final: bool = True


class Pong(_Msg, tag="pong", kw_only=True):
    t: float
    server_time: float


class Ack(_Msg, tag="ack", kw_only=True):
    id: str  # command id
    seq: int  # seq of the last event the command produced
    first_seq: int = 0


class ErrorMsg(_Msg, tag="error", kw_only=True):
    id: str = ""  # command id, '' when not about a command
    code: str
    message: str
    details: dict[str, Any] = msgspec.field(default_factory=dict)


class AdminResult(_Msg, tag="admin_result", kw_only=True):
    id: str
    result: Any = None


ServerMsg = Welcome | SnapshotMsg | EventsMsg | Pong | Ack | ErrorMsg | AdminResult

# Close codes (RFC 6455 + application range 4000-4999); every one is in docs/PROTOCOL.md.
CLOSE_NORMAL = 1000  # sign_out
CLOSE_PROTOCOL_ERROR = 1002
CLOSE_UNSUPPORTED_DATA = 1003
CLOSE_INVALID_TEXT = 1007  # a text frame that is not UTF-8 (closed by the websocket layer)
CLOSE_POLICY = 1008
CLOSE_TOO_BIG = 1009
CLOSE_INTERNAL = 1011
CLOSE_AUTH_FAILED = 4001
CLOSE_TOKEN_EXPIRED = 4002
CLOSE_SESSION_ENDED = 4003  # the account was disabled or given a new password
CLOSE_RATE_LIMIT = 4008
CLOSE_HEARTBEAT = 4009
CLOSE_TOO_SLOW = 4010

_encoder = msgspec.json.Encoder()
_client_decoder = msgspec.json.Decoder(ClientMsg)  # type: ignore[arg-type]
_server_decoder = msgspec.json.Decoder(ServerMsg)  # type: ignore[arg-type]


def encode(msg: msgspec.Struct) -> bytes:
    return _encoder.encode(msg)


def decode_client(data: bytes | str) -> ClientMsg:
    """Raises msgspec.DecodeError / ValidationError with a readable message on bad input."""
    return _client_decoder.decode(data)  # type: ignore[no-any-return]


def decode_server(data: bytes | str) -> ServerMsg:
    return _server_decoder.decode(data)  # type: ignore[no-any-return]


def json_schema() -> dict[str, Any]:
    """JSON Schema of every client and server message (generated, never hand-written)."""
    from app.domain.commands import COMMAND_TYPES

    schemas, components = msgspec.json.schema_components(
        [ClientMsg, ServerMsg, *COMMAND_TYPES.values()],
        ref_template="#/$defs/{name}",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"CityOps sync protocol v{PROTOCOL_VERSION}",
        "client_message": schemas[0],
        "server_message": schemas[1],
        "command_payloads": {name: schemas[2 + i] for i, name in enumerate(COMMAND_TYPES)},
        "$defs": components,
    }
