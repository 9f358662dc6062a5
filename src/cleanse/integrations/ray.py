"""Ray Data: clean a dataset on a cluster, and learn boilerplate from a large corpus.

Install with ``pip install 'cleanse[ray]'``. Filters are pure and picklable, so the
integration is one ``map_batches``: each worker (a Ray actor) unpickles one pipeline
and cleans Arrow batches with it.

.. code-block:: python

    import ray
    from cleanse.integrations.ray import clean_dataset

    ds = ray.data.read_json("s3://bucket/crawl/", lines=True)
    clean_dataset(ds, column="text", preset="default").write_parquet("s3://bucket/clean/")

The same from the command line (OUTPUT is then a directory of part files)::

    cleanse clean s3://bucket/crawl/ -o s3://bucket/clean.parquet --engine ray --address auto

The columns added are those of every integration (see :mod:`cleanse.integrations`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from cleanse.errors import ConfigError
from cleanse.integrations._common import (
    STATS_FIELDS,
    BatchCleaner,
    PresetLike,
    require,
    resolve_pipeline,
)
from cleanse.io import changes_type, output_stem
from cleanse.learn import (
    MAX_CHARS,
    MIN_DOCUMENTS,
    MIN_SHARE,
    BoilerplateModel,
    document_lines,
    model_from_counts,
)

if TYPE_CHECKING:
    from cleanse.result import Result

__all__ = [
    "add_engine_arguments",
    "clean_dataset",
    "learn_dataset",
    "learn_files",
    "read_files",
    "run_clean",
]

_FEATURE = "cleanse.integrations.ray"


def _ray() -> Any:
    return require("ray", "ray", _FEATURE)


def _pa() -> Any:
    return require("pyarrow", "ray", _FEATURE)


def _column(table: Any, name: str | None) -> list[Any] | None:
    if not name or name not in table.column_names:
        return None
    values: list[Any] = table.column(name).to_pylist()
    return values


class _ArrowCleaner:
    """A Ray Data actor: one pipeline per worker, Arrow batches in and out."""

    def __init__(self, cleaner: BatchCleaner, drop_invalid: bool = False) -> None:
        self.cleaner = cleaner
        self.drop_invalid = drop_invalid

    def __call__(self, table: Any) -> Any:
        pa = _pa()
        cleaner = self.cleaner
        n = table.num_rows
        texts = _column(table, cleaner.column) or [None] * n
        if self.drop_invalid:  # the CLI: records without a text go to the error output
            keep = [isinstance(t, str) for t in texts]
            if not all(keep):
                table = table.filter(pa.array(keep, pa.bool_()))
                texts = [t for t, k in zip(texts, keep, strict=True) if k]
                n = table.num_rows
        none = [None] * n
        urls = _column(table, cleaner.url_column) or none
        titles = _column(table, cleaner.title_column) or none
        languages = _column(table, cleaner.language_column) or none
        results: list[Result | None] = [
            cleaner.clean_one(texts[i], urls[i], titles[i], languages[i]) for i in range(n)]
        columns = cleaner.columns_for(results, texts)
        # the change structs have the type `cleanse clean --changes` writes to Parquet
        types = {cleaner.target: pa.string(), cleaner.changes_column: changes_type()}
        types.update(dict(zip(STATS_FIELDS, (pa.int64(), pa.int64(), pa.int64(), pa.string()),
                              strict=True)))
        for name, values in columns.items():
            array = pa.array(values, type=types[name])
            if name in table.column_names:
                table = table.set_column(table.column_names.index(name), name, array)
            else:
                table = table.append_column(name, array)
        return table


def clean_dataset(ds: Any, column: str = "text", preset: PresetLike = "default",
                  keep_changes: bool = False, *, output_column: str | None = None,
                  url_column: str | None = "url", title_column: str | None = None,
                  language_column: str | None = None, stats: bool = True,
                  changes_column: str = "changes", workers: int | None = None,
                  batch_size: int | None = 256) -> Any:
    """A lazy :class:`ray.data.Dataset`: ``ds`` with ``column`` cleaned.

    The clean text replaces ``column`` (or goes to ``output_column``); ``stats`` adds
    the summary columns, ``keep_changes`` every change. ``url_column`` (and the
    optional title / language columns) give filters the document's context when the
    dataset has them. ``workers`` fixes the number of actors (default: Ray scales the
    pool to the cluster). Output equals :func:`cleanse.clean` (or the preset's
    pipeline) on each record, row for row.
    """
    ray = _ray()
    cleaner = BatchCleaner(pipeline=resolve_pipeline(preset), column=column,
                           output_column=output_column, url_column=url_column,
                           title_column=title_column, language_column=language_column,
                           keep_changes=keep_changes, changes_column=changes_column,
                           stats=stats)
    return _map(ray, ds, cleaner, workers=workers, batch_size=batch_size)


def _map(ray: Any, ds: Any, cleaner: BatchCleaner, *, workers: int | None,
         batch_size: int | None, drop_invalid: bool = False) -> Any:
    compute = (ray.data.ActorPoolStrategy(size=workers) if workers
               else ray.data.ActorPoolStrategy(min_size=1, max_size=None))
    return ds.map_batches(_ArrowCleaner, batch_format="pyarrow", batch_size=batch_size,
                          compute=compute,
                          fn_constructor_kwargs={"cleaner": cleaner,
                                                 "drop_invalid": drop_invalid})


# ---------------------------------------------------------------------------- files


def _format(path: str) -> str:
    lower = path.lower().rstrip("/")
    for suffix in (".gz", ".zst", ".zstd", ".br", ".lz4"):
        lower = lower.removesuffix(suffix)
    if lower.endswith((".parquet", ".pq")):
        return "parquet"
    if lower.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    return "unknown"


def read_files(paths: Sequence[str], *, input_format: str = "auto",
               include_paths: bool = False) -> Any:
    """A Ray dataset over JSONL / Parquet files or directories (local or object storage).

    ``input_format`` ``auto`` goes by each name; directories need ``jsonl`` or
    ``parquet``.
    """
    ray = _ray()
    groups: dict[str, list[str]] = {}
    for path in paths:
        fmt = _format(path) if input_format == "auto" else input_format
        if fmt not in ("jsonl", "parquet"):
            raise ConfigError(f"--engine ray reads JSONL or Parquet; cannot tell what "
                              f"{path!r} holds (name it *.jsonl / *.parquet, or give "
                              "--input-format)")
        groups.setdefault(fmt, []).append(path)
    datasets = []
    for fmt, group in groups.items():
        if fmt == "parquet":
            datasets.append(ray.data.read_parquet(group, include_paths=include_paths))
        else:
            datasets.append(ray.data.read_json(group, lines=True, include_paths=include_paths))
    first, *rest = datasets
    return first.union(*rest) if rest else first


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--engine {local,ray}`` and ``--address`` to ``cleanse clean``'s parser."""
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="clean with worker processes on this machine (default), or on "
                             "a Ray cluster: inputs and OUTPUT may then be object storage "
                             "(s3://...), and OUTPUT is a directory of part files")
    parser.add_argument("--address", default=None, metavar="ADDR",
                        help="the Ray cluster for --engine ray ('auto', or host:port; "
                             "default: start a local one)")


_UNSUPPORTED = (("resume", "--resume"), ("report", "--report"), ("stats", "--stats"))


def run_clean(args: argparse.Namespace) -> int:
    """``cleanse clean --engine ray``: read, clean and write with Ray Data.

    Reads the same options as the local ``cleanse clean`` (``inputs``, ``output``,
    ``text_field``, ``url_field``, ``title_field``, ``language_field``, ``preset``,
    ``output_field``, ``changes``, ``changes_field``, ``limit``, ``errors``,
    ``force``, ``quiet``) plus ``address``, and writes the same records. Records
    without a string text go to the error output (JSONL, on this machine), found by
    a second, read-only pass. Returns the exit status (0, 1 if some records were
    errors, 2 for a usage error).
    """
    err = sys.stderr
    for attr, flag in _UNSUPPORTED:
        if getattr(args, attr, None):
            print(f"cleanse: error: {flag} is not supported with --engine ray", file=err)
            return 2
    output = str(args.output)
    fmt = _format(output)
    if output == "-" or fmt == "unknown":
        print("cleanse: error: with --engine ray, OUTPUT is a directory named *.jsonl, "
              "*.jsonl.gz or *.parquet (local or object storage)", file=err)
        return 2
    remote = "://" in output
    if not remote and os.path.exists(output) and os.listdir(output) \
            and not getattr(args, "force", False):
        print(f"cleanse: error: {output} already exists: remove it or pass --force", file=err)
        return 2
    ray = _ray()
    if not ray.is_initialized():
        ray.init(address=getattr(args, "address", None), logging_level="WARNING",
                 log_to_driver=False)
    input_format = getattr(args, "input_format", "auto")
    try:
        ds = read_files(args.inputs, input_format=input_format)
    except ValueError as exc:
        print(f"cleanse: error: {exc}", file=err)
        return 2
    _configure(ds, args)
    if getattr(args, "limit", None):
        ds = ds.limit(args.limit)
    cleaner = BatchCleaner(
        pipeline=resolve_pipeline(args.preset), column=args.text_field,
        output_column=getattr(args, "output_field", None),
        url_column=getattr(args, "url_field", None),
        title_column=getattr(args, "title_field", None),
        language_column=getattr(args, "language_field", None),
        keep_changes=bool(getattr(args, "changes", False)),
        changes_column=getattr(args, "changes_field", "changes"), stats=False)
    cleaned = _map(ray, ds, cleaner, workers=None, batch_size=256, drop_invalid=True)
    # a local OUTPUT was checked above; a remote one is replaced only with --force
    save = ray.data.SaveMode
    mode = save.OVERWRITE if getattr(args, "force", False) or not remote else save.ERROR
    if fmt == "parquet":
        cleaned.write_parquet(output, mode=mode)
    else:
        open_args = {}
        if output.endswith(".gz"):
            open_args = {"compression": "gzip"}
        elif output.endswith((".zst", ".zstd")):
            open_args = {"compression": "zstd"}
        cleaned.write_json(output, mode=mode, arrow_open_stream_args=open_args or None,
                           force_ascii=False)
    errors = _write_errors(args, output, remote, input_format)
    if not getattr(args, "quiet", False):
        print(f"cleanse: cleaned with Ray into {output}"
              + (f", {errors:,} records without text (see the error output)" if errors
                 else ""), file=err)
    return 1 if errors else 0


def _configure(ds: Any, args: argparse.Namespace) -> None:
    ds.context.execution_options.preserve_order = True  # output in input order
    if getattr(args, "quiet", False):
        ds.context.enable_progress_bars = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)


def _invalid_rows(table: Any, *, text_field: str) -> Any:
    """The error records of a batch: rows whose text is missing or not a string."""
    import json  # noqa: PLC0415

    pa = _pa()
    rows = table.to_pylist()
    out = []
    for row in rows:
        value = row.get(text_field)
        if isinstance(value, str):
            continue
        source = row.pop("path", None)
        code = "missing_field" if value is None else "not_a_string"
        message = (f"no {text_field!r} field (choose the field with --text-field)"
                   if value is None
                   else f"the {text_field!r} field is {type(value).__name__}, not a string")
        out.append({"source": source, "line": None, "error": code, "message": message,
                    "record": json.dumps(row, ensure_ascii=False, default=str)})
    schema = pa.schema([("source", pa.string()), ("line", pa.int64()), ("error", pa.string()),
                        ("message", pa.string()), ("record", pa.string())])
    return pa.Table.from_pylist(out, schema=schema)


def _write_errors(args: argparse.Namespace, output: str, remote: bool,
                  input_format: str) -> int:
    import json  # noqa: PLC0415

    from cleanse.io import dumps_line  # noqa: PLC0415

    ds = read_files(args.inputs, input_format=input_format, include_paths=True)
    _configure(ds, args)
    if getattr(args, "limit", None):
        ds = ds.limit(args.limit)
    bad = ds.map_batches(_invalid_rows, batch_format="pyarrow",
                         fn_kwargs={"text_field": args.text_field})
    path = getattr(args, "errors", None)
    if not path:  # named as the local run names it: OUT.jsonl.gz -> OUT.errors.jsonl
        path = ("cleanse-errors.jsonl" if remote
                else f"{output_stem(output.rstrip('/'))}.errors.jsonl")
    count = 0
    handle = None
    try:
        for row in bad.iter_rows():
            if handle is None:
                handle = sys.stderr.buffer if path == "-" else open(path, "wb")  # noqa: SIM115
            entry = dict(row)
            entry["record"] = json.loads(entry["record"])
            handle.write(dumps_line(entry))
            count += 1
    finally:
        if handle is not None and path != "-":
            handle.close()
    return count


# ---------------------------------------------------------------------------- learning


def _line_rows(table: Any, *, text_column: str, url_column: str, max_chars: int) -> Any:
    """``(site, line, doc)`` rows: one per distinct line of each document, and one with
    ``line == ""`` per document (to count the site's documents)."""
    pa = _pa()
    n = table.num_rows
    texts = _column(table, text_column) or [None] * n
    urls = _column(table, url_column) or [None] * n
    sites: list[str] = []
    lines: list[str] = []
    docs: list[int] = []
    for text, url in zip(texts, urls, strict=True):
        facts = document_lines(text, url, max_chars=max_chars)
        if facts is None:
            continue
        site, doc, found = facts
        for line in ("", *found.values()):
            sites.append(site)
            lines.append(line)
            docs.append(doc)
    return pa.table({"site": pa.array(sites, pa.string()), "line": pa.array(lines, pa.string()),
                     "doc": pa.array(docs, pa.int64())})


def _candidates(table: Any, *, min_documents: int) -> Any:
    """Keep the per-site document counts and the lines frequent enough to be kept."""
    pc = require("pyarrow.compute", "ray", _FEATURE)
    mask = pc.or_(pc.equal(table.column("line"), ""),
                  pc.greater_equal(table.column("documents"), min_documents))
    return table.filter(mask)


def learn_dataset(ds: Any, *, text_column: str = "text", url_column: str = "url",
                  min_documents: int = MIN_DOCUMENTS, min_share: float = MIN_SHARE,
                  max_chars: int = MAX_CHARS, num_partitions: int | None = None,
                  ) -> BoilerplateModel:
    """:func:`cleanse.learn.learn` on a Ray dataset, counted by a distributed groupby.

    Each distinct (site, line) pair is counted over distinct documents (exact
    duplicates once), so the model equals the local one for the same records and
    thresholds, however the corpus is split. Only the candidate lines come back to
    the driver. ``num_partitions`` is the groupby's shuffle width (Ray's default
    suits large corpora; a few partitions are quicker for small ones).
    """
    from cleanse.learn import Learner  # noqa: PLC0415

    Learner(min_documents=min_documents, min_share=min_share, max_chars=max_chars)  # validate
    ray = _ray()
    rows = ds.map_batches(_line_rows, batch_format="pyarrow",
                          fn_kwargs={"text_column": text_column, "url_column": url_column,
                                     "max_chars": max_chars})
    counted = rows.groupby(["site", "line"], num_partitions=num_partitions).aggregate(
        ray.data.aggregate.CountDistinct("doc", alias_name="documents"))
    kept = counted.map_batches(_candidates, batch_format="pyarrow",
                               fn_kwargs={"min_documents": min_documents})
    found = [(r["site"], r["line"], int(r["documents"])) for r in kept.iter_rows()]
    totals = [n for _, line, n in found if line == ""]
    settings = {"min_documents": min_documents, "min_share": min_share,
                "max_chars": max_chars, "documents": sum(totals), "sites": len(totals),
                "engine": "ray", "max_undercount": 0}
    return model_from_counts(found, min_documents=min_documents, min_share=min_share,
                             settings=settings)


def learn_files(paths: Iterable[str], *, address: str | None = None, text_column: str = "text",
                url_column: str = "url", min_documents: int = MIN_DOCUMENTS,
                min_share: float = MIN_SHARE, max_chars: int = MAX_CHARS,
                num_partitions: int | None = None) -> BoilerplateModel:
    """``cleanse learn --engine ray``: :func:`learn_dataset` over JSONL / Parquet files."""
    ray = _ray()
    if not ray.is_initialized():
        ray.init(address=address, logging_level="WARNING", log_to_driver=False)
    ds = read_files(list(paths))
    columns = [c for c in (text_column, url_column) if c in (ds.columns() or ())]
    if columns:
        ds = ds.select_columns(columns)
    return learn_dataset(ds, text_column=text_column, url_column=url_column,
                         min_documents=min_documents, min_share=min_share,
                         max_chars=max_chars, num_partitions=num_partitions)
