"""The one exception for a configuration the mock cannot start with (a bad fixture file, ...).

Its message is a single line naming the file, where in it and why; the CLI prints it as is, with no
traceback.
"""

from __future__ import annotations


class ConfigurationError(Exception):
    """Start-up cannot go on; str(error) is the one line to show the operator."""
