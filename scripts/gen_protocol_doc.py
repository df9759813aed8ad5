"""Write the JSON Schema of protocol v1 into docs/PROTOCOL.md (between the schema markers).

python scripts/gen_protocol_doc.py           # rewrite the block
python scripts/gen_protocol_doc.py --check   # exit 1 when the block is stale
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.protocol import json_schema  # noqa: E402

DOC = ROOT / "docs" / "PROTOCOL.md"
BEGIN = "<!-- schema:begin -->"
END = "<!-- schema:end -->"


def render(text: str) -> str:
    """``text`` with the schema block regenerated."""
    head, sep, rest = text.partition(BEGIN)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise ValueError(f"{DOC} lacks the {BEGIN} ... {END} markers")
    schema = json.dumps(json_schema(), indent=2, sort_keys=True, ensure_ascii=False)
    return f"{head}{BEGIN}\n```json\n{schema}\n```\n{END}{tail}"


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    fresh = render(text)
    if "--check" in argv:
        if fresh != text:
            print(f"{DOC} is stale: run python scripts/gen_protocol_doc.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
