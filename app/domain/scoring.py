"""The weights of the 100-point evaluation score, as reference data that travels as an event.

A supervisor (the centre's leadership) or the administrator changes them with the
``set_evaluation_weights`` command; the outcome is an ``evaluation_weights_set`` event, so every
desk, the server and every replay score with the same weights from the same moment on.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping

import msgspec

log = logging.getLogger(__name__)

# handling rate, on-time handling rate, 1 - rework rate, 1 - overdue-pending rate,
# 1 - extension rate: the digital urban-management scheme.
DEFAULT_WEIGHTS: dict[str, float] = {
    "handling": 30.0,
    "on_time": 20.0,
    "rework": 20.0,
    "overdue_pending": 20.0,
    "extension": 10.0,
}


class SetEvaluationWeights(msgspec.Struct, kw_only=True):
    """Command: score departments with these weights from now on (they add up to 100)."""

    weights: dict[str, float]


class EvaluationWeightsSet(
    msgspec.Struct, kw_only=True, tag_field="type", tag="evaluation_weights_set"
):
    """Event: the score's weights from this event on."""

    weights: dict[str, float]


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """The weights if they are the five known terms, none negative, adding up to 100; else
    ValueError with the reason."""
    unknown = sorted(set(weights) - set(DEFAULT_WEIGHTS))
    missing = sorted(set(DEFAULT_WEIGHTS) - set(weights))
    if unknown or missing:
        raise ValueError(
            f"weights must name exactly {', '.join(DEFAULT_WEIGHTS)}"
            + (f"; unknown: {', '.join(unknown)}" if unknown else "")
            + (f"; missing: {', '.join(missing)}" if missing else "")
        )
    for k, v in weights.items():
        if not math.isfinite(v) or v < 0:
            raise ValueError(f"weight {k} must be a number of at least 0, not {v}")
    total = sum(weights.values())
    if abs(total - 100.0) > 1e-6:
        raise ValueError(f"weights must add up to 100, not {total:g}")
    return {k: float(weights[k]) for k in DEFAULT_WEIGHTS}
