"""The web console (GET /__mock__/ui): the journal live, companies, faults and records in a browser.

A static page (static/, no build step, nothing from a CDN) over the JSON admin API: every change it makes
is an admin API call, so it can do nothing the API cannot. Its own read-only endpoints under
/__mock__/console/ (exchange summaries, one exchange, the live event stream) and replay sit behind the
same admin token. Nothing here runs on the gateway's path: the event stream polls the journal.
"""

from mockserver.console.guard import same_origin
from mockserver.console.routes import pages, routes, setup

__all__ = ["pages", "routes", "same_origin", "setup"]
