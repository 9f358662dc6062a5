"""Hypothesis profiles for cleanse's own suite: ``dev`` by default, ``ci`` when $CI is set.

The profiles are cleanse.testing.PROFILES, the ones users get with
``pytest --cleanse-profile``; ``--hypothesis-profile=ci`` also works here.
"""

from __future__ import annotations

import os

from hypothesis import settings

from cleanse.testing import register_profiles

register_profiles()
settings.load_profile("ci" if os.environ.get("CI", "").lower() not in ("", "0", "false") else "dev")
