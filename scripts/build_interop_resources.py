"""Build resources/cap/ and resources/eido/ from the reference copies in ../shared.

* resources/cap/CAP-v1.2.xsd, CAP-v1.1.xsd: the OASIS schemas, copied byte for byte.
* resources/eido/eido-1.0.schema.json: the component schemas of NENA's EIDO OpenAPI file as one
  JSON Schema document (``$ref: #/components/schemas/...`` keep working because the schemas stay
  under the same path), with the upstream defect repaired (see REPAIRS below).

Run: .venv/bin/python scripts/build_interop_resources.py [SHARED_DIR]
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent

# The upstream OpenAPI file writes ``minItems: 1,`` (line 218, agentRoleRegistryText in AgentType):
# YAML reads the value as the string "1,", which no JSON Schema validator accepts as minItems.
# The intent is plainly the integer 1; we repair exactly that value and refuse to build if the
# file no longer has the defect (then the repair should be removed).
REPAIRS: list[tuple[tuple[str | int, ...], Any, Any]] = [
    (("AgentType", "allOf", 1, "properties", "agentRoleRegistryText", "minItems"), "1,", 1)
]
ROOT = "EmergencyIncidentDataObjectType"


def _repair(schemas: dict[str, Any]) -> None:
    for path, bad, good in REPAIRS:
        node: Any = schemas
        for key in path[:-1]:
            node = node[key]
        if node.get(path[-1]) != bad:
            raise SystemExit(f"expected the upstream defect {bad!r} at {path}")
        node[path[-1]] = good


def build(shared: Path) -> None:
    cap_out = REPO / "resources" / "cap"
    cap_out.mkdir(parents=True, exist_ok=True)
    for name in ("CAP-v1.2.xsd", "CAP-v1.1.xsd"):
        shutil.copyfile(shared / "data" / "cap" / "schema" / name, cap_out / name)
    spec = yaml.safe_load((shared / "reference" / "eido" / "openapi.yaml").read_text("utf-8"))
    schemas = spec["components"]["schemas"]
    _repair(schemas)
    doc = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"NENA EIDO {spec['info'].get('version', '')} ({ROOT})",
        "$ref": f"#/components/schemas/{ROOT}",
        "components": {"schemas": schemas},
    }
    eido_out = REPO / "resources" / "eido"
    eido_out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    (eido_out / "eido-1.0.schema.json").write_text(text, "utf-8")
    print(f"wrote {cap_out} and {eido_out / 'eido-1.0.schema.json'} ({len(schemas)} schemas)")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared")
