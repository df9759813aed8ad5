"""The command line takes case categories by their Chinese names, and speaks Chinese (help,
errors, feedback) when the desk does."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.console.cmdline import CommandLineParser, ParseError, verb_help
from app.console.i18n import Translations
from app.domain.library import default_library
from tests.models.test_cmdline import make_state

LIB = default_library()
ROOT = Path(__file__).resolve().parents[2]


def parser() -> CommandLineParser:
    state = make_state()
    return CommandLineParser(lambda: state, LIB)


@pytest.mark.parametrize("code", ["fire.structure", "fire.vehicle", "fire.explosion"])
def test_new_incident_by_chinese_category_name(code: str) -> None:
    name = LIB.by_code[code].name_zh
    result = parser().parse(f"N {name} @ 37.781,-122.411 P2 浓烟")
    (cmd,) = result.commands
    assert cmd.payload["category"] == code
    assert cmd.payload["priority"] == 2
    assert cmd.payload["description"] == "浓烟"


def test_part_of_a_chinese_name_finds_the_category() -> None:
    # "建筑火" is only in 建筑火灾 (structure fire).
    assert parser().category("建筑火") == "fire.structure"


def test_unknown_chinese_category_is_explained() -> None:
    with pytest.raises(ParseError, match="no category matches"):
        parser().parse("N 不存在的类别 @ 37.781,-122.411")


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    subprocess.run([sys.executable, "scripts/i18n.py", "release"], cwd=ROOT, check=True)
    tr = Translations(qapp)
    assert tr.set_language("zh_CN")
    yield
    tr.set_language("en")


def test_help_and_errors_in_chinese(chinese: None) -> None:
    assert verb_help("D") == "D <事件> <单位> [单位 ...]  — 派遣单位"
    with pytest.raises(ParseError, match="没有单位 'Z99'"):
        parser().parse("S Z99 avail")
    with pytest.raises(ParseError, match="请输入命令"):
        parser().parse("   ")
    name = LIB.by_code["fire.structure"].name_zh
    (cmd,) = parser().parse(f"N {name} @ 37.781,-122.411").commands
    assert cmd.summary.startswith("新建 fire.structure")
