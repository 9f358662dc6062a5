"""Scrapy: an item pipeline that cleans item fields as they are scraped.

Install with ``pip install 'cleanse[scrapy]'`` and enable it in ``settings.py``:

.. code-block:: python

    ITEM_PIPELINES = {"cleanse.integrations.scrapy.CleansePipeline": 300}
    CLEANSE_FIELDS = {"body": "text"}   # clean item["body"] into item["text"]
    CLEANSE_INPUT = "text"              # or "html": extract the article first
    CLEANSE_PRESET = "default"          # or "strict"

Settings (all optional):

``CLEANSE_FIELDS``
    The fields to clean: a list (each cleaned in place) or a dict ``{source:
    target}``. Default ``["text"]``.
``CLEANSE_INPUT``
    ``"text"`` (default): the fields hold text, cleaned with the pipeline.
    ``"html"``: they hold whole pages, read with :func:`cleanse.html.clean_html`
    (article extraction, then cleaning).
``CLEANSE_PRESET``
    ``"default"`` (default), ``"strict"``, or a :class:`cleanse.Pipeline`.
``CLEANSE_URL_FIELD``
    The item field with the page address (default ``"url"``), which gives filters
    the site.
``CLEANSE_KEEP_CHANGES``
    Also record every change (default ``False``).
``CLEANSE_SUMMARY_FIELD``
    Where the summary goes (default ``"cleanse"``; ``None`` for nowhere):
    ``item["cleanse"][target]`` holds ``changes``, ``chars_removed``,
    ``chars_added``, ``stats`` (per filter and reason) and, with
    ``CLEANSE_KEEP_CHANGES``, ``change_list``. Declare the field on
    :class:`scrapy.Item` classes.

Crawl statistics gain ``cleanse/<filter>/<reason>`` counters (changes made), shown
in the log when the crawl closes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cleanse.integrations._common import change_dicts, require, resolve_pipeline

if TYPE_CHECKING:
    from cleanse.pipeline import Pipeline
    from cleanse.result import Result

__all__ = ["CleansePipeline"]

_FEATURE = "cleanse.integrations.scrapy"


class CleansePipeline:
    """Clean configured item fields (text or HTML) with a cleanse pipeline.

    >>> p = CleansePipeline(fields={"body": "text"})
    >>> item = p.process_item({"url": "https://a.example/1", "body": "Hi  there. \\n"})
    >>> item["text"], item["cleanse"]["text"]["changes"]
    ('Hi there.\\n', 2)
    """

    def __init__(self, *, fields: list[str] | Mapping[str, str] | None = None,
                 input_type: str = "text", preset: str | Pipeline = "default",
                 url_field: str | None = "url", keep_changes: bool = False,
                 summary_field: str | None = "cleanse", stats: Any = None) -> None:
        require("itemadapter", "scrapy", _FEATURE)
        if input_type not in ("text", "html"):
            from cleanse.errors import ConfigError  # noqa: PLC0415

            raise ConfigError(f"CLEANSE_INPUT must be 'text' or 'html', got {input_type!r}")
        if fields is None:
            fields = ["text"]
        self.fields: dict[str, str] = (dict(fields) if isinstance(fields, Mapping)
                                       else {f: f for f in fields})
        self.input_type = input_type
        self.preset = preset
        self.pipeline = resolve_pipeline(preset)
        self.url_field = url_field
        self.keep_changes = keep_changes
        self.summary_field = summary_field
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleansePipeline:
        """Build from the crawler's settings (``CLEANSE_*``)."""
        s = crawler.settings
        fields = s.get("CLEANSE_FIELDS")
        if isinstance(fields, str):  # from the command line: -s CLEANSE_FIELDS=a,b
            fields = [f.strip() for f in fields.split(",") if f.strip()]
        return cls(fields=fields, input_type=s.get("CLEANSE_INPUT", "text"),
                   preset=s.get("CLEANSE_PRESET", "default"),
                   url_field=s.get("CLEANSE_URL_FIELD", "url"),
                   keep_changes=s.getbool("CLEANSE_KEEP_CHANGES", False),
                   summary_field=s.get("CLEANSE_SUMMARY_FIELD", "cleanse"),
                   stats=crawler.stats)

    def clean(self, value: Any, url: str | None) -> Result | None:
        """The result for one field value (``None`` when it is not text)."""
        if self.input_type == "html":
            if not isinstance(value, (str, bytes)):
                return None
            from cleanse.html import clean_html  # noqa: PLC0415 - trafilatura is heavy

            return clean_html(value, url=url, preset=self.pipeline)
        if not isinstance(value, str):
            return None
        return self.pipeline(value, url=url)

    def process_item(self, item: Any) -> Any:
        """Clean the configured fields of ``item`` and return it."""
        adapter = require("itemadapter", "scrapy", _FEATURE).ItemAdapter(item)
        url = adapter.get(self.url_field) if self.url_field else None
        url = url if isinstance(url, str) and url else None
        summaries: dict[str, Any] = {}
        for source, target in self.fields.items():
            result = self.clean(adapter.get(source), url)
            if result is None:
                continue
            adapter[target] = result.text
            stats = result.stats()
            entry: dict[str, Any] = {
                "changes": len(result.changes),
                "chars_removed": sum(len(c.before) for c in result.changes),
                "chars_added": sum(len(c.after) for c in result.changes),
                "stats": stats,
            }
            if self.keep_changes:
                entry["change_list"] = change_dicts(result)
            summaries[target] = entry
            if self.stats is not None:
                for name, reasons in stats.items():
                    for reason, counts in reasons.items():
                        self.stats.inc_value(f"cleanse/{name}/{reason}", counts["changes"])
        if self.summary_field and summaries:
            adapter[self.summary_field] = summaries
        return item
