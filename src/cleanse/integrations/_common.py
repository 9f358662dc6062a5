"""What the engine integrations share: the optional imports, presets, and batch cleaning.

Every integration adds the same fields, so a corpus cleaned on one engine reads the
same as one cleaned on another:

- the clean text, in place of the input text (or in ``output_column``);
- ``cleanse_changes``, ``cleanse_chars_removed``, ``cleanse_chars_added``: counts
  over every change (integers, easy to filter on);
- ``cleanse_stats``: :meth:`cleanse.Result.stats` as JSON text (per filter and
  reason), which :meth:`cleanse.stats.Stats.add` sums over a corpus;
- with ``keep_changes``, ``changes``: every change as ``{start, end, before, after,
  filter, reason}`` in input coordinates (what ``cleanse clean --changes`` writes).

A record whose text is missing or not a string is passed through: its text stays as
it was (``None``), and its counts are zero.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from cleanse.errors import ConfigError
from cleanse.filters.base import Filter
from cleanse.pipeline import Pipeline

if TYPE_CHECKING:
    from cleanse.result import Result

__all__ = [
    "CHANGE_KEYS",
    "STATS_FIELDS",
    "BatchCleaner",
    "PresetLike",
    "change_dicts",
    "require",
    "resolve_pipeline",
    "summary",
]

#: The keys of one change, in order (as ``cleanse clean --changes`` writes them).
CHANGE_KEYS = ("start", "end", "before", "after", "filter", "reason")
#: The summary fields every integration adds.
STATS_FIELDS = ("cleanse_changes", "cleanse_chars_removed", "cleanse_chars_added",
                "cleanse_stats")

PresetLike = str | Pipeline | Iterable[Filter]
"""``"default"``, ``"strict"``, a :class:`~cleanse.Pipeline`, or a list of filters."""


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import an optional dependency, or say which extra installs it.

    >>> require("json", "cli", "this doctest").__name__
    'json'
    >>> require("no_such_module_x", "ray", "cleanse.integrations.ray")
    Traceback (most recent call last):
    ...
    ImportError: cleanse.integrations.ray needs no_such_module_x, which is not installed: \
pip install 'cleanse[ray]'
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(f"{feature} needs {module}, which is not installed: "
                          f"pip install 'cleanse[{extra}]'") from exc


def resolve_pipeline(preset: PresetLike) -> Pipeline:
    """The pipeline a ``preset`` argument names.

    >>> resolve_pipeline("default") == resolve_pipeline("default")
    True
    """
    if isinstance(preset, Pipeline):
        return preset
    if isinstance(preset, str):
        from cleanse.presets import DEFAULT, STRICT  # noqa: PLC0415 - presets import every filter

        presets = {"default": DEFAULT, "strict": STRICT}
        if preset not in presets:
            raise ConfigError(f"unknown preset {preset!r}: use 'default', 'strict', a "
                              "cleanse.Pipeline, or a list of filters")
        return Pipeline(presets[preset]())
    return Pipeline(preset)


def change_dicts(result: Result) -> list[dict[str, Any]]:
    """Every change of ``result`` as a JSON-safe dict (input coordinates)."""
    return [dict(zip(CHANGE_KEYS, c, strict=True)) for c in result.changes]


def summary(result: Result | None) -> dict[str, Any]:
    """The summary fields for one result (zeros for ``None``: a record without text).

    >>> import cleanse
    >>> summary(cleanse.clean("Hi.  \\n"))  # doctest: +NORMALIZE_WHITESPACE
    {'cleanse_changes': 1, 'cleanse_chars_removed': 2, 'cleanse_chars_added': 0,
     'cleanse_stats': '{"whitespace": {"trailing_space": {"changes": 1, "chars_removed": 2,
     "chars_added": 0}}}'}
    """
    if result is None:
        return {"cleanse_changes": 0, "cleanse_chars_removed": 0, "cleanse_chars_added": 0,
                "cleanse_stats": "{}"}
    changes = result.changes
    return {
        "cleanse_changes": len(changes),
        "cleanse_chars_removed": sum(len(c.before) for c in changes),
        "cleanse_chars_added": sum(len(c.after) for c in changes),
        "cleanse_stats": json.dumps(result.stats(), ensure_ascii=False),
    }


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchCleaner:
    """Clean one column of a batch (``{column: list of values}``); picklable.

    >>> cleaner = BatchCleaner(pipeline=resolve_pipeline("default"))
    >>> out = cleaner.clean_columns({"text": ["a  b\\n", None]})
    >>> out["text"], out["cleanse_changes"]
    (['a b\\n', None], [1, 0])
    """

    pipeline: Pipeline
    column: str = "text"
    output_column: str | None = None
    url_column: str | None = "url"
    title_column: str | None = None
    language_column: str | None = None
    keep_changes: bool = False
    changes_column: str = "changes"
    stats: bool = True

    @property
    def target(self) -> str:
        """The column that receives the clean text."""
        return self.output_column or self.column

    def clean_one(self, text: Any, url: Any = None, title: Any = None,
                  language: Any = None) -> Result | None:
        """The result for one value, or ``None`` when it is not a string."""
        if not isinstance(text, str):
            return None
        return self.pipeline(text, url=_opt_str(url), title=_opt_str(title),
                             language=_opt_str(language))

    def results(self, columns: Mapping[str, Sequence[Any]]) -> list[Result | None]:
        """Clean every row of a batch given as columns."""
        texts = columns[self.column]
        n = len(texts)
        none: Sequence[Any] = [None] * n

        def column(name: str | None) -> Sequence[Any]:
            return columns[name] if name and name in columns else none

        urls, titles = column(self.url_column), column(self.title_column)
        languages = column(self.language_column)
        return [self.clean_one(texts[i], urls[i], titles[i], languages[i]) for i in range(n)]

    def columns_for(self, results: Sequence[Result | None], texts: Sequence[Any],
                    ) -> dict[str, list[Any]]:
        """The columns to set: clean text, changes (as dicts), and summary fields."""
        out: dict[str, list[Any]] = {
            self.target: [r.text if r is not None else t for r, t in zip(results, texts,
                                                                           strict=True)]}
        if self.keep_changes:
            out[self.changes_column] = [change_dicts(r) if r is not None else []
                                        for r in results]
        if self.stats:
            summaries = [summary(r) for r in results]
            for name in STATS_FIELDS:
                out[name] = [s[name] for s in summaries]
        return out

    def clean_columns(self, columns: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
        """:meth:`results` then :meth:`columns_for`, for a batch given as columns."""
        return self.columns_for(self.results(columns), columns[self.column])
