"""The state machine's model of a company: which records exist, what was last written to each, and
which were deleted. The gateway's answers are compared with it after every step."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ModelRecord:
    object: str
    recordno: str
    id: str  # the ID field's value (the RECORDNO for objects without an ID field)
    values: dict[str, str]  # every field written so far, dotted name -> text as written


@dataclass
class CompanyModel:
    objects: tuple[str, ...]
    live: dict[str, dict[str, ModelRecord]] = field(default_factory=dict)
    deleted: dict[str, list[ModelRecord]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in self.objects:
            self.live.setdefault(name, {})
            self.deleted.setdefault(name, [])

    def add(self, record: ModelRecord) -> None:
        self.live[record.object][record.recordno] = record

    def get(self, obj: str, recordno: str) -> ModelRecord:
        return self.live[obj][recordno]

    def update(self, obj: str, recordno: str, changes: dict[str, str]) -> None:
        self.live[obj][recordno].values.update(changes)

    def delete(self, obj: str, recordno: str) -> ModelRecord:
        record = self.live[obj].pop(recordno)
        self.deleted[obj].append(record)
        return record

    def ids(self, obj: str) -> list[str]:
        return sorted(r.id for r in self.live[obj].values())

    def by_id(self, obj: str) -> dict[str, ModelRecord]:
        return {r.id: r for r in self.live[obj].values()}

    def has_deleted(self, obj: str) -> bool:
        return bool(self.deleted[obj])
