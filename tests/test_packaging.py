"""The two README commands, CI, the CLI and the Docker files stay consistent and correct."""

from __future__ import annotations

import asyncio
import importlib.resources
import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml
from aiohttp import ClientSession

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    """The shell commands in the README's 'Two commands' section, in order."""
    section = ROOT.joinpath("README.md").read_text().split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_a_start_command_and_a_test_command():
    start, test = readme_commands()
    assert start.endswith("mock-intacct serve")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command():
    _, test = readme_commands()
    assert test in ROOT.joinpath(".ci/run").read_text().splitlines()


def test_dockerfile_installs_with_the_readme_install_step():
    start, _ = readme_commands()
    install = start.rsplit(" && ", 1)[0]  # everything before starting the server
    dockerfile = ROOT.joinpath("Dockerfile").read_text()
    assert f"RUN {install}" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/__mock__/health" in dockerfile
    # The container listens beyond loopback, which serve refuses without a token or this opt-in.
    assert "MOCK_INTACCT_OPEN_ADMIN=true" in dockerfile
    copied = set(re.findall(r"^COPY (\S+)", dockerfile, re.M))
    for needed in ("mockserver", "schemas", "fixtures", "pyproject.toml"):
        assert needed in copied


def test_compose_file_is_valid_against_the_compose_specification():
    schema_file = importlib.resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    schema = json.loads(schema_file.read_text())
    compose = yaml.safe_load(ROOT.joinpath("docker-compose.yml").read_text())
    jsonschema.validate(compose, schema, cls=jsonschema.Draft202012Validator)
    service = compose["services"]["mock-intacct"]
    assert any(port.endswith("8080:8080") for port in service["ports"])
    assert any("/__mock__/health" in part for part in service["healthcheck"]["test"])
    assert any(volume.endswith(":/app/fixtures:ro") for volume in service["volumes"])


def test_compose_validation_rejects_a_broken_file():
    """The check above can fail: an unknown service key breaks the specification."""
    schema_file = importlib.resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    schema = json.loads(schema_file.read_text())
    broken = {"services": {"mock-intacct": {"image": "x", "portz": ["8080:8080"]}}}
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(broken))


def test_env_prints_the_default_credentials_for_the_sdks():
    output = subprocess.run([sys.executable, "-m", "mockserver", "env", "--port", "9123"],
                            capture_output=True, text=True, check=True).stdout
    lines = dict(line.removeprefix("export ").split("=", 1) for line in output.splitlines())
    assert lines == {
        "INTACCT_ENDPOINT_URL": "http://127.0.0.1:9123/ia/xml/xmlgw.phtml",
        "INTACCT_SENDER_ID": "mocksender", "INTACCT_SENDER_PASSWORD": "mocksenderpw",
        "INTACCT_COMPANY_ID": "MOCKCO", "INTACCT_USER_ID": "workato_isu", "INTACCT_USER_PASSWORD": "mockuserpw",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def wait_until_ready(url: str) -> None:
    async with ClientSession() as http:
        for _ in range(200):
            try:
                async with http.get(f"{url}/__mock__/health") as reply:
                    if reply.status == 200:
                        return
            except OSError:
                pass
            await asyncio.sleep(0.05)
    raise AssertionError("the server never became ready")


async def test_serve_starts_and_becomes_ready_as_a_separate_process():
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mockserver", "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        await wait_until_ready(f"http://127.0.0.1:{port}")
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0]
    assert f"http://127.0.0.1:{port}/ia/xml/xmlgw.phtml" in output
    assert "mock-intacct env" in output
    assert "mockuserpw" not in output and "mocksenderpw" not in output


async def test_cli_admin_commands_drive_a_running_server():
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mockserver", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"

    def cli(*words: str) -> tuple[int, str]:
        done = subprocess.run([sys.executable, "-m", "mockserver", *words, "--url", url],
                              capture_output=True, text=True, timeout=30)
        return done.returncode, done.stdout

    try:
        await wait_until_ready(url)
        code, out = await asyncio.to_thread(cli, "create-company", "--id", "CLICO")
        assert code == 0 and json.loads(out)["companyid"] == "CLICO"
        code, out = await asyncio.to_thread(cli, "set-sender", "CLICO", "mocksender", "inactive")
        assert code == 0 and json.loads(out)["status"] == "inactive"
        code, out = await asyncio.to_thread(cli, "set-company", "CLICO", "web_services=false", "concurrency_limit=2")
        assert code == 0 and json.loads(out)["web_services"] is False and json.loads(out)["concurrency_limit"] == 2
        code, out = await asyncio.to_thread(cli, "journal", "--limit", "5")
        assert code == 0 and "exchanges" in json.loads(out)
        code, _ = await asyncio.to_thread(cli, "set-company", "NOSUCH", "web_services=false")
        assert code == 1
        code, out = await asyncio.to_thread(cli, "reset")
        assert code == 0 and "CLICO" not in json.loads(out)["companies"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_refuses_a_non_loopback_bind_without_an_admin_token():
    done = subprocess.run([sys.executable, "-m", "mockserver", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "--admin-token" in done.stderr


def test_readme_lists_every_catalogue_object_and_emulated_function():
    from mockserver.catalogue import CATALOGUE
    from mockserver.functions import HANDLERS

    readme = ROOT.joinpath("README.md").read_text()
    missing = [f"`{name}`" for name in [*CATALOGUE, *HANDLERS] if f"`{name}`" not in readme]
    assert not missing, f"README does not list {missing}"
