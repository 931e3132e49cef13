"""mock-intacct: a stateful mock of the Sage Intacct XML Web Services gateway.

    from mockserver import MockIntacct

    with MockIntacct() as mock:              # a server on a free loopback port, on its own thread
        os.environ.update(mock.env)          # INTACCT_* for MOCKCO, what the SDKs read
        ...

`import mockserver` stays light (no aiohttp, no server code) until MockIntacct is used, so tools
that only need the version or the packaged data pay nothing for it.
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING, Any

try:
    # pyproject.toml is the one place the version is written.
    __version__ = metadata.version("mock-intacct")
except metadata.PackageNotFoundError:  # imported from a checkout that was never installed
    __version__ = "0+unknown"

if TYPE_CHECKING:
    from mockserver.inprocess import MockCompany, MockIntacct

__all__ = ["MockCompany", "MockIntacct", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("MockIntacct", "MockCompany"):
        from mockserver import inprocess

        return getattr(inprocess, name)
    raise AttributeError(f"module 'mockserver' has no attribute {name!r}")
