"""Hostile inputs for the gateway.

`make_corpus.py` writes the small request files of this folder (run it again after changing it) and
builds the large inputs at test time. The reliability tests run the mock as a child process with
`tests/server_process.py`.
"""
