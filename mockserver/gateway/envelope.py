"""The request envelope as plain values, read from a tree that already passed the request XSD."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


def children(parent: etree._Element) -> dict[object, etree._Element]:
    """The element's children by tag, the first of each tag (the one find(tag) gives): one walk over
    them, where each lxml find() is a path search costing more than the walk."""
    found: dict[object, etree._Element] = {}
    for child in parent:
        found.setdefault(child.tag, child)
    return found


def tagged(parent: etree._Element, tag: str) -> list[etree._Element]:
    """The children named `tag`, in order (what iterfind(tag) gives, without its path search)."""
    return [child for child in parent if child.tag == tag]


def text(found: dict[object, etree._Element], tag: str, default: str = "") -> str:
    """The stripped text of the child `tag` among `children(parent)`; `default` if absent or empty."""
    child = found.get(tag)
    if child is None or child.text is None:
        return default
    return child.text.strip()


def required(parent: etree._Element | dict[object, etree._Element], tag: str) -> etree._Element:
    """A child the request schema requires, so it is there once validation passed (of an element, or among
    an element's `children`)."""
    child = parent.get(tag) if isinstance(parent, dict) else parent.find(tag)
    assert child is not None, f"<{tag}> is required by the request schema"
    return child


def flag(value: str) -> bool:
    return value.strip().lower() == "true"


@dataclass
class Control:
    senderid: str
    password: str
    controlid: str
    uniqueid: bool
    dtdversion: str
    includewhitespace: bool
    echo: dict[str, str]  # what the response's control block repeats

    @classmethod
    def read(cls, control: etree._Element) -> Control:
        found = children(control)
        # uniqueid defaults to true and includewhitespace to true, per the gateway docs.
        uniqueid = text(found, "uniqueid", "true")
        dtdversion = text(found, "dtdversion", "3.0")
        echo = {
            "senderid": text(found, "senderid"),
            "controlid": text(found, "controlid"),
            "uniqueid": uniqueid,
            "dtdversion": dtdversion,
        }
        return cls(
            senderid=echo["senderid"],
            password=text(found, "password"),
            controlid=echo["controlid"],
            uniqueid=flag(uniqueid),
            dtdversion=dtdversion,
            includewhitespace=flag(text(found, "includewhitespace", "true")),
            echo=echo,
        )


@dataclass
class Login:
    userid: str
    companyid: str
    password: str
    locationid: str  # "" = top level
    clientid: str


@dataclass
class Function:
    """One <function controlid="..."> and its single child, e.g. <readByQuery>."""

    controlid: str
    name: str
    body: etree._Element


@dataclass
class Operation:
    transaction: bool
    login: Login | None
    sessionid: str | None
    functions: list[Function] = field(default_factory=list)

    @classmethod
    def read(cls, operation: etree._Element) -> Operation:
        parts = children(operation)
        authentication = children(required(parts, "authentication"))
        login_element = authentication.get("login")
        login = None
        if login_element is not None:
            found = children(login_element)
            password = found.get("password")
            login = Login(
                userid=text(found, "userid"),
                companyid=text(found, "companyid"),
                password="" if password is None else password.text or "",  # not stripped
                locationid=text(found, "locationid"),
                clientid=text(found, "clientid"),
            )
        sessionid = None if login is not None else text(authentication, "sessionid")
        functions = []
        for content in tagged(operation, "content"):
            for function in tagged(content, "function"):
                body = next(child for child in function if isinstance(child.tag, str))
                functions.append(Function(function.get("controlid", ""), str(body.tag), body))
        return cls(
            transaction=flag(operation.get("transaction", "false")),
            login=login,
            sessionid=sessionid,
            functions=functions,
        )


@dataclass
class Request:
    control: Control
    operations: list[Operation]

    @classmethod
    def read(cls, root: etree._Element) -> Request:
        control = required(children(root), "control")
        return cls(Control.read(control), [Operation.read(op) for op in tagged(root, "operation")])
