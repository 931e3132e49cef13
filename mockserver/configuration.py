"""Errors in what an operator configured (fixture files, settings): reported as one line, never a traceback.

The message names the file or setting, where in it and why; the CLI prints it as is.
"""


class ConfigurationError(Exception):
    """A setting or file the mock cannot start or run with; the message says which and why."""
