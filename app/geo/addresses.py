"""House numbers and blocks on one street: exact point, interpolation, middle of a block.

A street's address points are one slice of :class:`PlaceData`'s arrays, sorted by number, so a
house number is a binary search. A number the city has no point for is placed between the nearest
numbers on the same side of the street (same parity), the way a number runs along a block. A
"2000 Block of X" is the middle of the points numbered 2000-2099.
"""

from __future__ import annotations

import logging

import numpy as np

from app.geo.placedata import PlaceData, to_degrees
from app.geo.placetypes import Place
from app.geo.streetnames import display_name

log = logging.getLogger(__name__)

MAX_GAP = 400
"""A missing number further than this from every known one on its street is not placed."""


class AddressFinder:
    def __init__(self, data: PlaceData) -> None:
        self.data = data

    def label(self, i: int) -> str:
        d = self.data
        return f"{int(d.addr_number[i])} {display_name(d.street_names[int(d.addr_street[i])])}"

    def house(self, street: int, number: int) -> Place | None:
        """The address point, or a position interpolated along the same side of the street."""
        d = self.data
        s0, s1 = d.street_slice(street)
        if s0 == s1:
            return None
        nums = d.addr_number[s0:s1]
        name = display_name(d.street_names[street])
        i = int(np.searchsorted(nums, number))
        if i < len(nums) and int(nums[i]) == number:
            k = s0 + i
            return Place(f"{number} {name}", float(d.addr_lat[k]), float(d.addr_lon[k]),
                         "address", 1.0)  # fmt: skip
        same = np.flatnonzero(nums % 2 == number % 2)
        pool = same if len(same) else np.arange(len(nums))
        lo = pool[nums[pool] < number]
        hi = pool[nums[pool] > number]
        if len(lo) and len(hi):
            a, b = s0 + int(lo[-1]), s0 + int(hi[0])
            na, nb = int(d.addr_number[a]), int(d.addr_number[b])
            if nb - na > 2 * MAX_GAP:
                a_or_b = a if number - na <= nb - number else b
                return self._near(a_or_b, number, name)
            t = (number - na) / (nb - na)
            lat = float(d.addr_lat[a] + t * (d.addr_lat[b] - d.addr_lat[a]))
            lon = float(d.addr_lon[a] + t * (d.addr_lon[b] - d.addr_lon[a]))
            return Place(f"{number} {name}", lat, lon, "address", 0.93)
        k = s0 + int(lo[-1] if len(lo) else hi[0])
        return self._near(k, number, name)

    def _near(self, k: int, number: int, name: str) -> Place | None:
        d = self.data
        gap = abs(int(d.addr_number[k]) - number)
        if gap > MAX_GAP:
            return None
        return Place(f"{number} {name} (near {int(d.addr_number[k])})", float(d.addr_lat[k]),
                     float(d.addr_lon[k]), "address", 0.85)  # fmt: skip

    def block(self, street: int, block: int) -> Place | None:
        """The middle of the block's address points, on the street's centreline.

        The mean of the block's points, moved to the nearest point of the street's centreline
        (the address points sit on the parcels, ~25 m off the street); the city's calls for
        service place a block there too (median 12 m apart against 27 m for the nearest point).
        """
        d = self.data
        s0, s1 = d.street_slice(street)
        name = display_name(d.street_names[street])
        label = f"{block} block of {name}"
        if s0 == s1:
            # A street with no address point (a park drive, a new street): its middle.
            whole = self.street_point(street)
            if whole is None:
                return None
            return Place(label + " (street)", whole.lat, whole.lon, "block", 0.7)
        nums = d.addr_number[s0:s1]
        i0 = s0 + int(np.searchsorted(nums, block))
        i1 = s0 + int(np.searchsorted(nums, block + 100))
        if i0 == i1:
            p = self.house(street, block + 50) or self.street_point(street)
            if p is None:
                return None
            return Place(label, p.lat, p.lon, "block", 0.85 if p.kind == "address" else 0.7)
        mid = d.addr_xy[i0:i1].mean(axis=0)
        on_street = d.snap_to_street(street, mid)
        lat, lon = to_degrees(on_street if on_street is not None else mid)
        return Place(label, lat, lon, "block", 1.0)

    def street_point(self, street: int) -> Place | None:
        """A street as a whole: its middle address point, or its middle intersection."""
        d = self.data
        s0, s1 = d.street_slice(street)
        name = display_name(d.street_names[street])
        if s1 > s0:
            k = (s0 + s1) // 2
            return Place(name, float(d.addr_lat[k]), float(d.addr_lon[k]), "street", 1.0)
        nodes = d.xing_by_street.get(street)
        if not nodes:
            return None
        n = nodes[len(nodes) // 2]
        return Place(name, float(d.xing_lat[n]), float(d.xing_lon[n]), "street", 1.0)
