"""The curated public surface."""

from __future__ import annotations

from importlib import resources

import cleanse


def test_all_is_sorted_and_complete() -> None:
    assert list(cleanse.__all__) == sorted(cleanse.__all__)
    public = {name for name in dir(cleanse) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(cleanse, name)).__name__ == "module"}
    assert public - modules == set(cleanse.__all__) - {"__version__"}


def test_every_exported_name_has_a_docstring() -> None:
    for name in cleanse.__all__:
        obj = getattr(cleanse, name)
        if callable(obj):
            assert obj.__doc__, name


def test_py_typed_is_shipped() -> None:
    assert resources.files("cleanse").joinpath("py.typed").is_file()
