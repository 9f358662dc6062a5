"""The errors cleanse raises.

Removing text is a result, never an exception: these are for programming mistakes and
unusable input only. Each subclass also subclasses the builtin it resembles, so callers
that already catch ``ValueError`` or ``TypeError`` keep working::

    CleanseError
    ├── EditError(ValueError)         a filter proposed overlapping / out-of-range edits
    ├── ConfigError(ValueError)       a filter or pipeline was configured wrongly
    ├── InputTypeError(TypeError)     the text is not a ``str`` (e.g. undecoded ``bytes``)
    └── ProvenanceError(ValueError)   a serialised result does not replay to its text
"""

from __future__ import annotations

__all__ = ["CleanseError", "ConfigError", "EditError", "InputTypeError", "ProvenanceError"]


class CleanseError(Exception):
    """Base class of every error cleanse raises on purpose."""


class EditError(CleanseError, ValueError):
    """A filter proposed edits that overlap or fall outside the text (a filter bug)."""


class ConfigError(CleanseError, ValueError):
    """A filter or pipeline was built with an invalid configuration."""


class InputTypeError(CleanseError, TypeError):
    """The input is not a ``str``; cleanse works on decoded text only."""


class ProvenanceError(CleanseError, ValueError):
    """Recorded changes do not reproduce the text they claim to (corrupt or edited data)."""
