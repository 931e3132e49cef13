"""Hypothesis profiles for every suite: `ci` (the default: fast and derandomized), `thorough`
(many examples, for a long local or nightly run) and `sandbox` (few examples, for a real gateway).
Pick one with HYPOTHESIS_PROFILE=thorough or pytest --hypothesis-profile thorough."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "sandbox", max_examples=5, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
