"""A custom import-linter contract: forbid submodules of an external package.

import-linter squashes external packages to their top level (``PySide6``), so its built-in
``forbidden`` contract cannot say "QtCore yes, QtWidgets no". This contract reads the import
details grimp keeps (the source line of each import) to tell them apart.
"""

from __future__ import annotations

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class ForbiddenSubmoduleContract(Contract):
    """Modules under ``source_modules`` must not import any of ``forbidden_submodules``
    (dotted names inside an external package, e.g. ``PySide6.QtWidgets``)."""

    type_name = "forbidden_submodule"

    source_modules = fields.SetField(subfield=fields.StringField())
    forbidden_submodules = fields.SetField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        bad: list[str] = []
        sources = {str(m) for m in self.source_modules}  # type: ignore[attr-defined]
        forbidden = [str(m) for m in self.forbidden_submodules]  # type: ignore[attr-defined]
        tops = {f.split(".")[0] for f in forbidden}
        for module in sorted(graph.modules):
            if not any(module == s or module.startswith(s + ".") for s in sources):
                continue
            for top in tops:
                if not graph.direct_import_exists(importer=module, imported=top):
                    continue
                for detail in graph.get_import_details(importer=module, imported=top):
                    line = detail["line_contents"]
                    for sub in forbidden:
                        pkg, _, name = sub.partition(".")
                        if pkg == top and (
                            sub in line or (f"from {pkg} import" in line and name in line)
                        ):
                            bad.append(f"{module}:{detail['line_number']}: {line.strip()}")
        return ContractCheck(kept=not bad, metadata={"bad": bad})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["bad"]:
            output.print_error(line)
