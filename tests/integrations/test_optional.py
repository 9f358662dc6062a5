"""Each integration is optional: nothing heavy is imported until used, and a missing
engine is reported with the extra that installs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleanse import cli
from cleanse.integrations.ray import run_clean

ENGINES = ("ray", "datatrove", "datasets", "scrapy", "itemadapter")


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, timeout=120)


def test_importing_cleanse_and_the_thin_modules_imports_no_engine() -> None:
    done = _python(
        "import sys, cleanse, cleanse.learn, cleanse.integrations, cleanse.integrations.hf, "
        "cleanse.integrations.ray, cleanse.integrations.scrapy\n"
        f"print(sorted(m for m in {ENGINES!r} if m in sys.modules))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(("hide", "code", "extra"), [
    ("ray", "from cleanse.integrations.ray import clean_dataset; clean_dataset([])", "ray"),
    ("datatrove", "import cleanse.integrations.datatrove", "datatrove"),
    ("itemadapter", "from cleanse.integrations.scrapy import CleansePipeline; "
                    "CleansePipeline()", "scrapy"),
])
def test_a_missing_engine_names_its_extra(hide: str, code: str, extra: str) -> None:
    # sys.modules[name] = None makes `import name` fail as if it were not installed
    done = _python(f"import sys; sys.modules[{hide!r}] = None\n{code}")
    assert done.returncode != 0
    assert f"pip install 'cleanse[{extra}]'" in done.stderr, done.stderr


def _args(argv: list[str]) -> object:
    args = cli._parser().parse_args(argv)
    args.engine, args.address = "ray", None
    return args


def test_engine_ray_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "a"}\n', encoding="utf-8")
    existing = tmp_path / "out.jsonl"
    existing.mkdir()
    (existing / "part.json").write_text("{}\n", encoding="utf-8")
    cases = [(["--stats", str(tmp_path / "s.json"), "-o", str(tmp_path / "o.jsonl")], "--stats"),
             (["-o", "-"], "OUTPUT is a directory"),
             (["-o", str(tmp_path / "out.txt")], "OUTPUT is a directory"),
             (["-o", str(existing)], "--force")]
    for options, message in cases:
        assert run_clean(_args(["clean", str(source), *options])) == 2  # type: ignore[arg-type]
        assert message in capsys.readouterr().err
