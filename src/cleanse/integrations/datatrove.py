"""datatrove: cleanse as a pipeline step (a formatter), for FineWeb-style pipelines.

Install with ``pip install 'cleanse[datatrove]'``. :class:`CleanseFormatter` cleans
``doc.text`` and stores the change summary in ``doc.metadata`` (the fields every
integration adds, see :mod:`cleanse.integrations`), and with ``keep_changes`` every
change, so the local, Slurm and Ray executors run it like any other step:

.. code-block:: python

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanse.integrations.datatrove import CleanseFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("crawl/"),
        CleanseFormatter(preset="default"),
        JsonlWriter("clean/"),
    ], tasks=8).run()

The document's context comes from its metadata: ``url`` (readers keep every field
but the text and id there, and FineWeb records carry one), ``title`` and
``language`` when present.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from cleanse.integrations._common import (
    PresetLike,
    change_dicts,
    require,
    resolve_pipeline,
    summary,
)

if TYPE_CHECKING:
    from cleanse.pipeline import Pipeline

__all__ = ["CleanseFormatter"]

_FEATURE = "cleanse.integrations.datatrove"
_BaseFormatter: Any = require("datatrove.pipeline.formatters.base", "datatrove",
                              _FEATURE).BaseFormatter
_StatHints: Any = require("datatrove.utils.typeshelper", "datatrove", _FEATURE).StatHints


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


class CleanseFormatter(_BaseFormatter):  # type: ignore[misc]
    """Clean ``doc.text`` with a cleanse pipeline; record what changed in ``doc.metadata``.

    ``preset`` is ``"default"``, ``"strict"``, a :class:`cleanse.Pipeline` or a list of
    filters. ``url_key`` / ``title_key`` / ``language_key`` name the metadata fields
    that give the document's context (``None`` to ignore one). ``keep_changes`` adds
    every change under ``changes_key``. Per filter and reason, the step's datatrove
    stats count the documents it changed.

    >>> from datatrove.data import Document
    >>> step = CleanseFormatter()
    >>> doc = Document(text="Hello  world. \\n", id="1", metadata={"url": "https://a.example/"})
    >>> out = next(step.run(iter([doc])))
    >>> out.text, out.metadata["cleanse_changes"]
    ('Hello world.\\n', 2)
    """

    name = "🧹 cleanse"

    def __init__(self, preset: PresetLike = "default", *, keep_changes: bool = False,
                 url_key: str | None = "url", title_key: str | None = "title",
                 language_key: str | None = "language", changes_key: str = "changes",
                 ) -> None:
        super().__init__()
        self.pipeline: Pipeline = resolve_pipeline(preset)
        self.keep_changes = keep_changes
        self.url_key = url_key
        self.title_key = title_key
        self.language_key = language_key
        self.changes_key = changes_key

    def format(self, text: str) -> str:
        """The clean text alone (datatrove's formatter method; no document context)."""
        return self.pipeline(text).text

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Clean every document of ``data`` in place and pass it on."""
        if not data:
            return
        pipeline = self.pipeline
        keys = (self.url_key, self.title_key, self.language_key)
        for doc in data:
            self.stat_update(_StatHints.total)
            meta = doc.metadata
            url, title, language = (_opt_str(meta.get(k)) if k else None for k in keys)
            with self.track_time():
                result = pipeline(doc.text, url=url, title=title, language=language)
                doc.text = result.text
                meta.update(summary(result))
                if self.keep_changes:
                    meta[self.changes_key] = change_dicts(result)
            if result.changes:
                self.stat_update("changed")
                for filter_name, reasons in result.stats().items():
                    for reason in reasons:
                        self.stat_update(f"{filter_name}/{reason}")
            yield doc
