"""AUDITHISTORY (definitions/AUDITHISTORY.json): one row per create, update and delete made through the
gateway, read-only.

The backend (objects/backend.py, `Backend.audit`) writes the rows inside the write's own savepoint,
so a failed function or a rolled-back transaction leaves none. Fields follow Intacct's audit trail
as the facts name them (OBJECTTYPE, OBJECTKEY, ACCESSMODE, ACCESSTIME, USERID); OBJECTDESC and
SOURCE are GUESSES (docs/decisions.md). Not entity-aware: the trail is the company's, and rows are
stored as shared top-level records so a top-level audit sync also sees writes made at an entity.
"""

from __future__ import annotations

# ACCESSMODE: created, updated, deleted.
CREATED, UPDATED, DELETED = "C", "U", "D"
# GUESS: the SOURCE Intacct shows for a write made through XML Web Services.
WEB_SERVICES = "Web Services"
