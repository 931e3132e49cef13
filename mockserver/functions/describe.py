"""inspect and lookup: object definitions from the catalogue (no permission check, as in Intacct)."""
