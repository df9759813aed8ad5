"""The keyboard-first command line: parses a line into commands for the one command path.

Examples::

    N fire.structure @ 37.781,-122.411 P1 smoke from 2nd floor
    N exposed_garbage @ Market St & 5th St ; bags on the sidewalk
    D 123 E12 M4          dispatch units to incident ...-000123 ('.' = the selected incident)
    S E12 onscene         unit status
    R 123 water 2         request 2 water units for incident 123 (linkage)
    C 123                 close (also: REG, V, RES, X, FAIL, REOPEN with a reason)
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6 import QtCore

from app.console.i18n import QT_TRANSLATE_NOOP
from app.domain.commands import CommandError, parse_payload
from app.domain.geo import parse_latlon
from app.domain.library import Library
from app.domain.model import UnitStatus
from app.domain.runner import Command
from app.domain.state import CityState

Geocode = Callable[[str], tuple[float, float, str] | None]  # text -> (lat, lon, label)
Reverse = Callable[[float, float], str]  # lat, lon -> address text


# The help and the feedback are translated here, at parse time: the parser runs in the console,
# in the language the desk shows ("CommandLine" context).
translate = QtCore.QCoreApplication.translate


def _f(text: str, *args: object) -> str:
    """Fill Qt-style %1, %2 ... placeholders of a translated text."""
    for n, arg in reversed(list(enumerate(args, 1))):
        text = text.replace(f"%{n}", str(arg))
    return text


def verb_help(verb: str) -> str:
    """A verb's usage line, translated."""
    return translate("CommandLine", VERBS[verb])


class ParseError(ValueError):
    """The line cannot be run; the message says what to type instead."""


@dataclass
class Parsed:
    type: str
    payload: dict[str, Any]
    summary: str
    select: str = ""  # incident id to select after submitting
    command: Command = field(init=False)  # the typed command the line stands for

    def __post_init__(self) -> None:
        try:
            self.command = parse_payload(self.type, self.payload)
        except CommandError as exc:
            raise ParseError(exc.message) from None


@dataclass
class ParseResult:
    commands: list[Parsed] = field(default_factory=list)
    action: str = ""  # a console action instead of a command: help, ack, find


STATUS_ALIASES: dict[str, UnitStatus] = {
    "avail": UnitStatus.AVAILABLE,
    "available": UnitStatus.AVAILABLE,
    "av": UnitStatus.AVAILABLE,
    "disp": UnitStatus.DISPATCHED,
    "dispatched": UnitStatus.DISPATCHED,
    "enroute": UnitStatus.EN_ROUTE,
    "en_route": UnitStatus.EN_ROUTE,
    "er": UnitStatus.EN_ROUTE,
    "onscene": UnitStatus.ON_SCENE,
    "on_scene": UnitStatus.ON_SCENE,
    "os": UnitStatus.ON_SCENE,
    "ret": UnitStatus.RETURNING,
    "returning": UnitStatus.RETURNING,
    "oos": UnitStatus.OUT_OF_SERVICE,
    "out": UnitStatus.OUT_OF_SERVICE,
    "out_of_service": UnitStatus.OUT_OF_SERVICE,
}

TRANSITION_VERBS: dict[str, tuple[str, bool]] = {
    # verb -> (action, reason required)
    "REG": ("register", False),
    "DSP": ("dispatch", False),
    "START": ("start", False),
    "RES": ("resolve", True),
    "V": ("verify", False),
    "FAIL": ("fail_verification", True),
    "C": ("close", False),
    "X": ("cancel", True),
    "REJ": ("reject", True),
    "REOPEN": ("reopen", True),
}

VERBS: dict[str, str] = {
    "N": QT_TRANSLATE_NOOP(
        "CommandLine", "N <category> @ <lat,lon | address ;> [P1-4] [description]  — new incident"
    ),
    "D": QT_TRANSLATE_NOOP("CommandLine", "D <incident> <unit> [unit ...]  — dispatch units"),
    "S": QT_TRANSLATE_NOOP(
        "CommandLine", "S <unit> <status>  — unit status (avail, enroute, onscene, ret, oos)"
    ),
    "R": QT_TRANSLATE_NOOP(
        "CommandLine",
        "R <incident> <agency> [count] [capability]  — request linkage from an agency",
    ),
    "REL": QT_TRANSLATE_NOOP("CommandLine", "REL <incident> <unit>  — release a unit"),
    "NOTE": QT_TRANSLATE_NOOP("CommandLine", "NOTE <incident> <text>  — add to the narrative log"),
    "L": QT_TRANSLATE_NOOP(
        "CommandLine", "L <incident> <other incident>  — link related incidents"
    ),
    "M": QT_TRANSLATE_NOOP(
        "CommandLine", "M <duplicate> <master>  — merge a duplicate into a master incident"
    ),
    "REG": QT_TRANSLATE_NOOP("CommandLine", "REG <incident>  — register"),
    "DSP": QT_TRANSLATE_NOOP(
        "CommandLine", "DSP <incident>  — dispatch to the department (no units)"
    ),
    "START": QT_TRANSLATE_NOOP("CommandLine", "START <incident>  — handling started"),
    "RES": QT_TRANSLATE_NOOP(
        "CommandLine", "RES <incident> <feedback>  — resolved, with the handler's feedback"
    ),
    "V": QT_TRANSLATE_NOOP("CommandLine", "V <incident>  — verification passed"),
    "FAIL": QT_TRANSLATE_NOOP(
        "CommandLine", "FAIL <incident> <reason>  — verification failed (rework)"
    ),
    "C": QT_TRANSLATE_NOOP("CommandLine", "C <incident>  — close"),
    "X": QT_TRANSLATE_NOOP("CommandLine", "X <incident> <reason>  — cancel"),
    "REJ": QT_TRANSLATE_NOOP(
        "CommandLine", "REJ <incident> <reason>  — reject as invalid / duplicate"
    ),
    "REOPEN": QT_TRANSLATE_NOOP(
        "CommandLine", "REOPEN <incident> <reason>  — reopen a closed case (supervisor)"
    ),
    "EXT": QT_TRANSLATE_NOOP(
        "CommandLine", "EXT <incident> <minutes> <reason>  — ask for a deadline extension"
    ),
    "ACK": QT_TRANSLATE_NOOP("CommandLine", "ACK  — acknowledge every flashing priority-1 alert"),
    "HELP": QT_TRANSLATE_NOOP("CommandLine", "HELP  — list commands and shortcuts"),
}


class CommandLineParser:
    """Turns one line of text into commands; knows the state to resolve numbers and units."""

    def __init__(
        self,
        state_fn: Callable[[], CityState],
        library: Library,
        selected_fn: Callable[[], str] = lambda: "",
        geocode: Geocode | None = None,
        reverse: Reverse | None = None,
    ) -> None:
        self._state = state_fn
        self._library = library
        self._selected = selected_fn
        self._geocode = geocode
        self._reverse = reverse

    # --- resolution -------------------------------------------------------------------------------
    def incident_id(self, token: str) -> str:
        """'.' (selected), a full number 2026-000123, a short number 123, or an id."""
        state = self._state()
        if token == ".":
            sel = self._selected()
            if not sel:
                raise ParseError(
                    translate(
                        "CommandLine", "no incident is selected ('.' means the selected incident)"
                    )
                )
            return sel
        if token in state.incidents:
            return token
        tok = token.upper()
        if re.fullmatch(r"\d{4}-\d+", tok):
            year, num = tok.split("-")
            want = f"{year}-{int(num):06d}"
            for inc in state.incidents.values():
                if inc.number == want:
                    return inc.id
            raise ParseError(_f(translate("CommandLine", "no incident %1"), want))
        if tok.isdigit():
            suffix = f"-{int(tok):06d}"
            best = None
            for inc in state.incidents.values():
                if inc.number.endswith(suffix) and (
                    best is None or inc.created_at > best.created_at
                ):
                    best = inc
            if best is None:
                raise ParseError(_f(translate("CommandLine", "no incident numbered …%1"), suffix))
            return best.id
        if tok.startswith("P-"):
            for inc in state.incidents.values():
                if inc.number.upper() == tok:
                    return inc.id
        raise ParseError(
            _f(
                translate(
                    "CommandLine", "'%1' is not an incident number (try 123, 2026-000123 or '.')"
                ),
                token,
            )
        )

    def unit_id(self, token: str) -> str:
        units = self._state().units
        if token in units:
            return token
        up = token.upper()
        for uid in units:
            if uid.upper() == up:
                return uid
        raise ParseError(_f(translate("CommandLine", "no unit %1"), repr(token)))

    def category(self, token: str) -> str:
        lib = self._library
        if token in lib.by_code:
            return token
        hits = lib.search(token.replace("_", " ")) or lib.search(token)
        if not hits:
            raise ParseError(_f(translate("CommandLine", "no category matches %1"), repr(token)))
        exact = [
            c
            for c in hits
            if c.code.endswith("." + token)
            or c.name_en.lower() == token.lower()
            or c.name_zh == token
        ]
        return (exact or hits)[0].code

    # --- parsing ----------------------------------------------------------------------------------
    def parse(self, line: str) -> ParseResult:
        text = line.strip()
        if not text:
            raise ParseError(translate("CommandLine", "type a command, or HELP"))
        verb, _, rest = text.partition(" ")
        verb = verb.upper()
        args = rest.split()
        if verb in ("HELP", "?"):
            return ParseResult(action="help")
        if verb == "ACK":
            return ParseResult(action="ack")
        if verb == "N":
            return ParseResult([self._new(rest)])
        if verb == "D":
            if len(args) < 2:
                raise ParseError(verb_help("D"))
            iid = self.incident_id(args[0])
            units = [self.unit_id(a) for a in args[1:]]
            return ParseResult(
                [
                    Parsed(
                        "assign_units",
                        {"incident_id": iid, "unit_ids": units},
                        _f(translate("CommandLine", "dispatch %1"), " ".join(units)),
                        select=iid,
                    )
                ]
            )
        if verb == "S":
            if len(args) != 2:
                raise ParseError(verb_help("S"))
            uid = self.unit_id(args[0])
            status = STATUS_ALIASES.get(args[1].lower())
            if status is None:
                raise ParseError(
                    _f(
                        translate("CommandLine", "unknown unit status %1: use %2"),
                        repr(args[1]),
                        ", ".join(sorted(STATUS_ALIASES)),
                    )
                )
            return ParseResult(
                [
                    Parsed(
                        "set_unit_status",
                        {"unit_id": uid, "status": status.value},
                        f"{uid} {status.value}",
                    )
                ]
            )
        if verb == "R":
            return ParseResult([self._linkage(args)])
        if verb == "REL":
            if len(args) != 2:
                raise ParseError(verb_help("REL"))
            iid = self.incident_id(args[0])
            uid = self.unit_id(args[1])
            return ParseResult(
                [
                    Parsed(
                        "release_unit",
                        {"incident_id": iid, "unit_id": uid},
                        _f(translate("CommandLine", "release %1"), uid),
                    )
                ]
            )
        if verb == "NOTE":
            if len(args) < 2:
                raise ParseError(verb_help("NOTE"))
            iid = self.incident_id(args[0])
            note = rest.split(None, 1)[1]
            return ParseResult(
                [
                    Parsed(
                        "add_note",
                        {"incident_id": iid, "text": note},
                        translate("CommandLine", "note added"),
                        select=iid,
                    )
                ]
            )
        if verb in ("L", "M"):
            if len(args) != 2:
                raise ParseError(verb_help(verb))
            a, b = self.incident_id(args[0]), self.incident_id(args[1])
            if verb == "L":
                return ParseResult(
                    [
                        Parsed(
                            "link_incidents",
                            {"incident_id": a, "other_id": b},
                            translate("CommandLine", "linked"),
                        )
                    ]
                )
            return ParseResult(
                [
                    Parsed(
                        "merge_incidents",
                        {"duplicate_id": a, "master_id": b},
                        translate("CommandLine", "merged"),
                        select=b,
                    )
                ]
            )
        if verb == "EXT":
            if len(args) < 3 or not args[1].isdigit():
                raise ParseError(verb_help("EXT"))
            iid = self.incident_id(args[0])
            reason = rest.split(None, 2)[2]
            return ParseResult(
                [
                    Parsed(
                        "request_extension",
                        {"incident_id": iid, "minutes": int(args[1]), "reason": reason},
                        translate("CommandLine", "extension requested"),
                    )
                ]
            )
        if verb in TRANSITION_VERBS:
            action, needs_reason = TRANSITION_VERBS[verb]
            if not args:
                raise ParseError(verb_help(verb))
            iid = self.incident_id(args[0])
            reason = rest.split(None, 1)[1] if len(args) > 1 else ""
            if needs_reason and not reason:
                raise ParseError(
                    _f(translate("CommandLine", "%1 (a reason is required)"), verb_help(verb))
                )
            return ParseResult(
                [
                    Parsed(
                        "transition",
                        {"incident_id": iid, "action": action, "reason": reason},
                        action,
                        select=iid,
                    )
                ]
            )
        raise ParseError(
            _f(translate("CommandLine", "unknown command %1; type HELP for the list"), repr(verb))
        )

    def _new(self, rest: str) -> Parsed:
        m = re.match(r"^\s*(\S+)\s*@\s*(.+)$", rest)
        if not m:
            raise ParseError(verb_help("N"))
        code = self.category(m.group(1))
        tail = m.group(2).strip()
        priority = 0
        pm = re.search(r"(?:^|\s)P([1-4])(?=\s|$)", tail, flags=re.IGNORECASE)
        if pm:
            priority = int(pm.group(1))
            tail = (tail[: pm.start()] + " " + tail[pm.end() :]).strip()
        # Location: a lat,lon pair first, otherwise the longest address prefix the gazetteer knows.
        lat = lon = None
        address = ""
        description = ""
        ll = re.match(r"^(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)(.*)$", tail)
        if ll:
            parsed = parse_latlon(f"{ll.group(1)},{ll.group(2)}")
            if parsed is None:
                raise ParseError(
                    _f(
                        translate("CommandLine", "%1,%2 is not a valid lat,lon"),
                        ll.group(1),
                        ll.group(2),
                    )
                )
            lat, lon = parsed
            description = ll.group(3).strip()
            address = self._reverse(lat, lon) if self._reverse else ""
        else:
            # An address runs to the end of the line, or to ';' where the description starts.
            where, _, description = tail.partition(";")
            description = description.strip()
            hit = self._geocode(where.strip()) if self._geocode else None
            if hit:
                lat, lon, address = hit
            if lat is None or lon is None:
                raise ParseError(
                    _f(
                        translate(
                            "CommandLine", "location not found: %1 (type lat,lon or an address)"
                        ),
                        repr(tail),
                    )
                )
        if not address:
            address = f"{lat:.5f}, {lon:.5f}"
        cat = self._library.get(code)
        if not description and "description" in cat.required_fields:
            description = cat.name_en
        iid = str(uuid.uuid4())
        payload: dict[str, Any] = {
            "incident_id": iid,
            "category": code,
            "priority": priority,
            "lat": lat,
            "lon": lon,
            "address": address,
            "description": description,
            "source": "hotline",
            "register": True,
        }
        return Parsed(
            "create_incident",
            payload,
            _f(translate("CommandLine", "new %1 at %2"), code, address),
            select=iid,
        )

    def _linkage(self, args: list[str]) -> Parsed:
        if len(args) < 2:
            raise ParseError(verb_help("R"))
        iid = self.incident_id(args[0])
        agency = args[1].lower()
        state = self._state()
        if agency not in state.agencies:
            matches = [a for a in state.agencies if a.startswith(agency)]
            if len(matches) != 1:
                raise ParseError(
                    _f(
                        translate("CommandLine", "no agency %1: %2"),
                        repr(args[1]),
                        ", ".join(sorted(state.agencies)),
                    )
                )
            agency = matches[0]
        count = 1
        capability = ""
        for extra in args[2:]:
            if extra.isdigit():
                count = int(extra)
            else:
                capability = extra
        if not capability:
            inc = state.incidents[iid]
            cat = self._library.by_code.get(inc.category)
            caps = self._agency_capabilities(agency)
            wanted = [c for c in (cat.capabilities if cat else []) if c in caps]
            capability = (wanted or sorted(caps) or ["general"])[0]
        return Parsed(
            "request_linkage",
            {"incident_id": iid, "to_agency": agency, "capability": capability, "count": count},
            _f(translate("CommandLine", "linkage: %1 x %2 from %3"), count, capability, agency),
            select=iid,
        )

    def _agency_capabilities(self, agency: str) -> set[str]:
        caps: set[str] = set()
        for u in self._state().units.values():
            if u.agency == agency:
                caps.update(u.capabilities)
        return caps

    # --- completion -------------------------------------------------------------------------------
    def completions(self, text: str) -> list[str]:
        """Candidates for the word being typed (verbs, categories, units, statuses, agencies)."""
        words = text.split(" ")
        cur = words[-1]
        head = " ".join(words[:-1])
        prefix = head + " " if head else ""
        verb = words[0].upper() if len(words) > 1 else ""
        pool: list[str]
        if len(words) == 1:
            pool = list(VERBS)
            return sorted(v for v in pool if v.startswith(cur.upper()))
        state = self._state()
        if verb == "N" and len(words) == 2:
            pool = [c.code for c in self._library.categories]
        elif verb == "S" and len(words) == 3:
            pool = sorted(STATUS_ALIASES)
        elif verb in ("S",) or (verb in ("D", "REL") and len(words) >= 3):
            pool = sorted(state.units)
        elif verb == "R" and len(words) == 3:
            pool = sorted(state.agencies)
        else:
            open_numbers = [
                i.number.split("-")[-1].lstrip("0") for i in state.incidents.values() if i.is_open()
            ]
            pool = sorted(open_numbers, key=lambda s: -int(s) if s.isdigit() else 0)[:200]
        low = cur.lower()
        return [prefix + p for p in pool if p.lower().startswith(low)][:50]
