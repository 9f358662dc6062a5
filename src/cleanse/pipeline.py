"""Pipelines: an ordered tuple of configured filters, and the presets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cleanse.document import Context, Document
from cleanse.errors import ConfigError, EditError, InputTypeError
from cleanse.filters.base import Filter
from cleanse.result import Result
from cleanse.tracked import Edit, TrackedText

__all__ = ["Pipeline", "clean", "default_pipeline", "strict_pipeline"]


@dataclass(frozen=True, slots=True, init=False)
class Pipeline:
    """Run filters in order; each sees the text the previous one left.

    Configuration is the objects: a pipeline is nothing but its filters. Calling it
    returns a :class:`~cleanse.result.Result` whose changes account for every
    character. Document context is keyword-only.

    >>> from cleanse.filters import Whitespace
    >>> Pipeline([Whitespace()])("a \\nb", url="https://example.com/x").text
    'a\\nb'
    """

    filters: tuple[Filter, ...]

    def __init__(self, filters: Iterable[Filter]) -> None:
        filters = tuple(filters)
        for f in filters:
            if not isinstance(f, Filter):
                raise ConfigError(f"Pipeline takes Filter instances, got {f!r}")
            if not getattr(f, "name", "") or not getattr(f, "reasons", ()):
                raise ConfigError(f"{type(f).__name__} must set `name` and `reasons`")
        object.__setattr__(self, "filters", filters)

    def __call__(self, text: str, /, *, url: str | None = None, language: str | None = None,
                 title: str | None = None) -> Result:
        """Clean ``text``; ``url``, ``language`` (ISO 639-1) and ``title`` help filters."""
        _require_str(text)
        return Result(self.run(TrackedText(text), Context(url=url, language=language,
                                                          title=title)))

    def run(self, tracked: TrackedText, context: Context | None = None) -> TrackedText:
        """Apply every filter to an already tracked text (to compose pipelines)."""
        doc = Document(tracked.text, context)
        for f in self.filters:
            edits = f.edits(doc)
            if isinstance(edits, list) and not edits:
                continue  # the usual answer: nothing to check, nothing to apply
            edits = _checked(f, edits)
            new = tracked.apply(edits, filter=f.name)
            if new is not tracked:
                tracked = new
                doc = doc.with_text(new.text, edits)  # lines the edits missed carry over
        return tracked

    @property
    def names(self) -> tuple[str, ...]:
        """The filters' names, in order."""
        return tuple(f.name for f in self.filters)

    def __repr__(self) -> str:
        return f"Pipeline([{', '.join(repr(f) for f in self.filters)}])"


def _checked(f: Filter, edits: Iterable[Edit]) -> list[Edit]:
    edits = edits if isinstance(edits, list) else list(edits)
    declared = f.reasons
    for e in edits:
        if e.reason not in declared:
            raise EditError(f"filter {f.name!r} used reason {e.reason!r}, which it does not "
                            f"declare (declared: {', '.join(declared)})")
    return edits


def _require_str(text: Any) -> None:
    if isinstance(text, str):
        return
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise InputTypeError(
            "cleanse works on str, not bytes: decode first (e.g. data.decode('utf-8', "
            "errors='replace')), or pass HTML pages to cleanse.clean_html(), which "
            "reads the page's declared charset")
    raise InputTypeError(f"cleanse works on str, got {type(text).__name__}")


def default_pipeline() -> Pipeline:
    """The pipeline for the common case: junk lines out, encoding and punctuation fixed."""
    from cleanse.presets import DEFAULT  # noqa: PLC0415 - presets import every filter

    return Pipeline(DEFAULT())


def strict_pipeline() -> Pipeline:
    """The default pipeline plus stricter rules (e.g. foreign-language paragraphs)."""
    from cleanse.presets import STRICT  # noqa: PLC0415 - presets import every filter

    return Pipeline(STRICT())


_DEFAULT: list[Pipeline] = []


def clean(text: str, /, *, url: str | None = None, language: str | None = None,
          title: str | None = None) -> Result:
    """Clean one article with the default pipeline.

    >>> clean("Body text.  \\n\\n\\n\\nMore.").text
    'Body text.\\n\\nMore.'
    """
    if not _DEFAULT:  # built on first use; pipelines are immutable, so sharing is safe
        _DEFAULT.append(default_pipeline())
    return _DEFAULT[0](text, url=url, language=language, title=title)
