"""The error type and how an entry of the catalogue is made: one `<error>` each, raised as IntacctError."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ErrorDetail:
    """One `<error>` element."""

    errorno: str
    description: str | None = ""
    description2: str | None = ""
    correction: str | None = ""


@dataclass
class IntacctError(Exception):
    """A failure the gateway reports in XML; `errors` render in order, `http_status` sets the HTTP code."""

    errors: list[ErrorDetail]
    http_status: int = 200
    # Where it is reported: "control", "authentication" or "result".
    level: str = "result"
    # Gateway-level errors (GW-*, XMLGW_*) echo only <status> in the control block.
    bare_control: bool = False
    extra_headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return "; ".join(f"{e.errorno}: {e.description2 or e.description}" for e in self.errors)

    @property
    def errorno(self) -> str:
        return self.errors[0].errorno


def error(
    errorno: str,
    description: str | None = "",
    description2: str | None = "",
    correction: str | None = "",
    http_status: int = 200,
    level: str = "result",
) -> IntacctError:
    return IntacctError([ErrorDetail(errorno, description, description2, correction)], http_status, level)


def gateway_error(errorno: str, description: str, http_status: int) -> IntacctError:
    """GW-* / XMLGW_* errors: control block with only <status>, no description2/correction."""
    return IntacctError([ErrorDetail(errorno, description, None, None)], http_status, "control", bare_control=True)


def details(*pairs: tuple[str, str, str, str]) -> IntacctError:
    """A result failure with several <error> elements (Intacct chains a cause and a summary)."""
    return IntacctError([ErrorDetail(*pair) for pair in pairs])


def could_not(action: str, label: str) -> tuple[str, str, str, str]:
    # The summary line Intacct appends after the cause: "Could not create Vendor record!"
    return ("BL01001973", "", f"Could not {action} {label} record!", "")
