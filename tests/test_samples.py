"""Regression samples: the independent specification the filters are measured against.

Every directory ``samples/<id>/`` holds one scraped article written for this project:

- ``input.txt``: the dirty article, UTF-8, exactly as a scraper hands it over (line
  endings included, so it is read as bytes);
- ``expected.txt``: what ``cleanse.clean(input)`` must return with the default pipeline;
- ``case.json``: ``label``, ``language`` (ISO 639-1), ``comment`` (why the case exists),
  ``removals`` (``filter``, ``reason``, ``line``: a whole input line, without its line
  break), ``repairs`` (``filter``, ``reason``, ``before``: a snippet of the input around
  the repair, ``after``: the same snippet in the output), optional ``strict``
  (``{"removals": [...]}``: lines the strict preset removes in addition), ``url`` and
  ``title`` (document context), ``xfail`` / ``xfail_strict`` (why a known failure of the
  default / strict test is expected; set only by the lead).

Where the contract allows two attributions (an ``ift.tt`` line inside an autoblog tail
is both a short link and part of the tail), an entry lists the others under
``alternatives``; the first attribution is the one the coverage check counts. A removal
with ``occurrence`` (1-based among equal lines) picks that copy; otherwise the *last*
equal line is the junk one (a repeated title comes after the real one).

Ids containing ``trap`` or ``clean`` must come out byte-identical (law L6).

The expected output is defined without any filter code: the input minus the removed
lines (each with its line break), with the repairs applied, line endings made ``\\n``,
trailing spaces dropped, blank-line runs collapsed to one blank line, no blank lines at
the top and at most one final line break. ``test_sample_data`` checks every sample
against that definition, so the data cannot drift from what it claims.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import regex

import cleanse
from cleanse import Change, Pipeline, Result

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"

#: The filter names and reason codes of the contract (default pipeline order).
CONTRACT: dict[str, tuple[str, ...]] = {
    "line_endings": ("line_ending",),
    "fix_encoding": ("mojibake", "html_entity", "control_char", "zero_width", "width_form"),
    "edge_residue": ("nav_residue", "adblock_notice"),
    "autoblog_tail": ("autoblog_marker", "feed_name", "ifttt_date", "repeated_title",
                      "appeared_first", "tail_block"),
    "comment_form": ("comment_form", "comment_notice", "comment_count", "comments_closed"),
    "related_links": ("related_headline",),
    "link_lines": ("short_link", "bare_url", "source_url"),
    "call_to_action": ("share", "follow", "subscribe", "newsletter", "app_download", "cookie",
                       "advertisement", "click_here"),
    "punctuation": ("doubled_stop", "stray_comma", "space_before_punct", "doubled_comma",
                    "empty_brackets", "missing_space"),
    # line endings are fixed by line_endings, first; whitespace keeps the rule for texts
    # that reach it otherwise (a custom pipeline), so no sample can exercise it here
    "whitespace": ("trailing_space", "blank_lines", "space_run", "odd_space"),
}
#: Only in the strict preset.
STRICT_CONTRACT: dict[str, tuple[str, ...]] = {"language_consistency": ("foreign_language",)}
#: Whitespace repairs the expected-output definition applies by itself.
STRUCTURAL = {("line_endings", "line_ending"), ("whitespace", "trailing_space"),
              ("whitespace", "blank_lines")}

CASE_KEYS = {"label", "language", "comment", "removals", "repairs", "strict", "url", "title",
             "xfail", "xfail_strict"}
REMOVAL_KEYS = {"filter", "reason", "line", "alternatives", "occurrence"}
REPAIR_KEYS = {"filter", "reason", "before", "after", "alternatives"}

MIN_SAMPLES = 40
MIN_LANGUAGES = 8
MIN_UNCHANGED = 15
MIN_STRICT = 2
CJK_OR_ARABIC = {"ja", "zh", "ko", "ar", "fa"}
LINES_PER_SAMPLE = (6, 25)  # non-blank lines of input.txt

_TRAILING = regex.compile(r"[\t\p{Zs}]+$", regex.MULTILINE)
_INLINE_RUN = regex.compile(r"(?<=\S) {2,}(?=\S)")
_ODD_OR_INVISIBLE = regex.compile("[\u2000-\u200b\u205f\ufeff\r]")


# -- loading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One sample directory, read exactly (bytes decoded as UTF-8, no newline translation)."""

    id: str
    input: str = field(repr=False)
    expected: str = field(repr=False)
    case: dict[str, Any] = field(repr=False)

    @property
    def unchanged(self) -> bool:
        """Trap and clean samples must pass through byte-identical."""
        return "trap" in self.id.split("_") or "clean" in self.id.split("_")

    @property
    def removals(self) -> list[dict[str, Any]]:
        return list(self.case.get("removals", []))

    @property
    def strict_removals(self) -> list[dict[str, Any]]:
        return list(self.case.get("strict", {}).get("removals", []))

    @property
    def repairs(self) -> list[dict[str, Any]]:
        return list(self.case.get("repairs", []))


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def load_samples() -> list[Sample]:
    """Every sample under ``samples/``, sorted by id."""
    if not SAMPLES_DIR.is_dir():
        return []
    return [
        Sample(d.name, _read(d / "input.txt"), _read(d / "expected.txt"),
               json.loads(_read(d / "case.json")))
        for d in sorted(SAMPLES_DIR.iterdir())
        if d.is_dir()
    ]


ALL_SAMPLES = load_samples()


def _params(xfail_key: str) -> list[Any]:
    return [
        pytest.param(s, id=s.id, marks=[pytest.mark.xfail(reason=s.case[xfail_key], strict=True)]
                     if xfail_key in s.case else [])
        for s in ALL_SAMPLES
    ]


@functools.cache
def _strict() -> Pipeline:
    return cleanse.strict_pipeline()


# -- the expected output, defined without filters --------------------------------------


def locate_removals(text: str, removals: Sequence[dict[str, Any]]) -> list[int]:
    """Line index (in ``text.split("\\n")``) of each listed removal, in list order.

    A line matches when it equals the entry's ``line`` once a trailing ``\\r`` is
    dropped. Without ``occurrence`` the last equal line not yet taken is the junk one.
    """
    lines = [ln.removesuffix("\r") for ln in text.split("\n")]
    taken: list[int] = []
    for entry in removals:
        equal = [i for i, ln in enumerate(lines) if ln == entry["line"]]
        if "occurrence" in entry:
            picked = equal[entry["occurrence"] - 1] if 0 < entry["occurrence"] <= len(equal) else -1
        else:
            free = [i for i in equal if i not in taken]
            picked = free[-1] if free else -1
        if picked < 0 or picked in taken:
            raise LookupError(f"removal {entry['line']!r} is not a (free) line of the input")
        taken.append(picked)
    return taken


def normalise_whitespace(text: str) -> str:
    """LF line endings, no trailing spaces, one blank line at most, none on top, one final break."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRAILING.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", text).lstrip("\n")
    return text.rstrip("\n") + "\n" if text.endswith("\n") else text


def expected_text(text: str, removals: Sequence[dict[str, Any]],
                  repairs: Sequence[dict[str, Any]]) -> str:
    """The input minus the removed lines, with the repairs, whitespace normalised."""
    drop = set(locate_removals(text, removals))
    out = "\n".join(ln for i, ln in enumerate(text.split("\n")) if i not in drop)
    for rep in repairs:
        if (rep["filter"], rep["reason"]) not in STRUCTURAL:
            out = out.replace(rep["before"], rep["after"])
    return normalise_whitespace(out)


# -- checking a result -----------------------------------------------------------------


def _accepts(change: Change, entry: dict[str, Any]) -> bool:
    """Does the change carry the entry's filter and reason (or an allowed alternative)?

    A change that merged the work of several filters names them all with ``+``.
    """
    filters, reasons = change.filter.split("+"), change.reason.split("+")
    pairs = [entry, *entry.get("alternatives", [])]
    return any(p["filter"] in filters and p["reason"] in reasons for p in pairs)


def _line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line's content (without ``\\n`` and a trailing ``\\r``)."""
    spans, pos = [], 0
    for ln in text.split("\n"):
        spans.append((pos, pos + len(ln.removesuffix("\r"))))
        pos += len(ln) + 1
    return spans


def replay(result: Result) -> str:
    """Apply the recorded changes to the original (law L4)."""
    parts, pos = [], 0
    for c in result.changes:
        parts.append(result.original[pos:c.start])
        parts.append(c.after)
        pos = c.end
    parts.append(result.original[pos:])
    return "".join(parts)


def _diff(want: str, got: str) -> str:
    lines = difflib.unified_diff([repr(x) for x in want.split("\n")],
                                 [repr(x) for x in got.split("\n")],
                                 "expected", "got", lineterm="", n=1)
    return "\n".join(lines)


def _removal_problems(result: Result, removals: Sequence[dict[str, Any]]) -> list[str]:
    """(b) every listed line removed by its filter; (c) no other non-blank line removed."""
    problems = []
    original = result.original
    spans = _line_spans(original)
    located = locate_removals(original, removals)
    removal_changes = [c for c in result.changes if c.after == ""]
    for entry, index in zip(removals, located, strict=True):
        start, end = spans[index]
        if not any(c.start <= start and end <= c.end and _accepts(c, entry)
                   for c in removal_changes):
            seen = [f"{c.filter}/{c.reason}" for c in result.changes
                    if c.start < end and c.end > start] or ["nothing"]
            problems.append(f"not removed as {entry['filter']}/{entry['reason']}: "
                            f"{entry['line']!r} (got: {', '.join(seen)})")
    allowed = set(located)
    for c in removal_changes:
        for index, (start, end) in enumerate(spans):
            if (index not in allowed and c.start <= start and end <= c.end
                    and original[start:end].strip()):
                problems.append(f"removed a line that is not junk ({c.filter}/{c.reason}): "
                                f"{original[start:end]!r}")
    return problems


def _repair_problems(result: Result, repairs: Iterable[dict[str, Any]]) -> list[str]:
    """(d) every listed repair happened, by its filter and reason, inside its snippet."""
    problems = []
    for rep in repairs:
        before = rep["before"]
        places = [m.start() for m in re.finditer(re.escape(before), result.original)]

        def inside(c: Change, places: list[int] = places, size: int = len(before)) -> bool:
            return any(p <= c.start and c.end <= p + size if c.start == c.end
                       else c.start < p + size and c.end > p for p in places)

        if not any(c.before != c.after and _accepts(c, rep) and inside(c)
                   for c in result.changes):
            problems.append(f"repair {rep['filter']}/{rep['reason']} missing: "
                            f"{before!r} -> {rep['after']!r}")
        elif rep["after"] not in result.text:
            problems.append(f"repair {rep['filter']}/{rep['reason']} gave another text than "
                            f"{rep['after']!r}")
    return problems


def _report(sample: Sample, want: str, result: Result, problems: list[str]) -> str:
    out = [f"{sample.id}: {sample.case['label']}", *problems]
    if result.text != want:
        out += ["text differs (one repr per line):", _diff(want, result.text)]
    out += ["changes made:", result.explain()]
    return "\n".join(out)


# -- the tests -------------------------------------------------------------------------


@pytest.mark.parametrize("sample", _params("xfail"))
def test_sample(sample: Sample) -> None:
    """Default pipeline: exact text, listed removals and repairs, nothing else, replay."""
    result = cleanse.clean(sample.input, url=sample.case.get("url"),
                           title=sample.case.get("title"))
    problems = _removal_problems(result, sample.removals)
    problems += _repair_problems(result, sample.repairs)
    if replay(result) != result.text:
        problems.append("the changes do not replay to the text")
    if result.text == sample.expected:
        again = cleanse.clean(result.text, url=sample.case.get("url"),
                              title=sample.case.get("title"))
        if again.changes:
            problems.append("cleaning the output again changes it (law L5):\n"
                            + again.explain())
    ok = result.text == sample.expected and not problems
    assert ok, _report(sample, sample.expected, result, problems)


@pytest.mark.parametrize("sample", _params("xfail_strict"))
def test_sample_strict(sample: Sample) -> None:
    """Strict preset: the default expectations plus the ``strict`` removals, nothing more."""
    removals = sample.removals + sample.strict_removals
    want = expected_text(sample.input, removals, sample.repairs)
    result = _strict()(sample.input, url=sample.case.get("url"),
                       title=sample.case.get("title"))
    problems = _removal_problems(result, removals)
    problems += _repair_problems(result, sample.repairs)
    if replay(result) != result.text:
        problems.append("the changes do not replay to the text")
    ok = result.text == want and not problems
    assert ok, _report(sample, want, result, problems)


# -- the samples themselves ------------------------------------------------------------


def _attribution_problems(entries: Iterable[dict[str, Any]], keys: set[str],
                          contract: dict[str, tuple[str, ...]]) -> list[str]:
    problems = []
    for entry in entries:
        if not keys >= set(entry) or not {"filter", "reason"} <= set(entry):
            problems.append(f"bad keys {sorted(entry)}")
            continue
        for pair in [entry, *entry.get("alternatives", [])]:
            if pair.get("reason") not in contract.get(pair.get("filter", ""), ()):
                problems.append(f"not in the contract: {pair.get('filter')}/{pair.get('reason')}")
    return problems


def _schema_problems(sample: Sample) -> list[str]:
    case = sample.case
    problems = [f"unknown keys {sorted(set(case) - CASE_KEYS)}"] if set(case) - CASE_KEYS else []
    for key in ("label", "language", "comment"):
        if not isinstance(case.get(key), str) or not case[key].strip():
            problems.append(f"{key} must be a non-empty string")
    if not re.fullmatch(r"[a-z]{2}", str(case.get("language"))):
        problems.append("language must be an ISO 639-1 code")
    elif not sample.id.startswith(case["language"] + "_"):
        problems.append("the id must start with the language code")
    if not re.fullmatch(r"[a-z]{2}(_[a-z0-9]+)+", sample.id):
        problems.append("ids are snake_case: <language>_<family or trap>_<topic>")
    for key in ("url", "title", "xfail", "xfail_strict"):
        if key in case and not isinstance(case[key], str):
            problems.append(f"{key} must be a string")
    if not isinstance(case.get("removals"), list) or not isinstance(case.get("repairs"), list):
        return [*problems, "removals and repairs must be lists"]
    if "strict" in case and (set(case["strict"]) != {"removals"} or not sample.strict_removals):
        problems.append("strict must be {'removals': [...]} with at least one line")
    problems += _attribution_problems(sample.removals, REMOVAL_KEYS, CONTRACT)
    problems += _attribution_problems(sample.strict_removals, REMOVAL_KEYS, STRICT_CONTRACT)
    problems += _attribution_problems(sample.repairs, REPAIR_KEYS, CONTRACT)
    for entry in sample.removals + sample.strict_removals:
        if not isinstance(entry.get("line"), str) or not entry["line"].strip() or (
                "\n" in entry["line"]):
            problems.append(f"removal line must be one non-blank line: {entry.get('line')!r}")
    for rep in sample.repairs:
        if not all(isinstance(rep.get(k), str) for k in ("before", "after")):
            problems.append(f"repair before/after must be strings: {rep}")
        elif rep["before"] == rep["after"]:
            problems.append(f"repair changes nothing: {rep['before']!r}")
    return problems


def _content_problems(sample: Sample) -> list[str]:
    problems = []
    text, expected = sample.input, sample.expected
    nonblank = sum(1 for ln in text.split("\n") if ln.strip())
    if not LINES_PER_SAMPLE[0] <= nonblank <= LINES_PER_SAMPLE[1]:
        problems.append(f"{nonblank} non-blank lines; samples have {LINES_PER_SAMPLE}")
    for rep in sample.repairs:
        if rep["before"] not in text:
            problems.append(f"repair snippet not in input.txt: {rep['before']!r}")
        if rep["after"] not in expected:
            problems.append(f"repaired snippet not in expected.txt: {rep['after']!r}")
    try:
        locate_removals(text, sample.removals + sample.strict_removals)
        want = expected_text(text, sample.removals, sample.repairs)
    except LookupError as exc:
        return [*problems, str(exc)]
    if want != expected:
        problems.append("expected.txt is not input.txt minus removals plus repairs:\n"
                        + _diff(want, expected))
    if (_TRAILING.search(expected) or _INLINE_RUN.search(expected)
            or _ODD_OR_INVISIBLE.search(expected) or "\n\n\n" in expected
            or expected.startswith("\n") or expected.endswith("\n\n")):
        problems.append("expected.txt is not clean whitespace")
    if sample.unchanged and (text != expected or sample.removals or sample.repairs
                             or sample.strict_removals):
        problems.append("trap/clean samples must pass through unchanged, with nothing listed")
    return problems


@pytest.mark.parametrize("sample", ALL_SAMPLES, ids=[s.id for s in ALL_SAMPLES])
def test_sample_data(sample: Sample) -> None:
    """case.json has the schema, its lines and snippets exist, expected.txt follows."""
    problems = _schema_problems(sample)
    if not problems:
        problems = _content_problems(sample)
    assert not problems, f"{sample.id}:\n" + "\n".join(problems)


def test_sample_collection() -> None:
    """Enough samples, languages and traps; every reason of the contract exercised."""
    assert len(ALL_SAMPLES) >= MIN_SAMPLES, f"only {len(ALL_SAMPLES)} samples in {SAMPLES_DIR}"
    languages = {s.case["language"] for s in ALL_SAMPLES}
    assert len(languages) >= MIN_LANGUAGES, sorted(languages)
    assert languages & CJK_OR_ARABIC, "no CJK or Arabic sample"
    unchanged = [s.id for s in ALL_SAMPLES if s.unchanged]
    assert len(unchanged) >= MIN_UNCHANGED, unchanged
    assert sum(bool(s.strict_removals) for s in ALL_SAMPLES) >= MIN_STRICT
    covered = {(e["filter"], e["reason"]) for s in ALL_SAMPLES
               for e in s.removals + s.repairs + s.strict_removals}
    wanted = {(f, r) for contract in (CONTRACT, STRICT_CONTRACT)
              for f, reasons in contract.items() for r in reasons}
    assert not wanted - covered, f"no sample for {sorted(wanted - covered)}"
