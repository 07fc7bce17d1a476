"""``--format json``: the report as one JSON object (docs/report.schema.json)."""

from __future__ import annotations

import json

from .counting import Tally
from .document import Row, document

__all__ = ["render_json"]


def render_json(tally: Tally, report: list[Row]) -> str:
    """The report as JSON text, every pair."""
    return json.dumps(document(tally, report), indent=2)
