"""The mock as a child process (`python -m mockserver serve`): its port, RSS, output and a kill -9."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
GATEWAY_PATH = "/ia/xml/xmlgw.phtml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    """`python -m mockserver serve` on a free loopback port; output goes to a file (never a full pipe)."""

    def __init__(self, *args: str, log_level: str = "WARNING", env: dict[str, str] | None = None) -> None:
        self.args = list(args)
        self.log_level = log_level
        self.env = env or {}
        self.port = 0
        self.process: subprocess.Popen | None = None
        # SIM115 is silenced: the ServerProcess owns its log file, and stop() closes and removes it
        self.log = tempfile.NamedTemporaryFile(prefix="mock-intacct-", suffix=".log", delete=False)  # noqa: SIM115
        self.final_output: str | None = None  # kept when the log file is removed

    def start(self, timeout: float = 20) -> ServerProcess:
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONUNBUFFERED": "1", **self.env}
        command = [
            sys.executable,
            "-m",
            "mockserver",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            self.log_level,
            *self.args,
        ]
        self.process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the mock exited with {self.process.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.url + "/__mock__/health", timeout=1) as reply:
                    if reply.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"the mock did not become healthy in {timeout} s:\n{self.output()}")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        return self.url + GATEWAY_PATH

    def rss_kib(self) -> int:
        """Resident set size of the server process (VmRSS in /proc/<pid>/status), in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS line")

    def admin(self, method: str, path: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as reply:
                return reply.status, json.loads(reply.read() or b"{}")
        except urllib.error.HTTPError as failure:
            return failure.code, json.loads(failure.read() or b"{}")

    def kill(self) -> None:
        """kill -9: no shutdown handlers, no flush, no goodbye."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        if self.final_output is not None:
            return self.final_output
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        self.final_output = self.output()
        self.log.close()
        Path(self.log.name).unlink(missing_ok=True)
