"""Scrapy: a real crawl of the site in tests/integrations/site/, served on 127.0.0.1,
with CleansePipeline enabled from settings; items compared with cleanse.clean."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import cleanse
from cleanse.html import clean_html
from cleanse.integrations._common import change_dicts
from cleanse.integrations.scrapy import CleansePipeline

HERE = Path(__file__).parent
ARTICLES = {"ferry.html", "feira.html", "markt.html"}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The test site on a free port of 127.0.0.1; yields its index URL."""
    handler = functools.partial(_QuietHandler, directory=str(HERE / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def crawled(site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Any]]:
    """Items of both spiders of _scrapy_crawl.py, by spider name."""
    out = tmp_path_factory.mktemp("crawl")
    done = subprocess.run([sys.executable, str(HERE / "_scrapy_crawl.py"), site, str(out)],
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    items = {}
    for name in ("text", "html"):
        lines = (out / f"{name}.jsonl").read_text("utf-8").splitlines()
        items[name] = [json.loads(line) for line in lines]
    return items


def test_text_items_are_cleaned_like_clean(crawled: dict[str, list[Any]]) -> None:
    items = crawled["text"]
    assert {item["url"].rsplit("/", 1)[-1] for item in items} == ARTICLES
    for item in items:
        expected = cleanse.clean(item["raw"], url=item["url"])
        assert item["text"] == expected.text
        summary = item["cleanse"]["text"]
        assert summary["changes"] == len(expected.changes)
        assert summary["stats"] == expected.stats()
        assert summary["change_list"] == change_dicts(expected)
    assert any(item["cleanse"]["text"]["changes"] for item in items)


def test_html_items_are_extracted_and_cleaned_like_clean_html(
        crawled: dict[str, list[Any]]) -> None:
    items = crawled["html"]
    assert {item["url"].rsplit("/", 1)[-1] for item in items} == ARTICLES
    for item in items:
        expected = clean_html(item["html"], url=item["url"])
        assert item["article"] == expected.text
        assert item["article"]  # trafilatura found the article
        assert item["cleanse"]["article"]["stats"] == expected.stats()
        assert "change_list" not in item["cleanse"]["article"]


def test_pipeline_settings() -> None:
    class Settings(dict[str, Any]):
        def getbool(self, key: str, default: bool) -> bool:
            return bool(self.get(key, default))

    class Crawler:
        settings = Settings(CLEANSE_FIELDS="body, teaser", CLEANSE_PRESET="strict",
                            CLEANSE_SUMMARY_FIELD=None)
        stats = None

    pipeline = CleansePipeline.from_crawler(Crawler())
    assert pipeline.fields == {"body": "body", "teaser": "teaser"}
    item = pipeline.process_item({"body": "A  b.", "teaser": 3, "url": "https://a.example/"})
    assert item == {"body": cleanse.strict_pipeline()("A  b.").text, "teaser": 3,
                    "url": "https://a.example/"}
    with pytest.raises(cleanse.ConfigError, match="CLEANSE_INPUT"):
        CleansePipeline(input_type="pdf")
