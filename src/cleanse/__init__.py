"""cleanse: clean scraped article text, and prove where every output character came from.

>>> import cleanse
>>> r = cleanse.clean("Article text.  \\n")
>>> r.text, [(c.filter, c.reason) for c in r.changes]
('Article text.\\n', [('whitespace', 'trailing_space')])
"""

from cleanse.document import Context, Document
from cleanse.errors import CleanseError, ConfigError, EditError, InputTypeError, ProvenanceError
from cleanse.filters import ALL_FILTERS, Filter, FunctionFix, LineFilter, RegexFix
from cleanse.html import clean_html
from cleanse.pipeline import Pipeline, clean, default_pipeline, strict_pipeline
from cleanse.result import Result
from cleanse.tracked import Change, Edit, Segment, TrackedText

__version__ = "0.1.0"

__all__ = [
    "ALL_FILTERS",
    "Change",
    "CleanseError",
    "ConfigError",
    "Context",
    "Document",
    "Edit",
    "EditError",
    "Filter",
    "FunctionFix",
    "InputTypeError",
    "LineFilter",
    "Pipeline",
    "ProvenanceError",
    "RegexFix",
    "Result",
    "Segment",
    "TrackedText",
    "__version__",
    "clean",
    "clean_html",
    "default_pipeline",
    "strict_pipeline",
]
