"""aiointacct: an async client for the Sage Intacct XML Web Services gateway (aiohttp).

from aiointacct import IntacctClient, Record, filters as f

async with IntacctClient() as client:                      # INTACCT_* environment variables
    await client.open_session()
    await client.create(Record("VENDOR", {"VENDORID": "V1", "NAME": "Acme",
                                          "DISPLAYCONTACT": {"EMAIL1": "ap@acme.example"}}))
    result = await client.query("VENDOR", ["VENDORID", "NAME"], f.eq("STATUS", "active"))
"""

__version__ = "0.1.0"

from . import filters, functions  # noqa: E402
from .client import IntacctClient, Session  # noqa: E402
from .credentials import DEFAULT_ENDPOINT, Credentials, CredentialsError  # noqa: E402
from .errors import (
    AuthenticationError,
    ControlError,
    ErrorDetail,
    IntacctError,
    ResultError,  # noqa: E402
    TransportError,
)
from .functions import Function  # noqa: E402
from .records import Record, as_list, element_value  # noqa: E402
from .request import build_request  # noqa: E402
from .response import Authentication, Response, Result, parse_response  # noqa: E402
from .retry import RetryPolicy  # noqa: E402

__all__ = [
    "IntacctClient",
    "Session",
    "Credentials",
    "CredentialsError",
    "DEFAULT_ENDPOINT",
    "RetryPolicy",
    "Function",
    "functions",
    "filters",
    "Record",
    "as_list",
    "element_value",
    "build_request",
    "parse_response",
    "Response",
    "Result",
    "Authentication",
    "ErrorDetail",
    "IntacctError",
    "ControlError",
    "AuthenticationError",
    "ResultError",
    "TransportError",
    "__version__",
]
