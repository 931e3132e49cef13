"""Legacy (2.1-style) functions the official SDKs still send, one module per family, on the same record
rules as the generic functions: each handler turns its lowercase legacy elements into the object's
field values once and writes them through the company backend (objects/backend.py), atomically.

Plain create_X/update_X pairs are data: translations/<OBJECT>.json maps their elements onto the object's
fields and translate.py serves them all (translations/README.md). The families below are behaviour.

Supported legacy functions
* create_vendor / update_vendor and every other pair in translations/ -> <key> (the ID, or RECORDNO):
  account labels, terms, territories, vendor entity account numbers, AP/AR adjustments, recurring bills
  and invoices.
* delete_vendor (@vendorid), delete_customer (@customerid), delete_glaccount and delete_statglaccount
  (@glaccountno), delete_department (@departmentid), delete_location (@locationid), delete_contact
  (@contactname), delete_employee (@employeeid), delete_item (@itemid); delete_project, delete_class,
  delete_allocation, delete_supdoc (@key = the record's ID); delete_bill, delete_invoice, delete_task,
  delete_timesheet, delete_arpayment, delete_gltransaction (@key = RECORDNO). Answer: status only.
* create_bill / create_invoice -> <key>RECORDNO</key> (APBILL / ARINVOICE with their lines);
  update_bill / update_invoice (@key = RECORDNO; updatelineitem line_num="n" changes line n, lineitem
  adds a line) -> <key>RECORDNO</key>.
* create_appayment -> <key>RECORDNO</key> (a manual check: a posted APBILL of its payitems and the APPYMT
  that pays it); create_paymentrequest -> <key>RECORDNO</key> (APPYMT Submitted; its items select amounts
  on their bills): ap_payments.py.
* create_arpayment -> <key>RECORDNO</key> (ARPYMT; each arpaymentitem is applied to its invoice at
  once); apply_arpayment applies an existing payment to invoices: the invoices' TOTALPAID rises and
  TOTALDUE falls (state Partially Paid / Paid). Answer: status only.
* create_supdoc -> <key>supdocid</key> (SUPDOC with its attachments; an empty supdocid is numbered);
  update_supdoc -> <key>supdocid</key> (changes the header, adds attachments).
* get (@object, @key) and get_list (@object, start, maxitems, showprivate, filter, sorts, fields) for
  supdoc, bill, invoice, vendor, customer, glaccount, class, department, location: lowercase legacy
  elements; get_list puts <listtype start end total>object</listtype> before <data>.
* create_apadjustment / create_aradjustment and update_apadjustment / update_aradjustment (translations:
  @key = RECORDNO) -> <key>RECORDNO</key> (APADJUSTMENT / ARADJUSTMENT with their lines);
  delete_apadjustment / delete_aradjustment (@key = RECORDNO).
* create_billbatch, create_invoicebatch, create_apadjustmentbatch, create_aradjustmentbatch,
  create_arpaymentbatch -> <key>n</key> (a summary kept in its own table: batches.py).
* reverse_bill, reverse_invoice (STATE Reversed), reverse_appayment, reverse_arpayment (STATE Voided; an
  AR payment gives back what it applied) (@key = RECORDNO, datereversed). Answer: status only.
* approve/send/confirm/void/decline_appaymentrequest (appaymentkeys/appaymentkey): APPYMT STATE changes.
* get_companyprefs (@application) -> <companypref> rows.
* create_sotransaction / create_potransaction / create_ictransaction -> <key>DOCID</key> ("Sales
  Order-SO0005"; SODOCUMENT / PODOCUMENT / INVDOCUMENT with their lines, read through the object's
  translation; createdfrom converts a document: transactions.py); delete_sotransaction,
  delete_potransaction, delete_ictransaction (@key = DOCID). Answer: status only.
* Employee expenses (expenses.py): delete_expensereport, delete_expenseadjustmentreport (@key), delete_expensetype
  (@expensetype), reverse_expensereport (STATE Reversed), create_expensereportbatch -> <key>n</key> (its reports too),
  create_reimbursementrequest -> <key>RECORDNO</key> (EPPAYMENTREQUEST; the reports it pays are paid at once).
* Cash management (cash.py): reverse_cctransaction (STATE Reversed), record_deposit -> <key>RECORDNO</key>
  (DEPOSIT; its undeposited receipts move into the bank account), delete_customerchargecard (@recordno).
* update_revrecschedule (recordno, memo, revrecentries): a schedule's memo and its unposted entries'
  posting date, account, amount, percent and description -> <key>RECORDNO</key> (revrec.py).
Not emulated (a clear failure, never a silent difference): externalkey="true", set_nulls="true",
accountlabel instead of glaccountno on a bill's or invoice's line, get/get_list of other objects.
Accepted and not stored (the catalogue has no such field): externalid, customfields, onhold, nogl,
batchkey, supdocid, payto/returnto/billto/shipto, exchange rates, and line elements other than
glaccountno, amount, memo, locationid, departmentid, projectid, classid.
"""
