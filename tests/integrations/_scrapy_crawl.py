"""Run a real Scrapy crawl with CleansePipeline (a script: Twisted reactors cannot restart,
so test_scrapy.py runs it in a subprocess).

Usage: python _scrapy_crawl.py START_URL OUTPUT_DIR

Two spiders crawl the site at once, each with its own settings: one cleans the
paragraph text it scraped (``CLEANSE_INPUT = "text"``), the other whole pages
(``CLEANSE_INPUT = "html"``). Items are written as JSON lines to
OUTPUT_DIR/text.jsonl and OUTPUT_DIR/html.jsonl.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar


def main(start: str, output: Path) -> None:
    """Crawl ``start`` with both spiders and write their items under ``output``."""
    import scrapy  # noqa: PLC0415 - a script: nothing runs on import
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415

    class _Site(scrapy.Spider):
        start_urls: ClassVar[list[str]] = [start]

        def parse(self, response: Any) -> Iterator[Any]:
            for href in response.css("a.article::attr(href)").getall():
                yield response.follow(href, self.parse_article)

        def parse_article(self, response: Any) -> Iterator[dict[str, Any]]:
            paragraphs = [" ".join(p.css("::text").getall())
                          for p in response.css("article h1, article p")]
            yield {"url": response.url, "raw": "\n".join(paragraphs) + "\n",
                   "html": response.text}

    def spider(name: str, settings: dict[str, Any]) -> type[scrapy.Spider]:
        feed = {str(output / f"{name}.jsonl"): {"format": "jsonlines", "encoding": "utf8"}}
        return type(f"{name.title()}Spider", (_Site,),
                    {"name": name, "custom_settings": {**settings, "FEEDS": feed}})

    process = CrawlerProcess(settings={
        "ITEM_PIPELINES": {"cleanse.integrations.scrapy.CleansePipeline": 300},
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "CLOSESPIDER_TIMEOUT": 60,
    })
    process.crawl(spider("text", {"CLEANSE_FIELDS": {"raw": "text"},
                                  "CLEANSE_KEEP_CHANGES": True}))
    process.crawl(spider("html", {"CLEANSE_FIELDS": {"html": "article"},
                                  "CLEANSE_INPUT": "html", "CLEANSE_PRESET": "default"}))
    process.start()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
