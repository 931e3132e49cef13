"""create_billbatch, create_invoicebatch, create_apadjustmentbatch, create_aradjustmentbatch,
create_arpaymentbatch: a summary (Intacct's PRBATCH) with a title and a GL posting date, answered with its
<key>. The catalogue has no PRBATCH object, so summaries are kept in a table of their own (GUESS,
docs/decisions.md: only as far as the answer needs; documents are not yet filed under a summary)."""

from __future__ import annotations

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, legacy_date
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects.backend import coerce

# function -> (the object whose documents the summary holds, its summary label, the record type)
BATCHES = {
    "create_billbatch": ("APBILL", "Bill Summary", "pi"),
    "create_invoicebatch": ("ARINVOICE", "Invoice Summary", "ri"),
    "create_apadjustmentbatch": ("APADJUSTMENT", "AP Adjustment Summary", "pa"),
    "create_aradjustmentbatch": ("ARADJUSTMENT", "AR Adjustment Summary", "ra"),
    "create_arpaymentbatch": ("ARPYMT", "AR Payment Summary", "rp"),
}

# _company, as every record table has it: dropping or resetting a company drops its summaries too.
TABLE = (
    "CREATE TABLE IF NOT EXISTS prbatch (_company TEXT NOT NULL, recordno INTEGER NOT NULL, recordtype TEXT NOT NULL,"
    " title TEXT NOT NULL, created TEXT NOT NULL, financialentity TEXT, PRIMARY KEY (_company, recordno))"
)


@gateway_function(*BATCHES, permission="add")
def create_batch(call: Call) -> str:
    object_name, label, recordtype = BATCHES[call.function.name]
    obj = catalogue_object(call, object_name)
    title = call.text("batchtitle")
    if not title:
        raise errors.required_field_missing("create", label, "batchtitle")
    created = legacy_date(call.body.find("datecreated"))
    if not created:
        raise errors.required_field_missing("create", label, "datecreated")
    coerce(obj.by_name["WHENCREATED"], created, "create", label)  # a bad date is refused by name
    account = call.text("bankaccountid") or call.text("undepfundsacct") or None
    with call.state.store.atomic():
        key = open_summary(call, recordtype, title, created, account)
    return answers.key(call, key)


def open_summary(call: Call, recordtype: str, title: str, created: str, account: str | None) -> int:
    """A new summary of the company, numbered after its last one; its key. Call it inside a transaction."""
    company = call.backend.companyid
    db = call.state.store.db
    db.execute(TABLE)
    (highest,) = db.execute("SELECT COALESCE(MAX(recordno), 0) FROM prbatch WHERE _company = ?", (company,)).fetchone()
    db.execute(
        "INSERT INTO prbatch VALUES (?, ?, ?, ?, ?, ?)", (company, highest + 1, recordtype, title, created, account)
    )
    return int(highest + 1)
