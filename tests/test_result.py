"""Result: the public view of one cleaned document."""

from __future__ import annotations

import json
import pickle

import pytest

import cleanse
from cleanse import Pipeline, ProvenanceError, Result
from cleanse.filters import Whitespace

WS = Pipeline([Whitespace()])


def test_changes_replay_and_name_filter_and_reason() -> None:
    r = WS("Título  do artigo \r\n\r\n\r\n\r\nCorpo.\n")
    assert r.text == "Título do artigo\n\nCorpo.\n"
    assert [(c.filter, c.reason) for c in r.changes] == [
        ("whitespace", "space_run"),
        ("whitespace", "trailing_space"),
        ("whitespace", "line_ending"),
        ("whitespace", "line_ending"),
        ("whitespace", "blank_lines"),
    ]
    for c in r.changes:
        assert r.original[c.start : c.end] == c.before


def test_issue_example_shows_a_recorded_change() -> None:
    r = cleanse.clean("a  \r\nb")
    assert r.text == "a\nb"
    assert {(c.filter, c.reason) for c in r.changes} == {
        ("whitespace", "trailing_space"), ("line_endings", "line_ending")}


def test_to_dict_is_json_safe_and_round_trips() -> None:
    r = WS("x\ud800  y \n\n\n")  # a lone surrogate survives the round trip
    data = json.loads(json.dumps(r.to_dict()))
    assert Result.from_dict(data) == r
    assert data["version"] == 1


def test_from_dict_rejects_tampered_changes() -> None:
    data = WS("a  b").to_dict()
    data["changes"][0]["before"] = "zz"
    with pytest.raises(ProvenanceError):
        Result.from_dict(data)
    data = WS("a  b").to_dict()
    data["text"] = "something else"
    with pytest.raises(ProvenanceError, match="replay"):
        Result.from_dict(data)
    with pytest.raises(ProvenanceError):
        Result.from_dict({"original": "a"})


def test_stats_are_derived_from_changes() -> None:
    r = WS("a  b   c\n\n\n\nd")
    assert r.stats() == {"whitespace": {
        "space_run": {"changes": 2, "chars_removed": 5, "chars_added": 2},
        "blank_lines": {"changes": 1, "chars_removed": 2, "chars_added": 0},
    }}


def test_explain_is_readable() -> None:
    r = WS("a  b\n\n\n\nc")
    text = r.explain()
    assert "2 changes" in text
    assert "whitespace/space_run" in text
    assert "whitespace/blank_lines" in text
    assert WS("clean").explain() == "no changes"


def test_span_maps_through_result() -> None:
    r = WS("a  b")
    assert r.text == "a b"
    assert r.source_span(2, 3) == (3, 4)
    assert r.output_span(1, 3) == (1, 2)


def test_result_pickles() -> None:
    r = WS("a  b")
    assert pickle.loads(pickle.dumps(r)) == r
