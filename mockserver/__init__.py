"""mock-intacct: a stateful mock of the Sage Intacct XML Web Services gateway.

    from mockserver import MockIntacct

    with MockIntacct() as mock:              # a server on a free loopback port, on its own thread
        os.environ.update(mock.env)          # INTACCT_* for MOCKCO, what the SDKs read
        ...

`import mockserver` stays light (no aiohttp, no server code) until MockIntacct is used, so tools
that only need the version or the packaged data pay nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockserver.inprocess import MockCompany, MockIntacct

    __version__: str

__all__ = ["MockCompany", "MockIntacct", "__version__"]


def version() -> str:
    """The installed distribution's version: pyproject.toml is the one place it is written."""
    from importlib import metadata  # read on demand: importlib.metadata costs a server's start ~25 ms

    try:
        return metadata.version("mock-intacct")
    except metadata.PackageNotFoundError:  # imported from a checkout that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return version()
    if name in ("MockIntacct", "MockCompany"):
        from mockserver import inprocess

        return getattr(inprocess, name)
    raise AttributeError(f"module 'mockserver' has no attribute {name!r}")
