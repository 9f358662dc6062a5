"""The five real scraped seed articles in ``../shared/seeds``, checked by the shared tool.

``../shared/tools/check_seeds.py`` is the definition of passing: for each seed, the
non-blank output lines must equal the input's minus the lines ``expected.json`` lists
(plus ``remove_in_strict`` with ``--strict``), with its repairs applied, in order, and
the changes must replay to the text. The tool is imported from its path, so this test
follows it when it changes; the seed texts stay in ``../shared`` (never copied here).
The whole module is skipped when ``../shared`` is not beside the project.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import cleanse

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
TOOL = SHARED / "tools" / "check_seeds.py"
SEEDS = SHARED / "seeds"
SPEC_FILE = SEEDS / "expected.json"

if not (TOOL.is_file() and SPEC_FILE.is_file()):
    pytest.skip(f"no seeds: {SHARED} (../shared beside the project) is absent, so the "
                "shared seed articles and tools/check_seeds.py cannot be run",
                allow_module_level=True)

SPECS: dict[str, dict[str, Any]] = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
SEED_COUNT = 5


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_seeds", TOOL)
    assert spec is not None and spec.loader is not None, f"cannot import {TOOL}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_seeds = _load_tool()


def _problems(name: str, strict: bool) -> list[str]:
    """What ``check_seeds.py`` would print for one seed (empty when it passes)."""
    spec = SPECS[name]
    text = (SEEDS / name).read_text(encoding="utf-8")
    clean = cleanse.strict_pipeline() if strict else cleanse.clean
    result = clean(text)
    try:
        want = check_seeds.expected_lines(text, spec, strict)
    except SystemExit as exc:  # the tool exits on a bad expected.json
        pytest.fail(f"{SPEC_FILE}: {exc}")
    got = [ln.strip() for ln in result.text.split("\n") if ln.strip()]
    problems = [f"missing or altered: {ln[:90]!r}" for ln in want if ln not in got]
    problems += [f"should not be there: {ln[:90]!r}" for ln in got if ln not in want]
    if not problems and got != want:
        problems.append("lines out of order")
    if check_seeds.replay(result) != result.text:
        problems.append("changes do not replay to the text")
    if problems:
        problems.append("changes made:\n" + result.explain())
    return problems


@pytest.mark.parametrize("strict", [False, True], ids=["default", "strict"])
@pytest.mark.parametrize("name", sorted(SPECS))
def test_seed(name: str, strict: bool) -> None:
    """Each seed passes ``check_seeds.py`` (``--strict`` for the strict preset)."""
    problems = _problems(name, strict)
    assert not problems, f"{name} ({SPECS[name]['language']}):\n" + "\n".join(problems)


@pytest.mark.parametrize("flag", [[], ["--strict"]], ids=["default", "strict"])
def test_check_seeds_tool(flag: list[str], monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    """The shared tool itself, run as CI runs it, reports every seed passing."""
    assert len(SPECS) == SEED_COUNT
    monkeypatch.setattr(sys, "argv", [str(TOOL), *flag])
    status = check_seeds.main()
    report = capsys.readouterr().out
    assert status == 0 and report.rstrip().endswith(
        f"seeds: {SEED_COUNT}/{SEED_COUNT} pass"), report
