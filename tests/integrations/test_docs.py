"""The examples in docs/integrations/ run as written (Ray's and Scrapy's start their own
engines; test_ray.py and test_scrapy.py run the same code paths)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[2] / "docs" / "integrations"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_every_integration_has_a_page() -> None:
    pages = {p.stem for p in DOCS.glob("*.md")}
    assert {"ray", "datatrove", "datasets", "scrapy", "learn"} <= pages
    for page in pages:
        assert _BLOCK.search((DOCS / f"{page}.md").read_text("utf-8")), page


@pytest.mark.parametrize("page", ["datasets", "datatrove", "learn"])
def test_example_runs(page: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for block in _BLOCK.findall((DOCS / f"{page}.md").read_text("utf-8")):
        exec(compile(block, f"docs/integrations/{page}.md", "exec"), {"__name__": "__doc__"})
