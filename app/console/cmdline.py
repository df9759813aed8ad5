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

from app.domain.commands import CommandError, parse_payload
from app.domain.geo import parse_latlon
from app.domain.library import Library
from app.domain.model import UnitStatus
from app.domain.runner import Command
from app.domain.state import CityState

Geocode = Callable[[str], tuple[float, float, str] | None]  # text -> (lat, lon, label)
Reverse = Callable[[float, float], str]  # lat, lon -> address text


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
    "N": "N <category> @ <lat,lon | address ;> [P1-4] [description]  — new incident",
    "D": "D <incident> <unit> [unit ...]  — dispatch units",
    "S": "S <unit> <status>  — unit status (avail, enroute, onscene, ret, oos)",
    "R": "R <incident> <agency> [count] [capability]  — request linkage from an agency",
    "REL": "REL <incident> <unit>  — release a unit",
    "NOTE": "NOTE <incident> <text>  — add to the narrative log",
    "L": "L <incident> <other incident>  — link related incidents",
    "M": "M <duplicate> <master>  — merge a duplicate into a master incident",
    "REG": "REG <incident>  — register",
    "DSP": "DSP <incident>  — dispatch to the department (no units)",
    "START": "START <incident>  — handling started",
    "RES": "RES <incident> <feedback>  — resolved, with the handler's feedback",
    "V": "V <incident>  — verification passed",
    "FAIL": "FAIL <incident> <reason>  — verification failed (rework)",
    "C": "C <incident>  — close",
    "X": "X <incident> <reason>  — cancel",
    "REJ": "REJ <incident> <reason>  — reject as invalid / duplicate",
    "REOPEN": "REOPEN <incident> <reason>  — reopen a closed case (supervisor)",
    "EXT": "EXT <incident> <minutes> <reason>  — ask for a deadline extension",
    "ACK": "ACK  — acknowledge every flashing priority-1 alert",
    "HELP": "HELP  — list commands and shortcuts",
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
                raise ParseError("no incident is selected ('.' means the selected incident)")
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
            raise ParseError(f"no incident {want}")
        if tok.isdigit():
            suffix = f"-{int(tok):06d}"
            best = None
            for inc in state.incidents.values():
                if inc.number.endswith(suffix) and (
                    best is None or inc.created_at > best.created_at
                ):
                    best = inc
            if best is None:
                raise ParseError(f"no incident numbered …{suffix}")
            return best.id
        if tok.startswith("P-"):
            for inc in state.incidents.values():
                if inc.number.upper() == tok:
                    return inc.id
        raise ParseError(f"'{token}' is not an incident number (try 123, 2026-000123 or '.')")

    def unit_id(self, token: str) -> str:
        units = self._state().units
        if token in units:
            return token
        up = token.upper()
        for uid in units:
            if uid.upper() == up:
                return uid
        raise ParseError(f"no unit {token!r}")

    def category(self, token: str) -> str:
        lib = self._library
        if token in lib.by_code:
            return token
        hits = lib.search(token.replace("_", " ")) or lib.search(token)
        if not hits:
            raise ParseError(f"no category matches {token!r}")
        exact = [
            c for c in hits if c.code.endswith("." + token) or c.name_en.lower() == token.lower()
        ]
        return (exact or hits)[0].code

    # --- parsing ----------------------------------------------------------------------------------
    def parse(self, line: str) -> ParseResult:
        text = line.strip()
        if not text:
            raise ParseError("type a command, or HELP")
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
                raise ParseError(VERBS["D"])
            iid = self.incident_id(args[0])
            units = [self.unit_id(a) for a in args[1:]]
            return ParseResult(
                [
                    Parsed(
                        "assign_units",
                        {"incident_id": iid, "unit_ids": units},
                        f"dispatch {' '.join(units)}",
                        select=iid,
                    )
                ]
            )
        if verb == "S":
            if len(args) != 2:
                raise ParseError(VERBS["S"])
            uid = self.unit_id(args[0])
            status = STATUS_ALIASES.get(args[1].lower())
            if status is None:
                raise ParseError(
                    f"unknown unit status {args[1]!r}: use {', '.join(sorted(STATUS_ALIASES))}"
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
                raise ParseError(VERBS["REL"])
            iid = self.incident_id(args[0])
            uid = self.unit_id(args[1])
            return ParseResult(
                [Parsed("release_unit", {"incident_id": iid, "unit_id": uid}, f"release {uid}")]
            )
        if verb == "NOTE":
            if len(args) < 2:
                raise ParseError(VERBS["NOTE"])
            iid = self.incident_id(args[0])
            note = rest.split(None, 1)[1]
            return ParseResult(
                [Parsed("add_note", {"incident_id": iid, "text": note}, "note added", select=iid)]
            )
        if verb in ("L", "M"):
            if len(args) != 2:
                raise ParseError(VERBS[verb])
            a, b = self.incident_id(args[0]), self.incident_id(args[1])
            if verb == "L":
                return ParseResult(
                    [Parsed("link_incidents", {"incident_id": a, "other_id": b}, "linked")]
                )
            return ParseResult(
                [Parsed("merge_incidents", {"duplicate_id": a, "master_id": b}, "merged", select=b)]
            )
        if verb == "EXT":
            if len(args) < 3 or not args[1].isdigit():
                raise ParseError(VERBS["EXT"])
            iid = self.incident_id(args[0])
            reason = rest.split(None, 2)[2]
            return ParseResult(
                [
                    Parsed(
                        "request_extension",
                        {"incident_id": iid, "minutes": int(args[1]), "reason": reason},
                        "extension requested",
                    )
                ]
            )
        if verb in TRANSITION_VERBS:
            action, needs_reason = TRANSITION_VERBS[verb]
            if not args:
                raise ParseError(VERBS[verb])
            iid = self.incident_id(args[0])
            reason = rest.split(None, 1)[1] if len(args) > 1 else ""
            if needs_reason and not reason:
                raise ParseError(f"{VERBS[verb]} (a reason is required)")
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
        raise ParseError(f"unknown command {verb!r}; type HELP for the list")

    def _new(self, rest: str) -> Parsed:
        m = re.match(r"^\s*(\S+)\s*@\s*(.+)$", rest)
        if not m:
            raise ParseError(VERBS["N"])
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
                raise ParseError(f"{ll.group(1)},{ll.group(2)} is not a valid lat,lon")
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
                    f"location not found: {tail!r} (type lat,lon or an address / intersection)"
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
        return Parsed("create_incident", payload, f"new {code} at {address}", select=iid)

    def _linkage(self, args: list[str]) -> Parsed:
        if len(args) < 2:
            raise ParseError(VERBS["R"])
        iid = self.incident_id(args[0])
        agency = args[1].lower()
        state = self._state()
        if agency not in state.agencies:
            matches = [a for a in state.agencies if a.startswith(agency)]
            if len(matches) != 1:
                raise ParseError(f"no agency {args[1]!r}: {', '.join(sorted(state.agencies))}")
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
            f"linkage: {count} x {capability} from {agency}",
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
