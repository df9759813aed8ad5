"""What else the machine was doing during a bench run: CPU time the hypervisor took (steal).

On a shared virtual machine the wall clock of a frame includes time the virtual CPU was not
running at all; the kernel counts that as "steal" in /proc/stat. Benches print it next to their
tails so a bad p99 can be told apart from slow code.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


class StealMeter:
    """Share of CPU time stolen by the hypervisor between construction and ``share()``."""

    def __init__(self) -> None:
        self._start = self._read()

    @staticmethod
    def _read() -> tuple[int, int] | None:
        try:
            fields = Path("/proc/stat").read_text().splitlines()[0].split()
        except OSError:
            return None
        if fields[0] != "cpu" or len(fields) < 9:
            return None
        ticks = [int(x) for x in fields[1:9]]  # user nice system idle iowait irq softirq steal
        return ticks[7], sum(ticks)

    def share(self) -> float | None:
        end = self._read()
        if self._start is None or end is None or end[1] == self._start[1]:
            return None
        return (end[0] - self._start[0]) / (end[1] - self._start[1])

    def describe(self) -> str:
        s = self.share()
        return (
            "steal: not available" if s is None else f"CPU time stolen by the hypervisor: {s:.0%}"
        )
