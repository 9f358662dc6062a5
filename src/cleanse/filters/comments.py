"""Comment forms and comment sections (WordPress and similar), in many languages.

Scraped articles often end with the blog's comment form flattened into lines:
a heading ("Leave a Reply", "Deixe um comentário"), the privacy notice ("Your email
address will not be published. Required fields are marked *"), the field labels
("Comment", "Name *", "Email *", "Website"), the cookie-consent checkbox and the
submit button, plus comment counts ("3 thoughts on “…”") and "Comments are closed.".
All of it is page furniture, never part of the article.

This module also holds the small phrase-book machinery the other phrase-list line
filters (:mod:`cleanse.filters.related`, :mod:`cleanse.filters.widgets`) share: one
data file per family, every phrase of every language compiled into one factored,
line-anchored pattern, one scan of the whole text, Python only on candidate lines.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from cleanse.filters.base import LineFilter
from cleanse.phrases import load_phrases, trie_pattern

if TYPE_CHECKING:
    from cleanse.document import Document

__all__ = ["CommentForm"]


# --------------------------------------------------------------------------------------
# Phrase books: data rows -> one compiled, line-anchored pattern per family
# --------------------------------------------------------------------------------------

class _Entry(NamedTuple):
    """One data row: ``lang  reason  kind  phrase``."""

    lang: str
    reason: str
    kind: str
    phrase: str


class _Hit(NamedTuple):
    """A line that starts with a phrase of the book.

    ``whole`` is every phrase of the line in order when the line holds nothing but
    phrases (and spaces or punctuation), else ``None``; ``rest`` is the text after the
    first phrase (at most ``_REST_LIMIT + 1`` characters) and ``rest_len`` its length.
    """

    entry: _Entry
    whole: tuple[_Entry, ...] | None
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
#: The first line is matched on a copy of at most this many characters.
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
# Bullets, dashes, brackets, emoji may precede a phrase; quotation marks may not,
# which is checked on the lead itself (a quotation starting "Read more" is prose).
_LEAD = r"[^\w\n]*"
_QUOTES = frozenset("\"'„‚「『〝〟")
_END_OF_LINE = re.compile(_SPACE_OR_MARK + r"*(?:\n|\Z)")


def _letters(predicate: Callable[[str], bool]) -> str:
    """A character-class body for the BMP letters that satisfy ``predicate``."""
    spans: list[str] = []
    first = -1
    for code in range(0x10001):
        inside = code < 0x10000 and predicate(chr(code))
        if inside and first < 0:
            first = code
        elif not inside and first >= 0:
            last = code - 1
            spans.append(re.escape(chr(first)) if first == last
                         else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
            first = -1
    return "".join(spans)


@cache
def _word_end() -> str:
    """A phrase ends where a word ends, or where extraction glued two link texts
    together ("Lascia un commentoAnnulla risposta"): a lower-case letter, then a
    capital."""
    return rf"(?:(?!\w)|(?<=[{_letters(str.islower)}])(?=[{_letters(str.isupper)}]))"


def _key(text: str) -> str:
    """The lookup form of a phrase or a matched text: casefolded words, no accents,
    numbers as ``0``.

    >>> _key("12 Comments"), _key("%d comments"), _key("Comentário *"), _key("E-Mail")
    ('0 comments', '0 comments', 'comentario', 'e mail')
    """
    folded = text.replace("%d", "0").casefold()
    if not folded.isascii():
        folded = _bare(folded)
    return _NUMBER.sub("0", _NON_WORD.sub(" ", folded)).strip()


def _bare(text: str) -> str:
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
        joined = "".join(c if len(low := c.lower()) != 1 else low for c in joined)
    return joined


def _alternation(phrases: Iterable[str], *, fold: bool) -> str:
    """One factored pattern for ``phrases``: any run of spaces or punctuation between
    words, any number for ``%d``, and each phrase also without its accents (scraped
    text often lost them: "Siguenos en")."""
    sources = {_source(v, fold=fold) for p in phrases for v in (p, _bare(p))}
    pattern = trie_pattern(sorted(sources))
    return (pattern.replace(regex.escape(_GAP), _SPACE_OR_MARK + "+")
            .replace(regex.escape(_NUM), r"\d+"))


@dataclass(frozen=True, slots=True)
class _Phrasebook:
    """Every phrase of one data file, compiled once.

    ``scan`` finds, in one pass over a whole text, every line break followed by a
    phrase (after bullets or spaces); ``follow`` reads the phrases that may follow it
    on the same line. ``topic`` (if any) finds the book's topic phrases anywhere in a
    line. Python only runs for the lines ``scan`` found.
    """

    entries: dict[str, _Entry]
    exact: dict[str, _Entry]  # case-sensitive phrases, keyed by their exact words
    scan: re.Pattern[str]
    follow: re.Pattern[str]
    topics: dict[str, _Entry]
    topic: re.Pattern[str] | None

    def hits(self, doc: Document) -> Iterator[tuple[int, _Hit]]:
        """``(line_index, hit)`` for every line that starts with a phrase, in order."""
        text = doc.text
        # (line start, end of the first phrase, match); the first line has no "\n"
        # before it, so it is matched on a short copy with one put in front
        found: list[tuple[int, int, re.Match[str]]] = []
        head_end = text.find("\n")
        if head_end < 0:
            head_end = len(text)
        head = self.scan.match("\n" + text[:min(head_end, _HEAD_LIMIT)])
        # a phrase that reaches the end of a cut-off copy might go on: not a match
        if head is not None and (head_end <= _HEAD_LIMIT or head.end() <= _HEAD_LIMIT):
            found.append((0, head.end("first") - 1, head))
        found.extend((m.start() + 1, m.end("first"), m) for m in self.scan.finditer(text))
        for start, cut, m in found:
            lead = m["lead"]
            if lead and (not _QUOTES.isdisjoint(lead)
                         or any(unicodedata.category(c) in ("Pi", "Pf") for c in lead)):
                continue
            entry = self.lookup(m["first"])
            if entry is None:  # pragma: no cover - the pattern only matches phrases
                continue
            index = bisect_left(doc.line_starts, start)
            whole = self._whole(text, entry, cut)
            if whole is not None:
                yield index, _Hit(entry, whole, "", 0)
            else:
                line_end = start + len(doc.lines[index])
                # a megabyte-long line is never a widget: do not even copy it
                rest = text[cut:min(line_end, cut + _REST_LIMIT + 1)]
                yield index, _Hit(entry, None, rest, line_end - cut)

    def _whole(self, text: str, entry: _Entry, pos: int) -> tuple[_Entry, ...] | None:
        """Every phrase of the line when nothing else follows ``entry``, else ``None``."""
        chain = [entry]
        for _ in range(_MAX_CHAIN):
            m = self.follow.match(text, pos)
            if m is None:
                break
            item = self.lookup(m["phrase"])
            if item is None:  # pragma: no cover - the pattern only matches phrases
                break
            chain.append(item)
            pos = m.end()
        return tuple(chain) if _END_OF_LINE.match(text, pos) else None

    def lookup(self, text: str) -> _Entry | None:
        """The entry for a matched phrase (case-sensitive phrases first)."""
        if self.exact:
            exact = self.exact.get(" ".join(w for w in _WORD_BREAK.split(text) if w))
            if exact is not None:
                return exact
        return self.entries.get(_key(text))

    def topic_in(self, text: str, reason: str) -> bool:
        """Whether ``text`` mentions a topic phrase recorded with ``reason``."""
        if self.topic is None:
            return False
        return any((e := self.topics.get(_key(t))) is not None and e.reason == reason
                   for t in self.topic.findall(text))


def _read_rows(category: str) -> list[_Entry]:
    rows = []
    for lang, rest in load_phrases(category):
        parts = _COLUMNS.split(rest, maxsplit=2)
        if len(parts) != 3:
            raise ValueError(f"data/{category}.txt: expected 'lang  reason  kind  phrase', "
                             f"got {lang!r} {rest!r}")
        reason, kind, phrase = parts
        rows.append(_Entry(lang, reason, kind, phrase))
    return rows


def _build(category: str, *, reasons: Sequence[str], kinds: Sequence[str],
           exact_kinds: Sequence[str] = (), topic_kind: str | None = None) -> _Phrasebook:
    """Read ``data/<category>.txt`` and compile it; raises ``ValueError`` on bad rows."""
    entries: dict[str, _Entry] = {}
    exact: dict[str, _Entry] = {}
    topics: dict[str, _Entry] = {}
    for row in _read_rows(category):
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
            key = _key(row.phrase)
        if not key:
            raise ValueError(f"data/{category}.txt: phrase {row.phrase!r} has no words")
        known = table.get(key)
        if known is not None and known[1:3] != row[1:3]:
            raise ValueError(f"data/{category}.txt: {row.phrase!r} is listed as "
                             f"{row.reason}/{row.kind} and as {known.reason}/{known.kind}")
        table.setdefault(key, row)
    alternatives = []
    if entries:
        alternatives.append(f"(?i:{_alternation((e.phrase for e in entries.values()), fold=True)})")
    if exact:
        alternatives.append(_alternation((e.phrase for e in exact.values()), fold=False))
    phrase = f"(?:{'|'.join(alternatives)}){_word_end()}"
    topic = None
    if topics:
        topic = re.compile(
            rf"(?<!\w)(?i:{_alternation((e.phrase for e in topics.values()), fold=True)})")
    return _Phrasebook(entries, exact,
                       scan=re.compile(rf"\n(?P<lead>{_LEAD})(?P<first>{phrase})"),
                       follow=re.compile(rf"{_SPACE_OR_MARK}*(?P<phrase>{phrase})"),
                       topics=topics, topic=topic)


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


def _short(rest: str, rest_len: int, max_words: int, max_breaks: int = 1) -> bool:
    """Whether the rest of a line is short: few words, at most ``max_breaks`` breaks."""
    if rest_len > _REST_LIMIT:
        return False
    return (_words(rest) <= max_words
            and len(_SENTENCE_BREAK.findall(rest)) <= max_breaks)


def _blocks(lines: Sequence[str], indexes: Iterable[int]) -> Iterator[list[int]]:
    """Group line indexes whose lines are separated by blank lines only.

    Linear: each line between two consecutive indexes is looked at once, and only
    until the first one that is not blank.

    >>> list(_blocks(["a", "", "b", "text", "c"], [0, 2, 4]))
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


def _with_blocks(lines: Sequence[str], strong: dict[int, str],
                 weak: dict[int, str]) -> Iterator[tuple[int, str]]:
    """Strong lines, plus weak lines that share a block with a strong line, in order."""
    picked = dict(strong)
    if weak:
        for group in _blocks(lines, [*strong, *weak]):
            if any(i in strong for i in group):
                picked.update((i, weak[i]) for i in group if i in weak)
    return iter(sorted(picked.items()))


# --------------------------------------------------------------------------------------
# CommentForm
# --------------------------------------------------------------------------------------

_COMMENT_REASONS = ("comment_form", "comment_notice", "comment_count", "comments_closed")
# line: the whole line is the phrase; lead: the line starts with it, the rest is short;
# count: "N thoughts on" + a quoted title; label: a form label, junk only in a block.
_COMMENT_KINDS = ("line", "lead", "count", "label")
_OPEN_QUOTES = "\"'“”„‟«»‹›‘’‚「『"


@cache
def _comment_book() -> _Phrasebook:
    return _build("comment_form", reasons=_COMMENT_REASONS, kinds=_COMMENT_KINDS)


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentForm(LineFilter):
    """Remove comment forms, comment counts and "comments are closed" lines.

    - ``comment_form``: the form heading ("Leave a Reply", "Deixe um comentário",
      "Schreibe einen Kommentar", "Добавить комментарий", "Cancel reply", …);
    - ``comment_notice``: the form's notices and buttons ("Your email address will not
      be published.", "Required fields are marked *", "Save my name, email, and
      website in this browser…", "Post Comment", Jetpack's "Notify me of new posts by
      email.") and its field labels ("Comment", "Name *", "Email *", "Website");
    - ``comment_count``: "12 Comments", "No comments yet", "3 thoughts on “Title”";
    - ``comments_closed``: "Comments are closed." and translations.

    Phrases are WordPress's own strings and their official translations (en, pt, es,
    fr, it, de, nl, id, pl, ru, tr and a few more), in ``data/comment_form.txt``.
    Case, spacing and punctuation may differ ("E-Mail"/"e-mail"), accents may not.

    Left alone on purpose: a form label ("Comment", "Name", "Website", "Komentarz")
    on its own, without a heading or notice next to it (only blank lines may lie
    between), since it is also an ordinary word or section title; sentences that
    merely start like a heading ("Leave a comment below and tell us…"); counts that
    are part of a sentence ("3 comments from the minister:").

    >>> from cleanse import Pipeline
    >>> r = Pipeline([CommentForm()])("Body.\\n\\nLeave a Reply\\nComment\\nName *\\nWebsite\\n")
    >>> r.text, [c.reason for c in r.changes]
    ('Body.\\n\\n', ['comment_form', 'comment_notice', 'comment_notice', 'comment_notice'])
    """

    name = "comment_form"
    reasons = _COMMENT_REASONS

    #: Most words after a ``lead`` phrase ("Logged in as Ana. Log out?").
    max_words: int = 15
    #: Most words in a counted title ("3 thoughts on “…”").
    max_title_words: int = 30

    def rejected(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Strong lines, and form labels in the same block as one."""
        strong: dict[int, str] = {}
        weak: dict[int, str] = {}
        for index, hit in _comment_book().hits(doc):
            if hit.whole is not None:
                firm = [e for e in hit.whole if e.kind != "label"]
                if firm:
                    strong[index] = firm[0].reason
                else:
                    weak[index] = hit.entry.reason
            elif hit.entry.kind == "lead":
                if _short(hit.rest, hit.rest_len, self.max_words):
                    strong[index] = hit.entry.reason
            elif hit.entry.kind == "count" and self._titled(hit):
                strong[index] = hit.entry.reason
        return _with_blocks(doc.lines, strong, weak)

    def _titled(self, hit: _Hit) -> bool:
        """Whether the rest of a count line is a quoted title (“…”, „…“, « … »)."""
        title = hit.rest.strip()
        return (bool(title) and title[0] in _OPEN_QUOTES
                and _short(title, hit.rest_len, self.max_title_words, max_breaks=2))
