"""The authentication stage: a <login> or <sessionid> becomes a Principal, or an Intacct failure.

Order of checks for a login (GUESS where the gateway's order is not public): company exists ->
company subscribed to Web Services -> this sender authorized and active for the company -> user
exists, is active and the password matches -> the location may be used.
"""

from __future__ import annotations

from dataclasses import dataclass

from mockserver.control.clock import iso_timestamp
from mockserver.gateway import errors
from mockserver.gateway.envelope import Login, Operation
from mockserver.gateway.render import Authentication
from mockserver.state import MockState
from mockserver.tenancy.companies import ACTIVE, Company, User
from mockserver.tenancy.locations import check_signin_location
from mockserver.tenancy.sessions import Session


@dataclass
class Principal:
    """Who a function runs as: the company, the Web Services user and the entity ("" = top level)."""

    company: Company
    user: User
    locationid: str
    session: Session | None = None  # set when authenticated with <sessionid>


def authenticate(operation: Operation, senderid: str, state: MockState) -> tuple[Principal, Authentication]:
    if operation.login is not None:
        principal = login(operation.login, senderid, state)
        expires = state.clock.now() + principal.company.session_duration_seconds
    else:
        principal = resume_session(operation.sessionid or "", senderid, state)
        assert principal.session is not None  # a resumed session is the principal's
        expires = principal.session.expires
    company = principal.company
    block = Authentication(
        status="success",
        userid=principal.user.userid,
        companyid=company.companyid,
        locationid=principal.locationid,
        sessiontimestamp=iso_timestamp(state.clock.now(), company.timezone),
        sessiontimeout=iso_timestamp(expires, company.timezone),
    )
    return principal, block


def failure_block(operation: Operation) -> Authentication:
    """What the authentication block of a failed operation echoes: the login's IDs, or nothing
    for a session (the gateway cannot tell whose it was)."""
    if operation.login is None:
        return Authentication(status="failure")
    return Authentication(
        status="failure",
        userid=operation.login.userid,
        companyid=operation.login.companyid,
        locationid=operation.login.locationid or None,
    )


def sign_in_failure(company: Company | None) -> errors.IntacctError:
    if company is not None and company.login_failure == "legacy":
        return errors.sign_in_incorrect_legacy()
    return errors.sign_in_incorrect_gateway()


def check_company_access(company: Company, senderid: str) -> None:
    if not company.web_services:
        raise errors.web_services_not_subscribed()
    if company.senders.get(senderid) != ACTIVE:
        raise errors.sender_not_authorized(senderid, company.companyid)


def login(credentials: Login, senderid: str, state: MockState) -> Principal:
    company = state.companies.get(credentials.companyid)
    if company is None:
        raise sign_in_failure(None)
    check_company_access(company, senderid)
    user = company.users.get(credentials.userid)
    # Intacct does not reveal which part was wrong, nor whether the user is inactive or locked out.
    if user is None or user.status != ACTIVE or user.password != credentials.password:
        raise sign_in_failure(company)
    check_signin_location(company, user, credentials.locationid)
    return Principal(company, user, credentials.locationid)


def resume_session(sessionid: str, senderid: str, state: MockState) -> Principal:
    session = state.sessions.live(sessionid)
    company = state.companies.get(session.companyid) if session else None
    user = company.users.get(session.userid) if session and company else None
    if session is None or company is None or user is None or user.status != ACTIVE:
        raise errors.invalid_session()
    check_company_access(company, senderid)
    state.sessions.slide(session, company.session_duration_seconds)
    return Principal(company, user, session.locationid, session)
