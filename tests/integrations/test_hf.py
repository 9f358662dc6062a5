"""Hugging Face datasets: Dataset.map(batched=True, num_proc=N) with the cleanse batch function."""

from __future__ import annotations

import json

import datasets
import pytest
from _corpus import records

import cleanse
from cleanse.integrations._common import change_dicts, summary
from cleanse.integrations.hf import clean_batch, cleaner


def _corpus() -> list[dict[str, object]]:
    corpus = records()
    # untouched documents first: the first batch then changes nothing, which is where
    # a column typed from one batch would go wrong
    corpus.sort(key=lambda r: bool(cleanse.clean(r["text"], url=r["url"]).changes))
    assert not cleanse.clean(corpus[0]["text"], url=corpus[0]["url"]).changes
    return corpus


@pytest.mark.parametrize("num_proc", [None, 2])
def test_map_adds_clean_text_and_stats(num_proc: int | None) -> None:
    corpus = _corpus()
    ds = datasets.Dataset.from_list(corpus)
    out = ds.map(cleaner(output_column="clean", keep_changes=True), batched=True,
                 batch_size=4, num_proc=num_proc)
    assert out.num_rows == len(corpus)
    assert {"clean", "changes", "cleanse_changes", "cleanse_chars_removed",
            "cleanse_chars_added", "cleanse_stats"} <= set(out.column_names)
    changed = 0
    for rec, row in zip(corpus, out, strict=True):
        expected = cleanse.clean(rec["text"], url=rec["url"])
        assert row["text"] == rec["text"]
        assert row["clean"] == expected.text
        assert {k: row[k] for k in summary(expected)} == summary(expected)
        assert json.loads(row["changes"]) == change_dicts(expected)
        changed += row["cleanse_changes"] > 0
    assert changed >= 12


def test_default_function_cleans_in_place_and_passes_missing_text() -> None:
    corpus = [{"text": r["text"], "url": r["url"]} for r in _corpus()]
    corpus.append({"text": None, "url": "https://kawabe.example/none"})
    out = datasets.Dataset.from_list(corpus).map(clean_batch, batched=True, num_proc=2)
    for rec, row in zip(corpus, out, strict=True):
        if rec["text"] is None:
            assert row["text"] is None and row["cleanse_changes"] == 0
            continue
        assert row["text"] == cleanse.clean(rec["text"], url=rec["url"]).text


def test_strict_preset_and_a_missing_column() -> None:
    ds = datasets.Dataset.from_list([{"body": r["text"]} for r in _corpus()[:10]])
    out = ds.map(cleaner("body", preset="strict", stats=False), batched=True)
    strict = cleanse.strict_pipeline()
    assert out["body"] == [strict(r["text"]).text for r in _corpus()[:10]]
    assert out.column_names == ["body"]
    with pytest.raises(KeyError, match=r"cleaner\(column=\.\.\.\)"):
        ds.map(cleaner(), batched=True)
