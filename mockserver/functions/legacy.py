"""Legacy (2.1-style) functions the official SDKs still send: delete_*, create_bill, create_invoice, ..."""
