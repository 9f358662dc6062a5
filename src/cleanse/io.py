"""Records in and out for the ``cleanse`` command: text files, JSONL, Parquet and WARC.

Readers stream. JSONL is read line by line, plain or compressed (gzip and zstd are
told apart by their first bytes, not their names), Parquet one batch of rows at a
time, so memory does not grow with the input. Every non-blank input line becomes
exactly one :class:`Record`: a document, or an error that says where it was and
why it could not be used (nothing is dropped silently). A plain text file is one
document. :meth:`RecordReader.unparsed` leaves JSONL lines as bytes
(:class:`JsonLine`) for worker processes to parse, and :meth:`JsonlWriter.write_lines`
takes lines they encoded, so the process that reads and writes does no per-record work.

In *html mode* (``cleanse clean --html``) the records hold HTML pages: a file is one
page, decoded by its own charset (:func:`cleanse.html.decode_html`, never an error),
and WARC files (``.warc``, ``.warc.gz``) are read with
:func:`cleanse.html.iter_warc_html`, one record per HTML page.

Writers are checkpointable, so an interrupted run can resume exactly:
:meth:`JsonlWriter.checkpoint` flushes and syncs and returns how many bytes are
final (a compressed file gets a new gzip member or zstd frame per checkpoint, and
both formats concatenate); :class:`ParquetPartsWriter` closes one complete part file
per checkpoint and merges the parts into one file at the end. Resuming truncates
anything written after the last checkpoint.

>>> import json, tempfile, os
>>> d = tempfile.mkdtemp()
>>> path = os.path.join(d, "in.jsonl")
>>> with open(path, "w", encoding="utf-8") as f:
...     _ = f.write('{"id": 1, "text": "A."}\\n\\nnot json\\n{"id": 3}\\n')
>>> [(r.line, r.kind, r.error) for r in RecordReader([path])]  # doctest: +NORMALIZE_WHITESPACE
[(1, 'document', None), (2, 'blank', None), (3, 'error', 'invalid_json'),
 (4, 'error', 'missing_field')]
"""

from __future__ import annotations

import base64
import datetime
import decimal
import gzip
import importlib
import io
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from typing import IO, Any, NamedTuple, cast

from cleanse.errors import CleanseError
from cleanse.html import decode_html, iter_warc_html

__all__ = [
    "INPUT_FORMATS",
    "MAX_NESTING",
    "JsonLine",
    "JsonlWriter",
    "ParquetPartsWriter",
    "Position",
    "Record",
    "RecordReader",
    "ResumeError",
    "UsageError",
    "changes_type",
    "dumps_line",
    "error_record",
    "input_format",
    "optional",
    "output_format",
    "output_stem",
    "parquet_field_types",
    "parse_jsonl_line",
    "write_json_atomic",
]

INPUT_FORMATS = ("auto", "jsonl", "parquet", "text", "warc")
STDIO = "-"

_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_BOM = b"\xef\xbb\xbf"
_READ_BUFFER = 1 << 20
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_PARQUET_SUFFIXES = (".parquet", ".pq")
_WARC_SUFFIX = ".warc"
_COMPRESSION_SUFFIXES = {".gz": "gzip", ".gzip": "gzip", ".zst": "zstd", ".zstd": "zstd"}


class UsageError(CleanseError, ValueError):
    """The command line asks for something impossible (unknown format, missing file)."""


class ResumeError(CleanseError, ValueError):
    """An interrupted run cannot be resumed as asked (different inputs or options)."""


def optional(module: str) -> Any:
    """Import an optional dependency of the CLI, or say how to install it.

    pyarrow (Parquet) and zstandard (``.zst``) come with ``pip install 'cleanse[cli]'``;
    they are imported only when such a file is read or written.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise UsageError(f"{module.partition('.')[0]} is needed for this file: "
                         "pip install 'cleanse[cli]'") from exc


# -- formats ----------------------------------------------------------------------------


def _split_compression(path: str) -> tuple[str, str | None]:
    lower = path.lower()
    for suffix, kind in _COMPRESSION_SUFFIXES.items():
        if lower.endswith(suffix):
            return lower[: -len(suffix)], kind
    return lower, None


def input_format(path: str, requested: str = "auto") -> str:
    """The format to read ``path`` as: ``jsonl``, ``parquet``, ``text`` or ``warc``.

    ``auto`` goes by the name (compression suffixes aside); standard input is JSONL.

    >>> input_format("a.jsonl.zst"), input_format("b.parquet"), input_format("c.txt")
    ('jsonl', 'parquet', 'text')
    >>> input_format("crawl.warc.gz"), input_format("page.html")
    ('warc', 'text')
    """
    if requested not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {requested!r} (one of {', '.join(INPUT_FORMATS)})")
    if requested != "auto":
        fmt = requested
    elif path == STDIO:
        fmt = "jsonl"
    else:
        stem, compression = _split_compression(path)
        if stem.endswith(_JSONL_SUFFIXES):
            fmt = "jsonl"
        elif stem.endswith(_PARQUET_SUFFIXES):
            fmt = "parquet"
        elif stem.endswith(_WARC_SUFFIX):
            if compression not in (None, "gzip"):  # warcio reads plain and gzipped WARC
                raise UsageError(f"cannot read {path}: WARC files are read plain or "
                                 "gzipped (.warc, .warc.gz); decompress it first")
            fmt = "warc"
        else:
            fmt = "text"
    if fmt == "parquet" and path == STDIO:
        raise UsageError("Parquet cannot be read from standard input: give a file name")
    return fmt


_input_format = input_format  # RecordReader's keyword argument shadows the name


def output_format(path: str) -> tuple[str, str | None]:
    """``(format, compression)`` for an output path, by its extension; ``-`` is JSONL.

    >>> output_format("out.jsonl.gz"), output_format("out.parquet"), output_format("-")
    (('jsonl', 'gzip'), ('parquet', None), ('jsonl', None))
    """
    if path == STDIO:
        return "jsonl", None
    stem, compression = _split_compression(path)
    if stem.endswith(_JSONL_SUFFIXES):
        return "jsonl", compression
    if stem.endswith(_PARQUET_SUFFIXES) and compression is None:
        return "parquet", None
    raise UsageError(f"cannot tell the output format from {path!r}: name it *.jsonl, "
                     "*.jsonl.gz, *.jsonl.zst or *.parquet (or - for standard output)")


# -- records ----------------------------------------------------------------------------


def output_stem(path: str) -> str:
    """``path`` without its compression and format suffixes (for sibling file names).

    >>> output_stem("out/clean.jsonl.zst"), output_stem("shard.parquet"), output_stem("x")
    ('out/clean', 'shard', 'x')
    """
    base = path
    for suffix in (".gz", ".gzip", ".zst", ".zstd"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
            break
    for suffix in (".jsonl", ".ndjson", ".json", ".parquet", ".pq"):
        if base.lower().endswith(suffix):
            return base[: -len(suffix)]
    return base


class Position(NamedTuple):
    """Where reading stands: every line up to and including ``line`` of input number
    ``file_index`` has been handled (lines and Parquet rows count from 1)."""

    file_index: int
    line: int


@dataclass(slots=True)
class Record:
    """One input record: a document's fields, a blank line, or an error.

    ``line`` is the 1-based line of a JSONL file (in its decompressed text), the
    1-based row of a Parquet file, 1 for a whole text file, and for a WARC file the
    1-based number of the HTML page among those :func:`~cleanse.html.iter_warc_html`
    yields. ``meta`` is what the reader learnt beyond the fields: for a page it
    decoded in html mode, its ``encoding`` and ``encoding_source``
    (:class:`~cleanse.html.Decoded`).
    """

    file_index: int
    source: str
    line: int
    fields: dict[str, Any] | None = None
    error: str | None = None
    message: str = ""
    raw: Any = None
    meta: dict[str, Any] | None = None

    @property
    def kind(self) -> str:
        """``document``, ``blank`` or ``error``."""
        if self.error is not None:
            return "error"
        return "document" if self.fields is not None else "blank"

    @property
    def position(self) -> Position:
        """The reading position just after this record."""
        return Position(self.file_index, self.line)


def error_record(record: Record, code: str | None = None, message: str | None = None
                 ) -> dict[str, Any]:
    """What the error output holds for a record that could not be processed.

    ``raw`` is the input line as text (undecodable bytes as ``\\xNN`` escapes) when it
    could not be parsed, ``record`` the parsed record when it could.
    """
    out: dict[str, Any] = {
        "source": record.source,
        "line": record.line,
        "error": code or record.error,
        "message": message if message is not None else record.message,
    }
    if record.fields is not None:
        out["record"] = record.fields
    elif record.raw is not None:
        out["raw"] = record.raw
    return out


#: JSON nested deeper than this (containers inside containers, the record itself
#: counted) is an ``invalid_json`` record. Python's parser gives up near its
#: recursion limit (1 000), which the caller's stack shares, so where exactly depends
#: on the process that parses (the main one with ``--jobs 1``, a worker otherwise) and
#: on how it was called: half that limit is reached from any of them, and gives every
#: process the same result.
MAX_NESTING = 500


def parse_jsonl_line(index: int, source: str, number: int, data: bytes, field: str, *,
                     html: bool = False) -> Record:
    """The record of one non-blank JSONL line (``data``, without a byte order mark):
    a document, or an error that says why it is not one.

    >>> parse_jsonl_line(0, "in.jsonl", 7, b'{"text": "A."}\\n', "text").fields
    {'text': 'A.'}
    >>> r = parse_jsonl_line(0, "in.jsonl", 8, b'{"text": "caf\\xe9"}\\n', "text")
    >>> r.error, r.message, r.raw
    ('undecodable', 'not UTF-8: invalid continuation byte at byte 13', '{"text": "caf\\\\xe9"}')
    """
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Record(index, source, number, error="undecodable",
                      message=f"not UTF-8: {exc.reason} at byte {exc.start}",
                      raw=_raw_text(data))
    try:
        obj = json.loads(line)
    except ValueError as exc:  # json.JSONDecodeError
        return Record(index, source, number, error="invalid_json",
                      message=f"invalid JSON: {exc}", raw=line.rstrip("\r\n"))
    except RecursionError:  # beyond what this call stack leaves, so beyond MAX_NESTING
        too_deep = True
    else:
        too_deep = isinstance(obj, (dict, list)) and _nesting(obj) > MAX_NESTING
    if too_deep:
        return Record(index, source, number, error="invalid_json",
                      message="invalid JSON: nested too deeply", raw=line.rstrip("\r\n"))
    return _document(index, source, number, obj, field, html=html)


def _nesting(value: dict[str, Any] | list[Any]) -> int:
    """How many containers deep a parsed JSON value goes (``{"a": [1]}`` is 2), level
    by level rather than by recursion, which is what it guards against. A record of
    strings and numbers costs one pass over its values.

    >>> _nesting({"text": "A.", "meta": {"tags": ["a"]}}), _nesting([])
    (3, 1)
    """
    depth = 0
    level: list[Any] = [value]
    while level:
        depth += 1
        level = [child for container in level
                 for child in (container.values() if isinstance(container, dict) else container)
                 if isinstance(child, (dict, list))]
    return depth


class JsonLine(NamedTuple):
    """A non-blank JSONL line read but not parsed yet (:meth:`RecordReader.unparsed`).

    Decoding and parsing a line costs several times what reading it does, so a
    reader that only hands lines on to worker processes leaves that to them.
    """

    file_index: int
    source: str
    line: int
    data: bytes

    @property
    def position(self) -> Position:
        """The reading position just after this line."""
        return Position(self.file_index, self.line)

    def parse(self, field: str, *, html: bool = False) -> Record:
        """The record this line holds, as ``RecordReader`` would have read it."""
        return parse_jsonl_line(self.file_index, self.source, self.line, self.data, field,
                                html=html)


class RecordReader:
    """Iterate over the records of several inputs, in order, in constant memory.

    ``start`` skips everything up to a :class:`Position` (to resume a run) without
    parsing it. :attr:`bytes_read` says how far into the (compressed) input bytes
    reading has come, for a progress bar; :attr:`total_bytes` is ``None`` when an
    input's size is unknown (standard input).

    ``html=True`` reads HTML pages: ``text_field`` is then the field of the page. A
    text file is one page, ``{"path": FILE, text_field: PAGE}``, decoded by its own
    charset; a WARC file gives ``{"warc_record_id": ID, url_field: URL, text_field:
    PAGE}`` per HTML page, and an error record ``invalid_warc`` where it cannot be read
    further; in JSONL and Parquet records the page may be a string or bytes.

    :meth:`unparsed` iterates with JSONL lines left unparsed.
    """

    def __init__(self, inputs: Sequence[str], *, input_format: str = "auto",
                 text_field: str = "text", start: Position | None = None,
                 batch_rows: int = 1024, html: bool = False, url_field: str = "url") -> None:
        self.inputs = list(inputs)
        self.formats = [_input_format(p, input_format) for p in self.inputs]
        if not html and "warc" in self.formats:
            warc = self.inputs[self.formats.index("warc")]
            raise UsageError(f"{warc} is a WARC file, which holds HTML pages: read it with "
                             "`cleanse clean --html`")
        self.text_field = text_field
        self.html = html
        self.url_field = url_field
        self.start = start or Position(0, 0)
        self.batch_rows = batch_rows
        sizes = [None if p == STDIO else os.path.getsize(p) for p in self.inputs]
        self.total_bytes: int | None = None if None in sizes else sum(s or 0 for s in sizes)
        self._sizes = sizes
        self._done_bytes = 0
        self._raw: IO[bytes] | None = None

    @property
    def bytes_read(self) -> int:
        """Input bytes consumed so far (raw, i.e. compressed, bytes)."""
        pos = 0
        if self._raw is not None:
            try:
                pos = self._raw.tell()
            except (OSError, ValueError):  # a pipe, or already closed
                pos = 0
        return self._done_bytes + pos

    def __iter__(self) -> Iterator[Record]:
        for item in self._items(parse=True):
            assert isinstance(item, Record)  # every line was parsed
            yield item

    def unparsed(self) -> Iterator[Record | JsonLine]:
        """The records, but each non-blank JSONL line as a :class:`JsonLine`, which
        :meth:`JsonLine.parse` turns into the same record later, e.g. in a worker
        process (blank lines are blank records, other formats records as usual)."""
        return self._items(parse=False)

    def _items(self, *, parse: bool) -> Iterator[Record | JsonLine]:
        start = self.start
        for index, (path, fmt) in enumerate(zip(self.inputs, self.formats, strict=True)):
            if index < start.file_index:
                self._done_bytes += self._sizes[index] or 0
                continue
            skip = start.line if index == start.file_index else 0
            if fmt == "parquet":
                yield from self._parquet(index, path, skip)
            elif fmt == "warc":
                yield from self._warc(index, path, skip)
            else:
                with _open_input(path) as (raw, stream):
                    self._raw = raw
                    if fmt == "jsonl":
                        yield from self._jsonl(index, path, stream, skip, parse=parse)
                    elif skip < 1:
                        yield (self._page(index, path, stream) if self.html
                               else self._text(index, path, stream))
                    self._raw = None
            self._done_bytes += self._sizes[index] or 0

    def _jsonl(self, index: int, source: str, stream: IO[bytes], skip: int, *, parse: bool
               ) -> Iterator[Record | JsonLine]:
        field, html = self.text_field, self.html
        for number, chunk in enumerate(stream, 1):
            if number <= skip:
                continue
            data = chunk[len(_BOM):] if number == 1 and chunk.startswith(_BOM) else chunk
            if not data or data.isspace():  # the same bytes as `not data.strip()`, uncopied
                yield Record(index, source, number)
            elif parse:
                yield parse_jsonl_line(index, source, number, data, field, html=html)
            else:
                yield JsonLine(index, source, number, data)

    def _text(self, index: int, source: str, stream: IO[bytes]) -> Record:
        data = stream.read()
        if data.startswith(_BOM):
            data = data[len(_BOM):]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            return Record(index, source, line, error="undecodable",
                          message=f"not UTF-8: {exc.reason} at byte {exc.start} (line {line})",
                          raw=_raw_text(data))
        return Record(index, source, 1, fields={"path": source, self.text_field: text})

    def _page(self, index: int, source: str, stream: IO[bytes]) -> Record:
        decoded = decode_html(stream.read())  # the page's own charset; never fails
        return Record(index, source, 1, fields={"path": source, self.text_field: decoded.text},
                      meta={"encoding": decoded.encoding, "encoding_source": decoded.source})

    def _warc(self, index: int, source: str, skip: int) -> Iterator[Record]:
        """The HTML pages of a WARC file; ``line`` is a page's number among them, so a
        resumed run skips the first ``skip`` pages (parsed, not decoded)."""
        with ExitStack() as stack:
            raw = (sys.stdin.buffer if source == STDIO
                   else stack.enter_context(open(source, "rb", buffering=_READ_BUFFER)))
            self._raw = raw
            pages = iter_warc_html(raw)  # warcio undoes gzip itself, member by member
            number = 0
            while True:
                try:
                    page = next(pages, None)
                except ModuleNotFoundError as exc:  # warcio, an optional extra
                    raise UsageError(str(exc)) from exc
                except Exception as exc:  # warcio's errors (and zlib's, EOFError) share no base
                    yield Record(index, source, number + 1, error="invalid_warc",
                                 message=f"cannot read the WARC file after page {number}: "
                                         f"{type(exc).__name__}: {exc}")
                    break
                if page is None:
                    break
                number += 1
                if number <= skip:
                    continue
                decoded = decode_html(page.html, encoding=page.encoding)
                yield Record(index, source, number,
                             fields={"warc_record_id": page.record_id,
                                     self.url_field: page.url,
                                     self.text_field: decoded.text},
                             meta={"encoding": decoded.encoding,
                                   "encoding_source": decoded.source})
            self._raw = None

    def _parquet(self, index: int, source: str, skip: int) -> Iterator[Record]:
        pq = optional("pyarrow.parquet")
        field, html = self.text_field, self.html
        with open(source, "rb") as raw:
            self._raw = raw
            pf = pq.ParquetFile(raw)
            meta = pf.metadata
            first_group, row = 0, 0
            while first_group < meta.num_row_groups and \
                    row + meta.row_group(first_group).num_rows <= skip:
                row += meta.row_group(first_group).num_rows
                first_group += 1
            groups = list(range(first_group, meta.num_row_groups))
            if groups:
                for batch in pf.iter_batches(batch_size=self.batch_rows, row_groups=groups):
                    for obj in batch.to_pylist():
                        row += 1
                        if row > skip:
                            yield _document(index, source, row, obj, field, html=html)
            self._raw = None


def _document(index: int, source: str, number: int, obj: Any, field: str, *,
              html: bool = False) -> Record:
    """A record, checked: an object with ``field`` a string (in html mode: a page, as a
    string or as bytes in the page's own charset)."""
    if not isinstance(obj, dict):
        return Record(index, source, number, error="not_an_object",
                      message=f"a record must be a JSON object, got {type(obj).__name__}",
                      raw=json.dumps(obj, ensure_ascii=False, default=_json_default))
    if field not in obj:
        option = "--html-field" if html else "--text-field"
        return Record(index, source, number, fields=obj, error="missing_field",
                      message=f"no {field!r} field (choose the field with {option})")
    value = obj[field]
    if not (isinstance(value, str) or (html and isinstance(value, bytes))):
        kind = "a string or bytes" if html else "a string"
        return Record(index, source, number, fields=obj, error="not_a_string",
                      message=f"the {field!r} field is {type(value).__name__}, not {kind}")
    return Record(index, source, number, fields=obj)


def _raw_text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace").rstrip("\r\n")


class _open_input:  # noqa: N801 - used like a function, as a context manager
    """Open a path (or ``-``) for binary line reading, decompressing gzip / zstd."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._closers: list[IO[bytes]] = []

    def __enter__(self) -> tuple[IO[bytes], IO[bytes]]:
        raw: IO[bytes]
        if self.path == STDIO:
            raw = sys.stdin.buffer
        else:
            raw = open(self.path, "rb", buffering=_READ_BUFFER)
            self._closers.append(raw)
        head = raw.peek(4)[:4] if hasattr(raw, "peek") else b""
        stream: IO[bytes]
        if head.startswith(_GZIP_MAGIC):
            stream = cast("IO[bytes]", gzip.GzipFile(fileobj=raw, mode="rb"))
        elif head.startswith(_ZSTD_MAGIC):
            reader = optional("zstandard").ZstdDecompressor().stream_reader(
                raw, read_across_frames=True, closefd=False)
            stream = io.BufferedReader(reader, buffer_size=_READ_BUFFER)
        else:
            return raw, raw
        self._closers.insert(0, stream)
        return raw, stream

    def __exit__(self, *exc: object) -> None:
        for f in self._closers:
            f.close()


# -- writing ----------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    """JSON for the values Parquet holds beyond JSON's own types."""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


# json.dumps(obj, ensure_ascii=False, default=_json_default) without building an
# encoder for every line
_encode_json = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode


def dumps_line(obj: Any) -> bytes:
    """One JSON line, UTF-8; a string with lone surrogates is kept as ``\\udXXX`` escapes.

    >>> dumps_line({"text": "é\\ud800"})
    b'{"text": "\\\\u00e9\\\\ud800"}\\n'
    """
    line = _encode_json(obj)
    try:
        return line.encode("utf-8") + b"\n"
    except UnicodeEncodeError:  # lone surrogates: only escapes can carry them
        return json.dumps(obj, ensure_ascii=True, default=_json_default).encode("ascii") + b"\n"


def write_json_atomic(path: str, obj: Any) -> None:
    """Write JSON to ``path`` so that a reader sees the old file or the new, never half."""
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class JsonlWriter:
    """JSON lines to a file or standard output, optionally gzip / zstd compressed.

    ``path`` ``-`` writes to ``stream`` (default: standard output). ``offset`` resumes
    a file at a checkpoint: everything after it is truncated. A
    compressed file is a series of gzip members / zstd frames, one per checkpoint,
    which every reader of those formats reads as one stream.
    """

    def __init__(self, path: str, *, compression: str | None = None,
                 offset: int | None = None, stream: IO[bytes] | None = None) -> None:
        self.path = path
        self.compression = compression
        self._raw: IO[bytes]
        if path == STDIO:  # standard output, or the stream given (e.g. standard error)
            self._raw = stream if stream is not None else sys.stdout.buffer
            self._owned = False
        else:
            self._owned = True
            if offset is None:
                self._raw = open(path, "wb", buffering=_READ_BUFFER)  # noqa: SIM115 - closed in close()
            else:
                self._raw = open(path, "r+b", buffering=_READ_BUFFER)  # noqa: SIM115 - closed in close()
                size = self._raw.seek(0, os.SEEK_END)
                if size < offset:
                    self._raw.close()
                    raise ResumeError(f"{path} is shorter ({size} bytes) than its last "
                                      f"checkpoint ({offset} bytes): start again without --resume")
                self._raw.truncate(offset)
                self._raw.seek(offset)
        self._stream: IO[bytes] | None = None
        self.lines = 0

    def _open_stream(self) -> IO[bytes]:
        stream: IO[bytes]
        if self.compression == "gzip":
            # mtime=0: the same records give the same bytes
            stream = cast("IO[bytes]", gzip.GzipFile(fileobj=self._raw, mode="wb",
                                                     compresslevel=6, mtime=0))
        elif self.compression == "zstd":
            compressor = optional("zstandard").ZstdCompressor(level=3)
            stream = compressor.stream_writer(self._raw, closefd=False)
        else:
            stream = self._raw
        self._stream = stream
        return stream

    def write(self, obj: Any) -> None:
        """Write one record as one line."""
        (self._stream or self._open_stream()).write(dumps_line(obj))
        self.lines += 1

    def write_lines(self, data: bytes, count: int) -> None:
        """Write ``count`` records already made lines by :func:`dumps_line` (and joined),
        e.g. in a worker process."""
        (self._stream or self._open_stream()).write(data)
        self.lines += count

    def write_many(self, objs: Iterable[Any]) -> list[tuple[int, str]]:
        """Write records in order; JSON takes every record, so nothing is rejected."""
        for obj in objs:
            self.write(obj)
        return []

    def _end_segment(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None and stream is not self._raw:
            stream.close()  # ends the gzip member / zstd frame; the file stays open

    def checkpoint(self) -> dict[str, int]:
        """Make everything written so far durable; returns ``{"bytes": size}``."""
        self._end_segment()
        self._raw.flush()
        if not self._owned:
            return {"bytes": 0}
        os.fsync(self._raw.fileno())
        return {"bytes": self._raw.tell()}

    def close(self) -> None:
        """Finish the file (the last member or frame, flush, sync) and close it."""
        self.checkpoint()
        if self._owned:
            self._raw.close()

    def abort(self) -> None:
        """Close without finishing (an interrupted run); the last checkpoint stands."""
        if self._owned:
            self._raw.close()


def changes_type() -> Any:
    """The Parquet type of the ``--changes`` column: a list of change structs."""
    pa = optional("pyarrow")
    return pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64()),
                               ("before", pa.string()), ("after", pa.string()),
                               ("filter", pa.string()), ("reason", pa.string())]))


def parquet_field_types(path: str) -> dict[str, Any]:
    """Column types of a Parquet file, to keep them when writing Parquet again."""
    schema = optional("pyarrow.parquet").read_schema(path)
    return {name: schema.field(name).type for name in schema.names}


class ParquetPartsWriter:
    """Parquet output written as closed part files, merged into one file by :meth:`close`.

    The schema comes from the first rows written (with ``field_types`` for the
    columns whose type is known, e.g. from a Parquet input). Later rows that do not
    fit it (a new field, another type) are rejected by :meth:`write_many`, which says
    which and why, so the caller can record them as errors instead of losing them.
    """

    def __init__(self, path: str, *, field_types: Mapping[str, Any] | None = None,
                 parts: int | None = None, row_group_rows: int = 2048,
                 merge_rows: int = 65536, merge_bytes: int = 32 << 20) -> None:
        pa, pq = optional("pyarrow"), optional("pyarrow.parquet")
        self._pa, self._pq = pa, pq
        self.path = path
        self.parts_dir = f"{path}.parts"
        self.field_types = dict(field_types or {})
        self.row_group_rows = row_group_rows
        self.merge_rows = merge_rows
        self.merge_bytes = merge_bytes
        self.schema: Any = None
        if parts is None:  # a fresh start
            shutil.rmtree(self.parts_dir, ignore_errors=True)
            os.makedirs(self.parts_dir)
            self.parts = 0
        else:
            os.makedirs(self.parts_dir, exist_ok=True)
            for name in os.listdir(self.parts_dir):  # parts begun after the checkpoint
                if not name.startswith("part-") or int(name[5:11]) >= parts:
                    os.remove(os.path.join(self.parts_dir, name))
            if any(not os.path.exists(self._part_path(i)) for i in range(parts)):
                raise ResumeError(f"part files of {path} are missing: start again "
                                  "without --resume")
            self.parts = parts
            if parts:
                self.schema = pq.read_schema(self._part_path(0))
        self._writer: Any = None
        self._pending: list[Any] = []
        self._pending_rows = 0
        self.lines = 0

    def _part_path(self, index: int) -> str:
        return os.path.join(self.parts_dir, f"part-{index:06d}.parquet")

    def _infer_schema(self, rows: list[dict[str, Any]]) -> Any:
        pa = self._pa
        names: dict[str, None] = {}
        for row in rows:
            names.update(dict.fromkeys(row))
        fields = []
        for name in names:
            typ = self.field_types.get(name)
            if typ is None:
                values = [row.get(name) for row in rows]
                try:
                    typ = pa.array(values).type
                except (pa.ArrowException, ValueError, TypeError, OverflowError):
                    first = next(v for v in values if v is not None)
                    typ = pa.array([first]).type
                typ = _no_null(pa, typ)
            fields.append(pa.field(name, typ))
        return pa.schema(fields)

    def _table(self, rows: list[dict[str, Any]]) -> tuple[Any, list[tuple[int, str]]]:
        pa = self._pa
        arrow_errors = (pa.ArrowException, ValueError, TypeError, OverflowError)
        names = set(self.schema.names)
        rejected: list[tuple[int, str]] = []
        fitting: list[tuple[int, dict[str, Any]]] = []
        for i, row in enumerate(rows):
            extra = [k for k in row if k not in names]
            if extra:
                rejected.append((i, f"field(s) {', '.join(map(repr, extra))} not in the "
                                    "Parquet schema taken from the first records"))
            else:
                fitting.append((i, row))
        try:
            return pa.Table.from_pylist([row for _, row in fitting], schema=self.schema), rejected
        except arrow_errors:
            pass
        kept: list[dict[str, Any]] = []
        for i, row in fitting:  # find the rows that do not fit, one by one
            try:
                pa.Table.from_pylist([row], schema=self.schema)
            except arrow_errors as exc:
                rejected.append((i, f"does not fit the Parquet schema taken from the first "
                                    f"records: {exc}"))
            else:
                kept.append(row)
        return pa.Table.from_pylist(kept, schema=self.schema), sorted(rejected)

    def write_many(self, rows: list[dict[str, Any]]) -> list[tuple[int, str]]:
        """Write rows; returns ``(index, reason)`` for each row that does not fit."""
        if not rows:
            return []
        if self.schema is None:
            self.schema = self._infer_schema(rows)
        table, rejected = self._table(rows)
        if table.num_rows:
            self._pending.append(table)
            self._pending_rows += table.num_rows
            self.lines += table.num_rows
            if self._pending_rows >= self.row_group_rows:
                self._flush()
        return rejected

    def _flush(self) -> None:
        if not self._pending:
            return
        if self._writer is None:
            self._writer = self._pq.ParquetWriter(self._part_path(self.parts), self.schema)
        self._writer.write_table(self._pa.concat_tables(self._pending))
        self._pending, self._pending_rows = [], 0

    def checkpoint(self) -> dict[str, int]:
        """Close the current part file; returns ``{"parts": count}``."""
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
            with open(self._part_path(self.parts), "rb") as f:
                os.fsync(f.fileno())
            self.parts += 1
        return {"parts": self.parts}

    def close(self) -> None:
        """Merge the parts into :attr:`path`, in row groups of at most about ``merge_rows``
        rows or ``merge_bytes`` bytes, so memory stays bounded however many rows."""
        self.checkpoint()
        pa, pq = self._pa, self._pq
        schema = self.schema if self.schema is not None else pa.schema(
            [pa.field(k, v) for k, v in self.field_types.items()])
        with pq.ParquetWriter(self.path, schema) as out:
            pending: list[Any] = []
            rows = size = 0
            for i in range(self.parts):
                pf = pq.ParquetFile(self._part_path(i))
                for g in range(pf.metadata.num_row_groups):
                    table = pf.read_row_group(g)
                    pending.append(table)
                    rows += table.num_rows
                    size += table.nbytes
                    if rows >= self.merge_rows or size >= self.merge_bytes:
                        out.write_table(pa.concat_tables(pending))
                        pending, rows, size = [], 0, 0
            if pending:
                out.write_table(pa.concat_tables(pending))
        with open(self.path, "rb") as f:
            os.fsync(f.fileno())
        shutil.rmtree(self.parts_dir, ignore_errors=True)

    def abort(self) -> None:
        """Stop without merging (an interrupted run); closed parts stand."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def _no_null(pa: Any, typ: Any) -> Any:
    """Columns that were all null in the first rows become strings (the likeliest)."""
    if pa.types.is_null(typ):
        return pa.string()
    if pa.types.is_list(typ) and pa.types.is_null(typ.value_type):
        return pa.list_(pa.string())
    return typ
