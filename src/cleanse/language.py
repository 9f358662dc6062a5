"""Cheap document-language detection, shared by language-aware filters.

py3langid ships its model inside the package (no download at run time). Detection is
gated: it reads at most a few thousand characters of the longest lines, because a
document's language is decided by its prose, not by its navigation residue.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["detect_document_language", "detect_language"]

# Below this many letters a guess is noise (names, datelines, "OK").
MIN_LETTERS = 40
_SAMPLE_CHARS = 3000


def detect_language(text: str) -> tuple[str, float] | None:
    """Return ``(iso_code, probability)`` for ``text``, or ``None`` when too short to judge.

    >>> detect_language("La Russie et l'OTAN devraient également s'entretenir le 12 janvier.")[0]
    'fr'
    """
    letters = sum(ch.isalpha() for ch in text[:_SAMPLE_CHARS])
    if letters < MIN_LETTERS:
        return None
    code, prob = _identifier().classify(text[:_SAMPLE_CHARS])
    return str(code), float(prob)


def detect_document_language(text: str) -> str | None:
    """The language of a document's prose: its longest lines, up to a few thousand chars."""
    lines = sorted(text.split("\n"), key=len, reverse=True)
    sample: list[str] = []
    size = 0
    for line in lines:
        if size >= _SAMPLE_CHARS:
            break
        sample.append(line)
        size += len(line)
    found = detect_language(" ".join(sample))
    return found[0] if found else None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Loading the model costs ~0.3 s, so it is loaded once per process, on first use.
    # It is read-only afterwards: no document's result depends on another's.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # noqa: PLC0415 - heavy import

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
