"""Phrase lists (data files) and fast multi-phrase line matching: one mechanism for
every line filter.

Phrase lists live in ``cleanse/data/<category>.txt``, one phrase per line::

    # comment: where this phrase is seen
    pt  Deixe um comentário      # WordPress pt_BR comment form heading
    *   Powered by Blogger.      # any language

The first column is an ISO 639-1 code (``*`` for any language), then two or more
spaces, the phrase, and an optional ``#`` comment. Phrases are facts, not text.
Phrase books (:func:`build_phrasebook`) add two columns, ``reason`` and ``kind``.

All phrases of a family compile into one *factored* pattern (a trie turned into a
regex, :func:`trie_pattern`): a line costs a walk down the trie as far as it matches,
not a test per phrase, and filters scan the whole document once with it instead of
looping over lines in Python. Two shapes cover every family:

- :class:`LinePattern` (:func:`line_pattern`, :func:`line_matches`): a regex that
  must match a whole line. The scan starts with a literal ``"\\n"``, which the
  engine finds with a fast search (a ``(?m)^`` anchor would make it try every
  position), and an optional *gate* — an exact, cheap necessary condition on the
  text — skips the scan of a document that cannot match at all.
- :class:`Phrasebook` (:func:`build_phrasebook`): lines that *start* with a phrase of
  a data file (case, accents, spacing and punctuation between words ignored), with
  what follows them, for filters that judge the rest of the line
  (:class:`~cleanse.filters.comments.CommentForm`,
  :class:`~cleanse.filters.related.RelatedLinks`,
  :class:`~cleanse.filters.widgets.CallToAction`). Its scan's trie has its first
  level split into groups behind one-class lookaheads; a hit depends on its line
  alone, so the book remembers the short lines it has judged ("Share this:" recurs
  in every document).

Both shapes declare *keys*, the first letters of every line they may match, and
try their own patterns only at the lines that one shared scan of the text's line
starts gives them (:mod:`cleanse.linestarts`, cached per text by
:meth:`~cleanse.document.Document.line_candidates`): six line filters cost one pass
over the line starts, not six. Python only runs for candidate lines, and finds a
line's index by counting the line breaks before it: neither shape needs the document
split into lines.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

import regex

from cleanse import linestarts

if TYPE_CHECKING:
    from cleanse.document import Document

__all__ = [
    "KnownLines", "LinePattern", "PhraseHit", "PhraseRow", "Phrasebook", "build_phrasebook",
    "cased_characters", "class_or_astral", "judged_lines", "line_blocks", "line_indexes",
    "line_matches",
    "line_pattern", "line_start_source", "load_phrases", "normalise_line", "parse_phrases",
    "phrase_key", "phrase_keys", "phrase_prefixes", "phrase_source", "phrasebook_keys",
    "read_phrase_rows", "regex_class", "rest_matches", "short_rest", "strip_accents",
    "trie_pattern", "with_blocks",
]

# Horizontal space, for the ``regex`` engine.
_H = r"[\t\p{Zs}]"


@cache
def load_phrases(category: str) -> tuple[tuple[str, str], ...]:
    """``(language, phrase)`` pairs from ``data/<category>.txt`` (read once per process)."""
    text = resources.files("cleanse.data").joinpath(f"{category}.txt").read_text("utf-8")
    return parse_phrases(text, category)


def parse_phrases(text: str, category: str) -> tuple[tuple[str, str], ...]:
    """``(language, phrase)`` pairs from the text of a phrase file (see the module
    docstring); raises ``ValueError`` naming ``category`` and the line on a bad one.

    >>> parse_phrases("# a comment\\nnl  Mogelijk gemaakt door  # footer\\n", "x")
    (('nl', 'Mogelijk gemaakt door'),)
    """
    pairs: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.split("  #", 1)[0].rstrip() if not raw.startswith("#") else ""
        if not line.strip():
            continue
        lang, _, phrase = line.partition("  ")
        phrase = phrase.strip()
        if not phrase:
            raise ValueError(f"data/{category}.txt: no phrase on line {raw!r}")
        if " #" in phrase:  # a comment after one space would be part of the phrase
            raise ValueError(f"data/{category}.txt: put two spaces before a comment's '#' "
                             f"on line {raw!r}")
        pairs.append((lang.strip(), phrase))
    return tuple(pairs)


def phrase_source(phrases: Iterable[str]) -> str:
    """:func:`~cleanse.phrases.trie_pattern` of ``phrases``, with a space matching any
    run of horizontal space and an apostrophe matching both ``'`` and ``’``.

    >>> phrase_source(["S'inscrire"])
    "S['’]inscrire"
    """
    source = trie_pattern(p.replace("’", "'") for p in phrases)
    return source.replace(r"\ ", f"{_H}++").replace("'", "['’]")


def trie_pattern(phrases: Iterable[str]) -> str:
    """A regex source matching any of ``phrases``, factored by common prefixes.

    >>> trie_pattern(["read more", "read also", "see also"])
    '(?:read\\\\ (?:also|more)|see\\\\ also)'
    """
    return _trie_source(_trie(phrases))


def _trie(phrases: Iterable[str]) -> dict:  # type: ignore[type-arg]
    """The phrases as a character trie; ``""`` marks where a phrase ends."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_source(node: dict) -> str:  # type: ignore[type-arg]
    alternatives = []
    optional = False
    for ch in sorted(node):
        if ch == "":
            optional = True
            continue
        alternatives.append(regex.escape(ch) + _trie_source(node[ch]))
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    if optional:
        return f"(?:{body})?"
    return body


_NORMALISE = regex.compile(r"[\s\p{P}\p{S}]+")


def normalise_line(line: str) -> str:
    """Casefolded words only: the form in which whole-line phrases are compared.

    >>> normalise_line("  Post a Comment! ")
    'post a comment'
    """
    return str(_NORMALISE.sub(" ", line)).strip().casefold()


def line_indexes(
    doc: Document, pattern: regex.Pattern[str]
) -> Iterator[tuple[int, regex.Match[str]]]:
    """Yield ``(line_index, match)`` for the first match of ``pattern`` on each line.

    One C-level scan of the whole text; Python only runs for lines that match.
    Use ``(?m)^`` / ``$`` anchors in ``pattern`` for whole-line or line-start rules.
    """
    text = doc.text
    index = counted = 0  # line breaks in text[:counted]
    last = -1
    for m in pattern.finditer(text):
        start = m.start()
        index += text.count("\n", counted, start)
        counted = start
        if index != last:
            last = index
            yield index, m


class LinePattern(NamedTuple):
    """A whole-line pattern, compiled for fast scanning (see :func:`line_matches`).

    ``first`` matches the first line, ``rest`` a line break and the line after it;
    ``gate``, when set, is a cheap test on the whole text that is true for every
    text in which the pattern matches some line (it may be true for others too).
    """

    first: regex.Pattern[str]
    rest: regex.Pattern[str]
    gate: Callable[[str], bool] | None = None
    #: A standard-library pattern that matches at the line break before every line
    #: ``rest`` may match (and maybe before others): ``rest`` is then only tried there.
    lines: re.Pattern[str] | None = None
    #: The same prefilter for the first line (which has no line break before it).
    head: re.Pattern[str] | None = None
    #: The pattern's rule in :mod:`cleanse.linestarts` (``None``: it has no keys):
    #: ``lines`` is then only tried at the line breaks that the shared scan of the
    #: text's line starts gives it.
    rule: int | None = None


def line_pattern(body: str, flags: str = "", *,
                 gate: Callable[[str], bool] | None = None,
                 lines: str | None = None,
                 keys: Iterable[str] | None = None) -> LinePattern:
    """Compile ``body`` to match whole lines (a trailing ``\\r`` is allowed).

    The scan pattern starts with a literal ``\\n``, which the ``regex`` engine finds
    with a fast search; a ``(?m)^`` anchor would make it try every position.
    ``gate`` must be true for every text in which ``body`` matches a whole line.
    ``lines``, a standard-library pattern source (see :func:`line_start_source`),
    must match at the start of every line that ``body`` matches: the ``regex`` scan
    then only runs at the line starts the (much faster) stdlib scan finds.
    ``keys`` (with ``lines``), as :func:`cleanse.linestarts.key_of` gives them, must
    hold a start of the letters and digits of every line ``body`` matches (see
    :func:`phrase_keys`): the shared scan of line starts then picks the lines that
    ``lines`` is tried on.
    """
    end = r"\r?+(?=\n|\Z)"
    prefix = f"(?{flags})" if flags else ""
    rule = None if keys is None or lines is None else linestarts.register(keys)
    return LinePattern(regex.compile(rf"{prefix}(?:{body}){end}"),
                       regex.compile(rf"{prefix}\n(?:{body}){end}"), gate,
                       None if lines is None else re.compile(rf"\n(?:{lines})"),
                       None if lines is None else re.compile(lines), rule)


def phrase_keys(phrases: Iterable[str], *, whole: bool = False) -> set[str]:
    """The keys (:func:`cleanse.linestarts.key_of`) of ``phrases``, as written and
    without their accents; ``%d`` (any number) counts as a number.

    With ``whole`` (phrases that end where a word ends, as every phrase-book phrase
    does), the key of a phrase that it holds whole ends with
    :data:`~cleanse.linestarts.WORD_END`: the line's word must end there too.

    >>> sorted(phrase_keys(["Síguenos en", "%d comments"]))
    ['0 commen', 'Sigueno', 'Sígueno']
    >>> sorted(phrase_keys(["Share", "Share this story", "E-Mail"], whole=True))
    ['E Mail$', 'Share th', 'Share$']
    """
    keys = set()
    for variant in {v for p in phrases for v in (p, strip_accents(p))}:
        plain = variant.replace("%d", "0")
        key = linestarts.key_of(plain)
        if key is None:
            continue
        if whole and linestarts.key_of(plain, linestarts.KEY_SIZE + 1) == key:
            key += linestarts.WORD_END  # no letter or digit beyond the key
        keys.add(key)
    return keys


def line_matches(doc: Document, pattern: LinePattern) -> Iterator[tuple[int, regex.Match[str]]]:
    """Yield ``(line_index, match)`` for every line that ``pattern`` matches whole.

    >>> from cleanse.document import Document
    >>> [(i, m.group()) for i, m in line_matches(Document("a\\nb\\nab"), line_pattern("a"))]
    [(0, 'a')]
    """
    text = doc.text
    if pattern.gate is not None and not pattern.gate(text):
        return
    m = pattern.first.match(text) if pattern.head is None or pattern.head.match(text) else None
    if m is not None:
        yield 0, m
    # a line's index is the number of line breaks up to its start, counted from one
    # match to the next: the document's lines are not needed
    index = counted = 0  # line breaks in text[:counted]
    for m in rest_matches(doc, pattern):
        start = m.start() + 1
        index += text.count("\n", counted, start)
        counted = start
        yield index, m


_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class KnownLines(Generic[_T]):
    """What :func:`judged_lines` gives lines that are exactly one of some phrases, worked
    out once: many junk lines are a phrase of the data and nothing else ("Search",
    "Powered by Blogger."), and a lookup costs less than a match."""

    table: dict[str, _T | None]  # line -> its judgement (``None``: no match)
    longest: int  # the length of the longest line in the table

    @classmethod
    def build(cls, pattern: LinePattern, lines: Iterable[str],
              judge: Callable[[regex.Match[str]], _T]) -> KnownLines[_T]:
        """Judge each line as it would be judged after a line break. Exact: a match of
        ``pattern.rest`` is a line break and the line after it (up to the next line
        break, or the end), and nothing in it looks behind or past them."""
        table: dict[str, _T | None] = {}
        for line in lines:
            m = pattern.rest.match("\n" + line)
            table[line] = None if m is None else judge(m)
        return cls(table, max(map(len, table), default=0))


def judged_lines(doc: Document, pattern: LinePattern, judge: Callable[[regex.Match[str]], _T],
                 known: KnownLines[_T], *, max_size: int | None = None
                 ) -> list[tuple[int, _T]]:
    """``(offset of the line, judge(match))`` for every line after the first that
    ``pattern.rest`` matches (those :func:`rest_matches` finds); a line in ``known``
    is looked up instead, and lines longer than ``max_size`` are skipped, not matched.

    A list, not a generator: most texts have no candidate line at all.
    """
    text = doc.text
    table, longest = known.table, known.longest
    rest = pattern.rest.match
    found: list[tuple[int, _T]] = []
    # the usual case without a generator: the shared scan's candidates, prefiltered here
    rule, lines = pattern.rule, pattern.lines
    breaks: Iterable[int]
    prefilter: Callable[[str, int], re.Match[str] | None] | None = None
    if rule is not None and lines is not None:
        breaks, prefilter = doc.line_candidates(rule), lines.match
    else:
        breaks = _candidate_breaks(doc, pattern)
    for pos in breaks:
        if prefilter is not None and prefilter(text, pos) is None:
            continue
        end = text.find("\n", pos + 1)
        if end < 0:
            end = len(text)
        size = end - pos - 1
        if max_size is not None and size > max_size:
            continue
        if size <= longest and (line := text[pos + 1:end]) in table:
            value = table[line]
        else:
            m = rest(text, pos)
            value = None if m is None else judge(m)
        if value is not None:
            found.append((pos + 1, value))
    return found


def _candidate_breaks(doc: Document, pattern: LinePattern) -> Iterable[int]:
    """The line breaks where ``pattern.rest`` may match (the first line aside): those
    its prefilter accepts, among those the shared scan of line starts gives it."""
    text = doc.text
    if pattern.lines is None:
        return (m.start() for m in pattern.rest.finditer(text))
    if pattern.rule is None:
        return (g.start() for g in pattern.lines.finditer(text))
    lines = pattern.lines.match
    return (pos for pos in doc.line_candidates(pattern.rule) if lines(text, pos))


def rest_matches(doc: Document, pattern: LinePattern) -> Iterator[regex.Match[str]]:
    """Every match of ``pattern.rest`` in the text, in order (the first line aside):
    ``rest`` tried only where the prefilters say a line may match."""
    text = doc.text
    if pattern.lines is None:
        yield from pattern.rest.finditer(text)
        return
    # a match of ``rest`` is one line break and the line after it, so trying it at
    # each candidate break finds what ``finditer`` finds
    rest = pattern.rest.match
    for pos in _candidate_breaks(doc, pattern):
        m = rest(text, pos)
        if m is not None:
            yield m


# --------------------------------------------------------------------------------------
# Line-start prefilters: standard-library patterns, exact supersets of ``regex`` ones
# --------------------------------------------------------------------------------------

@cache
def _code_points() -> str:
    """Every code point, surrogates included, once and in order: 1 114 112 characters."""
    # their UTF-32-LE bytes, written with three strided slice assignments and decoded
    # at once: a few milliseconds, where a chr() per code point takes ten times longer
    size = 0x110000
    raw = bytearray(4 * size)
    raw[0::4] = bytes(range(256)) * (size // 0x100)
    raw[1::4] = b"".join(bytes([b]) * 0x100 for b in range(256)) * (size // 0x10000)
    raw[2::4] = b"".join(bytes([b]) * 0x10000 for b in range(size // 0x10000))
    return raw.decode("utf-32-le", "surrogatepass")


@cache
def _assigned_characters() -> str:
    """Every code point that ``regex``'s tables assign (no unassigned, private-use or
    surrogate code points), once, in order: about 170 000 characters."""
    return "".join(regex.findall(r"[^\p{Cn}\p{Co}\p{Cs}]++", _code_points()))


@cache
def cased_characters() -> str:
    """The assigned characters that ``regex``'s ``(?i)`` may match to another one:
    those that case folding or case mapping changes, and the cased ones (the targets
    of those changes). About 4 000 characters, in order."""
    return "".join(regex.findall(r"[\p{Cased}\p{CWCF}\p{CWCM}]++", _assigned_characters()))


def _class_of(codes: Iterable[int]) -> str:
    """A stdlib character class (without brackets) for the code points ``codes``."""
    spans: list[str] = []
    ordered = sorted(set(codes))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        first, last = chr(ordered[i]), chr(ordered[j])
        spans.append(re.escape(first) if i == j else f"{re.escape(first)}-{re.escape(last)}")
        i = j + 1
    return "".join(spans)


_INLINE_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)")


@cache
def regex_class(source: str) -> str:
    """A stdlib pattern matching exactly the characters that the one-character
    ``regex`` pattern ``source`` matches (``regex``'s own Unicode tables decide).
    ``source`` must only match assigned characters (no unassigned, private-use or
    surrogate code point), such as letters, digits, spaces or punctuation.

    Characters beyond the BMP go in a second class behind a cheap range test: the
    stdlib engine tests a BMP class with one table lookup, a wider one range by range.

    >>> regex_class("(?i)[a-c_]")
    '(?:[A-C_a-c])'
    """
    # runs of matching characters ("++"), not one string per character
    flags = _INLINE_FLAGS.match(source)
    head = flags.group() if flags else ""
    runs = regex.findall(f"{head}(?:{source[len(head):]})++", _assigned_characters())
    found = [ord(c) for run in runs for c in run]
    bmp = [c for c in found if c < 0x10000]
    astral = [c for c in found if c >= 0x10000]
    parts = [f"[{_class_of(bmp)}]"] if bmp else []
    if astral:
        parts.append(f"(?=[\\U00010000-\\U0010ffff])[{_class_of(astral)}]")
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def class_or_astral(source: str) -> str:
    """One stdlib character class: what the one-character ``regex`` pattern ``source``
    matches in the BMP, and every character beyond it. A superset of
    :func:`regex_class` for prefilters: one table lookup per character, so a run of it
    (``*``) is one tight loop, where the alternative that an exact astral part adds
    makes the engine keep a backtracking state for every character of the run.

    >>> class_or_astral("[ab]")
    '[a-b\\\\U00010000-\\\\U0010ffff]'
    """
    flags = _INLINE_FLAGS.match(source)
    head = flags.group() if flags else ""
    bmp = regex_class(f"{head}(?=[\\x00-\\uffff])(?:{source[len(head):]})")
    body = bmp[4:-2] if bmp.startswith("(?:[") else ""  # one BMP class, or none
    return f"[{body}\\U00010000-\\U0010ffff]"


def _case_classes(groups: dict[str, set[str]]) -> dict[str, str]:
    """For each key, a stdlib class of every character that ``regex``'s ``(?i)``
    (simple case folding) matches to one of its characters (or their upper case).

    Only the few thousand characters that case folding or mapping touches can match
    another one, so only they are searched.
    """
    wanted = {key: {c for ch in chars for c in (ch, ch.upper()) if len(c) == 1}
              for key, chars in groups.items()}
    every = set().union(*wanted.values())
    scan = regex.compile("(?i)[" + "".join(regex.escape(c) for c in sorted(every)) + "]")
    candidates = "".join(scan.findall(cased_characters()))
    out = {}
    for key, chars in wanted.items():
        test = regex.compile("(?i)[" + "".join(regex.escape(c) for c in sorted(chars)) + "]")
        found = set(test.findall(candidates)) | chars
        out[key] = f"[{_class_of(ord(c) for c in found)}]"
    return out


def line_start_source(prefixes: Iterable[str], *, fold: bool) -> str:
    """A stdlib pattern source for any of ``prefixes``: each character literally, but a
    space as any run of horizontal space (as in :func:`phrase_source`); with ``fold``,
    each character also matches everything ``regex``'s ``(?i)`` matches to it.

    >>> source = line_start_source(["ab c"], fold=True)
    >>> [bool(re.match(source, t)) for t in ("AB  c", "ab\u00a0C", "abc")]
    [True, True, False]
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    groups: dict[str, set[str]] = {}  # trie key -> the characters it stands for
    for prefix in prefixes:
        node = trie
        for ch in prefix:
            key = ch
            if fold and len(low := ch.lower()) == 1:
                key = low
            if key != " ":
                groups.setdefault(key, set()).add(ch)
            node = node.setdefault(key, {})
        node[""] = {}
    classes = _case_classes(groups) if fold else {ch: re.escape(ch) for ch in groups}
    space = regex_class(("(?i)" if fold else "") + _H) + "+"
    classes[" "] = space

    def char(ch: str) -> str:
        return classes[ch]

    def source(node: dict) -> str:  # type: ignore[type-arg]
        if "" in node:  # a prefix ends here: what follows does not matter
            return ""
        alternatives = [char(ch) + source(node[ch]) for ch in sorted(node)]
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    body = source(trie)
    if len(trie) < 2 or "" in trie:
        return body
    # one class test rejects most lines before the alternatives are tried one by one
    if " " in trie:  # phrases do not start with a space
        return body
    firsts = "".join(classes[ch][1:-1] if fold else re.escape(ch) for ch in sorted(trie))
    return f"(?=[{firsts}]){body}"


def phrase_prefixes(phrases: Iterable[str], size: int = 3) -> set[str]:
    """The first ``size`` letters, digits and spaces of each phrase (its first
    character when it starts with neither), as :func:`phrase_source` matches them: an
    apostrophe stands for both ``'`` and ``’``.

    >>> sorted(phrase_prefixes(["Search for", "Go", "S'abonner", "© Rights"], 5))
    ['Go', "S'abo", 'Searc', 'S’abo', '©']
    >>> sorted(phrase_prefixes(["Go on", "The post"], 6))
    ['Go on', 'The po']
    """
    out: set[str] = set()
    for phrase in phrases:
        heads = [""]
        for ch in phrase[:size]:
            if ch.isalnum():
                heads = [h + ch for h in heads]
            elif ch in "'’":
                heads = [h + a for h in heads for a in "'’"]
            elif ch == " " and heads[0]:
                heads = [h + ch for h in heads]
            else:
                break
        if heads[0]:
            out.update(heads)
        else:
            out.add(phrase[0])
    return out


# --------------------------------------------------------------------------------------
# Phrase books: data rows -> one compiled, line-anchored pattern per family
# --------------------------------------------------------------------------------------

class PhraseRow(NamedTuple):
    """One data row: ``lang  reason  kind  phrase``."""

    lang: str
    reason: str
    kind: str
    phrase: str


class PhraseHit(NamedTuple):
    """A line that starts with a phrase of the book.

    ``whole`` is every phrase of the line in order when the line holds nothing but
    phrases (and spaces or punctuation), else ``None``; ``rest`` is the text after the
    first phrase (at most ``_REST_LIMIT + 1`` characters) and ``rest_len`` its length.
    """

    entry: PhraseRow
    whole: tuple[PhraseRow, ...] | None
    rest: str
    rest_len: int


# Placeholders while building the trie (private-use characters, never in phrases):
# a gap between two words, and a number ("%d" in a phrase).
_GAP = "\ue000"
_NUM = "\ue001"
_COLUMNS = regex.compile(r" {2,}")
_WORD_BREAK = regex.compile(r"[\s\p{P}\p{S}]+")
_NON_WORD = re.compile(r"[\W_]+")
_NUMBER = re.compile(r"\d+")

#: Rests longer than this are never judged (a widget line is short).
_REST_LIMIT = 400
#: A first line longer than this is matched on a copy cut off after this many characters.
_HEAD_LIMIT = 4 * _REST_LIMIT
#: At most this many further phrases may follow the first on a whole-phrase line
#: ("Leave a Reply Cancel reply", "Share this: Twitter Facebook WhatsApp").
_MAX_CHAIN = 8

# The patterns are for the standard-library ``re`` engine: it scans a large
# alternation several times faster than ``regex``, and a match costs it almost
# nothing to start, where ``regex`` pays microseconds per call for a large pattern.
# None of the pieces can cross a line break. "Non-word" is anything but a letter,
# digit or "_": spaces, punctuation, symbols, emoji.
_SPACE_OR_MARK = r"(?:[^\w\n]|_)"
# Bullets, dashes, brackets, emoji may precede a phrase (the *lead*, any run of
# non-word characters); quotation marks may not, which is checked on the lead itself
# (a quotation starting "Read more" is prose).
_LEAD = r"[^\w\n]*"
_QUOTES = frozenset("\"'„‚「『〝〟")
_NON_WORD_CHAR = re.compile(r"[^\w\n]")
#: Characters often seen in a lead: ASCII and Latin-1 punctuation and spaces, general
#: punctuation (dashes, bullets, spaces), arrows, box drawing, shapes, dingbats.
_PLAIN_LEAD = "".join(map(chr, [*range(0x80), *range(0xA0, 0xC0), *range(0x2000, 0x2070),
                                *range(0x2190, 0x2200), *range(0x2500, 0x27C0),
                                *range(0x3000, 0x3004)]))
_END_OF_LINE = re.compile(_SPACE_OR_MARK + r"*(?:\n|\Z)")
#: A trie with at least this many first characters is split into ``_GROUPS`` groups.
_GROUPED = 8
_GROUPS = 4
#: Matched phrases and lines remembered per book; lines up to ``_MEMO_LINE`` long.
_MEMO_SIZE = 4096
_MEMO_LINE = 200


def _letters(predicate: Callable[[str], bool]) -> str:
    """A character-class body for the BMP letters that satisfy ``predicate``."""
    return _class_of(map(ord, filter(predicate, _code_points()[:0x10000])))


@cache
def _word_end() -> str:
    """A phrase ends where a word ends, or where extraction glued two link texts
    together ("Lascia un commentoAnnulla risposta"): a lower-case letter, then a
    capital."""
    return rf"(?:(?!\w)|(?<=[{_letters(str.islower)}])(?=[{_letters(str.isupper)}]))"


def phrase_key(text: str) -> str:
    """The lookup form of a phrase or a matched text: casefolded words, no accents,
    numbers as ``0``.

    >>> phrase_key("12 Comments"), phrase_key("%d comments"), phrase_key("Comentário *")
    ('0 comments', '0 comments', 'comentario')
    >>> phrase_key("E-Mail")
    'e mail'
    """
    folded = text.replace("%d", "0").casefold()
    if not folded.isascii():
        folded = strip_accents(folded)
    return _NUMBER.sub("0", _NON_WORD.sub(" ", folded)).strip()


def strip_accents(text: str) -> str:
    """``text`` without accents and other combining marks ("Síguenos" -> "Siguenos")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                               if not unicodedata.combining(c)))


def _source(phrase: str, *, fold: bool) -> str:
    """The phrase as trie input: words joined by the gap placeholder.

    With ``fold`` (for case-insensitive matching) letters are lower-cased, so that
    "No Comments" and "No comments yet" share one trie branch and the longer wins;
    a letter whose lower case is longer ("İ") is kept as it is.
    """
    words = [w for w in _WORD_BREAK.split(phrase.replace("%d", _NUM)) if w]
    joined = _GAP.join(words)
    if fold:
        if joined.isascii():  # one character at a time, as below, but at once
            return joined.lower()
        joined = "".join(c if len(low := c.lower()) != 1 else low for c in joined)
    return joined


def _sources(phrases: Iterable[str], *, fold: bool) -> list[str]:
    """The trie inputs for ``phrases``: each phrase, and also without its accents
    (scraped text often lost them: "Siguenos en")."""
    variants = {v for p in phrases for v in ((p,) if p.isascii() else (p, strip_accents(p)))}
    return sorted({_source(v, fold=fold) for v in variants})


def _alternation(sources: list[str]) -> str:
    """One factored pattern for the :func:`_sources` of some phrases: any run of
    spaces or punctuation between words, and any number for ``%d``."""
    pattern = _grouped_source(_trie(sources))
    return (pattern.replace(regex.escape(_GAP), _SPACE_OR_MARK + "+")
            .replace(regex.escape(_NUM), r"\d+"))


def _grouped_source(trie: dict) -> str:  # type: ignore[type-arg]
    """:func:`_trie_source` of ``trie``, with its first level split into groups.

    The engine tries the alternatives of a branch one by one, so a line that starts
    with no phrase pays for every first character of the trie (40 of them: a-z,
    accented and Cyrillic letters, digits). Consecutive alternatives are grouped
    behind a one-class lookahead of their first characters: a line pays for a few
    classes and one group instead. The order of the alternatives stays the same and a
    lookahead only skips alternatives that cannot match, so the matches are the same.
    """
    heads = sorted(trie)
    if len(heads) < _GROUPED or "" in heads:
        return _trie_source(trie)
    branches = [regex.escape(ch) + _trie_source(trie[ch]) for ch in heads]
    size = -(-len(heads) // _GROUPS)
    groups = []
    for i in range(0, len(heads), size):
        chars = heads[i:i + size]
        guard = "".join(re.escape(c) for c in chars if c != _NUM)
        if _NUM in chars:
            guard += r"\d"
        groups.append(f"(?=[{guard}])(?:{'|'.join(branches[i:i + size])})")
    return "(?:" + "|".join(groups) + ")"


def _lead_source(first: str) -> str:
    """The lead of a phrase, ``first`` being the lookahead that the phrase follows.

    Greedy, as :data:`_LEAD`: the longest lead after which a phrase matches. A shorter
    lead is only worth trying when the character after it may start a phrase, so the
    plain characters that cannot (tested with ``first`` itself) are taken without
    ever giving them back (``*+``, Python 3.11): the same matches, and a line of 80
    dashes or an indented number is not retried at every position.
    """
    if not first or sys.version_info < (3, 11):
        return _LEAD
    starts = re.compile(first)
    plain = [ord(c) for c in _PLAIN_LEAD if _NON_WORD_CHAR.match(c) and not starts.match(c)]
    return f"[{_class_of(plain)}]*+{_LEAD}"


def _first_class(sources: list[str]) -> str:
    """A class of every character that a match of :func:`_alternation` may start with
    (under the same flags): a one-class test rejects most lines before the trie's
    alternatives are tried one by one."""
    firsts = {s[0] for s in sources if s}
    body = "".join(re.escape(c) for c in sorted(firsts - {_NUM, _GAP}))
    if _NUM in firsts:
        body += r"\d"
    if _GAP in firsts:  # pragma: no cover - words are split on gaps, none leads
        return f"(?:[{body}]|{_SPACE_OR_MARK})"
    return f"[{body}]"


@dataclass(frozen=True, slots=True)
class Phrasebook:
    """Every phrase of one data file, compiled once.

    ``scan`` matches a line break followed by a phrase (after bullets or spaces); it
    is tried at the line breaks that the shared scan of line starts gives the book's
    ``rule`` (:mod:`cleanse.linestarts`). ``follow`` reads the phrases that may follow
    it on the same line. ``topic`` (if any) finds the book's topic phrases anywhere in
    a line. Python only runs for candidate lines, and needs neither the document's
    lines nor their offsets for them: a line's index is the number of line breaks
    before it, counted from one hit to the next.
    """

    entries: dict[str, PhraseRow]
    exact: dict[str, PhraseRow]  # case-sensitive phrases, keyed by their exact words
    scan: re.Pattern[str]
    follow_source: str
    topics: dict[str, PhraseRow]
    topic_source: str | None
    #: the book's rule in :mod:`cleanse.linestarts`: the lines ``scan`` is tried on
    rule: int
    # matched text -> its entry, and line -> its hit: the same few phrases and lines
    # ("Share this:", "Leave a Reply") recur in every document. A memo of a pure
    # function (a line always gives the same hit), so no result depends on another
    # document; bounded, and safe to share between threads
    _found: dict[str, PhraseRow | None] = field(default_factory=dict, init=False,
                                                 repr=False, compare=False)
    _lines: dict[str, PhraseHit | None] = field(default_factory=dict, init=False,
                                                 repr=False, compare=False)
    # ``follow`` and ``topic``, compiled when first needed: a process that cleans a
    # few documents may never need them, and each takes tens of milliseconds
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, init=False,
                                                  repr=False, compare=False)

    @property
    def follow(self) -> re.Pattern[str]:
        """The phrases that may follow another on a line, after spaces or punctuation."""
        return self._compile(self.follow_source)

    @property
    def topic(self) -> re.Pattern[str] | None:
        """The topic phrases, found anywhere in a line (``None`` without topics)."""
        return None if self.topic_source is None else self._compile(self.topic_source)

    def _compile(self, source: str) -> re.Pattern[str]:
        pattern = self._compiled.get(source)
        if pattern is None:
            pattern = self._compiled[source] = re.compile(source)
        return pattern

    def hits(self, doc: Document) -> Iterator[tuple[int, PhraseHit]]:
        """``(line_index, hit)`` for every line that starts with a phrase, in order."""
        text = doc.text
        # the first line has no "\n" before it: where the shared scan says it may
        # start with a phrase of this book, it is matched on a copy with one put in
        # front; a long first line is cut off, and a phrase that reaches the end of
        # the cut-off copy might go on: not a match
        head = None
        if self.rule in doc.first_line_rules():
            head_end = text.find("\n")
            if head_end < 0:
                head_end = len(text)
            if head_end <= _HEAD_LIMIT:
                head = self.scan.match("\n" + text[:head_end + 1])
            else:
                head = self.scan.match("\n" + text[:_HEAD_LIMIT])
                if head is not None and head.end() > _HEAD_LIMIT:
                    head = None
        if head is not None:
            hit = self._line_hit(text, 0, head.end("first") - 1, head)
            if hit is not None:
                yield 0, hit
        # the other lines: where the shared scan of line starts says one may start
        # with a phrase of this book
        scan = self.scan.match
        index = counted = 0  # line breaks in text[:counted]
        for pos in doc.line_candidates(self.rule):
            m = scan(text, pos)
            if m is None:
                continue
            start = pos + 1
            hit = self._line_hit(text, start, m.end("first"), m)
            if hit is not None:
                index += text.count("\n", counted, start)
                counted = start
                yield index, hit

    def _line_hit(self, text: str, start: int, cut: int, m: re.Match[str]) -> PhraseHit | None:
        """The hit for the line at ``start`` whose first phrase, found by ``m``, ends at
        ``cut``; ``None`` when a quotation mark leads it."""
        end = text.find("\n", cut)
        if end < 0:
            end = len(text)
        if end - start > _MEMO_LINE:
            return self._hit(text, cut, end, m)
        # a hit depends on its line alone, and short lines recur in every document
        lines = self._lines
        line = text[start:end]
        try:  # (not "in" then "[]": another thread may clear the memory in between)
            return lines[line]
        except KeyError:
            pass
        hit = lines[line] = self._hit(text, cut, end, m)
        if len(lines) > _MEMO_SIZE:
            lines.clear()
        return hit

    def _hit(self, text: str, cut: int, end: int, m: re.Match[str]) -> PhraseHit | None:
        lead = m["lead"]
        if lead and (not _QUOTES.isdisjoint(lead)
                     or any(unicodedata.category(c) in ("Pi", "Pf") for c in lead)):
            return None
        entry = self.lookup(m["first"])
        if entry is None:  # (?i) matched what casefolding keeps apart: "YANITLA", "Yanıtla"
            return None
        whole = self._whole(text, entry, cut)
        if whole is not None:
            return PhraseHit(entry, whole, "", 0)
        # a megabyte-long line is never a widget: do not even copy it
        return PhraseHit(entry, None, text[cut:min(end, cut + _REST_LIMIT + 1)], end - cut)

    def _whole(self, text: str, entry: PhraseRow, pos: int) -> tuple[PhraseRow, ...] | None:
        """Every phrase of the line when nothing else follows ``entry``, else ``None``."""
        chain = [entry]
        for _ in range(_MAX_CHAIN):
            m = self.follow.match(text, pos)
            if m is None:
                break
            item = self.lookup(m["phrase"])
            if item is None:  # see _hit
                break
            chain.append(item)
            pos = m.end()
        return tuple(chain) if _END_OF_LINE.match(text, pos) else None

    def lookup(self, text: str) -> PhraseRow | None:
        """The entry for a matched phrase (case-sensitive phrases first)."""
        found = self._found
        try:
            return found[text]
        except KeyError:
            pass
        entry = found[text] = self._lookup(text)
        if len(found) > _MEMO_SIZE:  # numbers make endless variants: stay small
            found.clear()
        return entry

    def _lookup(self, text: str) -> PhraseRow | None:
        if self.exact:
            exact = self.exact.get(" ".join(w for w in _WORD_BREAK.split(text) if w))
            if exact is not None:
                return exact
        return self.entries.get(phrase_key(text))

    def topic_in(self, text: str, reason: str) -> bool:
        """Whether ``text`` mentions a topic phrase recorded with ``reason``."""
        topic = self.topic
        if topic is None:
            return False
        return any((e := self.topics.get(phrase_key(t))) is not None and e.reason == reason
                   for t in topic.findall(text))


def read_phrase_rows(category: str) -> list[PhraseRow]:
    rows = []
    for lang, rest in load_phrases(category):
        parts = _COLUMNS.split(rest, maxsplit=2)
        if len(parts) != 3:
            raise ValueError(f"data/{category}.txt: expected 'lang  reason  kind  phrase', "
                             f"got {lang!r} {rest!r}")
        reason, kind, phrase = parts
        rows.append(PhraseRow(lang, reason, kind, phrase))
    return rows


@cache
def phrasebook_keys(category: str, topic_kind: str | None = None) -> frozenset[str]:
    """The keys (:func:`cleanse.linestarts.key_of`) of the phrases in
    ``data/<category>.txt`` that a line may start with (topics aside): the rule that
    :func:`build_phrasebook` registers.

    A filter module registers them when it is imported, so that the shared scan of
    line starts is compiled once, with every rule, and not again as each filter
    first runs.
    """
    return frozenset(phrase_keys((row.phrase for row in read_phrase_rows(category)
                                  if row.kind != topic_kind), whole=True))


def build_phrasebook(category: str, *, reasons: Sequence[str], kinds: Sequence[str],
           exact_kinds: Sequence[str] = (), topic_kind: str | None = None) -> Phrasebook:
    """Read ``data/<category>.txt`` and compile it; raises ``ValueError`` on bad rows."""
    entries: dict[str, PhraseRow] = {}
    exact: dict[str, PhraseRow] = {}
    topics: dict[str, PhraseRow] = {}
    for row in read_phrase_rows(category):
        if row.reason not in reasons:
            raise ValueError(f"data/{category}.txt: unknown reason {row.reason!r} "
                             f"for {row.phrase!r}")
        if row.kind not in kinds and row.kind != topic_kind:
            raise ValueError(f"data/{category}.txt: unknown kind {row.kind!r} "
                             f"for {row.phrase!r}")
        if row.kind in exact_kinds:
            table, key = exact, " ".join(w for w in _WORD_BREAK.split(row.phrase) if w)
        else:
            table = topics if row.kind == topic_kind else entries
            key = phrase_key(row.phrase)
        if not key:
            raise ValueError(f"data/{category}.txt: phrase {row.phrase!r} has no words")
        known = table.get(key)
        if known is not None and known[1:3] != row[1:3]:
            raise ValueError(f"data/{category}.txt: {row.phrase!r} is listed as "
                             f"{row.reason}/{row.kind} and as {known.reason}/{known.kind}")
        table.setdefault(key, row)
    alternatives = []
    firsts = []
    if entries:
        sources = _sources((e.phrase for e in entries.values()), fold=True)
        alternatives.append(f"(?i:{_alternation(sources)})")
        firsts.append(f"(?i:{_first_class(sources)})")
    if exact:
        sources = _sources((e.phrase for e in exact.values()), fold=False)
        alternatives.append(_alternation(sources))
        firsts.append(_first_class(sources))
    phrase = f"(?:{'|'.join(alternatives)}){_word_end()}"
    first = f"(?={'|'.join(firsts)})" if firsts else ""
    topic = None
    if topics:
        sources = _sources((e.phrase for e in topics.values()), fold=True)
        topic = rf"(?<!\w)(?i:{_alternation(sources)})"
    return Phrasebook(entries, exact,
                      scan=re.compile(rf"\n(?P<lead>{_lead_source(first)}){first}"
                                      rf"(?P<first>{phrase})"),
                      follow_source=rf"{_SPACE_OR_MARK}*(?P<phrase>{phrase})",
                      topics=topics, topic_source=topic,
                      rule=linestarts.register(phrasebook_keys(category, topic_kind)))


# --------------------------------------------------------------------------------------
# Shared judgements
# --------------------------------------------------------------------------------------

# A sentence break inside a line: ". " after two lower-case letters (so "U.S. Army"
# and "Dr. Smith" do not count), or "!"/"?", then a capital.
_SENTENCE_BREAK = regex.compile(
    r"(?:(?<=\p{Ll}\p{Ll})\.|[!?])[\"'”’»)\]]*+[\t\p{Zs}]++[\"'“‘„«(\[¿¡]*+\p{Lu}"
)


def _words(text: str) -> int:
    return len(text.split())


def short_rest(rest: str, rest_len: int, max_words: int, max_breaks: int = 1) -> bool:
    """Whether the rest of a line is short: few words, at most ``max_breaks`` breaks."""
    if rest_len > _REST_LIMIT or _words(rest) > max_words:
        return False
    # a sentence break needs ".", "!" or "?": most rests have none, and three substring
    # tests cost far less than the regex
    if "." not in rest and "!" not in rest and "?" not in rest:
        return True
    return len(_SENTENCE_BREAK.findall(rest)) <= max_breaks


def line_blocks(lines: Sequence[str], indexes: Iterable[int]) -> Iterator[list[int]]:
    """Group line indexes whose lines are separated by blank lines only.

    Linear: each line between two consecutive indexes is looked at once, and only
    until the first one that is not blank.

    >>> list(line_blocks(["a", "", "b", "text", "c"], [0, 2, 4]))
    [[0, 2], [4]]
    """
    group: list[int] = []
    previous = -1
    for index in sorted(indexes):
        if group and any(lines[j].strip() for j in range(previous + 1, index)):
            yield group
            group = []
        group.append(index)
        previous = index
    if group:
        yield group


def with_blocks(lines: Sequence[str], strong: dict[int, str],
                 weak: dict[int, str]) -> Iterator[tuple[int, str]]:
    """Strong lines, plus weak lines that share a block with a strong line, in order."""
    picked = dict(strong)
    if weak:
        for group in line_blocks(lines, [*strong, *weak]):
            if any(i in strong for i in group):
                picked.update((i, weak[i]) for i in group if i in weak)
    return iter(sorted(picked.items()))
