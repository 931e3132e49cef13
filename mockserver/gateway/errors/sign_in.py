"""Failures of the whole request (control level) and of signing in (authentication level)."""

from __future__ import annotations

from mockserver.gateway.errors.base import ErrorDetail, IntacctError, error, gateway_error

# --- control level -------------------------------------------------------------------------------


def xml_parse_error(messages: list[str]) -> IntacctError:
    """XL03000003: one <error> per parser or validator message, as the gateway does."""
    return IntacctError([ErrorDetail("XL03000003", "", m, "") for m in messages], level="control")


def invalid_sender() -> IntacctError:
    return error("XL03000006", "", "Incorrect Intacct XML Partner ID or password.", "", level="control")


def unsupported_dtdversion(version: str) -> IntacctError:
    # GUESS: no public sample; the schema only allows 2.1 and 3.0.
    return error(
        "XL03000006", "", f"The DTD version {version} is not supported.", "Use dtdversion 3.0.", level="control"
    )


def sign_in_incorrect_gateway() -> IntacctError:
    """Current gateway behaviour for a bad user, company or password: HTTP 401, control-level."""
    return gateway_error("XMLGW_JPP0002", "Sign-in information is incorrect. Please check your request.", 401)


def method_not_allowed() -> IntacctError:
    # GET is blocked since January 2023; the text is a GUESS in the shape of GW-0011.
    failure = gateway_error("GW-0011", "Invalid Request: only POST is supported on this endpoint", 405)
    failure.extra_headers["Allow"] = "POST"
    return failure


def body_too_large(limit: int) -> IntacctError:
    return gateway_error("GW-0011", f"Invalid Request: the request body exceeds {limit} bytes", 413)


def rate_limited() -> IntacctError:
    failure = gateway_error("GW-0010", "Rate limit exceeded. Please retry later.", 429)
    failure.extra_headers["Retry-After"] = "1"
    return failure


def internal_error() -> IntacctError:
    # GUESS: no public sample of the gateway's own failure; shaped like its other GW-* errors.
    return gateway_error("GW-0001", "Internal error: the request could not be completed. Please retry later.", 500)


def no_xml_in_request() -> IntacctError:
    return xml_parse_error(["XML Parse schema error: Fatal Error 4: Document is empty. Line: 1, column: 1."])


# --- authentication level ------------------------------------------------------------------------


def auth_error(errorno: str, description: str, description2: str, correction: str) -> IntacctError:
    return error(errorno, description, description2, correction, level="authentication")


def sign_in_incorrect_legacy() -> IntacctError:
    """Older form of a bad login, still seen in captures: authentication failure with HTTP 200."""
    return auth_error("XL03000006", "", "Sign-in information is incorrect", "")


def sender_not_authorized(sender_id: str, company_id: str) -> IntacctError:
    return auth_error(
        "XL03000006",
        "Invalid Web Services Authorization",
        f"The sender ID '{sender_id}' is not authorized to make Web Services requests to company ID '{company_id}'.",
        "Contact the company administrator to grant Web Services authorization to this sender ID.",
    )


def invalid_session() -> IntacctError:
    return auth_error("XL03000006", "", "Invalid session", "")


def location_not_found(location_id: str, company_id: str) -> IntacctError:
    # GUESS wording; the level and errorno follow the other sign-in failures.
    return auth_error(
        "XL03000006",
        "Invalid location",
        f"The location ID '{location_id}' is not an entity of company '{company_id}'.",
        "Leave the location ID empty for the top level, or use an entity ID of the company.",
    )


def company_has_no_entities(location_id: str, company_id: str) -> IntacctError:
    # GUESS wording.
    return auth_error(
        "XL03000006",
        "Invalid location",
        f"Company '{company_id}' has no entities, so location ID '{location_id}' cannot be used.",
        "Leave the location ID empty.",
    )


def location_not_permitted(user_id: str, location_id: str) -> IntacctError:
    # GUESS wording. A restricted user asking for the top level gets location_id "".
    where = f"entity '{location_id}'" if location_id else "the top level"
    return auth_error(
        "XL03000006",
        "Invalid location",
        f"User '{user_id}' is not permitted to sign in to {where}.",
        "Sign in with a location ID the user is restricted to.",
    )


def web_services_not_subscribed() -> IntacctError:
    # Text from the gateway FAQ; errorno and level are a GUESS.
    return auth_error(
        "XL03000006",
        "",
        "This company is not authorized for XML transactions. Please subscribe to the XML Gateway.",
        "",
    )
