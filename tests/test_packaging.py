"""The two README commands, CI, the CLI and the Docker files stay consistent and correct."""

from __future__ import annotations

import asyncio
import importlib.resources
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import yaml

from .server_process import ServerProcess, free_port

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
    output = subprocess.run(
        [sys.executable, "-m", "mockserver", "env", "--port", "9123"], capture_output=True, text=True, check=True
    ).stdout
    lines = dict(line.removeprefix("export ").split("=", 1) for line in output.splitlines())
    assert lines == {
        "INTACCT_ENDPOINT_URL": "http://127.0.0.1:9123/ia/xml/xmlgw.phtml",
        "INTACCT_SENDER_ID": "mocksender",
        "INTACCT_SENDER_PASSWORD": "mocksenderpw",
        "INTACCT_COMPANY_ID": "MOCKCO",
        "INTACCT_USER_ID": "workato_isu",
        "INTACCT_USER_PASSWORD": "mockuserpw",
    }


def test_serve_starts_and_becomes_ready_as_a_separate_process():
    with ServerProcess(log_level="INFO") as server:  # start() returns once /__mock__/health answers 200
        pass
    output = server.output()
    assert f"http://127.0.0.1:{server.port}/ia/xml/xmlgw.phtml" in output
    assert "mock-intacct env" in output
    assert "mockuserpw" not in output and "mocksenderpw" not in output


async def test_cli_admin_commands_drive_a_running_server():
    server = ServerProcess().start()
    url = server.url

    def cli(*words: str) -> tuple[int, str]:
        done = subprocess.run(
            [sys.executable, "-m", "mockserver", *words, "--url", url], capture_output=True, text=True, timeout=30
        )
        return done.returncode, done.stdout

    try:
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
        server.stop()


def test_serve_refuses_a_non_loopback_bind_without_an_admin_token():
    done = subprocess.run(
        [sys.executable, "-m", "mockserver", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "--admin-token" in done.stderr


def test_readme_lists_every_catalogue_object_and_emulated_function():
    from mockserver.functions import FUNCTIONS
    from mockserver.objects import CATALOGUE

    readme = ROOT.joinpath("README.md").read_text()
    missing = [f"`{name}`" for name in [*CATALOGUE, *FUNCTIONS] if f"`{name}`" not in readme]
    assert not missing, f"README does not list {missing}"


def test_readme_object_table_is_the_one_generated_from_the_catalogue():
    from mockserver.objects import CATALOGUE
    from mockserver.readme_tables import OBJECTS, object_table, section

    generated = section(ROOT.joinpath("README.md").read_text(), OBJECTS)
    assert generated.strip() == object_table()
    assert len([row for row in generated.splitlines() if row.startswith("| `")]) == len(CATALOGUE)


def test_readme_function_list_is_the_one_generated_from_the_registry():
    from mockserver.functions import FUNCTIONS
    from mockserver.readme_tables import FUNCTION_LIST, function_list, section

    generated = section(ROOT.joinpath("README.md").read_text(), FUNCTION_LIST)
    assert generated.strip() == function_list()
    assert all(f"| `{name}` |" in generated for name in FUNCTIONS)
