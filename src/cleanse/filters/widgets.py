"""Calls to action and widget residue: share bars, follow and subscribe pleas,
newsletter boxes, app badges, cookie banners, ad-slot labels, "Click here" lines.

When a page is flattened to text, its widgets become short lines of their own
("Share this:", "Twitter", "Facebook", "Subscribe to our newsletter", "Advertisement",
"SCROLL TO CONTINUE WITH CONTENT", "Click here to read more: …"). They are never
part of the article.
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

__all__ = ["CallToAction"]

_REASONS = ("share", "follow", "subscribe", "newsletter", "app_download", "cookie",
            "advertisement", "click_here")
_KINDS = ("line", "lead", "notice", "needs", "verb", "weak", "joint")
_WEAK_KINDS = ("weak", "verb", "joint")
#: A line made of this many widget items is a widget row on its own
#: ("Privacy Policy | Terms of Use | Cookie Policy", "Facebook Twitter WhatsApp").
_ROW_ITEMS = 3
#: Share lines ("Share on …") name the same social networks as follow lines.
_TOPIC = {"share": "follow"}


@cache
def _book() -> Phrasebook:
    return build_phrasebook("call_to_action", reasons=_REASONS, kinds=_KINDS, topic_kind="topic")


# Registered at import, not on first use: the shared scan of line starts is then
# compiled once, with every rule, and not again as each filter first runs.
linestarts.register(phrasebook_keys("call_to_action", "topic"))


@dataclass(frozen=True, slots=True, kw_only=True)
class CallToAction(LineFilter):
    """Remove widget lines: share, follow, subscribe, newsletter, app, cookie, ad, click.

    Reasons: ``share`` ("Share this:", "Compartilhe", "Teilen mit:", Jetpack's "Like
    this:"), ``follow`` ("Follow us on Telegram: …", "Síguenos en Instagram"),
    ``subscribe`` ("Subscribe", "Inscreva-se", "Abonnieren Sie …"), ``newsletter``
    ("Subscribe to our newsletter", "Sign up for the … newsletter"),
    ``app_download`` ("Download the app", "Get it on Google Play"), ``cookie`` ("We
    use cookies to …", "Accept all cookies"), ``advertisement`` ("Advertisement",
    "Publicidade", "Anzeige", "Реклама", "SCROLL TO CONTINUE WITH CONTENT"),
    ``click_here`` ("Click here to …", "Clique aqui", "Klicken Sie hier").

    Only whole lines go, and only short ones: the line is a phrase from
    ``data/call_to_action.txt`` (several in a row are fine: "Share this: Twitter
    Facebook"), or starts with one and has at most ``max_words`` more words. A common
    verb ("Follow", "Sign up for", "Download") counts only with a topic of its kind in
    the same line ("… on Instagram", "… newsletter", "… app"); a cookie banner ("We use
    cookies …", up to ``max_notice_words`` words) only when it speaks of the site,
    consent, privacy or the like. Widget items ("Twitter", "Email", "Print", "App
    Store", "Privacy Policy") go only next to another widget line (blank lines between
    are fine), or three or more in one line ("Privacy Policy | Terms of Use | Cookie
    Policy").

    Left alone on purpose: prose about these things (an article about advertising,
    newsletters or cookies: "Anzeige erstattet …", "Advertisement revenue fell.",
    "Cookies are small files …", "We use cookies to test every flour, the baker
    said."); "Follow the steps below" and other instructions without a social network
    or newsletter in them; a lone "Facebook", "Email" or "Privacy Policy" line.

    >>> from cleanse import Pipeline
    >>> r = Pipeline([CallToAction()])("Body.\\nShare this:\\nTwitter\\nAnzeige erstattet.")
    >>> r.text, [c.reason for c in r.changes]
    ('Body.\\nAnzeige erstattet.', ['share', 'share'])
    """

    name = "call_to_action"
    reasons = _REASONS

    #: Most words after a phrase that starts a line ("Click here to …").
    max_words: int = 20
    #: Most words after a cookie-banner opening ("We use cookies to …").
    max_notice_words: int = 80

    def rejected(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Widget lines, and widget items in the same block as one."""
        book = _book()
        strong: dict[int, str] = {}
        weak: dict[int, str] = {}
        for index, hit in book.hits(doc):
            if hit.whole is not None:
                firm = [e for e in hit.whole if e.kind not in _WEAK_KINDS]
                items = [e for e in hit.whole if e.kind != "joint"]
                if firm:
                    strong[index] = firm[0].reason
                elif len(items) >= _ROW_ITEMS:
                    strong[index] = items[0].reason
                else:
                    weak[index] = hit.entry.reason
                continue
            reason = self._judge(hit, book)
            if reason is not None:
                strong[index] = reason
        if not strong:  # labels and items alone are kept: the lines are not needed
            return iter(())
        return with_blocks(doc.lines, strong, weak)

    def _judge(self, hit: PhraseHit, book: Phrasebook) -> str | None:
        """The reason for a line that starts with a phrase and goes on, or ``None``."""
        entry = hit.entry
        if entry.kind == "notice":
            banner = (short_rest(hit.rest, hit.rest_len, self.max_notice_words, max_breaks=4)
                      and book.topic_in(hit.rest, entry.reason))
            return entry.reason if banner else None
        if entry.kind not in ("lead", "needs", "verb"):
            return None
        if not short_rest(hit.rest, hit.rest_len, self.max_words):
            return None
        topic = _TOPIC.get(entry.reason, entry.reason)
        if entry.kind != "lead" and not book.topic_in(hit.rest, topic):
            return None
        if entry.reason == "subscribe" and book.topic_in(hit.rest, "newsletter"):
            return "newsletter"
        return entry.reason
