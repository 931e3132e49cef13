"""General ledger detail (GLDETAIL): the GL lines a posted document writes, kept beside the document.

Intacct derives GLDETAIL from what documents post. A journal entry (GLBATCH) posts its GLENTRY lines; a bill,
invoice or adjustment posts one line per document line (its expense or revenue account) and the AP/AR offset;
a payment posts the cash and the AP/AR lines. The backend calls `post` on every write, inside the write's
savepoint, so a failed function or a rolled-back transaction leaves no detail. A company's fixture documents
post when it loads (`post_loaded`). The rows are rewritten whole: an update replaces the document's rows, a
delete removes them, and a draft has none.

GUESSES (docs/decisions.md): the composite RECORDNO `<document RECORDNO>-<GLENTRYKEY>-<LINE_NO>--accrual`; the
book ACCRUAL; the AP/AR offset and cash accounts; RECORDTYPE codes; which states post.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.audit import CREATED, DELETED
from mockserver.objects.store import Record, Store, column

DETAIL = CATALOGUE["GLDETAIL"]
GLACCOUNT = CATALOGUE["GLACCOUNT"]
BOOK = "ACCRUAL"  # GUESS: the accrual book, the only one the mock keeps (the genuine RECORDNO ends --accrual)
DEBIT, CREDIT = 1, -1
# GUESS: what has reached the general ledger (drafts, and documents awaiting approval, post nothing).
POSTED_STATES = frozenset({"Posted", "Partially Paid", "Paid", "Reversed", "Complete"})


@dataclass(frozen=True)
class Posting:
    """How one kind of document posts."""

    kind: str  # "journal" (its lines are GL lines), "document" (lines + offset), "payment" (cash + AP/AR)
    recordtype: str | None = None  # GLDETAIL RECORDTYPE: Intacct's subledger record codes (GUESS)
    side: int = DEBIT  # side of a document line's own account (a bill debits its expense accounts)
    offset_title: str = ""  # the offset account, found by title (GUESS)
    party: str = ""  # the header's vendor or customer, a dimension of every line


POSTINGS = {
    "GLBATCH": Posting("journal"),
    "APBILL": Posting("document", "pi", DEBIT, "Accounts Payable", "VENDOR"),
    "APADJUSTMENT": Posting("document", "pa", DEBIT, "Accounts Payable", "VENDOR"),
    "ARINVOICE": Posting("document", "ri", CREDIT, "Accounts Receivable", "CUSTOMER"),
    "ARADJUSTMENT": Posting("document", "ra", CREDIT, "Accounts Receivable", "CUSTOMER"),
    # A payment debits AP (credits AR) and credits (debits) cash.
    "APPYMT": Posting("payment", "pp", DEBIT, "Accounts Payable", "VENDOR"),
    "ARPYMT": Posting("payment", "rp", CREDIT, "Accounts Receivable", "CUSTOMER"),
}

# (dimension object, GLDETAIL ID field, its key field or None, its name field, the line fields naming it)
DIMENSIONS = (
    ("DEPARTMENT", "DEPARTMENTID", None, "DEPARTMENTTITLE", ("DEPARTMENT", "DEPARTMENTID")),
    ("LOCATION", "LOCATIONID", None, "LOCATIONNAME", ("LOCATION", "LOCATIONID")),
    ("CLASS", "CLASSID", "CLASSDIMKEY", "CLASSNAME", ("CLASSID",)),
    ("CUSTOMER", "CUSTOMERID", "CUSTOMERDIMKEY", "CUSTOMERNAME", ("CUSTOMERID",)),
    ("VENDOR", "VENDORID", "VENDORDIMKEY", "VENDORNAME", ("VENDORID",)),
    ("EMPLOYEE", "EMPLOYEEID", "EMPLOYEEDIMKEY", "EMPLOYEENAME", ("EMPLOYEEID",)),
    ("ITEM", "ITEMID", "ITEMDIMKEY", "ITEMNAME", ("ITEMID",)),
    ("PROJECT", "PROJECTID", "PROJECTDIMKEY", "PROJECTNAME", ("PROJECTID",)),
    ("WAREHOUSE", "WAREHOUSEID", "WAREHOUSEDIMKEY", "WAREHOUSENAME", ("WAREHOUSEID",)),
)
# Copied from the document onto every one of its rows, under the same name.
HEADER_FIELDS = ("RECORDID", "DOCNUMBER", "STATE", "WHENDUE", "WHENPAID", "TOTALENTERED", "TOTALPAID", "TOTALDUE")


@dataclass
class Lookups:
    """The records a posting names (accounts, dimensions), each read once per write or fixture load."""

    store: Store
    companyid: str
    found: dict[tuple[Any, ...], dict[str, Any] | None] = field(default_factory=dict)

    def values(self, obj: str, key: Any) -> dict[str, Any] | None:
        """The account's TITLE, a dimension's name field and RECORDNO (what detail_row copies)."""
        if key is None:
            return None
        if (obj, key) not in self.found:
            definition = CATALOGUE[obj]
            names = ["TITLE"] if obj == "GLACCOUNT" else ["RECORDNO", definition.name_field or "RECORDNO"]
            self.found[(obj, key)] = self.store.fields_by_id(self.companyid, definition, names, key)
        return self.found[(obj, key)]

    def account_titled(self, words: str) -> str | None:
        """The first account (in account number order) whose title says `words` (GUESS: the AP/AR/cash account)."""
        if ("title", words) not in self.found:
            rows = self.store.select(
                self.companyid, GLACCOUNT, "TITLE LIKE ?", [f"%{words}%"], order_by="ACCOUNTNO", limit=1
            )
            self.found[("title", words)] = rows[0].values if rows else None
        account = self.found[("title", words)]
        return None if account is None else account["ACCOUNTNO"]

    def bank_account(self, bank: Any) -> str | None:
        """The GL account of a checking or savings account named by a payment's FINANCIALENTITY."""
        for obj in ("CHECKINGACCOUNT", "SAVINGSACCOUNT"):
            if ("bank", obj, bank) not in self.found:
                rows = self.store.select(self.companyid, CATALOGUE[obj], "BANKACCOUNTID = ?", [bank], limit=1)
                self.found[("bank", obj, bank)] = rows[0].values if rows else None
            account = self.found[("bank", obj, bank)]
            if account is not None and account.get("GLACCOUNTNO"):
                return account["GLACCOUNTNO"]
        return None


def post(store: Store, companyid: str, obj: ObjectDef, record: Record, mode: str) -> None:
    """Bring a document's GL detail in line with a write of it (mode: audit's CREATED, UPDATED, DELETED)."""
    if obj.name not in POSTINGS:
        return
    if mode != CREATED:
        where = f"{column(DETAIL, 'RECORDNO')} LIKE ? AND RECORDTYPE IS ?"
        for row in store.select(companyid, DETAIL, where, [f"{record.recordno}-%", POSTINGS[obj.name].recordtype]):
            store.delete(companyid, DETAIL, row.recordno)
    if mode != DELETED:
        post_records(store, companyid, [(obj, record)])


def post_loaded(store: Store, companyid: str, loaded: list[tuple[ObjectDef, list[Record]]]) -> None:
    """The GL detail of a fixture's documents, numbered in the fixture's order (the same every load). Written
    when the company's records are first used, not while the fixture loads (cold start): nothing can have
    changed by then, so the rows are the same (docs/decisions.md)."""
    documents = [(obj, record) for obj, records in loaded if obj.name in POSTINGS for record in records]
    if documents:
        store.defer(companyid, lambda: post_records(store, companyid, documents))


def post_records(store: Store, companyid: str, documents: list[tuple[ObjectDef, Record]]) -> None:
    lookups = Lookups(store, companyid)
    key = store.next_recordno(companyid, DETAIL)
    rows = []
    for obj, record in documents:
        if record.values.get("STATE") not in POSTED_STATES:
            continue
        for line_no, (entry, line) in enumerate(entries(POSTINGS[obj.name], record, lookups), start=1):
            rows.append(detail_row(obj, record, entry, line, line_no, key, lookups))
            key += 1
    if rows:
        store.insert_many(companyid, DETAIL, rows)


@dataclass
class Entry:
    """One GL line: an account, a side and a positive amount."""

    account: Any
    side: int
    amount: float


def signed(account: Any, side: int, amount: float) -> Entry:
    """A negative amount (a debit memo's line) posts to the other side."""
    return Entry(account, side if amount >= 0 else -side, round(abs(amount), 2))


def entries(posting: Posting, record: Record, lookups: Lookups) -> list[tuple[Entry, dict[str, Any]]]:
    """The GL lines of a document, each with the document line it comes from (offsets: none)."""
    values, lines = record.values, record.lines
    if posting.kind == "journal":
        return [
            (signed(line.get("ACCOUNTNO"), int(line.get("TR_TYPE") or DEBIT), line.get("TRX_AMOUNT") or 0), line)
            for line in lines
        ]
    control = lookups.account_titled(posting.offset_title)
    if posting.kind == "document":
        posted = [(signed(line.get("ACCOUNTNO"), posting.side, line.get("TRX_AMOUNT") or 0), line) for line in lines]
        offsets: dict[Any, float] = {}  # one offset line per offset account (a line may name its own)
        for line in lines:
            account = line.get("OFFSETGLACCOUNTNO") or control
            offsets[account] = offsets.get(account, 0) + (line.get("TRX_AMOUNT") or 0)
        return posted + [(signed(account, -posting.side, total), {}) for account, total in offsets.items()]
    applied = sum(line.get("TRX_PAYMENTAMOUNT") or 0 for line in lines)
    amount = values.get("PAYMENTAMOUNT") or values.get("TOTALENTERED") or applied
    cash = (
        values.get("UNDEPOSITEDACCOUNTNO")
        or lookups.bank_account(values.get("FINANCIALENTITY"))
        or lookups.account_titled("Cash")
    )
    return [(signed(control, posting.side, amount), {}), (signed(cash, -posting.side, amount), {})]


def posting_date(obj: ObjectDef, values: dict[str, Any]) -> Any:
    """The date a document reaches the ledger (stored form)."""
    for name in ("BATCH_DATE", "WHENPOSTED", "RECEIPTDATE", "PAYMENTDATE", "WHENPAID", "WHENCREATED"):
        if obj.field(name) is not None and values.get(name) is not None:
            return values[name]
    return None


def detail_row(
    obj: ObjectDef, record: Record, entry: Entry, line: dict[str, Any], line_no: int, key: int, lookups: Lookups
) -> Record:
    doc = record.values
    posting = POSTINGS[obj.name]
    date = posting_date(obj, doc)
    account = lookups.values("GLACCOUNT", entry.account) or {}
    debit = entry.amount if entry.side == DEBIT else 0.0
    credit = entry.amount if entry.side == CREDIT else 0.0
    row: dict[str, Any] = {
        "RECORDNO": f"{record.recordno}-{key}-{line_no}--{BOOK.lower()}",
        "GLENTRYKEY": key,  # GUESS: the mock numbers GL entries by their detail row
        "BOOKID": BOOK,
        "LINE_NO": line_no,
        "ENTRY_DATE": line.get("ENTRY_DATE") or date,
        "BATCH_DATE": date,
        "WHENCREATED": date,  # the genuine row's WHENCREATED is its BATCH_DATE
        "TR_TYPE": str(entry.side),
        "ACCOUNTNO": entry.account,
        "ACCOUNTTITLE": account.get("TITLE"),
        "DEBITAMOUNT": debit,
        "CREDITAMOUNT": credit,
        "AMOUNT": entry.amount,
        "TRX_DEBITAMOUNT": debit,
        "TRX_CREDITAMOUNT": credit,
        "TRX_AMOUNT": entry.amount,
        "CURRENCY": line.get("CURRENCY") or doc.get("CURRENCY"),
        "BASECURR": line.get("BASECURR") or doc.get("BASECURR"),
        "DESCRIPTION": line.get("DESCRIPTION"),
        "ENTRYDESCRIPTION": line.get("ENTRYDESCRIPTION"),
        "DOCUMENT": line.get("DOCUMENT"),
        "WHENMODIFIED": doc.get("WHENMODIFIED"),
        "AUWHENCREATED": doc.get(obj.created_stamp) if obj.by_name[obj.created_stamp].type == "timestamp" else None,
        "CREATEDBY": doc.get("CREATEDBY"),
        "MODIFIEDBY": doc.get("MODIFIEDBY"),
    }
    if posting.kind == "journal":
        row.update(
            BATCHKEY=record.recordno,
            BATCH_NO=None if doc.get("BATCHNO") is None else str(doc["BATCHNO"]),
            BATCH_TITLE=doc.get("BATCH_TITLE"),
            SYMBOL=doc.get("JOURNAL"),
            REFERENCENO=doc.get("REFERENCENO"),
            BATCH_STATE=doc.get("STATE"),
            STATE=doc.get("STATE"),
        )
    else:
        row.update({name: doc.get(name) for name in HEADER_FIELDS if obj.field(name) is not None})
        row.update(RECORDTYPE=posting.recordtype, PRDESCRIPTION=doc.get("DESCRIPTION"))
        if posting.kind == "payment":
            row["FINANCIALENTITY"] = doc.get("FINANCIALENTITY")
    for dimension, id_field, key_field, name_field, line_fields in DIMENSIONS:
        dim_id = next((line[f] for f in line_fields if line.get(f) is not None), None)
        if dim_id is None and dimension == posting.party:
            dim_id = doc.get(id_field)  # GUESS: the vendor (customer) of an AP (AR) document, on every line
        found = lookups.values(dimension, dim_id)
        row[id_field] = dim_id
        if found is not None:
            row[name_field] = found.get(CATALOGUE[dimension].name_field or "")
            if key_field:
                row[key_field] = found.get("RECORDNO")
    return Record(key, record.entity, row)
