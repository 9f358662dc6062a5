"""Related-headline injections: "READ  <headline>", "Read also: …", "Leia também …".

News sites and autoblog templates drop links to other articles into the body:
a marker ("Read also:", "Leia também", "Baca juga", "À lire aussi", "Читайте также")
followed by another article's headline, or a bare "Related Posts" / "Continue
reading" line. The linked headline is not part of the article.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import regex

from cleanse import linestarts
from cleanse.filters.base import LineFilter
from cleanse.phrases import Phrasebook, PhraseHit, build_phrasebook, phrasebook_keys, short_rest

if TYPE_CHECKING:
    from cleanse.document import Document

__all__ = ["RelatedLinks"]

_KINDS = ("bare", "colon", "space", "ref", "upper")
# What may stand between a marker and its headline: spaces, and one run of
# separator punctuation ("Read also:", "À lire aussi »", "Related -", "READ |").
_SEPARATOR = regex.compile(r"[\t\p{Zs}]*+(?P<mark>[:|»>→›\-–—]++)?[\t\p{Zs}]*+")
_FIRST_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*+")
_CLOSERS = "\r\t )]}\"'”’»›"


@cache
def _book() -> Phrasebook:
    return build_phrasebook("related", reasons=("related_headline",), kinds=_KINDS,
                            exact_kinds=("upper",))


# Registered at import, not on first use: the shared scan of line starts is then
# compiled once, with every rule, and not again as each filter first runs.
linestarts.register(phrasebook_keys("related"))


@dataclass(frozen=True, slots=True, kw_only=True)
class RelatedLinks(LineFilter):
    """Remove lines that link to another article: a marker, then its headline.

    A line is junk (reason ``related_headline``) when it starts with a marker from
    ``data/related.txt`` (after spaces or a bullet, never after a quotation mark) and
    either nothing else follows, or the rest looks like a headline: at most
    ``max_words`` words and two sentences, a first word that is not all lower-case,
    and, after a bare space, no final full stop. Most markers need ``:`` (or a dash,
    ``»``, ``|``) before the headline; unambiguous ones ("Leia também", "Baca juga",
    "Lesen Sie auch") may be followed by spaces only; ``READ`` counts only in
    capitals, as the injection templates print it ("READ\\u00a0 Headline").

    Left alone on purpose: prose that starts with a marker's words ("Read more books,
    the minister said.", "Read more about this in our report.", "Leia também o
    relatório."); "See also" / "Siehe auch" on their own (a wiki section heading) or
    without a colon ("See also Figure 3."); quotations ("“Read more,” she said."); a
    marker in the middle of a line. The headlines listed on the lines *after* a bare
    "Lesen Sie auch:" are kept: on their own they cannot be told from the article's
    subheadings.

    >>> from cleanse import Pipeline
    >>> r = Pipeline([RelatedLinks()])("Body.\\nREAD\\u00a0 Minister resigns\\nRead more books.\\n")
    >>> r.text, [c.reason for c in r.changes]
    ('Body.\\nRead more books.\\n', ['related_headline'])
    """

    name = "related_links"
    reasons = ("related_headline",)

    #: Most words a headline after a marker may have.
    max_words: int = 30

    def rejected(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Every marker line whose rest is empty or headline-like."""
        for index, hit in _book().hits(doc):
            if self._is_link(hit):
                yield index, "related_headline"

    def _is_link(self, hit: PhraseHit) -> bool:
        kind = hit.entry.kind
        if hit.whole is not None:
            return kind != "ref"
        if kind == "bare":
            return False
        sep = _SEPARATOR.match(hit.rest)  # never None: the pattern matches ""
        punctuated = sep["mark"] is not None
        if not punctuated and kind not in ("space", "upper"):
            return False
        return self._headline(hit.rest[sep.end():], hit.rest_len - sep.end(),
                              loose=not punctuated)

    def _headline(self, text: str, length: int, *, loose: bool) -> bool:
        """Whether ``text`` reads like a headline.

        At most ``max_words`` words and two sentences ("Królowa Elżbieta wypływa w
        świat. Sygnał dla Chin"), a first word that is not all lower-case ("iOS 13"
        is fine, "books" is not). After a bare space (``loose``) it must not end with
        a full stop either: that is how "Read more books, the minister said." stays.
        """
        if not short_rest(text, length, self.max_words):
            return False
        first = _FIRST_WORD.search(text)
        if first is None or first.group().islower():
            return False
        if not loose:
            return True
        end = text.rstrip(_CLOSERS)
        return not (end.endswith(".") and not end.endswith(".."))
