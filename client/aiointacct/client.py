"""IntacctClient: sends requests, retries what is safe to retry, keeps an API session alive.

async with IntacctClient() as client:          # credentials from INTACCT_* variables
    await client.open_session()                # getAPISession; later calls use its session and endpoint
    await client.create(("VENDOR", {"VENDORID": "V1", "NAME": "Acme"}))
    async for vendor in client.iter_read_by_query("VENDOR", "STATUS = 'T'"):
        ...
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from . import __version__
from . import functions as fns
from .credentials import Credentials, redact
from .errors import AuthenticationError, ErrorDetail, IntacctError, ResultError, TransportError
from .filters import Filter, Order, Selection
from .functions import Function
from .records import ObjectLike
from .request import authentication_element, build_request
from .response import Response, Result, errors_in, parse_response
from .retry import RetryPolicy, parse_retry_after, retryable_status, safe_to_repeat

log = logging.getLogger("aiointacct")

USER_AGENT = f"aiointacct/{__version__}"


@dataclass
class Session:
    """An API session from getAPISession: its ID, the endpoint to use it with, its entity ("" = top level)."""

    session_id: str = field(repr=False)
    endpoint: str
    location_id: str | None = None
    user_id: str | None = None
    company_id: str | None = None
    session_timeout: str | None = None

    def __repr__(self) -> str:
        return (
            f"Session(session_id={redact(self.session_id)!r}, endpoint={self.endpoint!r}, "
            f"location_id={self.location_id!r}, user_id={self.user_id!r}, company_id={self.company_id!r}, "
            f"session_timeout={self.session_timeout!r})"
        )


@dataclass
class _Failure:
    """A failed attempt that a retry might cure."""

    message: str
    errors: list[ErrorDetail] = field(default_factory=list)
    http_status: int | None = None
    retry_after: float | None = None


class IntacctClient:
    """An async client for the Intacct XML gateway.

    credentials: a Credentials, else built from keyword arguments (sender_id, sender_password,
    company_id, user_id, user_password, entity_id, session_id, endpoint_url) falling back to the
    INTACCT_* environment variables. http: an aiohttp.ClientSession to use (not closed by the client).
    timeout: seconds for one HTTP request, body included.
    """

    def __init__(
        self,
        credentials: Credentials | None = None,
        *,
        http: aiohttp.ClientSession | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = 300.0,
        user_agent: str = USER_AGENT,
        **credential_arguments: str | None,
    ) -> None:
        if credentials is not None and credential_arguments:
            raise TypeError("give either credentials or credential keyword arguments, not both")
        self._configured = credentials or Credentials.from_env(None, **credential_arguments)
        self.credentials = self._configured  # what requests use now: a session and its endpoint once open
        self.session: Session | None = None
        if self._configured.session_id:
            self.session = Session(self._configured.session_id, self._configured.endpoint_url)
        self.retry = retry or RetryPolicy()
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._headers = {
            "Content-Type": "application/xml",
            "Accept-Encoding": "gzip, deflate",
            "User-Agent": user_agent,
        }
        self._http = http
        self._owns_http = http is None
        self._session_lock = asyncio.Lock()
        self._session_generation = 0
        self._session_entity: str | None = None

    # --- lifecycle -----------------------------------------------------------------------------

    async def __aenter__(self) -> IntacctClient:
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_http and self._http is not None:
            await self._http.close()
        self._http = None

    @property
    def endpoint(self) -> str:
        """Where requests go now: the session's endpoint once a session is open."""
        return self.credentials.endpoint_url

    def __repr__(self) -> str:
        return f"IntacctClient(endpoint={self.endpoint!r}, credentials={self.credentials!r})"

    # --- sessions ------------------------------------------------------------------------------

    async def open_session(self, entity_id: str | None = None) -> Session:
        """getAPISession, then use the returned session ID and endpoint for every later request.

        With login credentials the session is opened for `entity_id` (None: the credentials' entity;
        "": the top level). With only a session ID, getAPISession switches it to `entity_id`.
        """
        async with self._session_lock:
            return await self._open_session(entity_id)

    async def _open_session(self, entity_id: str | None) -> Session:
        configured = self._configured
        if configured.has_login:
            authentication = authentication_element(configured, use_session=False, location_id=entity_id)
            function, endpoint = fns.get_api_session(), configured.endpoint_url
        else:
            authentication = authentication_element(self.credentials)
            function, endpoint = fns.get_api_session(entity_id), self.credentials.endpoint_url
        body = build_request(configured, [function], authentication=authentication)
        response = await self._post(endpoint, body, safe=True)
        result = self._only_result(response, [function]).raise_for_status()
        api = result.records[0] if result.records else {}
        if not isinstance(api, dict) or not api.get("sessionid"):
            raise IntacctError("getAPISession answered without a session ID")
        auth = response.authentication
        session = Session(
            api["sessionid"],
            api.get("endpoint") or endpoint,
            api.get("locationid"),
            auth.userid if auth else None,
            auth.companyid if auth else None,
            auth.sessiontimeout if auth else None,
        )
        self.credentials = configured.with_session(session.session_id, session.endpoint)
        self.session = session
        self._session_entity = entity_id
        self._session_generation += 1
        log.info(
            "API session opened for %s/%s at %s (entity %r)",
            session.company_id,
            session.user_id,
            session.endpoint,
            session.location_id,
        )
        return session

    async def _renew_session(self, generation: int) -> None:
        """Open a new session once, however many requests found the old one invalid at the same time."""
        async with self._session_lock:
            if self._session_generation == generation:
                log.info("API session expired; opening a new one")
                await self._open_session(self._session_entity)

    # --- sending -------------------------------------------------------------------------------

    async def execute(
        self,
        functions: Iterable[Function],
        *,
        transaction: bool = False,
        uniqueid: bool = False,
        controlid: str | None = None,
        raise_on_failure: bool = False,
    ) -> list[Result]:
        """Send the functions in one request; one Result per function, in order.

        Function failures are returned, not raised, unless raise_on_failure (then the first
        `failure`, else the first `aborted`, raises ResultError). Control, authentication and
        transport failures always raise.
        """
        functions = list(functions)
        safe = safe_to_repeat(functions, uniqueid)
        renewed = False
        while True:
            generation, credentials = self._session_generation, self.credentials
            body = build_request(
                credentials, functions, transaction=transaction, uniqueid=uniqueid, controlid=controlid
            )
            try:
                response = await self._post(credentials.endpoint_url, body, safe)
            except AuthenticationError as failure:
                # Nothing ran, so sending again is safe whatever the functions are.
                if failure.invalid_session and not renewed and credentials.session_id and self._configured.has_login:
                    renewed = True
                    await self._renew_session(generation)
                    continue
                raise
            break
        results = self._results(response, functions)
        if raise_on_failure:
            failed = [r for r in results if r.status == "failure"] or [r for r in results if not r.ok]
            if failed:
                raise ResultError(failed[0])
        return results

    async def _call(self, function: Function, uniqueid: bool = False) -> Result:
        results = await self.execute([function], uniqueid=uniqueid)
        return results[0].raise_for_status()

    @staticmethod
    def _results(response: Response, functions: Sequence[Function]) -> list[Result]:
        if len(response.results) != len(functions):
            raise IntacctError(f"the gateway answered {len(response.results)} results for {len(functions)} functions")
        return response.results

    def _only_result(self, response: Response, functions: Sequence[Function]) -> Result:
        return self._results(response, functions)[0]

    def _client(self) -> aiohttp.ClientSession:
        if self._http is None:
            self._http = aiohttp.ClientSession()
            self._owns_http = True
        return self._http

    async def _post(self, endpoint: str, body: bytes, safe: bool) -> Response:
        """POST with retries (see retry.py); parse the answer."""
        attempt = 0
        while True:
            attempt += 1
            failure = await self._attempt(endpoint, body)
            if isinstance(failure, Response):
                return failure
            if not safe:
                raise TransportError(
                    f"{failure.message} (not retried: the request is not safe to repeat; send "
                    "writes with uniqueid=True and your own controlids to allow retries)",
                    failure.errors,
                    http_status=failure.http_status,
                    retry_after=failure.retry_after,
                    attempts=attempt,
                )
            if attempt > self.retry.max_retries:
                raise TransportError(
                    f"{failure.message} (gave up after {attempt} attempts)",
                    failure.errors,
                    http_status=failure.http_status,
                    retry_after=failure.retry_after,
                    attempts=attempt,
                )
            delay = self.retry.delay(attempt - 1, failure.retry_after)
            log.warning("%s; retry %d of %d in %.2f s", failure.message, attempt, self.retry.max_retries, delay)
            await self.retry.sleep(delay)

    async def _attempt(self, endpoint: str, body: bytes) -> Response | _Failure:
        """One HTTP request: the parsed Response, or a _Failure a retry may cure. Gateway failures
        (control, authentication) and non-retryable HTTP statuses raise."""
        try:
            async with self._client().post(endpoint, data=body, headers=self._headers, timeout=self._timeout) as reply:
                payload = await reply.read()
                status, content_type = reply.status, reply.content_type or ""
                retry_after = reply.headers.get("Retry-After")
        except TimeoutError:
            return _Failure(f"no answer from {endpoint} within {self._timeout.total} s")
        except aiohttp.ClientError as exc:
            return _Failure(f"HTTP request to {endpoint} failed: {type(exc).__name__}: {exc}")
        is_xml = "xml" in content_type
        if retryable_status(status):
            errors = errors_in(payload) if is_xml else []
            return _Failure(
                f"HTTP {status} from {endpoint}",
                errors,
                status,
                parse_retry_after(retry_after) if status == 429 else None,
            )
        if 200 <= status < 300:
            try:
                return parse_response(payload, status)
            except TransportError as exc:  # truncated or garbled answer
                return _Failure(str(exc), http_status=status)
        if is_xml:  # 401 sign-in failure (XMLGW_JPP0002), 405/413 GW-0011, 403 mode: the XML says what
            return parse_response(payload, status)
        raise TransportError(
            f"HTTP {status} from {endpoint}: {payload[:200].decode('utf-8', 'replace')}", http_status=status
        )

    # --- generic functions ---------------------------------------------------------------------

    async def create(
        self, objects: ObjectLike | Iterable[ObjectLike], *, controlid: str | None = None, uniqueid: bool = False
    ) -> Result:
        """Create one or more objects; records are their keys (RECORDNO and ID field), in order."""
        return await self._call(fns.create(objects, controlid), uniqueid)

    async def update(
        self, objects: ObjectLike | Iterable[ObjectLike], *, controlid: str | None = None, uniqueid: bool = False
    ) -> Result:
        return await self._call(fns.update(objects, controlid), uniqueid)

    async def delete(
        self,
        object: str,
        keys: str | int | Iterable[str | int],
        *,
        controlid: str | None = None,
        uniqueid: bool = False,
    ) -> Result:
        return await self._call(fns.delete(object, keys, controlid), uniqueid)

    async def read(
        self,
        object: str,
        keys: str | int | Iterable[str | int] = (),
        fields: str | Sequence[str] = "*",
        *,
        docparid: str | None = None,
    ) -> Result:
        return await self._call(fns.read(object, keys, fields, docparid))

    async def read_by_name(
        self, object: str, keys: str | Iterable[str], fields: str | Sequence[str] = "*", *, docparid: str | None = None
    ) -> Result:
        return await self._call(fns.read_by_name(object, keys, fields, docparid))

    async def read_by_query(
        self,
        object: str,
        query: str = "",
        fields: str | Sequence[str] = "*",
        pagesize: int | None = 1000,
        *,
        docparid: str | None = None,
    ) -> Result:
        return await self._call(fns.read_by_query(object, query, fields, pagesize, docparid))

    async def read_more(self, result_id: str) -> Result:
        return await self._call(fns.read_more(result_id))

    async def query(
        self,
        object: str,
        select: Sequence[Selection] | Selection,
        filter: Filter | Sequence[Filter] | None = None,
        orderby: Sequence[Order] | Order | None = None,
        pagesize: int | None = None,
        offset: int | None = None,
        *,
        case_insensitive: bool = False,
        show_private: bool = False,
        docparid: str | None = None,
    ) -> Result:
        return await self._call(
            fns.query(object, select, filter, orderby, pagesize, offset, case_insensitive, show_private, docparid)
        )

    async def inspect(self, object: str = "*", detail: bool = False) -> Result:
        return await self._call(fns.inspect(object, detail))

    async def lookup(self, object: str, docparid: str | None = None) -> Result:
        return await self._call(fns.lookup(object, docparid))

    async def get_api_session(self, location_id: str | None = None) -> Result:
        """The raw getAPISession call with the current authentication (it does not switch sessions:
        open_session does)."""
        return await self._call(fns.get_api_session(location_id))

    # --- paging --------------------------------------------------------------------------------

    async def iter_read_by_query(
        self,
        object: str,
        query: str = "",
        fields: str | Sequence[str] = "*",
        pagesize: int = 1000,
        *,
        docparid: str | None = None,
    ) -> AsyncIterator[dict[str, Any]]:
        """Every record of a readByQuery: the first page, then readMore with its resultId until
        numremaining is 0."""
        result = await self.read_by_query(object, query, fields, pagesize, docparid=docparid)
        while True:
            for record in result.records:
                yield record
            if not result.num_remaining:
                return
            if not result.result_id:
                raise IntacctError(f"{result.function} reported {result.num_remaining} more records but no resultId")
            result = await self.read_more(result.result_id)

    async def iter_query(
        self,
        object: str,
        select: Sequence[Selection] | Selection,
        filter: Filter | Sequence[Filter] | None = None,
        orderby: Sequence[Order] | Order | None = None,
        pagesize: int = 1000,
        *,
        case_insensitive: bool = False,
        show_private: bool = False,
        docparid: str | None = None,
    ) -> AsyncIterator[dict[str, Any]]:
        """Every row of a query, page by page with offset until numremaining is 0. Each page is a new
        query, so give an orderby on a unique field for stable pages while data changes."""
        offset = 0
        while True:
            result = await self.query(
                object,
                select,
                filter,
                orderby,
                pagesize,
                offset,
                case_insensitive=case_insensitive,
                show_private=show_private,
                docparid=docparid,
            )
            for record in result.records:
                yield record
            count = len(result.records)
            if not result.num_remaining or count == 0:
                return
            offset += count
