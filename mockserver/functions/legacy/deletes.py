"""delete_vendor, delete_bill and the other legacy deletes: one object each, keyed by an attribute."""

from __future__ import annotations

from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, reject_unemulated_options
from mockserver.functions.registry import gateway_function

# function -> (catalogue object, attribute holding the key, key is the ID field (else RECORDNO)).
# Attributes from Intacct's 3.0 schema; ID-vs-RECORDNO from what the official SDKs put there
# (ProjectDelete/ClassDelete/AllocationDelete/AttachmentsDelete send the ID, TaskDelete/BillDelete/
# InvoiceDelete the record number).
DELETES: dict[str, tuple[str, str, bool]] = {
    "delete_vendor": ("VENDOR", "vendorid", True),
    "delete_customer": ("CUSTOMER", "customerid", True),
    "delete_glaccount": ("GLACCOUNT", "glaccountno", True),
    "delete_statglaccount": ("STATACCOUNT", "glaccountno", True),
    "delete_department": ("DEPARTMENT", "departmentid", True),
    "delete_location": ("LOCATION", "locationid", True),
    "delete_contact": ("CONTACT", "contactname", True),
    "delete_employee": ("EMPLOYEE", "employeeid", True),
    "delete_item": ("ITEM", "itemid", True),
    "delete_project": ("PROJECT", "key", True),
    "delete_class": ("CLASS", "key", True),
    "delete_allocation": ("ALLOCATION", "key", True),
    "delete_supdoc": ("SUPDOC", "key", True),
    "delete_task": ("TASK", "key", False),
    "delete_timesheet": ("TIMESHEET", "key", False),
    "delete_bill": ("APBILL", "key", False),
    "delete_invoice": ("ARINVOICE", "key", False),
    "delete_arpayment": ("ARPYMT", "key", False),
    "delete_gltransaction": ("GLBATCH", "key", False),
    "delete_apadjustment": ("APADJUSTMENT", "key", False),
    "delete_aradjustment": ("ARADJUSTMENT", "key", False),
}


@gateway_function(*DELETES, permission="delete")
def delete_legacy(call: Call) -> str:
    object_name, attribute, by_id = DELETES[call.function.name]
    obj = catalogue_object(call, object_name)
    reject_unemulated_options(call)
    with call.state.store.atomic():
        call.backend.delete(obj, call.body.get(attribute, ""), by_id=by_id)
    return ""
