"""Readers and writers of the CLI: every format, compression, errors, checkpoints."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from cleanse.io import (
    MAX_NESTING,
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
    output_format,
    parse_jsonl_line,
)

ROWS = [
    {"id": "en-1", "text": "The ferry leaves at nine.  \n\n\n\nIt returns at noon.", "n": 1},
    {"id": "fr-1", "text": "Le marché ouvre à huit heures.\r\nIl ferme à midi.", "n": 2},
    {"id": "ja-1", "text": "図書館は月曜日に休館します。\n", "n": 3},
    {"id": "ar-1", "text": "تفتح المكتبة أبوابها في الصباح.", "n": 4},
]


def _jsonl_bytes(rows: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows)


def _zstd(data: bytes) -> bytes:
    return zstandard.ZstdCompressor().compress(data)


def _decompress(path: Path) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data[:4] == b"\x28\xb5\x2f\xfd":
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data),
                                                            read_across_frames=True)
        return reader.read()
    return data


# -- formats ----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [
    ("a.jsonl", "jsonl"), ("a.JSONL.GZ", "jsonl"), ("a.ndjson.zst", "jsonl"),
    ("a.json", "jsonl"), ("a.parquet", "parquet"), ("a.pq", "parquet"), ("a.txt", "text"),
    ("notes", "text"), ("a.txt.gz", "text"), ("-", "jsonl"),
])
def test_input_format_by_name(name: str, fmt: str) -> None:
    assert input_format(name) == fmt


def test_input_format_explicit_and_errors() -> None:
    assert input_format("data.bin", "jsonl") == "jsonl"
    assert input_format("-", "text") == "text"
    with pytest.raises(UsageError, match="standard input"):
        input_format("-", "parquet")
    with pytest.raises(UsageError, match="unknown input format"):
        input_format("a.csv", "csv")


@pytest.mark.parametrize(("name", "expected"), [
    ("o.jsonl", ("jsonl", None)), ("o.jsonl.gz", ("jsonl", "gzip")),
    ("o.jsonl.zst", ("jsonl", "zstd")), ("o.parquet", ("parquet", None)), ("-", ("jsonl", None)),
])
def test_output_format(name: str, expected: tuple[str, str | None]) -> None:
    assert output_format(name) == expected


@pytest.mark.parametrize("name", ["o.csv", "o.txt", "o.parquet.gz"])
def test_output_format_refuses_what_it_cannot_write(name: str) -> None:
    with pytest.raises(UsageError, match="cannot tell the output format"):
        output_format(name)


# -- reading ----------------------------------------------------------------------------


@pytest.mark.parametrize("compress", [None, "gzip", "zstd"])
def test_jsonl_reads_plain_and_compressed_alike(tmp_path: Path, compress: str | None) -> None:
    data = _jsonl_bytes(ROWS)
    # the name says nothing: compression is recognised by its first bytes
    path = tmp_path / "corpus.jsonl"
    path.write_bytes({None: data, "gzip": gzip.compress(data), "zstd": _zstd(data)}[compress])
    records = list(RecordReader([str(path)]))
    assert [r.fields for r in records] == ROWS
    assert [r.line for r in records] == [1, 2, 3, 4]
    assert all(r.kind == "document" and r.source == str(path) for r in records)


def test_zstd_with_several_frames_reads_as_one_stream(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.zst"
    path.write_bytes(_zstd(_jsonl_bytes(ROWS[:2])) + _zstd(_jsonl_bytes(ROWS[2:])))
    assert [r.fields for r in RecordReader([str(path)])] == ROWS


MALFORMED = (
    b'\xef\xbb\xbf{"text": "first line has a BOM"}\n'   # 1 ok
    b"\n"                                                # 2 blank
    b"   \r\n"                                           # 3 blank
    b'{"text": "unterminated\n'                         # 4 invalid JSON
    b'{"body": "no text field"}\n'                       # 5 missing field
    b'{"text": null}\n'                                  # 6 not a string
    b'["text", "a list"]\n'                              # 7 not an object
    b'{"text": "caf\xe9"}\n'                             # 8 Latin-1, not UTF-8
    + b"[" * 100_000 + b"\n"                             # 9 nested too deeply
    + b'{"text": "last, no final newline"}'             # 10 ok
)


def test_jsonl_malformed_records_become_errors_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(MALFORMED)
    records = list(RecordReader([str(path)]))
    got = [(r.line, r.kind, r.error) for r in records]
    assert got == [
        (1, "document", None), (2, "blank", None), (3, "blank", None),
        (4, "error", "invalid_json"), (5, "error", "missing_field"),
        (6, "error", "not_a_string"), (7, "error", "not_an_object"),
        (8, "error", "undecodable"), (9, "error", "invalid_json"), (10, "document", None),
    ]
    assert records[0].fields == {"text": "first line has a BOM"}
    undecodable = error_record(records[7])
    assert undecodable["raw"] == '{"text": "caf\\xe9"}'
    assert undecodable["source"] == str(path) and undecodable["line"] == 8
    assert error_record(records[4])["record"] == {"body": "no text field"}
    assert "--text-field" in records[4].message


def test_unparsed_lines_parse_to_the_same_records(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(MALFORMED)
    items = list(RecordReader([str(path)]).unparsed())
    # blank lines are records already; every other line is left as read, but the BOM
    assert [isinstance(i, JsonLine) for i in items] == [True, False, False] + [True] * 7
    assert items[0] == JsonLine(0, str(path), 1, b'{"text": "first line has a BOM"}\n')
    assert items[-1].position == Position(0, 10)
    parsed = [i.parse("text") if isinstance(i, JsonLine) else i for i in items]
    assert parsed == list(RecordReader([str(path)]))
    resumed = list(RecordReader([str(path)], start=Position(0, 4)).unparsed())
    assert [i.line for i in resumed] == [5, 6, 7, 8, 9, 10]


def test_parse_jsonl_line_keeps_escaped_nul_and_surrogates_and_refuses_raw_nul() -> None:
    def parse(data: bytes) -> Record:
        return parse_jsonl_line(2, "in.jsonl", 9, data, "text")

    doc = parse(b'{"text": "a\\u0000b \\ud800", "id": "\\udfff"}\r\n')
    assert (doc.kind, doc.file_index, doc.source, doc.line) == ("document", 2, "in.jsonl", 9)
    assert doc.fields == {"text": "a\x00b \ud800", "id": "\udfff"}
    assert parse(b'{"text": ""}\n').fields == {"text": ""}  # empty, but a document
    raw_nul = parse(b'{"text": "a\x00b"}\n')  # JSON does not allow a raw control character
    assert (raw_nul.error, raw_nul.raw) == ("invalid_json", '{"text": "a\x00b"}')
    assert "Invalid control character" in (raw_nul.message or "")
    bad = parse(b'{"text": "caf\xe9"}\r\n')
    assert (bad.error, bad.raw) == ("undecodable", '{"text": "caf\\xe9"}')


def _nested(depth: int) -> bytes:
    """A record whose containers nest ``depth`` deep, the record itself counted."""
    inner = depth - 1
    return b'{"text": "A.", "m": ' + b"[" * inner + b"]" * inner + b"}\n"


def _at_stack_depth(frames: int, fn: Any) -> Any:
    return fn() if frames == 0 else _at_stack_depth(frames - 1, fn)


def test_nesting_limit_is_the_same_however_deep_the_caller() -> None:
    # Python's own parser gives up where its recursion limit says, which depends on
    # the caller's stack: the limit must not (a worker's stack is not the parent's)
    for frames in (0, 60):
        ok = _at_stack_depth(frames, lambda: parse_jsonl_line(0, "x", 1, _nested(MAX_NESTING),
                                                               "text"))
        deep = _at_stack_depth(frames, lambda: parse_jsonl_line(
            0, "x", 2, _nested(MAX_NESTING + 1), "text"))
        assert ok.kind == "document"
        assert (deep.error, deep.message) == ("invalid_json", "invalid JSON: nested too deeply")
        assert deep.raw == _nested(MAX_NESTING + 1).decode().rstrip("\n")
    way_too_deep = parse_jsonl_line(0, "x", 3, b"[" * 100_000, "text")
    assert (way_too_deep.error, way_too_deep.message) == ("invalid_json",
                                                           "invalid JSON: nested too deeply")


def test_text_field_option(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"body": "Texto."}\n{"text": "x"}\n', encoding="utf-8")
    records = list(RecordReader([str(path)], text_field="body"))
    assert [r.kind for r in records] == ["document", "error"]


def test_text_files_are_one_document_each(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("Première ligne.\nDeuxième ligne.\n", encoding="utf-8")
    b = tmp_path / "b.txt.gz"
    b.write_bytes(gzip.compress(b"Zweiter Text."))
    c = tmp_path / "c.txt"
    c.write_bytes(b"fine\nstill fine\nbroken \xff here\n")
    records = list(RecordReader([str(a), str(b), str(c)]))
    assert [r.fields for r in records[:2]] == [
        {"path": str(a), "text": "Première ligne.\nDeuxième ligne.\n"},
        {"path": str(b), "text": "Zweiter Text."},
    ]
    assert records[2].error == "undecodable"
    assert records[2].line == 3  # the line holding the first bad byte
    assert [r.file_index for r in records] == [0, 1, 2]


def _write_parquet(path: Path, rows: list[dict[str, Any]], row_group_size: int) -> None:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)


def test_parquet_reads_in_batches_with_row_numbers(tmp_path: Path) -> None:
    rows = [{"id": i, "text": f"Zeile {i}.", "score": i / 2} for i in range(1, 26)]
    rows[6]["text"] = None
    path = tmp_path / "c.parquet"
    _write_parquet(path, rows, row_group_size=4)
    records = list(RecordReader([str(path)], batch_rows=3))
    assert [r.line for r in records] == list(range(1, 26))
    assert records[6].error == "not_a_string"
    assert [r.fields for r in records if r.kind == "document"] == [
        r for r in rows if r["text"] is not None]


@pytest.mark.parametrize("skip", [0, 1, 3, 4, 5, 11, 12, 24, 25])
def test_parquet_resume_position_skips_exactly(tmp_path: Path, skip: int) -> None:
    rows = [{"id": i, "text": f"Riga {i}."} for i in range(1, 26)]
    path = tmp_path / "c.parquet"
    _write_parquet(path, rows, row_group_size=4)
    records = list(RecordReader([str(path)], start=Position(0, skip), batch_rows=3))
    assert [r.line for r in records] == list(range(skip + 1, 26))


def test_resume_position_across_files(tmp_path: Path) -> None:
    paths = []
    for i in range(3):
        p = tmp_path / f"{i}.jsonl"
        p.write_bytes(_jsonl_bytes([{"text": f"{i}-{j}"} for j in range(4)]))
        paths.append(str(p))
    texts = [r.fields["text"] for r in RecordReader(paths, start=Position(1, 2))
             if r.fields is not None]
    assert texts == ["1-2", "1-3", "2-0", "2-1", "2-2", "2-3"]


def test_progress_counts_raw_bytes(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(_jsonl_bytes(ROWS)))
    reader = RecordReader([str(path)])
    assert reader.total_bytes == path.stat().st_size
    list(reader)
    assert reader.bytes_read == path.stat().st_size


# -- writing ----------------------------------------------------------------------------


def test_dumps_line_keeps_lone_surrogates_as_escapes() -> None:
    line = dumps_line({"text": "naïve \ud83d"})
    assert json.loads(line) == {"text": "naïve \ud83d"}
    assert dumps_line({"text": "naïve"}) == '{"text": "naïve"}\n'.encode()


@pytest.mark.parametrize("compression", [None, "gzip", "zstd"])
def test_jsonl_writer_resumes_at_checkpoint(tmp_path: Path, compression: str | None) -> None:
    path = tmp_path / "out.jsonl"
    w = JsonlWriter(str(path), compression=compression)
    w.write_many(ROWS[:2])
    state = w.checkpoint()
    w.write_many(ROWS[2:])  # written after the checkpoint, then the process dies
    w.abort()
    w = JsonlWriter(str(path), compression=compression, offset=state["bytes"])
    w.write_lines(b"".join(dumps_line(r) for r in ROWS[2:]), 2)  # lines encoded elsewhere
    w.close()
    assert _decompress(path) == _jsonl_bytes(ROWS)
    assert w.lines == 2


def test_jsonl_writer_refuses_a_short_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_bytes(b"{}\n")
    with pytest.raises(ResumeError, match="shorter"):
        JsonlWriter(str(path), offset=100)


def test_parquet_writer_merges_parts_and_rejects_misfits(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet.partial"
    w = ParquetPartsWriter(str(path), field_types={"changes": changes_type()},
                           row_group_rows=2)
    assert w.write_many([{"id": 1, "text": "a", "changes": []},
                         {"id": 2, "text": "b", "tags": None, "changes": []}]) == []
    w.checkpoint()
    rejected = w.write_many([{"id": 3, "text": "c", "extra": 1},
                             {"id": "four", "text": "d"},
                             {"id": 5, "text": "e", "tags": "x",
                              "changes": [{"start": 0, "end": 1, "before": "e", "after": "",
                                           "filter": "f", "reason": "r"}]}])
    assert [i for i, _ in rejected] == [0, 1]
    assert "extra" in rejected[0][1]
    w.close()
    table = pq.read_table(path)
    assert table.column("id").to_pylist() == [1, 2, 5]
    assert table.schema.field("tags").type == pa.string()  # all-null at first: string
    assert table.column("changes").to_pylist()[2][0]["reason"] == "r"
    assert not Path(f"{path}.parts").exists()


def test_parquet_writer_resume_drops_parts_after_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet.partial"
    w = ParquetPartsWriter(str(path))
    w.write_many([{"text": "one"}])
    state = w.checkpoint()
    w.write_many([{"text": "two"}])
    w.checkpoint()  # a checkpoint whose progress record was never written
    w.write_many([{"text": "three"}])
    w.abort()
    w = ParquetPartsWriter(str(path), parts=state["parts"])
    w.write_many([{"text": "two"}, {"text": "three"}])
    w.close()
    assert pq.read_table(path).column("text").to_pylist() == ["one", "two", "three"]


def test_parquet_writer_with_no_rows_writes_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    w = ParquetPartsWriter(str(path), field_types={"text": pa.string()})
    w.close()
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.names == ["text"]


def test_missing_optional_dependency_says_how_to_install(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.parquet"
    _write_parquet(path, ROWS, row_group_size=2)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # as if not installed
    with pytest.raises(UsageError, match=r"pip install 'cleanse\[cli\]'"):
        list(RecordReader([str(path)]))
