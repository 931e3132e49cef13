"""The request envelope as plain values, read from a tree that already passed the request XSD."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


def text(parent: etree._Element, tag: str, default: str = "") -> str:
    child = parent.find(tag)
    if child is None or child.text is None:
        return default
    return child.text.strip()


def required(parent: etree._Element, tag: str) -> etree._Element:
    """A child the request schema requires, so it is there once validation passed."""
    child = parent.find(tag)
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
        # uniqueid defaults to true and includewhitespace to true, per the gateway docs.
        uniqueid = text(control, "uniqueid", "true")
        dtdversion = text(control, "dtdversion", "3.0")
        echo = {
            "senderid": text(control, "senderid"),
            "controlid": text(control, "controlid"),
            "uniqueid": uniqueid,
            "dtdversion": dtdversion,
        }
        return cls(
            senderid=text(control, "senderid"),
            password=text(control, "password"),
            controlid=text(control, "controlid"),
            uniqueid=flag(uniqueid),
            dtdversion=dtdversion,
            includewhitespace=flag(text(control, "includewhitespace", "true")),
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
        authentication = required(operation, "authentication")
        login_element = authentication.find("login")
        login = None
        if login_element is not None:
            login = Login(
                userid=text(login_element, "userid"),
                companyid=text(login_element, "companyid"),
                password=login_element.findtext("password") or "",
                locationid=text(login_element, "locationid"),
                clientid=text(login_element, "clientid"),
            )
        sessionid = None if login is not None else text(authentication, "sessionid")
        functions = []
        for content in operation.iterfind("content"):
            for function in content.iterfind("function"):
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
        return cls(Control.read(required(root, "control")), [Operation.read(op) for op in root.iterfind("operation")])
