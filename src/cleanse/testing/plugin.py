"""pytest plugin for cleanse users; opt-in, inert unless asked.

Installed with cleanse (entry point ``pytest11``), it only *adds*:

- the option ``--cleanse-profile=dev|ci``, which loads cleanse's hypothesis profile of
  that name (:data:`cleanse.testing.PROFILES`); without the option the hypothesis
  settings of your suite are left exactly as they are;
- session fixtures ``cleanse_default_pipeline`` and ``cleanse_strict_pipeline`` (the
  presets, built once per session, safe to share with ``@given`` tests);
- the marker ``cleanse_limitation(reason)`` to label an ``xfail(strict=True)`` case as
  a documented limitation of a filter.

Nothing here imports hypothesis unless ``--cleanse-profile`` is given, so the plugin
costs nothing in projects that do not use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from cleanse.pipeline import Pipeline

_PROFILES = ("dev", "ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cleanse", "cleanse property tests")
    group.addoption("--cleanse-profile", choices=_PROFILES, default=None,
                    help="load cleanse's hypothesis profile: dev (quick, random) or ci (many "
                         "examples, derandomised). Default: leave hypothesis settings alone.")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "cleanse_limitation(reason): a documented limitation of a cleanse filter "
                   "(use with xfail(strict=True) so that fixing it is noticed)")
    profile = config.getoption("--cleanse-profile", default=None)
    if profile:
        from hypothesis import settings  # noqa: PLC0415 - only when asked for

        from cleanse.testing import register_profiles  # noqa: PLC0415

        register_profiles(prefix="cleanse-")
        settings.load_profile(f"cleanse-{profile}")


def pytest_report_header(config: pytest.Config) -> str | None:
    profile = config.getoption("--cleanse-profile", default=None)
    return f"cleanse: hypothesis profile cleanse-{profile}" if profile else None


@pytest.fixture(scope="session")
def cleanse_default_pipeline() -> Pipeline:
    """:func:`cleanse.default_pipeline`, built once per test session."""
    from cleanse import default_pipeline  # noqa: PLC0415

    return default_pipeline()


@pytest.fixture(scope="session")
def cleanse_strict_pipeline() -> Pipeline:
    """:func:`cleanse.strict_pipeline`, built once per test session."""
    from cleanse import strict_pipeline  # noqa: PLC0415

    return strict_pipeline()
