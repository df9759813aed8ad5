"""docs/PROTOCOL.md: its schema matches app.protocol, and its examples are valid messages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from app.protocol import decode_client, decode_server

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "PROTOCOL.md"


def test_schema_in_the_doc_is_fresh() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_protocol_doc
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    text = DOC.read_text(encoding="utf-8")
    assert gen_protocol_doc.render(text) == text, "run: python scripts/gen_protocol_doc.py"


def test_examples_in_the_doc_decode() -> None:
    text = DOC.read_text(encoding="utf-8")
    examples = re.findall(r"<!-- example:(client|server) -->\n```json\n(.*?)\n```", text, re.S)
    assert len(examples) >= 10
    for side, body in examples:
        msg = decode_client(body) if side == "client" else decode_server(body)
        assert type(msg).__struct_config__.tag in body  # type: ignore[attr-defined]
