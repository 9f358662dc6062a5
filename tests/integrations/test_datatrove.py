"""datatrove: CleanseFormatter in a real LocalPipelineExecutor run, JSONL in and out."""

from __future__ import annotations

import gzip
import json
import pickle
from pathlib import Path

from _corpus import records
from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

import cleanse
from cleanse.filters.learned import LearnedBoilerplate
from cleanse.integrations._common import change_dicts, summary
from cleanse.integrations.datatrove import CleanseFormatter
from cleanse.learn import BoilerplateModel


def test_local_executor_cleans_like_clean(tmp_path: Path) -> None:
    corpus = [r for r in records() if r["text"] is not None]
    source = tmp_path / "in"
    source.mkdir()
    half = len(corpus) // 2  # two files, so the two tasks each get one
    for name, part in (("a.jsonl", corpus[:half]), ("b.jsonl", corpus[half:])):
        (source / name).write_text(
            "".join(json.dumps({**r, "id": str(r["id"])}, ensure_ascii=False) + "\n"
                    for r in part), encoding="utf-8")
    out = tmp_path / "out"
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(source)), CleanseFormatter(keep_changes=True),
                  JsonlWriter(str(out))],
        tasks=2, workers=1, logging_dir=str(tmp_path / "logs"))
    executor.run()

    docs = []
    for part in sorted(out.iterdir()):
        with gzip.open(part, "rt", encoding="utf-8") as f:
            docs += [json.loads(line) for line in f]
    assert sorted(int(d["id"]) for d in docs) == [r["id"] for r in corpus]
    by_id = {int(d["id"]): d for d in docs}
    for rec in corpus:
        doc = by_id[rec["id"]]
        expected = cleanse.clean(rec["text"], url=rec["url"])
        assert doc["text"] == expected.text
        meta = doc["metadata"]
        assert meta["url"] == rec["url"]
        assert {k: meta[k] for k in summary(expected)} == summary(expected)
        assert meta["changes"] == change_dicts(expected)
    # the executor's own statistics count the documents the step changed
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text("utf-8"))
    step = next(s for s in stats if "cleanse" in s["name"])
    changed = sum(1 for r in corpus if cleanse.clean(r["text"], url=r["url"]).changes)
    assert step["stats"]["changed"] == changed


def test_step_pickles_and_uses_the_metadata_context() -> None:
    model = BoilerplateModel({"quillgazette.example": ["Filed under: Harbour Notes"]})
    step = pickle.loads(pickle.dumps(CleanseFormatter(
        preset=[LearnedBoilerplate(model=model)], url_key="link")))
    text = "Filed under: Harbour Notes\nThe crane was repaired.\n"
    docs = [Document(text=text, id="1", metadata={"link": "https://quillgazette.example/1"}),
            Document(text=text, id="2", metadata={"url": "https://quillgazette.example/2"})]
    first, second = step.run(iter(docs))
    assert first.text == "The crane was repaired.\n"
    assert second.text == text  # url_key="link": the "url" field is not looked at
    assert first.metadata["cleanse_changes"] == 1 and second.metadata["cleanse_changes"] == 0
    assert step.format(text) == text  # no context, no site
