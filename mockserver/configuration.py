"""Errors in what an operator configured (fixture files, settings): reported as one line, never a traceback."""


class ConfigurationError(Exception):
    """A setting or file the mock cannot start or run with; the message says which and why."""
