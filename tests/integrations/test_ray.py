"""Ray Data, on a real local Ray cluster started here: the same output as cleanse.clean,
the same records as the local ``cleanse clean``, the same model as the local learner."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
import ray
from _corpus import records

import cleanse
from cleanse import cli
from cleanse.integrations._common import change_dicts, summary
from cleanse.integrations.ray import clean_dataset, run_clean
from cleanse.learn import BoilerplateModel, learn, learn_main

# Ray Data's DataContext warns about deprecated fields of its own whenever it is first
# built (ray 2.60): not ours to fix, and not a sign of misuse.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A two-CPU local Ray cluster for this module, on the loopback address; yields its
    address."""
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING",
             log_to_driver=False, _node_ip_address="127.0.0.1")
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield ray.get_runtime_context().gcs_address
    finally:
        ray.shutdown()


def test_clean_dataset_equals_clean_row_for_row(cluster: str) -> None:
    corpus = records()
    corpus.append({"id": 1000, "url": "https://quillgazette.example/n", "text": None})
    ds = clean_dataset(ray.data.from_items(corpus), keep_changes=True, output_column="clean",
                       workers=2)
    rows = ds.take_all()
    assert sorted(r["id"] for r in rows) == [r["id"] for r in corpus]
    by_id = {r["id"]: r for r in rows}
    changed = 0
    for rec in corpus:
        row = by_id[rec["id"]]
        assert row["text"] == rec["text"] and row["url"] == rec["url"]
        if rec["text"] is None:
            assert row["clean"] is None and row["changes"] == [] and row["cleanse_changes"] == 0
            continue
        expected = cleanse.clean(rec["text"], url=rec["url"])
        assert row["clean"] == expected.text
        assert row["changes"] == change_dicts(expected)
        assert {k: row[k] for k in summary(expected)} == summary(expected)
        changed += bool(expected.changes)
    assert changed >= 12  # the corpus does exercise the filters


def _read_parts(directory: Path) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for part in sorted(directory.iterdir()):
        if part.suffix == ".parquet":
            out += pq.read_table(part).to_pylist()
        elif part.name.endswith(".json"):
            out += [json.loads(line) for line in part.read_text("utf-8").splitlines()]
    return out


def _cli_args(argv: list[str], address: str) -> Any:
    args = cli._parser().parse_args(argv)
    args.engine, args.address = "ray", address
    return args


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"])
def test_cli_engine_ray_writes_what_the_local_run_writes(cluster: str, tmp_path: Path,
                                                         suffix: str) -> None:
    corpus = records()
    corpus.insert(5, {"id": 999, "url": "https://folhadovale.example/x", "text": None})
    # JSONL in (Ray's Parquet reader samples files with extra tasks: slow for a test)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus),
                      encoding="utf-8")
    options = ["--url-field", "url", "--changes", "-q"]
    local = tmp_path / f"local{suffix}"
    # the local run in its own process: no fork of this one, which holds Ray's threads
    done = subprocess.run([sys.executable, "-m", "cleanse", "clean", str(source), "-o",
                           str(local), "-j", "1", *options], capture_output=True, text=True,
                          check=False, timeout=300)
    assert done.returncode == 1, done.stderr  # 1: a record without text is an error
    remote = tmp_path / f"ray{suffix}"
    assert run_clean(_cli_args(["clean", str(source), "-o", str(remote), *options],
                               cluster)) == 1

    if suffix == ".jsonl":
        expected = [json.loads(line) for line in local.read_text("utf-8").splitlines()]
    else:
        expected = pq.read_table(local).to_pylist()
    got = _read_parts(remote)
    assert len(expected) == len(corpus) - 1
    assert sorted(got, key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])
    # the record without a text is in both error outputs
    local_errors = [json.loads(x) for x in
                    (tmp_path / "local.errors.jsonl").read_text("utf-8").splitlines()]
    ray_errors = [json.loads(x) for x in
                  (tmp_path / "ray.errors.jsonl").read_text("utf-8").splitlines()]
    assert [e["record"]["id"] for e in local_errors] == [e["record"]["id"]
                                                         for e in ray_errors] == [999]
    assert ray_errors[0]["error"] in ("missing_field", "not_a_string")


def test_learn_on_ray_equals_learn_locally(cluster: str, tmp_path: Path) -> None:
    corpus = records()
    local = learn(corpus)
    assert len(local) == 4
    source = tmp_path / "corpus.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus),
                      encoding="utf-8")
    out = tmp_path / "model.json"
    assert learn_main([str(source), "-o", str(out), "--engine", "ray", "--address", cluster,
                       "--partitions", "2"]) == 0
    model = BoilerplateModel.load(out)
    assert model == local
    for key in ("documents", "sites"):
        assert model.settings[key] == local.settings[key]
