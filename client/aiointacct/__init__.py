"""aiointacct: an async client for the Sage Intacct XML Web Services gateway (aiohttp).

from aiointacct import IntacctClient, Record, filters as f

async with IntacctClient() as client:                      # INTACCT_* environment variables
    await client.open_session()
    await client.create(Record("VENDOR", {"VENDORID": "V1", "NAME": "Acme",
                                          "DISPLAYCONTACT": {"EMAIL1": "ap@acme.example"}}))
    result = await client.query("VENDOR", ["VENDORID", "NAME"], f.eq("STATUS", "active"))
"""

from importlib import metadata

__version__: str
try:
    __version__ = metadata.version("mock-intacct")  # shipped in the mock-intacct distribution: one version
except metadata.PackageNotFoundError:  # a checkout that was never installed
    __version__ = "0+unknown"

from . import filters, functions
from .client import IntacctClient, Session
from .credentials import DEFAULT_ENDPOINT, Credentials, CredentialsError
from .errors import (
    AuthenticationError,
    ControlError,
    ErrorDetail,
    IntacctError,
    ResultError,
    TransportError,
)
from .functions import Function
from .records import Record, as_list, element_value
from .request import build_request
from .response import Authentication, Response, Result, parse_response
from .retry import RetryPolicy

__all__ = [
    "DEFAULT_ENDPOINT",
    "Authentication",
    "AuthenticationError",
    "ControlError",
    "Credentials",
    "CredentialsError",
    "ErrorDetail",
    "Function",
    "IntacctClient",
    "IntacctError",
    "Record",
    "Response",
    "Result",
    "ResultError",
    "RetryPolicy",
    "Session",
    "TransportError",
    "__version__",
    "as_list",
    "build_request",
    "element_value",
    "filters",
    "functions",
    "parse_response",
]
