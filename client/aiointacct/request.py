"""The request envelope: <request><control/><operation><authentication/><content/></operation></request>.

Element order follows the gateway's schema (schemas/request.xsd in mock-intacct, Intacct's 3.0 XSD):
control = senderid, password, controlid, uniqueid, dtdversion, includewhitespace;
login = userid, companyid, password, locationid.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from lxml import etree

from .credentials import Credentials
from .functions import Function


def _text(parent: etree._Element, tag: str, value: str) -> etree._Element:
    node = etree.SubElement(parent, tag)
    node.text = value
    return node


def authentication_element(
    credentials: Credentials, use_session: bool = True, location_id: str | None = None
) -> etree._Element:
    """<sessionid> when the credentials carry one (and use_session), else <login>; `location_id`
    overrides the credentials' entity for a login (None keeps it)."""
    node = etree.Element("authentication")
    if use_session and credentials.session_id:
        _text(node, "sessionid", credentials.session_id)
        return node
    if not credentials.has_login:
        raise ValueError("these credentials have no login and no session ID")
    login = etree.SubElement(node, "login")
    _text(login, "userid", credentials.user_id or "")
    _text(login, "companyid", credentials.company_id or "")
    _text(login, "password", credentials.user_password or "")
    entity = credentials.entity_id if location_id is None else location_id
    if entity is not None:
        _text(login, "locationid", entity)
    return node


def build_request(
    credentials: Credentials,
    functions: Sequence[Function],
    *,
    transaction: bool = False,
    uniqueid: bool = False,
    controlid: str | None = None,
    authentication: etree._Element | None = None,
) -> bytes:
    """The whole request document as UTF-8 bytes. The request controlid defaults to a uuid4."""
    if not functions:
        raise ValueError("a request needs at least one function")
    controlid = controlid or str(uuid.uuid4())
    if not 1 <= len(controlid) <= 256:
        raise ValueError("a request controlid has 1 to 256 characters")
    root = etree.Element("request")
    control = etree.SubElement(root, "control")
    _text(control, "senderid", credentials.sender_id)
    _text(control, "password", credentials.sender_password)
    _text(control, "controlid", controlid)
    _text(control, "uniqueid", "true" if uniqueid else "false")
    _text(control, "dtdversion", "3.0")
    _text(control, "includewhitespace", "false")
    operation = etree.SubElement(root, "operation", transaction="true" if transaction else "false")
    operation.append(authentication if authentication is not None else authentication_element(credentials))
    content = etree.SubElement(operation, "content")
    for function in functions:
        content.append(function.element())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
