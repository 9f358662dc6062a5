"""The ``cleanse`` command: clean corpora in batch, review what was removed, explain one text.

Three subcommands share one engine (:class:`_Run`): ``clean`` writes the cleaned
records, ``report`` writes an HTML review page, ``explain`` prints one document's
changes. The engine streams records from :mod:`cleanse.io`, sends chunks of them to
worker processes, and writes results in input order while at most a few chunks are in
flight, so memory stays flat however large the input. JSONL lines go to the workers
unparsed (but for Parquet output, see :meth:`_Run.chunks`), and with JSONL output
come back encoded, with the chunk's statistics added up: decoding, parsing, encoding
and counting happen in the workers, not in this process, which would otherwise take
CPU from them (with as many workers as cores).
Start-up is paid once: this process warms the pipeline (the filters' patterns
compile while the language model loads in a thread), then forks the workers, which
inherit it ready. Every input record ends up either in the output or in the error
output; statistics come from the results (:mod:`cleanse.stats`).

With ``--html`` the records are HTML pages (files, WARC records, or a field of JSONL /
Parquet records) and workers call :func:`cleanse.clean_html`: trafilatura extracts the
article, the pipeline cleans it. The output gets the clean text, the page's metadata
and, for a page without article text, why (``cleanse_empty_reason``); statistics
count the extracted text, which is what the changes refer to.

An output file is written as ``OUT.partial`` and renamed when complete. At every
checkpoint the partial output is flushed and synced, then ``OUT.progress`` records
how far into the input it goes and how many bytes of it are final, so ``--resume``
truncates what came after, skips what was done, and appends: the result is the same,
byte for byte (decompressed, for compressed output), as an uninterrupted run.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import cleanse
from cleanse import learn as learn_command
from cleanse.integrations.ray import add_engine_arguments, run_clean
from cleanse.io import (
    INPUT_FORMATS,
    JsonLine,
    JsonlWriter,
    ParquetPartsWriter,
    Position,
    Record,
    RecordReader,
    ResumeError,
    UsageError,
    changes_type,
    dumps_line,
    error_record,
    input_format,
    optional,
    output_format,
    output_stem,
    parquet_field_types,
    write_json_atomic,
)
from cleanse.language import preload_model
from cleanse.stats import Stats
from cleanse.stats import label as make_label

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from cleanse.pipeline import Pipeline
    from cleanse.report import Sampler

__all__ = ["main"]

EXIT_OK, EXIT_RECORD_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
STATE_VERSION = 1
_CHANGE_KEYS = ("start", "end", "before", "after", "filter", "reason")

_EPILOG = """\
examples:
  cleanse clean corpus.jsonl.zst -o clean.jsonl.zst --stats stats.json
  cleanse clean shard-*.parquet -o clean.parquet --jobs 8 --changes --report review.html
  cleanse clean articles/*.txt -o articles.jsonl --output-field clean_text
  cleanse clean --html crawl.warc.gz -o articles.jsonl.zst --stats stats.json
  cleanse clean --html pages/*.html -o pages.jsonl --changes
  cleanse clean --html scraped.jsonl -o clean.parquet --html-field body --url-field link
  zcat dump.jsonl.gz | cleanse clean - -o - --jobs 2 > clean.jsonl
  cleanse clean big.jsonl.gz -o clean.jsonl.gz --resume      # after an interruption
  cleanse report corpus.jsonl.gz -o report.html --limit 20000
  cleanse explain article.txt
  cleanse explain corpus.jsonl --record 1234

exit status:
  0    every record was cleaned
  1    some records could not be processed: they are in the error output
  2    usage error: a bad option, a missing input, a run that cannot be resumed
       as asked, a pipeline that cannot run at all
  130  interrupted (run `cleanse clean` again with --resume to continue)
"""


# -- worker side ------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}

#: The keys of the ``--metadata-field`` object, always all present (``None`` or ``[]``
#: when the page does not say): what clean_html finds, the charset the page was
#: decoded with and where it came from, and trafilatura's error for an
#: ``extraction_failed`` page.
PAGE_METADATA_KEYS = ("title", "author", "date", "site", "language", "declared_language",
                      "url", "hostname", "description", "categories", "tags", "encoding",
                      "encoding_source", "error")
EMPTY_REASON_FIELD = "cleanse_empty_reason"
EXTRACTED_FIELD = "extracted"


@dataclass(frozen=True, slots=True)
class _Job:
    """What a worker needs beside the pipeline to turn input records into output."""

    source_field: str  # the field read: the text, or with --html the page
    out_field: str  # the clean text's field
    url_field: str | None
    language_field: str | None
    title_field: str | None
    changes_field: str | None  # with --changes
    metadata_field: str
    html: bool
    #: ``jsonl``: a worker encodes the output lines; ``parquet``: it sends rows, which
    #: the main process writes (and the schema may reject); ``None``: nothing written
    output: str | None
    sample: bool  # the report's sampler wants the changed documents


class _Page(NamedTuple):
    """What a worker learns about an HTML page beside the clean text."""

    original: str  # the extracted text: what the changes and the statistics refer to
    metadata: dict[str, Any]  # PAGE_METADATA_KEYS
    empty_reason: str | None


#: :meth:`cleanse.report.Sampler.offer`'s arguments: source, line, text, context, labels
_Offer = tuple[str, int, str, dict[str, str | None], list[str]]


class _Doc(NamedTuple):
    """A cleaned document: its output row, and what it adds to the statistics."""

    record: Record
    row: dict[str, Any] | None  # None when nothing is written (`cleanse report`)
    doc_stats: dict[str, Any]  # Result.stats()
    source_chars: int  # of the field read (the summary's throughput)
    chars_in: int  # of the text the changes refer to (with --html the extracted text)
    chars_out: int
    empty_reason: str | None  # --html: why a page has no article text
    offer: _Offer | None  # for the report, when sampling and the document changed


@dataclass(slots=True)
class _Tally:
    """What written documents add up to: a worker adds up a chunk's, the main process
    merges them (counters are plain sums, so the totals are the same either way)."""

    written: int = 0
    in_chars: int = 0
    stats: Stats = field(default_factory=Stats)
    empty: dict[str, int] = field(default_factory=dict)
    offers: list[_Offer] = field(default_factory=list)

    def add(self, doc: _Doc) -> None:
        self.written += 1
        self.in_chars += doc.source_chars
        self.stats.add(doc.doc_stats, chars_in=doc.chars_in, chars_out=doc.chars_out)
        if doc.empty_reason:
            self.empty[doc.empty_reason] = self.empty.get(doc.empty_reason, 0) + 1
        if doc.offer is not None:
            self.offers.append(doc.offer)


@dataclass(slots=True)
class _Done:
    """A chunk processed: everything the main process writes and counts, in input order.

    With JSONL output a worker encodes the lines and adds up the documents itself, so
    the main process does no per-record work; with Parquet output the rows come back
    as :attr:`docs`, because the main process may find that one does not fit its
    schema, and then it is an error, not a document.
    """

    records: int = 0  # not blank
    blank: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)  # error_record()s
    lines: bytes = b""  # JSONL output
    docs: list[_Doc] = field(default_factory=list)  # Parquet output
    tally: _Tally = field(default_factory=_Tally)  # of the documents not in docs


def _pipeline(preset: str) -> Pipeline:
    return cleanse.strict_pipeline() if preset == "strict" else cleanse.default_pipeline()


def _init_worker(pipeline: Pipeline | str, job: _Job) -> None:
    """Worker initializer: the pipeline a forked worker inherited warm, or one built from
    its preset (a spawned worker, which inherits nothing)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    threading.Thread(target=_exit_with_parent, name="cleanse-exit-with-parent",
                     daemon=True).start()
    _WORKER["pipeline"] = _pipeline(pipeline) if isinstance(pipeline, str) else pipeline
    _WORKER["job"] = job


def _exit_with_parent() -> None:
    """End this worker when the parent process ends: a parent that was killed cannot
    tell it to stop, and it would wait for work forever."""
    import multiprocessing  # noqa: PLC0415 - loaded already in a worker

    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()  # returns when the parent's end of a pipe closes, i.e. it is gone
        os._exit(1)


def _process(pipeline: Pipeline, job: _Job, items: Sequence[Record | JsonLine]) -> _Done:
    """Parse, clean and (JSONL) encode a chunk of input: the work of a worker, or of
    the main process with ``--jobs 1``.

    One step at a time over the whole chunk (parse every line, clean every document,
    encode every row): the JSON code then runs hot in the CPU's caches; parsing and
    encoding each document between two cleanings made a chunk about 3% slower.
    """
    done = _Done()
    records = [item.parse(job.source_field, html=job.html) if isinstance(item, JsonLine)
               else item for item in items]
    docs: list[_Doc] = []
    for record in records:
        kind = record.kind
        if kind == "blank":
            done.blank += 1
            continue
        done.records += 1
        if kind == "error":
            done.errors.append(error_record(record))
            continue
        doc = _clean_record(pipeline, job, record)
        if isinstance(doc, str):
            done.errors.append(error_record(record, "clean_failed", doc))
        else:
            docs.append(doc)
    if job.output == "parquet":  # the main process writes them, or finds they do not fit
        done.docs = docs
        return done
    if job.output == "jsonl":
        done.lines = b"".join([dumps_line(doc.row) for doc in docs if doc.row is not None])
    for doc in docs:
        done.tally.add(doc)
    return done


def _clean_chunk(items: Sequence[Record | JsonLine]) -> _Done:
    return _process(_WORKER["pipeline"], _WORKER["job"], items)


def _clean_record(pipeline: Pipeline, job: _Job, record: Record) -> _Doc | str:
    """Clean one document record; an error message when a filter fails."""
    assert record.fields is not None
    fields = record.fields
    source = fields[job.source_field]
    url = _opt_str(fields, job.url_field)
    try:
        page: _Page | None = None
        if job.html:  # a page that has no article is an empty result, not an exception
            from cleanse.html import clean_html  # noqa: PLC0415 - only with --html

            result = clean_html(source, url=url, preset=pipeline)
            meta = result.metadata
            page = _Page(result.original, {k: meta.get(k) for k in PAGE_METADATA_KEYS},
                         meta.get("empty_reason"))
        else:
            assert isinstance(source, str)
            result = pipeline(source, url=url, language=_opt_str(fields, job.language_field),
                              title=_opt_str(fields, job.title_field))
        changes = (None if job.changes_field is None else
                   [dict(zip(_CHANGE_KEYS, c, strict=True)) for c in result.changes])
        doc_stats = result.stats()
    except Exception as exc:  # a filter bug must not stop a corpus
        return f"cleaning failed: {type(exc).__name__}: {exc}"
    text = result.text
    row: dict[str, Any] | None = None
    if job.output is not None:
        row = dict(fields)
        row[job.out_field] = text
        if page is not None:
            row[EMPTY_REASON_FIELD] = page.empty_reason
            row[job.metadata_field] = {**page.metadata, **(record.meta or {})}
            if changes is not None:  # the text the changes' offsets refer to
                row[EXTRACTED_FIELD] = page.original
        if job.changes_field is not None:
            row[job.changes_field] = changes
    # with --html the statistics count the extracted text (what the filters saw)
    original = page.original if page is not None else source
    offer: _Offer | None = None
    if job.sample and doc_stats:
        offer = (record.source, record.line, original, _context(job, fields, page),
                 [make_label(f, r) for f, rs in doc_stats.items() for r in rs])
    return _Doc(record, row, doc_stats, len(source), len(original), len(text),
                page.empty_reason if page is not None else None, offer)


def _context(job: _Job, fields: dict[str, Any], page: _Page | None
             ) -> dict[str, str | None]:
    """What the pipeline was told about a document, to clean it again for the report."""
    if page is not None:  # what clean_html told it
        return {"url": _opt_str(fields, job.url_field) or page.metadata["url"],
                "language": page.metadata["language"], "title": page.metadata["title"]}
    return {"url": _opt_str(fields, job.url_field),
            "language": _opt_str(fields, job.language_field),
            "title": _opt_str(fields, job.title_field)}


#: At most this many characters go to a worker at once (and at most --chunk-size
#: records): small enough that the last chunks keep every worker busy to the end (a
#: 5 MB corpus is about 20 chunks, each cleaned in about 40 ms), large enough that
#: sending and collecting a chunk costs well under 1% of cleaning it.
_CHUNK_CHARS = 1 << 18


class _Chunk(NamedTuple):
    """Input for one worker task, and where it ends."""

    items: list[Record | JsonLine]
    end: Position  # the reading position after it
    read_upto: int  # input bytes read when it was complete (for the progress bar)


_PROBE = ("The council met on Monday to discuss the budget for the new library and "
          "the harbour.  \nShare this:\n")
#: Lines that make filters compile what they compile only when a line needs it (a
#: phrase list's patterns for what follows a phrase, and for topics: three patterns,
#: about 50 ms), run before workers are forked so that they inherit them instead of
#: each compiling them at the same time. The line-start scan they share needs no
#: such line: its rules register at import and it compiles on the probe's first run.
#: Only time is at stake: a filter compiles whatever this misses when it needs it.
_WARM_UP = "Read also: The harbour reopens in May\nLeave a Reply\nFollow us on Telegram\n"
_PROBE_PAGE = f"<html><body><article><p>{_PROBE}</p></article></body></html>"


def _forks(jobs: int) -> bool:
    """Whether workers are forked from this process (see :meth:`_Run.make_pool`)."""
    return jobs > 1 and sys.platform.startswith("linux")


def _probe(preset: str, *, html: bool = False, fork: bool = False) -> Pipeline:
    """The pipeline, run once: fail before writing anything when it cannot run at all (a
    broken install or phrase file), instead of turning every record into an error.

    It also warms up what filters load lazily (compiled phrase lists, the language
    model, with ``html`` trafilatura), so worker processes forked afterwards inherit
    it instead of each loading it. The language model is decompressed in a background
    thread while the first run compiles the filters' patterns (about half a second
    each, one after the other before). With ``fork`` it warms up more (``_WARM_UP``).

    The garbage collector is off meanwhile: compiling allocates objects by the
    hundred thousand, nearly none of them garbage, and the ~400 collections they
    triggered took ~0.08 s of start-up.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        preload_model()
        pipeline = _pipeline(preset)
        pipeline(_PROBE + _WARM_UP if fork else _PROBE)
        cleanse.Document(_PROBE).language  # noqa: B018 - waits for the language model
        if html:
            from cleanse.html import clean_html  # noqa: PLC0415 - only with --html

            clean_html(_PROBE_PAGE, preset=pipeline)
    except Exception as exc:
        raise UsageError(f"the {preset} pipeline does not run: {type(exc).__name__}: "
                         f"{exc}") from exc
    finally:
        if collecting:
            gc.enable()
    return pipeline


def _default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# -- the run ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Counts:
    records: int = 0  # documents and error records read (blank lines aside)
    written: int = 0
    blank: int = 0
    empty: dict[str, int] = field(default_factory=dict)  # --html: pages without text, by reason


def _error_writer(path: str, *, partial: str | None = None,
                  offset: int | None = None) -> JsonlWriter:
    """The error output: JSONL (compressed by its name), or standard error for ``-``."""
    if path == "-":
        return JsonlWriter("-", stream=sys.stderr.buffer)
    return JsonlWriter(partial or path, compression=output_format(path)[1], offset=offset)


class _LazyWriter:
    """An error output that is only created when there is an error to write."""

    def __init__(self, path: str) -> None:
        if path != "-":
            output_format(path)  # a bad name is a usage error now, not at the first error
        self.path = path
        self._writer: JsonlWriter | None = None

    def write(self, obj: Any) -> None:
        if self._writer is None:
            self._writer = _error_writer(self.path)
        self._writer.write(obj)

    def checkpoint(self) -> dict[str, int]:
        return self._writer.checkpoint() if self._writer is not None else {"bytes": 0}

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.abort()


class _Run:
    """One pass over the inputs: read, clean in parallel, write in order, count."""

    def __init__(self, args: argparse.Namespace, *, command: str) -> None:
        self.args = args
        self.command = command
        self.html = bool(args.html)
        # the field read (the text, or with --html the page) and the clean text's field
        self.source_field: str = args.html_field if self.html else args.text_field
        self.out_field: str = args.output_field or args.text_field
        self.stats = Stats()
        self.counts = _Counts()
        self.report_path: str | None = args.output if command == "report" else args.report
        self.sampler: Sampler | None = None
        if self.report_path:
            from cleanse.report import Sampler  # noqa: PLC0415 - only with a report

            self.sampler = Sampler(size=args.sample)
        self.examples: list[str] = []
        self.output: JsonlWriter | ParquetPartsWriter | None = None
        self.errors: JsonlWriter | _LazyWriter | None = None
        self.errors_path: str | None = None
        self.position = Position(0, 0)
        self.state_path: str | None = None
        self.started = time.monotonic()
        self.in_chars = 0
        self._fingerprint: dict[str, Any] | None = None
        self._resumed_written = 0  # documents an interrupted run had already written

    # -- setup ----------------------------------------------------------------------

    def check_inputs(self) -> None:
        args = self.args
        if args.inputs.count("-") > 1:
            raise UsageError("standard input (-) can be read only once")
        for path in args.inputs:
            fmt = input_format(path, args.input_format)
            if path != "-" and not os.path.isfile(path):
                raise UsageError(f"no such input file: {path}")
            if fmt == "warc" and not self.html:
                raise UsageError(f"{path} is a WARC file, which holds HTML pages: add --html")
            if fmt == "warc" and importlib.util.find_spec("warcio") is None:
                raise UsageError("reading WARC files needs warcio: pip install 'cleanse[warc]'")
        if self.html and (args.title_field or args.language_field):
            raise UsageError("--title-field and --language-field do not apply with --html: "
                             "the page's own title and language are used")
        if args.jobs < 1:
            raise UsageError("--jobs must be at least 1")
        for path in (args.stats, self.report_path):  # fail now, not after the whole corpus
            if path and not os.path.isdir(os.path.dirname(os.path.abspath(path))):
                raise UsageError(f"the folder of {path} does not exist")

    def fingerprint(self) -> dict[str, Any]:
        """What must not change between an interrupted run and its resumption."""
        if self._fingerprint is not None:
            return self._fingerprint
        args = self.args
        inputs: list[dict[str, Any]] = []
        for path in args.inputs:
            if path == "-":
                inputs.append({"path": "-"})
                continue
            st = os.stat(path)
            inputs.append({"path": os.path.abspath(path), "size": st.st_size,
                           "mtime_ns": st.st_mtime_ns})
        options = {k: getattr(args, k) for k in (
            "input_format", "text_field", "output_field", "changes", "changes_field",
            "url_field", "title_field", "language_field", "preset", "limit", "sample",
            "html", "html_field", "metadata_field")}
        options["report"] = bool(self.report_path)
        options["errors"] = os.path.abspath(self.errors_path or "")
        self._fingerprint = {"inputs": inputs, "options": options}
        return self._fingerprint

    def open_outputs(self) -> None:
        """Open the output and error output, fresh or at the last checkpoint."""
        args = self.args
        out = args.output
        fmt, compression = output_format(out)
        directory = os.path.dirname(os.path.abspath(out)) if out != "-" else "."
        if not os.path.isdir(directory):
            raise UsageError(f"the output's folder does not exist: {directory}")
        if out != "-" and any(p != "-" and os.path.exists(out) and os.path.samefile(p, out)
                              for p in args.inputs):
            raise UsageError(f"the output {out} is also an input")
        self.errors_path = args.errors or (f"{output_stem(out)}.errors.jsonl"
                                           if out != "-" else "cleanse-errors.jsonl")
        if out == "-":
            if args.resume:
                raise UsageError("--resume needs an output file, not standard output")
            self.output = JsonlWriter("-")
            self.errors = _LazyWriter(self.errors_path)
            return
        self.state_path = f"{out}.progress"
        partial = f"{out}.partial"
        errors_partial = (f"{self.errors_path}.partial" if self.errors_path != "-"
                          else "-")
        state = self._load_state(partial) if args.resume else None
        if state is None and not args.force and any(os.path.exists(p) for p in (
                self.state_path, partial, f"{partial}.parts")):
            raise UsageError(f"{partial} is left from an interrupted run: add --resume to "
                             "continue it, or --force to start again")
        if state is not None and "-" in args.inputs:
            raise UsageError("--resume needs input files, not standard input")
        field_types = self._field_types() if fmt == "parquet" else {}
        if state is None:
            if self.state_path and os.path.exists(self.state_path):
                os.remove(self.state_path)
            self.output = (ParquetPartsWriter(partial, field_types=field_types)
                           if fmt == "parquet" else JsonlWriter(partial, compression=compression))
            self.errors = _error_writer(self.errors_path, partial=errors_partial)
            return
        self.position = Position(*state["position"])
        self.counts = _Counts(**state["counts"], empty=state.get("empty", {}))
        self.stats = Stats.from_dict(state["stats"])
        self.examples = list(state.get("examples", []))
        if self.sampler is not None and state.get("sample"):
            self.sampler.restore(state["sample"])
        self.output = (ParquetPartsWriter(partial, field_types=field_types,
                                          parts=state["output"]["parts"])
                       if fmt == "parquet" else
                       JsonlWriter(partial, compression=compression,
                                   offset=state["output"]["bytes"]))
        self.errors = _error_writer(self.errors_path, partial=errors_partial,
                                    offset=state["errors"]["bytes"])
        self._resumed_written = self.counts.written
        self._note(f"resuming after {self.counts.records:,} records "
                   f"({self.counts.written:,} written)")

    def _load_state(self, partial: str) -> dict[str, Any] | None:
        assert self.state_path is not None
        if not os.path.exists(self.state_path):
            if os.path.exists(partial):
                raise ResumeError(f"{partial} has no progress file {self.state_path}: it "
                                  "cannot be resumed exactly; start again with --force")
            self._note("nothing to resume: starting from the beginning")
            return None
        with open(self.state_path, encoding="utf-8") as f:
            state: dict[str, Any] = json.load(f)
        if state.get("version") != STATE_VERSION or state.get("command") != self.command:
            raise ResumeError(f"{self.state_path} was written by another version or command")
        if state["fingerprint"] != self.fingerprint():
            raise ResumeError(f"the inputs or options differ from the interrupted run's "
                              f"(see {self.state_path}); resume with the same command line, "
                              "or start again with --force")
        if not os.path.exists(partial) and not os.path.isdir(f"{partial}.parts"):
            raise ResumeError(f"{partial} is missing: start again with --force")
        return state

    def _field_types(self) -> dict[str, Any]:
        args = self.args
        types: dict[str, Any] = {}
        first_parquet = next((p for p in args.inputs
                              if input_format(p, args.input_format) == "parquet"), None)
        if first_parquet is not None:
            types.update(parquet_field_types(first_parquet))
        pa = optional("pyarrow")
        formats = {input_format(p, args.input_format) for p in args.inputs}
        if self.html:  # a column that is null in the first rows must still take text later
            if formats & {"text", "warc"}:
                types.setdefault(self.source_field, pa.string())
            if "warc" in formats:
                types.setdefault("warc_record_id", pa.string())
                types.setdefault(args.url_field, pa.string())
            types[args.metadata_field] = pa.struct(
                [(k, pa.list_(pa.string()) if k in ("categories", "tags") else pa.string())
                 for k in PAGE_METADATA_KEYS])
            types[EMPTY_REASON_FIELD] = pa.string()
            if args.changes:
                types[EXTRACTED_FIELD] = pa.string()
        types[self.out_field] = pa.string()
        if args.changes:
            types[args.changes_field] = changes_type()
        if "text" in formats:
            types.setdefault("path", pa.string())
        return types

    def _note(self, message: str) -> None:
        if not self.args.quiet:
            print(f"cleanse: {message}", file=sys.stderr)

    # -- the loop -------------------------------------------------------------------

    def job(self) -> _Job:
        """What the workers need to know of the options and outputs."""
        args = self.args
        output = None if self.output is None else (
            "parquet" if isinstance(self.output, ParquetPartsWriter) else "jsonl")
        return _Job(source_field=self.source_field, out_field=self.out_field,
                    url_field=args.url_field, language_field=args.language_field,
                    title_field=args.title_field,
                    changes_field=args.changes_field if args.changes else None,
                    metadata_field=args.metadata_field, html=self.html, output=output,
                    sample=self.sampler is not None)

    def chunks(self, reader: RecordReader) -> Iterator[_Chunk]:
        """The input in chunks for the workers, JSONL lines unparsed (workers parse them).

        Except with Parquet output: its schema comes from the first chunk's rows, so
        that chunk is measured in characters of text, as the other formats' are, not in
        bytes of JSON, which depend on how the JSON was written (escapes, other
        fields); and the rows come back to this process to be written anyway.
        """
        size, max_chars = self.args.chunk_size, _CHUNK_CHARS
        limit = self.args.limit
        done = self.counts.records
        chunk: list[Record | JsonLine] = []
        chars = 0
        text_field = self.source_field
        items: Iterable[Record | JsonLine] = (
            reader if isinstance(self.output, ParquetPartsWriter) else reader.unparsed())
        for item in items:
            kind = "line" if isinstance(item, JsonLine) else item.kind
            if limit is not None and kind != "blank":
                if done >= limit:
                    break
                done += 1
            chunk.append(item)
            if isinstance(item, JsonLine):
                chars += len(item.data)  # never fewer than the characters of its text
            elif kind == "document":
                assert item.fields is not None
                chars += len(item.fields[text_field])
            if len(chunk) >= size or chars >= max_chars:
                yield _Chunk(chunk, chunk[-1].position, reader.bytes_read)
                chunk, chars = [], 0
        if chunk:
            yield _Chunk(chunk, chunk[-1].position, reader.bytes_read)

    def make_pool(self, pipeline: Pipeline) -> ProcessPoolExecutor | None:
        """The worker processes (``None`` for ``--jobs 1``, which cleans in this process).

        On Linux the workers are forked from this process after :func:`_probe` warmed
        ``pipeline``, so each inherits it ready to run (compiled patterns, the language
        model) and cleans its first chunk at once, sharing those pages with this
        process. Forking is safe here: the process runs no other Python thread (the
        model's loader has finished: the probe waited for it, and
        :mod:`cleanse.language` makes a fork wait too), no input is open yet, and the
        outputs hold nothing unwritten; workers never touch them and leave with
        ``os._exit``, so nothing inherited is flushed twice. Elsewhere workers are
        spawned and build the pipeline from the preset.

        A :class:`~concurrent.futures.ProcessPoolExecutor`, not a
        ``multiprocessing.Pool``: the Pool's worker-handler thread wakes up for every
        piece of every result that arrives, which cost this process ~0.2 s more CPU per
        50 MB (taken from the workers, on a machine with as many workers as cores),
        and a worker that dies (killed for memory) breaks the executor instead of
        leaving the run waiting forever.
        """
        args = self.args
        if args.jobs == 1:
            return None
        import multiprocessing  # noqa: PLC0415 - only with workers
        from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

        fork = _forks(args.jobs)
        pool = ProcessPoolExecutor(
            args.jobs, mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
            initializer=_init_worker, initargs=(pipeline if fork else args.preset, self.job()))
        pool.submit(int)  # the first task starts the workers: fork them now, as said above
        return pool

    def results(self, pool: ProcessPoolExecutor | None, pipeline: Pipeline,
                chunks: Iterator[_Chunk]) -> Generator[tuple[_Chunk, _Done], None, None]:
        """Each chunk with its outcome, in input order, with a bounded number in flight."""
        job = self.job()
        if pool is None:
            for chunk in chunks:
                yield chunk, _process(pipeline, job, chunk.items)
            return
        pending: deque[tuple[_Chunk, Future[_Done]]] = deque()
        in_flight = 3 * self.args.jobs
        for chunk in chunks:
            pending.append((chunk, pool.submit(_clean_chunk, chunk.items)))
            if len(pending) >= in_flight:
                first, future = pending.popleft()
                yield first, self._outcome(first, future, pipeline, job)
        while pending:
            first, future = pending.popleft()
            yield first, self._outcome(first, future, pipeline, job)

    @staticmethod
    def _outcome(chunk: _Chunk, future: Future[_Done], pipeline: Pipeline, job: _Job
                 ) -> _Done:
        """A worker's result, or the chunk processed here when the worker could not send
        it back: pickle gives up on values nested a little under 500 deep (it spends two
        levels of the recursion limit on each), and a record in an error, or a row for
        Parquet, may nest up to :data:`~cleanse.io.MAX_NESTING`. Done here, it is done as
        with ``--jobs 1``, so the output still does not depend on ``--jobs``."""
        try:
            return future.result()
        except RecursionError:
            return _process(pipeline, job, chunk.items)

    def handle(self, chunk: _Chunk, done: _Done) -> None:
        """Write one chunk's output and errors, and count them."""
        counts = self.counts
        counts.records += done.records
        counts.blank += done.blank
        for entry in done.errors:
            self.error(entry)
        tally = done.tally
        if done.lines:
            assert isinstance(self.output, JsonlWriter)
            self.output.write_lines(done.lines, tally.written)
        if done.docs:  # Parquet output: a row that does not fit the schema is an error
            assert self.output is not None
            rows = [doc.row or {} for doc in done.docs]  # never None: there is an output
            rejected = dict(self.output.write_many(rows))
            for i, doc in enumerate(done.docs):
                if i in rejected:
                    self.error(error_record(doc.record, "unwritable", rejected[i]))
                else:
                    tally.add(doc)
        counts.written += tally.written
        self.in_chars += tally.in_chars
        self.stats.merge(tally.stats)
        for why, n in tally.empty.items():
            counts.empty[why] = counts.empty.get(why, 0) + n
        if self.sampler is not None:
            for offer in tally.offers:
                self.sampler.offer(*offer)
        self.position = chunk.end

    def error(self, entry: dict[str, Any]) -> None:
        """Count and write one error record (:func:`~cleanse.io.error_record`)."""
        self.stats.add_error(entry["error"])
        if len(self.examples) < 5:
            self.examples.append(f"{entry['source']}:{entry['line']}: {entry['error']}: "
                                 f"{entry['message']}")
        if self.errors is not None:
            self.errors.write(entry)

    def checkpoint(self) -> None:
        """Make the output durable up to :attr:`position` and record it."""
        assert self.output is not None and self.errors is not None
        out_state = self.output.checkpoint()
        err_state = self.errors.checkpoint()
        if self.state_path is None:
            return
        write_json_atomic(self.state_path, {
            "version": STATE_VERSION,
            "command": self.command,
            "fingerprint": self.fingerprint(),
            "position": list(self.position),
            "output": out_state,
            "errors": err_state,
            "counts": {"records": self.counts.records, "written": self.counts.written,
                       "blank": self.counts.blank},
            "empty": self.counts.empty,
            "examples": self.examples,
            "stats": self.stats.to_dict(),
            "sample": self.sampler.to_dict() if self.sampler is not None else None,
        })

    def run(self, pipeline: Pipeline) -> int:
        """Process every input with the warmed ``pipeline``; returns the exit status."""
        args = self.args
        # What is alive now (modules, compiled patterns, the language model) lives to
        # the end: the collector stops walking it (each full collection took ~20 ms),
        # and forked workers no longer copy its pages by marking them while collecting.
        gc.freeze()
        pool = self.make_pool(pipeline)
        reader = RecordReader(args.inputs, input_format=args.input_format,
                              text_field=self.source_field, start=self.position,
                              html=self.html, url_field=args.url_field or "url")
        bar = _progress_bar(reader.total_bytes, disable=args.quiet)
        interval = args.checkpoint_interval if self.command == "clean" else None
        if interval is not None:
            self.checkpoint()  # from now on there is always a state to resume from
        last = time.monotonic()
        results = self.results(pool, pipeline, self.chunks(reader))
        try:
            for chunk, done in results:
                self.handle(chunk, done)
                if bar is not None:
                    bar.set_postfix_str(f"{self.counts.written:,} docs, "
                                        f"{self.stats.error_count:,} errors", refresh=False)
                    bar.update(chunk.read_upto - bar.n)
                if interval is not None and time.monotonic() - last >= interval:
                    self.checkpoint()
                    last = time.monotonic()
        except KeyboardInterrupt:
            self._abort()
            if bar is not None:
                bar.close()
            if self.state_path is not None:
                print(f"cleanse: interrupted after {self.counts.records:,} records; run the "
                      "same command with --resume to continue", file=sys.stderr)
            else:
                print("cleanse: interrupted", file=sys.stderr)
            return EXIT_INTERRUPTED
        except BaseException:
            self._abort()
            raise
        finally:
            results.close()
            if pool is not None:  # workers finish the chunk in hand (if any), and exit
                pool.shutdown(cancel_futures=True)
        if bar is not None:
            bar.close()
        self.finish()
        return EXIT_RECORD_ERRORS if self.stats.error_count else EXIT_OK

    def _abort(self) -> None:
        for w in (self.output, self.errors):
            if w is not None:
                w.abort()

    def finish(self) -> None:
        """Complete the outputs, rename them into place, write statistics and report."""
        args = self.args
        if self.output is not None:
            self.output.close()
        if self.errors is not None:
            self.errors.close()
        if self.state_path is not None:  # a file output: rename the partial files
            if self.errors_path != "-":
                assert self.errors_path is not None
                os.replace(f"{self.errors_path}.partial", self.errors_path)
            os.replace(f"{args.output}.partial", args.output)
            if os.path.exists(self.state_path):
                os.remove(self.state_path)
        if args.stats:
            stats = self.stats.to_dict()
            if self.html:
                stats["empty"] = dict(sorted(self.counts.empty.items()))
            write_json_atomic(args.stats, stats)
        if self.report_path:
            self.write_report(self.report_path)
        self.summary()

    def write_report(self, path: str) -> None:
        from cleanse.report import ReportDocument, render_report  # noqa: PLC0415

        assert self.sampler is not None
        pipeline = _pipeline(self.args.preset)
        docs = []
        for d in self.sampler.documents():
            result = pipeline(d["text"], **d["context"])
            docs.append(ReportDocument(d["source"], d["line"], result))
        about = [("inputs", ", ".join(self.args.inputs)), ("preset", self.args.preset),
                 ("cleanse", cleanse.__version__)]
        page = render_report(docs, self.stats, about=about)
        tmp = f"{path}.tmp"
        with open(tmp, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write(page)
        os.replace(tmp, path)

    def summary(self) -> None:
        if self.args.quiet:
            return
        seconds = max(time.monotonic() - self.started, 1e-9)
        c = self.counts
        lines = [f"cleanse: {c.records:,} records from {len(self.args.inputs)} input"
                 f"{'s' if len(self.args.inputs) != 1 else ''} in {seconds:.1f} s "
                 f"({(c.written - self._resumed_written) / seconds:,.0f} docs/s, "
                 f"{self.in_chars / seconds / 1e6:.2f} M chars/s)"]
        where = ""
        if self.command == "clean" and self.args.output != "-":
            where = f" to {self.args.output}"
        written = "written" if self.command == "clean" else "cleaned"
        errors = self.stats.error_count
        err_where = (f" (in {self.errors_path})" if errors and self.errors is not None
                     else "")
        lines.append(f"  {c.written:,} {written}{where}, {errors:,} error"
                     f"{'s' if errors != 1 else ''}{err_where}"
                     + (f", {c.blank:,} blank line{'s' if c.blank != 1 else ''} skipped"
                        if c.blank else ""))
        if errors:
            lines.append("  errors: " + ", ".join(f"{code} {n:,}" for code, n
                                                   in sorted(self.stats.errors.items())))
            lines.extend(f"    {e}" for e in self.examples[:3])
        if c.empty:
            lines.append(f"  {sum(c.empty.values()):,} pages without article text: "
                         + ", ".join(f"{why} {n:,}" for why, n in sorted(c.empty.items())))
        if self.report_path:
            lines.append(f"  report: {self.report_path}")
        lines.append(self.stats.table())
        print("\n".join(lines), file=sys.stderr)


def _opt_str(fields: dict[str, Any], name: str | None) -> str | None:
    if not name:
        return None
    value = fields.get(name)
    return value if isinstance(value, str) and value else None


def _progress_bar(total: int | None, *, disable: bool) -> Any:
    """A tqdm bar on standard error when it is a terminal, else ``None``."""
    if disable or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm  # noqa: PLC0415 - optional dependency
    except ImportError:
        return None
    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                dynamic_ncols=True, desc="cleanse", smoothing=0.1)


# -- explain ----------------------------------------------------------------------------

_ANSI = {"bold": "\033[1m", "dim": "\033[2m", "red": "\033[31m", "green": "\033[32m",
         "cyan": "\033[36m", "yellow": "\033[33m", "reset": "\033[0m"}


def _explain(args: argparse.Namespace) -> int:
    colour = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))

    def paint(text: str, *styles: str) -> str:
        if not colour:
            return text
        return "".join(_ANSI[x] for x in styles) + text + _ANSI["reset"]

    pipeline = _pipeline(args.preset)
    status = EXIT_OK
    for path in args.files:
        fmt = input_format(path, args.input_format)
        record = _find_record(path, fmt, args)
        where = path if fmt == "text" else f"{path}:{args.record}"
        print(paint(f"==> {where}", "bold"))
        if record is None or record.kind != "document":
            why = (record.message if record is not None
                   else f"no record at line {args.record}")
            print(paint(f"cannot explain: {why}", "red"))
            print()
            status = EXIT_RECORD_ERRORS
            continue
        assert record.fields is not None
        f = record.fields
        result = pipeline(f[args.text_field], url=_opt_str(f, args.url_field),
                          language=_opt_str(f, args.language_field),
                          title=_opt_str(f, args.title_field))
        print(result.text)
        print(_explain_changes(result, paint) if colour else result.explain())
        print()
    sys.stdout.flush()
    return status


def _find_record(path: str, fmt: str, args: argparse.Namespace) -> Record | None:
    if fmt == "text":
        return next(iter(RecordReader([path], input_format="text",
                                      text_field=args.text_field)), None)
    reader = RecordReader([path], input_format=fmt, text_field=args.text_field,
                          start=Position(0, args.record - 1))
    return next((r for r in reader if r.line == args.record), None)


def _explain_changes(result: cleanse.Result, paint: Callable[..., str]) -> str:
    changes = result.changes
    if not changes:
        return paint("no changes", "dim")
    lines = [paint(f"{len(changes)} change{'s' if len(changes) != 1 else ''}, "
                   f"{len(result.original)} -> {len(result.text)} characters", "bold")]
    for c in changes:
        where = paint(f"{c.start}:{c.end}".rjust(13), "dim")
        label = paint(f"{c.filter}/{c.reason}".ljust(36), "cyan")
        if c.is_removal:
            what = "removed " + paint(_clip(c.before, 70), "red")
        else:
            what = paint(_clip(c.before, 35), "red") + " -> " + paint(_clip(c.after, 35), "green")
        lines.append(f"  {where}  {label} {what}")
    return "\n".join(lines)


def _clip(text: str, limit: int) -> str:
    return repr(text if len(text) <= limit else text[: max(limit - 1, 1)] + "…")


# -- arguments --------------------------------------------------------------------------


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="cleanse", formatter_class=fmt, epilog=_EPILOG,
        description="Clean scraped article text, with character-exact provenance.")
    parser.add_argument("--version", action="version", version=f"cleanse {cleanse.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    records = argparse.ArgumentParser(add_help=False)
    records.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="text files (one document each), JSONL (plain, .gz or .zst) or "
                              "Parquet files; with --html also WARC files (.warc, .warc.gz); "
                              "- reads JSONL from standard input")
    records.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                         help="how to read the inputs (default: by file name)")
    records.add_argument("--text-field", default="text", metavar="NAME",
                         help="the field holding the text (default: text); with --html the "
                              "field the clean text is written to")
    records.add_argument("--html", action="store_true",
                         help="the inputs are HTML pages: files (one page each, decoded by "
                              "their own charset), WARC files, or JSONL / Parquet records "
                              "with the page in --html-field; trafilatura extracts the "
                              "article, then the filters clean it")
    records.add_argument("--html-field", default="html", metavar="NAME",
                         help="with --html: the field holding the page (default: html)")
    records.add_argument("--url-field", metavar="NAME",
                         help="field with the page URL (with --html default: url)")
    records.add_argument("--title-field", metavar="NAME", help="field with the article title")
    records.add_argument("--language-field", metavar="NAME",
                         help="field with the ISO 639-1 language code")
    records.add_argument("--preset", choices=("default", "strict"), default="default",
                         help="filter preset (default: default)")
    records.add_argument("-j", "--jobs", type=_positive, default=_default_jobs(), metavar="N",
                         help="worker processes (default: all cores)")
    records.add_argument("--limit", type=_positive, metavar="N",
                         help="stop after N records")
    records.add_argument("--sample", type=_positive, default=30, metavar="N",
                         help="documents shown in the HTML report, plus a few per reason "
                              "(default: 30)")
    records.add_argument("--stats", metavar="FILE", help="write the statistics as JSON")
    records.add_argument("-q", "--quiet", action="store_true",
                         help="no progress bar and no summary")
    records.add_argument("--chunk-size", type=_positive, default=128, metavar="N",
                         help=argparse.SUPPRESS)

    clean = sub.add_parser(
        "clean", parents=[records], formatter_class=fmt, epilog=_EPILOG,
        help="clean text, JSONL or Parquet records into JSONL or Parquet",
        description="Clean every record; keep every input field. Records that cannot be "
                    "processed go to the error output with their file and line.")
    clean.add_argument("-o", "--output", required=True, metavar="OUTPUT",
                       help="*.jsonl, *.jsonl.gz, *.jsonl.zst, *.parquet, or - (JSONL on "
                            "standard output)")
    clean.add_argument("--output-field", metavar="NAME",
                       help="put the clean text in this field and keep the original text")
    clean.add_argument("--changes", action="store_true",
                       help="add every change (span, before, after, filter, reason)")
    clean.add_argument("--changes-field", default="changes", metavar="NAME",
                       help="field for --changes (default: changes); with --html the "
                            "extracted text they refer to goes in the field extracted")
    clean.add_argument("--metadata-field", default="metadata", metavar="NAME",
                       help="with --html: field for the page's metadata (title, author, "
                            "date, language, ...; default: metadata)")
    clean.add_argument("--errors", metavar="FILE",
                       help="error output, JSONL (default: OUTPUT's name + .errors.jsonl; "
                            "cleanse-errors.jsonl when OUTPUT is -); - for standard error")
    clean.add_argument("--report", metavar="FILE", help="also write an HTML review report")
    clean.add_argument("--resume", action="store_true",
                       help="continue an interrupted run of the same command")
    clean.add_argument("--force", action="store_true",
                       help="start again, discarding an interrupted run's partial output")
    clean.add_argument("--checkpoint-interval", type=float, default=2.0, metavar="SECONDS",
                       help="how often progress is made durable for --resume (default: 2)")

    report = sub.add_parser(
        "report", parents=[records], formatter_class=fmt, epilog=_EPILOG,
        help="write an HTML page reviewing what the filters would remove",
        description="Clean the inputs (nothing is written but the report) and write one "
                    "self-contained HTML page: statistics and sampled documents with "
                    "every change highlighted.")
    report.add_argument("-o", "--output", required=True, metavar="HTML",
                        help="the report file")
    report.add_argument("--errors", metavar="FILE",
                        help="also write records that cannot be processed here")

    explain = sub.add_parser(
        "explain", formatter_class=fmt, epilog=_EPILOG,
        help="print one document's clean text and every change",
        description="Print each file's clean text and its changes (coloured on a terminal).")
    explain.add_argument("files", nargs="+", metavar="FILE",
                         help="text files (one document each), or JSONL / Parquet with --record")
    explain.add_argument("--record", type=_positive, default=1, metavar="LINE",
                         help="for JSONL / Parquet: the line (row) to explain (default: 1)")
    explain.add_argument("--input-format", choices=INPUT_FORMATS, default="auto")
    explain.add_argument("--text-field", default="text", metavar="NAME")
    explain.add_argument("--url-field", metavar="NAME")
    explain.add_argument("--title-field", metavar="NAME")
    explain.add_argument("--language-field", metavar="NAME")
    explain.add_argument("--preset", choices=("default", "strict"), default="default")
    explain.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                         help="colour the output (default: when standard output is a "
                              "terminal and NO_COLOR is unset)")
    add_engine_arguments(clean)

    learn = sub.add_parser(
        "learn", formatter_class=fmt,
        help="learn the lines each site repeats (boilerplate no phrase list knows)",
        description="Count, per site (the host of each record's url), the normalised "
                    "lines its documents repeat, and write those frequent enough as a "
                    "boilerplate model for LearnedBoilerplate.")
    learn_command.add_arguments(learn)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``cleanse`` console script; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "learn":
        return learn_command.run(args)
    if getattr(args, "html", False) and args.url_field is None:
        args.url_field = "url"
    if args.command == "clean" and args.engine == "ray":
        if args.html:
            print("cleanse: error: --html is not supported with --engine ray", file=sys.stderr)
            return EXIT_USAGE
        return run_clean(args)
    try:
        if args.command == "explain":
            _probe(args.preset)
            for path in args.files:
                if path != "-" and not os.path.isfile(path):
                    raise UsageError(f"no such file: {path}")
                input_format(path, args.input_format)
            return _explain(args)
        if args.command == "report":
            args.report = args.output
            args.changes = False
            args.output_field = None
            args.changes_field = "changes"
            args.metadata_field = "metadata"
            args.resume = args.force = False
            args.checkpoint_interval = None
        run = _Run(args, command=args.command)
        run.check_inputs()
        pipeline = _probe(args.preset, html=args.html, fork=_forks(args.jobs))
        if args.command == "clean":
            run.open_outputs()
        elif args.errors:
            run.errors_path = args.errors
            run.errors = _LazyWriter(args.errors)
        return run.run(pipeline)
    except (UsageError, ResumeError) as exc:
        print(f"cleanse: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `cleanse clean ... -o - | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_RECORD_ERRORS

