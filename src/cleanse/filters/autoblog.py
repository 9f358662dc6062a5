"""Autoblog tails: the template a reposting blog wraps around a copied article.

Blogger / Blogspot sites fed by IFTTT ("RSS to Blogger") or by RSS autoposters copy a
news article and append their own template after it: the source feed's name
("World - Latest - Google News"), IFTTT's date stamp ("December 30, 2021 at
12:19AM"), short links, the article title again, the blog's label list, a share row
("Bagikan Berita Ini"), a comment count (``0 Response to "…"``), "Post a Comment" and
"Powered by Blogger.". WordPress feeds add "The post … appeared first on …".

The tail is found as a *block*, walking up from the end of the text: marker lines
show that the article is over, and the short non-prose lines between and after them
(labels, links, the repeated title) belong to the template too. The walk stops at the
article's prose. :func:`find_tail` is shared with :class:`~cleanse.filters.edges.
EdgeResidue`, which treats the line before a tail as the article's bottom edge.

Unambiguous template lines go wherever they stand, so the whole text is searched for
markers: the shared scan of line starts (:mod:`cleanse.linestarts`), and two cheap
searches for the line endings: an ASCII-only case-insensitive one for the feed names'
common start ("google"), and hops between closing parentheses for "(Atom)". A
candidate line that is exactly a phrase of the data ("Post a Comment") is looked up,
not matched. A text without any costs nothing else, not even its line offsets.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from cleanse import linestarts
from cleanse.filters.base import LineFilter, line_removals
from cleanse.phrases import (
    KnownLines,
    LinePattern,
    cased_characters,
    class_or_astral,
    judged_lines,
    line_pattern,
    line_start_source,
    load_phrases,
    normalise_line,
    phrase_keys,
    phrase_prefixes,
    phrase_source,
    regex_class,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from cleanse.document import Document
    from cleanse.tracked import Edit

__all__ = ["AutoblogTail", "Tail", "find_tail", "prose_line"]

_H = r"[\t\p{Zs}]"
# Line edges: spaces (and a stray carriage return), and the bullets or dashes a theme
# puts before footer text.
_LEAD = rf"[\t\r\p{{Zs}}]*+(?:[-–—|·•©]{_H}*+)?"
_TRAIL = rf"{_H}*+[.:!]?{_H}*+"
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
           "November|December")
_QUOTE_OPEN = "\"“„«'‘"
_QUOTE_CLOSE = "\"”“»'’"
# The words of a comment count ('0 Response to "…"'), as :func:`_markers` spells them.
_COUNT_WORDS = ("Response", "Comment", "Tanggapan", "Komentar")


def _words(most: int) -> str:
    """Up to ``most`` words, lazily: backtracks per word, not per character."""
    return rf"\S++(?:{_H}++\S++){{0,{most - 1}}}?"


def _template_source(template: str) -> str:
    """``The post {title} appeared first on {site}`` -> a bounded, one-line regex."""
    out: list[str] = []
    for i, part in enumerate(regex.split(r"\{(title|site)\}", template)):
        if i % 2:
            out.append(_words(40 if part == "title" else 10))
        else:
            out.append(regex.escape(part).replace(r"\ ", f"{_H}++"))
    return "".join(out)


@cache
def _markers() -> LinePattern:
    literal = phrase_source([p for _, p in load_phrases("autoblog")])
    first = "|".join(_template_source(p) for _, p in load_phrases("appeared_first"))
    alternatives = [
        # Blogger / IFTTT template lines, junk wherever they stand
        rf"(?P<literal>{literal})",
        # '0 Response to "Title"': the comment count, quoting the post's title
        # (the words as in _COUNT_WORDS, which the prefilter reads)
        rf"(?P<response>\d{{1,6}}{_H}++(?:Responses?|Comments?|Tanggapan|Komentar)"
        rf"{_H}++(?:to|on|for|untuk|pada){_H}++[{_QUOTE_OPEN}]"
        rf"(?P<quoted>[^\n]{{1,300}})[{_QUOTE_CLOSE}])",
        # IFTTT's {{CreatedAt}}: English month, "at", and no space before AM/PM
        rf"(?P<ifttt>(?:{_MONTHS}){_H}\d{{1,2}},{_H}\d{{4}}{_H}at{_H}\d{{2}}:\d{{2}}[AP]M)",
        # 'Posted by Anna at 10:05 AM': Blogger's post footer
        rf"(?P<posted>Posted{_H}by{_H}{_words(6)}{_H}at{_H}\d{{1,2}}:\d{{2}}"
        rf"(?:{_H}?[AaPp]\.?[Mm]\.?)?)",
        # 'Powered by Nikola': any short platform credit (case-sensitive capital)
        rf"(?P<powered>(?-i:(?:Proudly{_H}++)?[Pp]owered{_H}++by{_H}++\p{{Lu}}[\p{{L}}\p{{N}}.-]*+"
        rf"(?:{_H}++\p{{Lu}}[\p{{L}}\p{{N}}.-]*+){{0,2}}))",
        # 'The post X appeared first on Y.' and its translations
        rf"(?P<first>{first})",
    ]
    # A cheap gate: a marker line starts with one of these characters (after spaces
    # and a bullet), so most lines are rejected at their first character.
    firsts = {p[0] for _, p in load_phrases("autoblog")}
    firsts |= {p[0] for _, p in load_phrases("appeared_first")}
    firsts |= set("0123456789JFMASOND" "P")  # counts, IFTTT months, Posted/Powered
    gate = "".join(sorted({c for f in firsts for c in (f.lower(), f.upper())}))
    return line_pattern(rf"{_LEAD}(?=[{regex.escape(gate)}])(?:{'|'.join(alternatives)}){_TRAIL}",
                        "i", lines=_marker_starts(), keys=_marker_keys())


@cache
def _marker_keys() -> frozenset[str]:
    """The keys (see :mod:`cleanse.linestarts`) of every alternative of :func:`_markers`:
    a literal phrase, a comment count, a month, "Posted by", a platform credit, or
    the text of an "appeared first" template up to its first placeholder."""
    templates = [t.split("{", 1)[0] for _, t in load_phrases("appeared_first")]
    return frozenset(phrase_keys([*(p for _, p in load_phrases("autoblog")), *templates,
                                  *(f"0 {word}" for word in _COUNT_WORDS),
                                  *_MONTHS.split("|"), "Posted by", "Proudly", "Powered by"]))


# Registered at import, not on first use: the shared scan of line starts is then
# compiled once, with every rule, and not again as each filter first runs.
linestarts.register(_marker_keys())


def _marker_starts() -> str | None:
    """The stdlib prefilter for :func:`_markers`: the same lead, then the first letters
    of an alternative, or the digits, spaces and word of a comment count; ``None`` when
    an alternative could start with anything."""
    templates = [p for _, p in load_phrases("appeared_first")]
    if any(t.startswith("{") for t in templates):
        return None
    prefixes = phrase_prefixes([*(p for _, p in load_phrases("autoblog")), *templates,
                                *_MONTHS.split("|"), "Posted", "Proudly", "Powered"], 8)
    starts = line_start_source(prefixes, fold=True)
    space = regex_class("(?i)" + _H)
    count = (class_or_astral(r"(?i)\d") + "{1,6}" + space + "+"
             + line_start_source(_COUNT_WORDS, fold=True))
    # Any run of spaces and bullets: a superset of the lead (and Python 3.10 compiles
    # it) that costs the engine one class test on a line that starts with a letter.
    lead = regex_class(r"(?i)[\t\r\p{Zs}\-–—|·•©]") + "*"
    return f"{lead}(?:{starts}|{count})"


class _Suffixed(NamedTuple):
    """A marker known by how a line ends (see :func:`_suffixed`)."""

    kind: str
    #: a search cheaper than ``scan``'s own: -1 when ``scan`` matches nowhere in the
    #: text, else an offset at or before its first match
    find: Callable[[str], int]
    #: finds the ending with a fast literal search (a pattern that starts at a line
    #: start would make the engine try every position)
    scan: regex.Pattern[str]
    #: checks the whole line it ends
    line: regex.Pattern[str]


@cache
def _suffixed() -> tuple[_Suffixed, ...]:
    """Markers known by how a line ends."""
    names = [p for _, p in load_phrases("autoblog_feeds")]
    feeds = phrase_source(names)
    end = rf"{_TRAIL}\r?+"
    feed = regex.compile(rf"(?i)(?<=[-–—|]{_H}++){feeds}{end}(?=\n|\Z)")
    # every match of ``feed`` starts with one of ``(?ia)start``, a cheaper search
    start = _ascii_start(names)
    return (
        # 'U.S. - Latest - Google News', 'Top stories - Google News'
        _Suffixed("feed", _search(regex.compile(f"(?ia){start}") if start else feed), feed,
                  regex.compile(rf"(?i){_LEAD}{_words(12)}{_H}++[-–—|]{_H}++{feeds}{end}")),
        # 'Subscribe to: Post Comments (Atom)', 'Langganan: Posting Komentar (Atom)'
        _Suffixed("atom", _find_atom, regex.compile(rf"\(Atom\){end}(?=\n|\Z)"),
                  regex.compile(rf"(?i){_LEAD}[^\n:]{{1,40}}+:{_H}*+{_words(8)}{_H}*+\(Atom\){end}")),
    )


def _search(pattern: regex.Pattern[str]) -> Callable[[str], int]:
    """Where ``pattern`` first matches in a text (-1: nowhere)."""
    search = pattern.search

    def find(text: str) -> int:
        m = search(text)
        return -1 if m is None else m.start()

    return find


# The closing parentheses _find_atom hops between before it lets str.find search.
_ATOM_HOPS = 16


def _find_atom(text: str) -> int:
    """``text.find("(Atom)")``, faster on most texts: it hops between the closing
    parentheses (a search for one character runs at memory speed, one for a word does
    not) and checks what precedes each. Few texts hold many of them: after a few
    hops, ``str.find`` searches the rest.

    >>> _find_atom("Comments (x) (Atom)"), _find_atom("(Atom"), _find_atom(")" * 40 + "(Atom)")
    (13, -1, 40)
    """
    i = text.find(")", 5)
    for _ in range(_ATOM_HOPS):
        if i < 0:
            return -1
        if text.startswith("(Atom", i - 5):
            return i - 5
        i = text.find(")", i + 1)
    # an "(Atom)" ends at the parenthesis at i or at a later one
    return -1 if i < 0 else text.find("(Atom)", i - 5)


def _ascii_start(phrases: list[str]) -> str:
    """The longest start that all ``phrases`` share, in any case, made of ASCII
    letters that ``regex``'s ``(?i)`` matches to no other character than their own
    two cases ("Google"; not "k" or "s", which match the Kelvin sign and the long s).

    A ``(?ia)`` search for it finds the start of every ``(?i)`` match of the phrases,
    and costs less than a ``(?i)`` one (no Unicode case folding of each character).

    >>> _ascii_start(["Google News", "google Berita"]), _ascii_start(["Skip", "Sky"])
    ('google', '')
    """
    start: list[str] = []
    for chars in zip(*phrases, strict=False):
        letter = chars[0].lower()
        if not all(c.isascii() and c.isalpha() and c.lower() == letter for c in chars):
            break
        # (cased_characters() holds every character that (?i) matches to another one)
        if not "".join(regex.findall(f"(?i){letter}", cased_characters())).isascii():
            break
        start.append(letter)
    return "".join(start)


# kind -> (reason, where): "any" markers are junk anywhere; "tail" ones only inside a
# tail; "weak" ones only inside a tail that has other evidence.
_KINDS: dict[str, tuple[str, str]] = {
    "literal": ("autoblog_marker", "any"),
    "response": ("autoblog_marker", "any"),
    "atom": ("autoblog_marker", "any"),
    "feed": ("feed_name", "any"),
    "powered": ("autoblog_marker", "tail"),
    "first": ("appeared_first", "tail"),
    "ifttt": ("ifttt_date", "weak"),
    "posted": ("autoblog_marker", "weak"),
}

_URL_LINE = regex.compile(r"[<(\[]?(?:https?://|www\.)\S++")
# what a _URL_LINE starts with: a cheap test before the regex
_URL_STARTS = tuple(b + s for b in ("", "<", "(", "[") for s in ("http", "www."))
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_SENTENCE_END = regex.compile(r"[.!?…。！？؟।][\"'”’»)\]]*+$")


def prose_line(line: str) -> bool:
    """True for a line that reads as article prose rather than a label or a link.

    Long lines, lines of many words, and sentences of five words or more are prose;
    short titles, names, dates, labels and bare links are not.

    >>> prose_line("Korean Entertainment News"), prose_line("https://ift.tt/x")
    (False, False)
    >>> prose_line("The talks will resume in Geneva next week, officials said.")
    True
    """
    text = line.strip()
    if not text or (text.startswith(_URL_STARTS) and _URL_LINE.fullmatch(text)):
        return False
    if len(text) > 100:
        return True
    words = len(text.split())
    if words > 12:
        return True
    if words >= 5 and _SENTENCE_END.search(text):
        return True
    # scripts written without spaces (CJK, Thai): characters stand in for words
    unspaced = 0 if text.isascii() else len(_UNSPACED.findall(text))
    return unspaced > 25 or (unspaced >= 12 and _SENTENCE_END.search(text) is not None)


class Tail(NamedTuple):
    """Where an autoblog tail starts (``None`` without one) and every line to remove."""

    start: int | None
    removals: dict[int, str]


_NO_TAIL = Tail(None, {})


def find_tail(doc: Document, *, max_gap: int = 20) -> Tail:
    """Find the autoblog tail of ``doc`` and the lines to remove, with their reasons.

    ``max_gap`` bounds how many non-marker lines the walk up crosses between two
    markers. A document without any marker costs nothing beyond finding none.
    """
    markers, quoted = _scan_markers(doc)
    if not markers:
        return _NO_TAIL
    lines = doc.lines
    judged: dict[int, bool] = {}

    def prose(i: int) -> bool:
        """:func:`prose_line` of line ``i``, judged once: the titles, the walk and the
        removals ask."""
        known = judged.get(i)
        if known is None:
            known = judged[i] = prose_line(lines[i])
        return known

    titles = _Titles(doc, markers, quoted, prose)

    start = _tail_start(lines, markers, titles, max_gap, prose)
    removals: dict[int, str] = {}
    if start is not None:
        for i in range(start, len(lines)):
            line = lines[i]
            if not line.strip():
                continue
            kind = markers.get(i)
            if kind is not None:
                removals[i] = _KINDS[kind][0]
            elif titles.repeated(i):
                removals[i] = "repeated_title"
            elif not prose(i):
                removals[i] = "tail_block"
    for i, kind in markers.items():
        reason, where = _KINDS[kind]
        if where == "any" and i not in removals:
            removals[i] = reason
    return Tail(start, removals)


def _scan_markers(doc: Document) -> tuple[dict[int, str], list[str]]:
    """Marker lines by kind, and the titles quoted by comment counts.

    Python only runs for candidate lines, and the document's line offsets are only
    looked up when there is a marker (most documents have none).
    """
    text = doc.text
    pattern = _markers()
    # (offset of the line, kind, quoted title), in the order the kinds overrule each other
    found: list[tuple[int, str, str | None]] = []
    if pattern.head is None or pattern.head.match(text):
        m = pattern.first.match(text)
        if m is not None:
            found.append((0, *_marker(m)))
    found += [(offset, *marker)
              for offset, marker in judged_lines(doc, pattern, _marker, _phrase_lines())]
    for suffixed in _suffixed():
        # (a search costs less than setting up finditer, and most texts have none)
        first = suffixed.find(text)
        if first >= 0:
            _suffix_lines(text, suffixed, first, found)
    if not found:
        return {}, []
    markers: dict[int, str] = {}
    quoted: list[str] = []
    starts = doc.line_starts
    for offset, kind, title in found:
        markers[bisect_right(starts, offset) - 1] = kind
        if title is not None:
            quoted.append(title)
    return markers, quoted


def _marker(m: regex.Match[str]) -> tuple[str, str | None]:
    """The kind of the marker line ``m`` matched, and the title it quotes, if any."""
    kind = m.lastgroup or ""
    return kind, m.group("quoted") if kind == "response" else None


@cache
def _phrase_lines() -> KnownLines[tuple[str, str | None]]:
    """The template lines that are exactly one of the phrases ("Post a Comment",
    "Powered by Blogger."), judged once, to look up instead of match."""
    return KnownLines.build(_markers(), (p for _, p in load_phrases("autoblog")), _marker)


def _suffix_lines(text: str, suffixed: _Suffixed, pos: int,
                  found: list[tuple[int, str, str | None]]) -> None:
    """Add to ``found`` the lines that ``suffixed`` marks, from ``pos`` (where its
    first match may start) on."""
    for m in suffixed.scan.finditer(text, pos):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.start())
        line = text[start:end] if end >= 0 else text[start:]
        if len(line) <= 200 and suffixed.line.fullmatch(line):
            found.append((start, suffixed.kind, None))


def _tail_start(lines: tuple[str, ...], markers: dict[int, str], titles: _Titles,
                max_gap: int, prose_at: Callable[[int], bool]) -> int | None:
    """Walk up from the end to the first line of the tail, or ``None`` without one.

    Markers extend the tail; a title repeat right above it opens it; short non-prose
    lines are crossed (at most ``max_gap`` in a row); the second prose line since the
    last marker is the article, and ends the walk.
    """
    start: int | None = None
    strong = weak = 0
    since = prose = 0
    adjacent = False  # only markers and title repeats since the last marker
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        kind = markers.get(i)
        if kind is not None:
            start, since, prose, adjacent = i, 0, 0, True
            if _KINDS[kind][1] == "weak":
                weak += 1
            else:
                strong += 1
            continue
        since += 1
        if titles.repeated(i):
            if adjacent:  # the title right above the template opens it
                start = i
            continue
        adjacent = False
        if prose_at(i):
            prose += 1
        if prose >= 2 or since > max_gap:
            break
    # one strong marker, or two weak ones (IFTTT dates, "Posted by … at …")
    return start if strong > 0 or weak >= 2 else None


# The article's own title is looked for among its first few lines.
_HEAD_LINES = 10


class _Titles:
    """Which lines repeat the article's title (one document, one call: no state kept
    beyond the answers of that call).

    A title is the caller's ``title``, one quoted by a comment count (``0 Response to
    "…"``), or a title-shaped line among the first non-blank lines. A line repeats it
    when it reads the same (maybe with a short " | Site" suffix) and is not its first
    occurrence at the top. Prose paragraphs are never titles, so a paragraph that
    happens to occur twice is not taken for one.
    """

    __slots__ = ("_first", "_lines", "_raw", "_repeated", "_titles", "_words")

    def __init__(self, doc: Document, markers: dict[int, str], quoted: list[str],
                 prose_at: Callable[[int], bool]) -> None:
        self._lines = doc.lines
        # title candidates: the first non-blank lines that are not ordinary prose
        head: list[int] = []
        seen = prose = 0
        for i, line in enumerate(self._lines[:200]):
            if not line.strip() or i in markers:
                continue
            seen += 1
            if not prose_at(i) or _title_shaped(line):
                head.append(i)
            else:
                # one sentence may stand above the title (a cookie notice, a teaser);
                # the second is the article
                prose += 1
            if seen >= _HEAD_LINES or prose >= 2:
                break
        # title -> index of its first occurrence at the top (-1: not there)
        first: dict[str, int] = {}
        raw: set[str] = set()
        for title in (doc.context.title or "", *quoted):
            norm = normalise_line(title)
            if len(norm) >= 8:
                first.setdefault(norm, -1)
                raw.add(title.strip())
        for i in head:
            line = self._lines[i]
            if len(line) > 300:
                continue
            norm = normalise_line(line)
            # a title that is one of the line's forms is a start of its words
            if any(seen < 0 and norm.startswith(title) for title, seen in first.items()):
                forms = _title_forms(line, norm)
                for title, seen in first.items():
                    if seen < 0 and title in forms:
                        first[title] = i
            if len(norm) >= 8 and norm not in first and _title_shaped(line):
                first[norm] = i
                raw.add(line.strip())
        self._first = first
        self._titles = tuple(first)  # for str.startswith
        # the longest word of each title, for a cheap test (see _repeats)
        self._words = tuple({max(title.split(" "), key=len) for title in first})
        self._raw = raw
        # the walk up and the removals ask about the same lines
        self._repeated: dict[int, bool] = {}

    def repeated(self, index: int) -> bool:
        """Is line ``index`` a repeat of a title (not the title itself)?

        A sentence that reads like the title ("… on Monday." after the title "…")
        is prose, not a repeat: the line must be title-shaped or the title verbatim.
        """
        known = self._repeated.get(index)
        if known is None:
            known = self._repeated[index] = self._repeats(index)
        return known

    def _repeats(self, index: int) -> bool:
        line = self._lines[index]
        if not self._first or len(line) > 400:
            return False
        if not _title_shaped(line) and line.strip() not in self._raw:
            return False
        # A line whose words start with a title holds each word of the title, casefolded
        # (normalise_line only puts spaces between the line's words, strips them and
        # casefolds character by character): a test far cheaper than normalise_line.
        folded = line.casefold()
        if not any(word in folded for word in self._words):
            return False
        # the shorter forms start like the whole line: most lines start like no title
        whole = normalise_line(line)
        if not whole.startswith(self._titles):
            return False
        return any(index > self._first.get(form, index) for form in _title_forms(line, whole))


def _title_shaped(line: str) -> bool:
    """Short enough and no sentence: "Biden to speak with Putin … - CNN", not prose."""
    text = line.strip()
    if len(text) > 200 or text.endswith((".", "。", "।", ":", ";", ",")):
        return False
    # scripts written without spaces (CJK, Thai): characters stand in for words
    return len(text.split()) >= 3 or (not text.isascii() and len(_UNSPACED.findall(text)) >= 8)


# " | Site", " - CNN", " – Le Monde": a site name a repost appends to a title
_SITE_SEPARATOR = regex.compile(r"[\t\p{Zs}][|\-–—·•:][\t\p{Zs}]")


def _title_forms(line: str, whole: str | None = None) -> tuple[str, ...]:
    """The line's words (``whole``, when already known), and its words without one
    or two site-name suffixes.

    Each shorter form is a start of the first: a suffix is cut at a space, and
    :func:`~cleanse.phrases.normalise_line` turns the space and what follows into a
    space and more, then strips and casefolds (character by character).

    >>> _title_forms("Rail deal agreed | Metro Daily - Latest")
    ('rail deal agreed metro daily latest', 'rail deal agreed metro daily', 'rail deal agreed')
    """
    forms = [normalise_line(line) if whole is None else whole]
    head = line.rstrip()
    for _ in range(2):
        cut = None
        for m in _SITE_SEPARATOR.finditer(head):
            cut = m.start()
        if cut is None or len(head) - cut > 42:
            break
        head = head[:cut]
        forms.append(normalise_line(head))
    return tuple(forms)


@dataclass(frozen=True, slots=True, kw_only=True)
class AutoblogTail(LineFilter):
    """Remove the template a reposting blog (Blogger + IFTTT, RSS autoposters) appends.

    Reasons:

    - ``autoblog_marker``: Blogger / WordPress template lines ("Powered by Blogger.",
      "Post a Comment", ``0 Response to "…"``, "Bagikan Berita Ini", "Newer Post
      Older Post Home", "Subscribe to: Post Comments (Atom)") in many languages;
    - ``feed_name``: the copied feed's name ("U.S. - Latest - Google News");
    - ``ifttt_date``: IFTTT's date stamp ("December 30, 2021 at 12:19AM");
    - ``appeared_first``: "The post … appeared first on …" and its translations;
    - ``repeated_title``: the article title again, inside a tail;
    - ``tail_block``: the short non-prose lines (labels, links, names) inside a tail.

    Unambiguous template lines go wherever they stand; everything else goes only in a
    tail: a block at the end that holds template markers (one strong one, or two weak
    ones such as IFTTT dates), read upwards until the article's prose. Left alone on
    purpose: prose that mentions "powered by" or "post a comment"; the article's own
    short last lines, bylines and lists *before* the first marker; prose lines inside a
    tail; the title at the top; and a title repeated at the end without any marker.

    >>> from cleanse import Pipeline
    >>> text = ("Storm Hits Coast\\n\\nThe storm reached the coast on Monday night, "
    ...         "officials said.\\n\\nTop stories - Google News\\nMeme Update\\n"
    ...         "Powered by Blogger.")
    >>> r = Pipeline([AutoblogTail()])(text)
    >>> r.text
    'Storm Hits Coast\\n\\nThe storm reached the coast on Monday night, officials said.\\n'
    >>> [(c.before.strip(), c.reason) for c in r.changes]
    [('Top stories - Google News', 'feed_name'), ('Meme Update', 'tail_block'), \
('Powered by Blogger.', 'autoblog_marker')]
    """

    name = "autoblog_tail"
    reasons = ("autoblog_marker", "feed_name", "ifttt_date", "repeated_title",
               "appeared_first", "tail_block")

    max_gap: int = 20

    def rejected(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Every line of the tail, and template markers anywhere."""
        yield from sorted(find_tail(doc, max_gap=self.max_gap).removals.items())

    def edits(self, doc: Document) -> list[Edit]:
        """Line removals for :meth:`rejected` (without a generator: most documents
        have nothing to remove)."""
        removals = find_tail(doc, max_gap=self.max_gap).removals
        return line_removals(doc, removals.items()) if removals else []
