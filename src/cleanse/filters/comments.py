"""Comment forms and comment sections (WordPress and similar), in many languages.

Scraped articles often end with the blog's comment form flattened into lines:
a heading ("Leave a Reply", "Deixe um comentário"), the privacy notice ("Your email
address will not be published. Required fields are marked *"), the field labels
("Comment", "Name *", "Email *", "Website"), the cookie-consent checkbox and the
submit button, plus comment counts ("3 thoughts on “…”") and "Comments are closed.".
All of it is page furniture, never part of the article.

Phrases are matched with a :class:`~cleanse.phrases.Phrasebook`, the mechanism every
phrase-list line filter shares: one data file per family, every phrase of every
language compiled into one factored, line-anchored pattern, one scan of the whole
text, Python only on candidate lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from cleanse import linestarts
from cleanse.filters.base import LineFilter
from cleanse.phrases import (
    Phrasebook,
    PhraseHit,
    build_phrasebook,
    phrasebook_keys,
    short_rest,
    with_blocks,
)

if TYPE_CHECKING:
    from cleanse.document import Document

__all__ = ["CommentForm"]


# --------------------------------------------------------------------------------------
# CommentForm
# --------------------------------------------------------------------------------------

_COMMENT_REASONS = ("comment_form", "comment_notice", "comment_count", "comments_closed")
# line: the whole line is the phrase; lead: the line starts with it, the rest is short;
# count: "N thoughts on" + a quoted title; label: a form label, junk only in a block.
_COMMENT_KINDS = ("line", "lead", "count", "label")
_OPEN_QUOTES = "\"'“”„‟«»‹›‘’‚「『"


@cache
def _comment_book() -> Phrasebook:
    return build_phrasebook("comment_form", reasons=_COMMENT_REASONS, kinds=_COMMENT_KINDS)


# Registered at import, not on first use: the shared scan of line starts is then
# compiled once, with every rule, and not again as each filter first runs.
linestarts.register(phrasebook_keys("comment_form"))


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
                if short_rest(hit.rest, hit.rest_len, self.max_words):
                    strong[index] = hit.entry.reason
            elif hit.entry.kind == "count" and self._titled(hit):
                strong[index] = hit.entry.reason
        if not strong:  # labels and items alone are kept: the lines are not needed
            return iter(())
        return with_blocks(doc.lines, strong, weak)

    def _titled(self, hit: PhraseHit) -> bool:
        """Whether the rest of a count line is a quoted title (“…”, „…“, « … »)."""
        title = hit.rest.strip()
        return (bool(title) and title[0] in _OPEN_QUOTES
                and short_rest(title, hit.rest_len, self.max_title_words, max_breaks=2))
