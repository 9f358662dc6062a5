"""Hugging Face datasets: a batch function for ``Dataset.map(batched=True, num_proc=N)``.

.. code-block:: python

    from datasets import load_dataset
    from cleanse.integrations.hf import cleaner

    ds = load_dataset("json", data_files="crawl.jsonl", split="train")
    ds = ds.map(cleaner(output_column="clean_text"), batched=True, num_proc=8)

The function adds the fields every integration adds (see
:mod:`cleanse.integrations`): the clean text (in place, or in ``output_column``),
``cleanse_changes``, ``cleanse_chars_removed``, ``cleanse_chars_added`` (integers)
and ``cleanse_stats`` (JSON). With ``keep_changes``, ``changes`` holds every change
as JSON text too: datasets infers column types batch by batch, and a batch in which
nothing changed would otherwise type the column as empty.

It needs nothing from ``datasets`` itself (``pip install 'cleanse[datasets]'``
installs the library you call it from); the callable pickles, so ``num_proc``
workers each get their own copy of the pipeline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cleanse.integrations._common import BatchCleaner, PresetLike, resolve_pipeline

__all__ = ["HFCleaner", "clean_batch", "cleaner"]


@dataclass(frozen=True, slots=True)
class HFCleaner:
    """A picklable batch function: ``{column: values}`` in, new and changed columns out.

    >>> fn = cleaner()
    >>> out = fn({"text": ["Hi  there.\\n"], "url": ["https://a.example/"]})
    >>> out["text"], out["cleanse_changes"]
    (['Hi there.\\n'], [1])
    """

    batch: BatchCleaner

    def __call__(self, batch: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
        """Clean one batch (what ``Dataset.map(batched=True)`` passes)."""
        inner = self.batch
        if inner.column not in batch:
            raise KeyError(f"cleanse: the dataset has no column {inner.column!r} (columns: "
                           f"{', '.join(batch)}); pass cleaner(column=...)")
        out = inner.clean_columns(batch)
        if inner.keep_changes:
            out[inner.changes_column] = [json.dumps(c, ensure_ascii=False)
                                         for c in out[inner.changes_column]]
        return out


def cleaner(column: str = "text", preset: PresetLike = "default", keep_changes: bool = False,
            *, output_column: str | None = None, url_column: str | None = "url",
            title_column: str | None = None, language_column: str | None = None,
            stats: bool = True, changes_column: str = "changes") -> HFCleaner:
    """A batch function for ``Dataset.map(fn, batched=True)`` with these settings.

    ``column`` is cleaned in place, or into ``output_column`` (keeping the original);
    ``url_column`` and the optional title / language columns give filters the
    document's context when the dataset has them; ``stats`` adds the summary
    columns; ``keep_changes`` adds every change as JSON under ``changes_column``.
    """
    return HFCleaner(BatchCleaner(
        pipeline=resolve_pipeline(preset), column=column, output_column=output_column,
        url_column=url_column, title_column=title_column, language_column=language_column,
        keep_changes=keep_changes, changes_column=changes_column, stats=stats))


def clean_batch(batch: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
    """Clean the ``text`` column with the default preset (``cleaner()`` with no options).

    >>> clean_batch({"text": ["a  b"]})["text"]
    ['a b']
    """
    return _default()(batch)


_DEFAULT: list[HFCleaner] = []


def _default() -> HFCleaner:
    if not _DEFAULT:  # pipelines are immutable: one per process is safe
        _DEFAULT.append(cleaner())
    return _DEFAULT[0]

