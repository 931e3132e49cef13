"""Functional test harness: the real mock on a real socket, spoken to over HTTP."""

from __future__ import annotations

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from mockserver.app import STATE, create_app
from mockserver.settings import Settings

from .gateway import GatewayClient


@pytest.fixture
async def gateway():
    """A fresh mock (default fixtures) on 127.0.0.1:<free port>, and a client for it."""
    app = create_app(Settings.from_environment(port=0))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    async with ClientSession() as http:
        yield GatewayClient(http, str(server.make_url("")).rstrip("/"), app[STATE])
    await server.close()
