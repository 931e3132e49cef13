"""Contract suite: the same black-box tests against mock-intacct or a real Intacct sandbox.

It speaks to the target only through aiointacct; see conftest.py for how the target is chosen.
"""
