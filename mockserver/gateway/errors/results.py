"""Failures of one function (result level): objects, fields, records, queries, and legacy functions."""

from __future__ import annotations

from mockserver.gateway.errors.base import ErrorDetail, IntacctError, could_not, details, error

# --- result level --------------------------------------------------------------------------------


def unsupported_function(name: str) -> IntacctError:
    # GUESS: a function the schema allows but the mock does not emulate.
    return error(
        "XL03000009",
        "Unsupported function",
        f"The function '{name}' is not supported by mock-intacct.",
        "See the README for the list of supported functions.",
    )


def permission_denied(api_operation: str, object_type: str, http_status: int = 200) -> IntacctError:
    """PL04000005, checked before any data is read. http_status 403 is the mock's optional 403 mode;
    the gateway itself answers 200."""
    failure = error(
        "PL04000005",
        "",
        f"You do not have permission for API operation {api_operation} on objects of type {object_type}",
        "Ask the company administrator to grant the Web Services user this permission.",
    )
    failure.http_status = http_status
    return failure


def module_not_subscribed(module: str) -> IntacctError:
    # Text form from a public client ("Account allocation module is not subscribed"); errorno GUESS.
    return error(
        "BL01001973",
        "",
        f"{module} module is not subscribed",
        f"Subscribe the company to {module} (Company > Subscriptions).",
    )


def login_id_not_found(userid: str) -> IntacctError:
    # Genuine gateway recording: getUserPermissions for a user ID the company does not have.
    return error("BL03000025", "", f"Login ID {userid} does not exist.", "Provide a valid USER.LOGINID value.")


def object_not_found(name: str) -> IntacctError:
    # Source: a connector's captured query failure (XL03000009); used for every generic function.
    return error("XL03000009", "There was an error processing the function", f"Object definition {name} not found", "")


def query_object_not_found(name: str) -> IntacctError:
    # readByQuery answers with this odd errorno (SDK test fixtures).
    return error("Query Failed", f"Object definition {name} not found", "", "")


def inspect_object_not_found(name: str) -> IntacctError:
    return error("XL03000009", "There was an error processing the function", f"Object type {name} not found", "")


def invalid_field(object_name: str, field: str) -> IntacctError:
    # DL02000001 is what Intacct answers for a bad field list or query; the detail is a GUESS.
    return error(
        "DL02000001",
        "Error",
        f"There was an error processing the request. Invalid field '{field}' for object {object_name}.",
        "Check the field names with inspect or lookup.",
    )


def query_syntax(object_name: str, problem: str) -> IntacctError:
    return error(
        "DL02000001",
        "Error",
        f"There was an error processing the request. Invalid query for {object_name}: {problem}",
        "Check the query syntax.",
    )


def bad_argument(function: str, problem: str) -> IntacctError:
    # GUESS: an out-of-range pagesize, a non-number offset...
    return error("XL03000009", "There was an error processing the function", f"{function}: {problem}", "")


def unknown_payload_field(action: str, label: str, field: str) -> IntacctError:
    return details(
        ("BL01001973", "", f"Invalid field {field} for {label}.", "Remove the field or check its name."),
        could_not(action, label),
    )


def illegal_format(action: str, label: str, field: str, problem: str) -> IntacctError:
    return details(("BL03000018", "", f"Illegal format for {label} : {field} {problem}", ""), could_not(action, label))


def required_field_missing(action: str, label: str, field: str) -> IntacctError:
    # GUESS: no public sample of this failure.
    return details(
        ("BL01001973", "", f"Required field {field} is missing.", f"Provide a value for {field}."),
        could_not(action, label),
    )


def readonly_field(action: str, label: str, field: str) -> IntacctError:
    # GUESS: no public sample of this failure (company setting readonly_fields: "refuse").
    return details(
        ("BL01001973", "", f"Field {field} is read-only and cannot be set.", f"Leave {field} out of the {action}."),
        could_not(action, label),
    )


def too_few_lines(action: str, label: str, element: str, minimum: int) -> IntacctError:
    return details(
        ("BL01001973", "", f"{label} needs at least {minimum} {element} line(s).", ""), could_not(action, label)
    )


def unbalanced_entry(action: str, label: str) -> IntacctError:
    return details(
        (
            "BL01001973",
            "",
            "The debits and credits of the journal entry do not balance.",
            "Make the debit and credit amounts equal.",
        ),
        could_not(action, label),
    )


def duplicate_id(label: str, value: str) -> IntacctError:
    return details(
        (
            "BL34000061",
            "",
            f"Another {label} with the given value(s) {value}  already exists",
            "Use a unique value instead.",
        ),
        could_not("create", label.lower()),
    )


def missing_reference(action: str, label: str, field: str, target_label: str, value: str) -> IntacctError:
    return details(
        (
            "BL01001973",
            "",
            f"Invalid {target_label} '{value}' specified in {field}.",
            f"Use an existing {target_label}.",
        ),
        could_not(action, label),
    )


def update_missing(object_name: str, key_field: str, key: str) -> IntacctError:
    # The SDK tests show this text (there in errorno); kept in description2 here.
    return error("BL01001973", "", f"Cannot update non-existing {object_name} with {key_field}={key}.", "")


def delete_missing(label: str, key: str) -> IntacctError:
    return error("BL01001973", "", f"Cannot find {label.lower()} with key '{key}' to delete.", "")


def update_missing_key(object_name: str, id_field: str) -> IntacctError:
    return error("BL01001973", "", f"An update of {object_name} needs RECORDNO or {id_field}.", "")


def operation_not_allowed(action: str, label: str) -> IntacctError:
    # GUESS (docs/decisions.md): a create/update/delete of an object the gateway only reads
    # (AUDITHISTORY), worded like the catalogue's other BL01001973 refusals.
    done = {"create": "created", "update": "changed", "delete": "deleted"}[action]
    return details(
        ("BL01001973", "", f"{label} records cannot be {done} through the API.", f"{label} is read-only."),
        could_not(action, label),
    )


def root_record_from_entity(label: str) -> IntacctError:
    # Wording from a public help article about this Intacct failure; errorno is a GUESS.
    return error(
        "BL01001973",
        "",
        f"You cannot update a root level {label.lower()} from an entity/restricted user with one entity",
        "Sign in at the top level to change records owned by the top level.",
    )


def read_more_failed(result_id: str) -> IntacctError:
    return error("readMore failed", f"Attempt to readMore with an invalid or expired resultId: {result_id}", "", "")


def transaction_rolled_back() -> ErrorDetail:
    return ErrorDetail(
        "XL03000009", "", "The entire transaction in this operation has been rolled back due to an error.", ""
    )


def duplicate_controlid(controlid: str) -> IntacctError:
    # GUESS: the replay check is documented, its error is not.
    return error(
        "XL03000004",
        "Duplicate function control ID",
        f"A function with control ID '{controlid}' was already executed and completed for this company.",
        "Use a unique control ID for each function (a GUID), or send uniqueid false.",
    )


# --- legacy (2.1-style) functions ----------------------------------------------------------------


def legacy_not_emulated(function: str, what: str) -> IntacctError:
    # GUESS: a legacy function or option the schema allows but mock-intacct does not emulate.
    return error(
        "XL03000009",
        "Unsupported function",
        f"{function}: {what} is not supported by mock-intacct.",
        "See the README for the list of supported legacy functions.",
    )


def account_label_not_emulated(action: str, label: str, account_label: str) -> IntacctError:
    # GUESS: mock-intacct has no account labels; the line must name its GL account.
    return details(
        (
            "BL01001973",
            "",
            f"Account label '{account_label}' cannot be used: account labels are not emulated by mock-intacct.",
            "Send glaccountno instead of accountlabel.",
        ),
        could_not(action, label),
    )


def line_not_found(label: str, line_num: str) -> IntacctError:
    # GUESS wording: updatelineitem line_num beyond the document's lines.
    return details(
        (
            "BL01001973",
            "",
            f"Line number {line_num} does not exist on this {label.lower()}.",
            "Use line_num of an existing line, or a lineitem to add a line.",
        ),
        could_not("update", label),
    )


def invoice_overpaid(invoice_key: str) -> IntacctError:
    # Captured gateway text (Workato SDK docs, "Error handling"), typo included.
    return error(
        "XL03000027", "", f"The amount paid if greater than the amount due for invoice with key {invoice_key}", ""
    )


def arpayment_problem(action: str, problem: str, correction: str = "") -> IntacctError:
    # GUESS wording: create_arpayment / apply_arpayment business-rule failures.
    return details(("BL01001973", "", problem, correction), could_not(action, "AR Payment"))


def refused(action: str, label: str, problem: str, correction: str = "") -> IntacctError:
    # GUESS wording: a business rule refuses the action (approve a draft, delete a folder in use, a
    # consolidation book the company does not have), in the style of the other BL01001973 refusals.
    return details(("BL01001973", "", problem, correction), could_not(action, label))
