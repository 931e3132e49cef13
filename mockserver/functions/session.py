"""getAPISession: open an API session (optionally in an entity) and hand back its ID and endpoint."""

from __future__ import annotations

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.registry import UNCHECKED, gateway_function
from mockserver.tenancy.locations import check_signin_location


@gateway_function("getAPISession", permission=UNCHECKED)
def get_api_session(call: Call) -> str:
    principal = call.principal
    company = principal.company
    requested = call.body.find("locationid")
    if requested is None and principal.session is not None:
        session = principal.session  # same session, as the SDKs' SessionProvider expects
    else:
        locationid = principal.locationid if requested is None else (requested.text or "").strip()
        check_signin_location(company, principal.user, locationid)
        session = call.state.sessions.open(
            company.companyid, principal.user.userid, locationid, company.session_duration_seconds
        )
    api = answers.rows(call)
    leaf = api.inner.leaf
    return answers.data(
        call,
        [
            api.parent(
                "api",
                [
                    leaf("sessionid", session.sessionid),
                    leaf("endpoint", call.endpoint),
                    leaf("locationid", session.locationid),
                ],
            )
        ],
    )
