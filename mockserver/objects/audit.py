"""AUDITHISTORY: one row per create, update and delete made through the gateway, read-only.

The backend (objects/backend.py, `Backend.audit`) writes the rows inside the write's own savepoint,
so a failed function or a rolled-back transaction leaves none. Fields follow Intacct's audit trail
as the facts name them (OBJECTTYPE, OBJECTKEY, ACCESSMODE, ACCESSTIME, USERID); OBJECTDESC and
SOURCE are GUESSES (docs/decisions.md). Not entity-aware: the trail is the company's, and rows are
stored as shared top-level records so a top-level audit sync also sees writes made at an entity.
"""

from __future__ import annotations

from mockserver.objects.fields import COMPANY, define, enum, text
from mockserver.objects.model import Field

# ACCESSMODE: created, updated, deleted.
CREATED, UPDATED, DELETED = "C", "U", "D"
# GUESS: the SOURCE Intacct shows for a write made through XML Web Services.
WEB_SERVICES = "Web Services"

OBJECTS = [
    define(
        "AUDITHISTORY",
        "Audit History",
        COMPANY,
        "RECORDNO",  # audit rows have no ID of their own
        None,
        [
            text("OBJECTTYPE", readonly=True, label="Object type"),
            text("OBJECTKEY", readonly=True, label="Object key"),
            text("OBJECTDESC", readonly=True, label="Object description"),
            enum("ACCESSMODE", (CREATED, UPDATED, DELETED), readonly=True, label="Access mode"),
            Field("ACCESSTIME", "timestamp", readonly=True, label="Access time"),
            text("USERID", readonly=True, label="User ID"),
            text("SOURCE", readonly=True, label="Source"),
        ],
        entity_aware=False,
        writable=False,
    ),
]
