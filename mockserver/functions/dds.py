"""The Data Delivery Service (3.0): getDdsObjects (the objects a DDS job can export), getDdsDdl (an object's
table as PostgreSQL DDL) and runDdsJob (a DDSJOB record per object). Only for a company subscribed to the
Data Delivery Service module (DDSJOB's); otherwise the gateway's module error.

Shapes from the Intacct docs (DDS objects, running a DDS job) and a public DDS client of Intacct's
(intacctaaron/intacct-dds: data/DdsObjects/Objects/Object, data/DdsDdl/Ddl, data/ddsjob). GUESSES
(docs/decisions.md): a job is stored completed at once (the mock delivers no files; any cloudDelivery
name is accepted, as the mock has no cloud storage targets); the DDL lists the object's flat fields,
its primary key and its references as link comments.
"""

from __future__ import annotations

from datetime import datetime

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.gateway.record_xml import RecordRenderer
from mockserver.objects import CATALOGUE, ObjectDef

JOB = "DDSJOB"
JOB_TYPES = ("all", "change")
SQL_TYPES = {"integer": "integer", "decimal": "numeric", "date": "date", "timestamp": "timestamp", "boolean": "boolean"}


def exported(call: Call) -> list[ObjectDef]:
    """What DDS exports: the company's objects (its custom ones too), except the jobs themselves."""
    objects = call.principal.company.objects
    return [objects[name] for name in sorted(objects) if name != JOB]


def ddl(obj: ObjectDef) -> str:
    columns = [f for f in obj.fields if "." not in f.name]
    body = ",\n".join(f"{f.name} {SQL_TYPES.get(f.type, 'varchar')}" for f in columns)
    lines = [f"create table {obj.name} (\n{body},\nddsReadTime timestamp);"]
    lines.append(f"alter table {obj.name} add constraint PK_{obj.name} primary key({obj.id_field});")
    for f in columns:
        if f.references:
            lines.append(f"-- Link column {f.name} to {f.references}.{CATALOGUE[f.references].id_field};")
    return "\n".join(lines)


@gateway_function("getDdsObjects", permission="list")
def get_dds_objects(call: Call) -> str:
    call.object(JOB)  # the company's DDS subscription and the user's grants
    out = answers.rows(call)
    listing = out.inner.parent("Objects", [out.inner.inner.leaf("Object", obj.name) for obj in exported(call)])
    return answers.data(call, [out.parent("DdsObjects", [listing])])


@gateway_function("getDdsDdl", permission="list")
def get_dds_ddl(call: Call) -> str:
    call.object(JOB)
    name = call.text("object")
    obj = call.principal.company.objects.get(name)
    if obj is None or name == JOB:
        raise errors.object_not_found(name)
    out = answers.rows(call)
    return answers.data(call, [out.parent("DdsDdl", [out.inner.leaf("Ddl", ddl(obj))])])


def changes_since(call: Call, job: ObjectDef) -> str | None:
    """timeStamp (xs:dateTime) as the job's TIMESTAMP; a change job needs one (GUESS)."""
    raw = call.text("timeStamp")
    job_type = call.text("jobType")
    if not raw:
        if job_type == "change":
            raise errors.required_field_missing("create", job.label, "timeStamp")
        return None
    when = datetime.fromisoformat(raw.replace("Z", "+00:00"))  # the schema checked it is an xs:dateTime
    return when.strftime("%m/%d/%Y %H:%M:%S")


@gateway_function("runDdsJob", permission="add")
def run_dds_job(call: Call) -> str:
    job = call.object(JOB)
    names = [n.text.strip() for n in call.body.iterfind("object") if n.text and n.text.strip()]
    names += [n.text.strip() for n in call.body.iterfind("objects/object") if n.text and n.text.strip()]
    if not names:
        raise errors.required_field_missing("create", job.label, "object")
    known = {obj.name for obj in exported(call)}
    for name in names:
        if name not in known:
            raise errors.object_not_found(name)
    job_type = call.text("jobType")
    if job_type not in JOB_TYPES:
        raise errors.illegal_format(
            "create", job.label, "jobType", f"'{job_type}' is not one of {', '.join(JOB_TYPES)}"
        )
    texts = {"JOBTYPE": job_type, "CLOUDDELIVERY": call.text("cloudDelivery")}
    if not texts["CLOUDDELIVERY"]:
        raise errors.required_field_missing("create", job.label, "cloudDelivery")
    since = changes_since(call, job)
    if since:
        texts["TIMESTAMP"] = since
    file_format = call.text("fileConfiguration/fileFormat")
    if file_format:
        texts["FILEFORMAT"] = file_format
    render = RecordRenderer(
        call.state.rendered, call.companyid, job, list(job.fields), False, call.timezone, "ddsjob", answers.rows(call)
    )
    rows = []
    with call.state.store.atomic():
        for name in names:
            record = call.backend.create(job, {**texts, "OBJECT": name}, by_gateway=True)
            rows.append(render(record))
    return answers.data(call, rows, listtype="ddsjob", count=len(rows))
