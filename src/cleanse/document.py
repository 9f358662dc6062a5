"""What a filter is shown: the current text, its lines, and the document's context.

The pipeline builds one :class:`Document` per distinct text and hands the same object
to every filter until one of them changes the text, so line splitting and language
detection are done once, not once per filter. Nothing here outlives one document.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from urllib.parse import urlsplit

__all__ = ["Context", "Document"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """Per-document facts given by the caller (all optional, all keyword-only).

    ``url`` is the page address, ``language`` an ISO 639-1 code when known, ``title``
    the article title (e.g. from HTML metadata).
    """

    url: str | None = None
    language: str | None = None
    title: str | None = None

    @property
    def site(self) -> str | None:
        """The host of ``url`` without a leading ``www.``, or ``None``."""
        if not self.url:
            return None
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.") or None


class _Shared:
    """Values computed at most once per document and shared by every filter's view."""

    __slots__ = ("detected",)

    def __init__(self) -> None:
        self.detected: dict[str, str | None] = {}  # detector name -> language


class Document:
    """The text a filter sees, with lazily computed lines and language.

    >>> doc = Document("Title\\n\\nBody.", Context(url="https://www.example.com/a"))
    >>> doc.lines, doc.line_starts, doc.context.site
    (('Title', '', 'Body.'), (0, 6, 7), 'example.com')
    """

    __slots__ = ("_line_starts", "_lines", "_shared", "context", "text")

    def __init__(self, text: str, context: Context | None = None,
                 _shared: _Shared | None = None) -> None:
        self.text = text
        self.context = context or Context()
        self._shared = _shared or _Shared()
        self._lines: tuple[str, ...] | None = None
        self._line_starts: tuple[int, ...] | None = None

    def with_text(self, text: str) -> Document:
        """The same document after a filter changed its text (shares the language)."""
        return Document(text, self.context, self._shared)

    @property
    def lines(self) -> tuple[str, ...]:
        """The text split on ``\\n`` (a trailing ``\\r`` stays part of its line)."""
        if self._lines is None:
            self._lines = tuple(self.text.split("\n"))
        return self._lines

    @property
    def line_starts(self) -> tuple[int, ...]:
        """Offset of the first character of each line in :attr:`text`."""
        if self._line_starts is None:
            self._line_starts = tuple(accumulate((len(ln) + 1 for ln in self.lines[:-1]),
                                                 initial=0))
        return self._line_starts

    @property
    def language(self) -> str | None:
        """The caller's language, else one detected once from the text (or ``None``)."""
        return self._language("detect_document_language")

    @property
    def quick_language(self) -> str | None:
        """The caller's language, else a cheaper guess than :attr:`language`.

        :func:`cleanse.language.quick_document_language` reads a short sample of the
        longest lines and stands by it when it is clear-cut. Good enough for a rule
        that only asks which family a language belongs to (does it put a space
        before ``: ; ! ?``?), not for telling a paragraph from its document.
        """
        return self._language("quick_document_language")

    def _language(self, detector: str) -> str | None:
        if self.context.language:
            return self.context.language
        detected = self._shared.detected
        if detector not in detected:
            from cleanse import language  # noqa: PLC0415 - loads the model only when needed

            detected[detector] = getattr(language, detector)(self.text)
        return detected[detector]

    def __repr__(self) -> str:
        return f"Document({len(self.text)} chars, {self.context!r})"

