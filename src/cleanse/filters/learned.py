"""Learned boilerplate: remove the lines a site repeats across its documents.

The lines come from a :class:`~cleanse.learn.BoilerplateModel`, learned over a corpus
with ``cleanse learn`` (or :func:`cleanse.learn.learn`): a blog's own category names,
its own footer, its own "Thanks for reading!" — junk no phrase list can know.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cleanse.filters.base import LineFilter
from cleanse.learn import BoilerplateModel
from cleanse.phrases import line_indexes, normalise_line

if TYPE_CHECKING:
    from collections.abc import Iterator

    from cleanse.document import Document

__all__ = ["LearnedBoilerplate"]


@dataclass(frozen=True, slots=True, kw_only=True)
class LearnedBoilerplate(LineFilter):
    """Remove lines that the document's site repeats across many of its documents.

    The site is the host of the ``url=`` keyword (``doc.context.site``, without
    ``www.``); a line goes (reason ``repeated_on_site``) when its normalised form
    (:func:`~cleanse.phrases.normalise_line`: casefolded words, punctuation and
    spacing ignored) is one the ``model`` learned for that site.

    Left alone on purpose: documents without a url, or from a site the model does not
    know (nothing is guessed across sites), and lines that merely *contain* a learned
    line. Not in the default preset: it needs a model learned on your corpus (see
    :func:`cleanse.learn.learned_pipeline`). With no model it changes nothing.

    Speed: one compiled pattern per site (the site's lines factored into one
    alternation) scans the whole text; only candidate lines are normalised.

    >>> from cleanse import Pipeline
    >>> model = BoilerplateModel({"garden.example": ["Filed under: Roses", "© Garden Club"]})
    >>> clean = Pipeline([LearnedBoilerplate(model=model)])
    >>> text = "Prune in March.\\nFiled under roses\\n© Garden Club\\n"
    >>> clean(text, url="https://www.garden.example/p/1").text
    'Prune in March.\\n'
    >>> clean(text, url="https://elsewhere.example/").text == text
    True
    """

    name = "learned_boilerplate"
    reasons = ("repeated_on_site",)

    model: BoilerplateModel = field(default_factory=BoilerplateModel)

    @classmethod
    def from_file(cls, path: str | Path) -> LearnedBoilerplate:
        """The filter with a model written by ``cleanse learn -o PATH``."""
        return cls(model=BoilerplateModel.load(path))

    def rejected(self, doc: Document) -> Iterator[tuple[int, str]]:
        """Lines of ``doc`` that its site's model holds."""
        site = doc.context.site
        if site is None:
            return
        learned = self.model.get(site)
        if not learned:
            return
        pattern = self.model.pattern(site)
        if pattern is None:  # pragma: no cover - a site with lines always has one
            return
        lines = doc.lines
        for index, _ in line_indexes(doc, pattern):
            if normalise_line(lines[index]) in learned:
                yield index, "repeated_on_site"
