"""Hostile inputs for the gateway and helpers for the reliability tests.

`make_corpus.py` writes the small request files of this folder (run it again after changing it) and
builds the large inputs at test time; `process.py` runs the mock as a child process, for the tests
that kill it, read its memory or grep its logs.
"""
