"""The built distribution is the whole product: a wheel installed into a fresh virtual environment
outside the checkout serves the README's curl request and runs a consumer project's pytest suite
with the plugin and MockIntacct; the sdist runs its own tests from its unpacked folder.

One module fixture builds the wheel and the sdist (`python -m build`, isolated: it fetches
setuptools from the package index like any build) and installs the wheel, with its test extra, into
one venv in a temporary folder; every test below reuses them. The install resolves the
dependencies from the package index as a user's would (~30-60 s).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads(ROOT.joinpath("pyproject.toml").read_text())["project"]
VERSION = PROJECT["version"]


@dataclass
class Installed:
    wheel: Path
    sdist: Path
    venv: Path
    work: Path  # a folder outside the checkout

    @property
    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    def bin(self, name: str) -> str:
        return str(self.venv / "bin" / name)


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without anything that would point into the checkout or configure
    the mock: what a new user's shell has."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("MOCK_INTACCT_", "INTACCT_", "PYTEST_", "HYPOTHESIS_"))
        and name not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env.update(PYTHONUNBUFFERED="1", **extra)
    return env


def run(command: list[str], cwd: Path, timeout: float = 600, **extra: str) -> subprocess.CompletedProcess:
    done = subprocess.run(
        command, cwd=cwd, env=clean_environment(**extra), capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, (
        f"{' '.join(command)} exited {done.returncode}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    )
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    work = tmp_path_factory.mktemp("distribution")
    assert ROOT not in work.parents
    run([sys.executable, "-m", "build", "--outdir", str(work / "dist"), str(ROOT)], cwd=work)
    [wheel] = (work / "dist").glob("*.whl")
    [sdist] = (work / "dist").glob("*.tar.gz")
    venv = work / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=work)
    run([str(venv / "bin" / "pip"), "install", "-q", f"{wheel}[test]"], cwd=work)
    return Installed(wheel, sdist, venv, work)


# --- what the files carry -------------------------------------------------------------------------


def test_the_wheel_carries_license_types_fixtures_schemas_and_every_module(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    info = f"mock_intacct-{VERSION}.dist-info"
    assert f"{info}/licenses/LICENSE" in names
    assert "aiointacct/py.typed" in names
    assert {"mockserver/schemas/request.xsd", "mockserver/schemas/response.xsd"} <= names
    assert "mockserver/fixtures/senders.json" in names
    companies = {p.name for p in ROOT.glob("fixtures/companies/*.json")}
    assert companies and {f"mockserver/fixtures/companies/{name}" for name in companies} <= names
    # pyproject.toml lists the packages: a package added to mockserver/ but not listed would be missing.
    modules = {str(p.relative_to(ROOT)) for p in ROOT.glob("mockserver/**/*.py")}
    assert modules <= names, f"not in the wheel: {sorted(modules - names)}"
    clients = {"aiointacct/" + p.name for p in ROOT.glob("client/aiointacct/*.py")}
    assert clients <= names


def test_the_wheel_metadata_declares_license_dependencies_and_urls(installed):
    with zipfile.ZipFile(installed.wheel) as wheel:
        metadata = wheel.read(f"mock_intacct-{VERSION}.dist-info/METADATA").decode()
    assert "License-Expression: Apache-2.0" in metadata
    assert "License-File: LICENSE" in metadata
    requires = re.findall(r"^Requires-Dist: (.+)$", metadata, re.M)
    assert {"tzdata", "aiohttp>=3.9", "lxml>=5.0", "pydantic>=2.6"} <= set(requires)
    # xmlschema serves the contract suite (not in the wheel), so it comes with the test extra
    assert 'xmlschema>=3.0; extra == "test"' in requires
    assert "Project-URL: Source, https://github.com/mock-intacct/mock-intacct" in metadata
    assert "Classifier: Typing :: Typed" in metadata


def test_the_sdist_carries_what_its_tests_need(installed):
    with tarfile.open(installed.sdist) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for needed in (
        "LICENSE",
        "conftest.py",
        "pyproject.toml",
        "tests/test_envelope.py",
        "contract_tests/conftest.py",
        "fixtures/senders.json",
        "fixtures/companies/MOCKCO.json",
        "schemas/request.xsd",
        "schemas/response.xsd",
        "client/aiointacct/py.typed",
    ):
        assert needed in names, needed
    assert not any("node_modules" in name or "__pycache__" in name for name in names)


# --- the installed wheel, outside the checkout ------------------------------------------------------


def test_the_installed_package_is_the_wheels_and_knows_its_version(installed):
    probe = (
        "import json, mockserver, aiointacct; from mockserver import settings; "
        "print(json.dumps([mockserver.__version__, aiointacct.__version__, mockserver.__file__, "
        "str(settings.DEFAULT_FIXTURES), str(settings.SCHEMAS)]))"
    )
    version, client_version, module, fixtures, schemas = json.loads(
        run([installed.python, "-c", probe], cwd=installed.work).stdout
    )
    assert version == client_version == VERSION
    site = installed.venv / "lib"
    for path in (module, fixtures, schemas):
        assert site in Path(path).parents, path  # the wheel's copy, not the checkout's


def readme_curl_request() -> tuple[str, bytes]:
    """The URL and body of the README's "Try it with curl" request."""
    section = ROOT.joinpath("README.md").read_text().split("## Try it with curl", 1)[1].split("\n## ", 1)[0]
    url = re.search(r"curl -s (\S+)", section).group(1)
    body = re.search(r"<<'EOF'\n(.+?)\nEOF", section, re.S).group(1)
    return url, body.encode()


def test_mock_intacct_version_names_the_installed_version(installed):
    done = run([installed.bin("mock-intacct"), "--version"], cwd=installed.work)
    assert done.stdout.strip() == f"mock-intacct {VERSION}"


def test_mock_intacct_serve_on_port_0_answers_the_readmes_curl_request(installed):
    """`serve --port 0` binds a free port and says which in its ready line; the curl request works there."""
    log = (installed.work / "serve.log").open("wb")
    server = subprocess.Popen(
        [installed.bin("mock-intacct"), "serve", "--port", "0"],
        cwd=installed.work,
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=log,
    )
    try:
        assert server.stdout is not None
        ready = server.stdout.readline().decode()  # blocks until the fixtures are loaded and the port bound
        found = re.match(r"mock-intacct ready: POST http://127\.0\.0\.1:(\d+)/ia/xml/xmlgw\.phtml$", ready.strip())
        assert found, f"no ready line: {ready!r} {(installed.work / 'serve.log').read_text()}"
        port = int(found.group(1))
        url, body = readme_curl_request()
        request = urllib.request.Request(
            url.replace("127.0.0.1:8080", f"127.0.0.1:{port}"), data=body, headers={"Content-Type": "application/xml"}
        )
        with urllib.request.urlopen(request, timeout=10) as reply:
            answer = reply.read().decode()
            assert reply.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    assert answer.count("<status>success</status>") == 3  # control, authentication, result
    assert re.search(r"<sessionid>[^<]+\.\.</sessionid>", answer)
    assert f"<endpoint>http://127.0.0.1:{port}/ia/xml/xmlgw.phtml</endpoint>" in answer
    assert "Traceback" not in (installed.work / "serve.log").read_text()


CONSUMER_TESTS = '''
"""A project that depends on mock-intacct: no conftest, only the installed plugin and MockIntacct."""
import asyncio
import os
import urllib.error
import urllib.request

from aiointacct import Credentials, IntacctClient, Record

from mockserver import MockIntacct


def test_the_plugin_gives_a_fresh_company(intacct_company, intacct_mock):
    async def main():
        async with IntacctClient(Credentials.from_env(env=intacct_company.credentials)) as client:
            await client.create(Record("VENDOR", {"VENDORID": "ACME", "NAME": "Acme"}))
            return await client.read_by_query("VENDOR", "VENDORID = 'ACME'", ["VENDORID"])

    assert [r["VENDORID"] for r in asyncio.run(main()).records] == ["ACME"]
    state = intacct_mock.admin.company_state(intacct_company.companyid)
    assert any(v["VENDORID"] == "ACME" for v in state["records"]["VENDOR"])


def test_the_admin_token_is_required_when_configured(intacct_mock):
    token = os.environ.get("MOCK_INTACCT_ADMIN_TOKEN")
    try:
        urllib.request.urlopen(intacct_mock.url + "/__mock__/companies", timeout=10)
        status = 200
    except urllib.error.HTTPError as refused:
        status = refused.code
    assert status == (401 if token else 200)


def test_mock_intacct_in_a_with_block():
    with MockIntacct() as mock:
        company = mock.new_company()
        mock.admin.set_company(company.companyid, web_services=False)
        assert mock.admin("GET", "/__mock__/companies/" + company.companyid)["web_services"] is False


def test_mock_intacct_in_an_async_with_block():
    async def main():
        async with MockIntacct() as mock:
            async with IntacctClient(Credentials.from_env(env=mock.env)) as client:
                return await client.open_session()

    session = asyncio.run(main())
    assert session.session_id.endswith("..") and session.company_id == "MOCKCO"
'''


@pytest.mark.parametrize("configured", ["defaults", "admin token and own fixtures"])
def test_a_consumer_projects_suite_uses_the_plugin_and_mock_intacct(installed, configured):
    project = installed.work / f"consumer-{configured.replace(' ', '-')}"
    project.mkdir()
    project.joinpath("test_consumer.py").write_text(CONSUMER_TESTS)
    settings = {}
    if configured != "defaults":
        # The CLI's and compose's variables: the plugin must send the token, and the gateway must
        # still validate requests (schemas come from the package, not from next to the fixtures).
        own = shutil.copytree(ROOT / "fixtures", installed.work / "own-fixtures", ignore=shutil.ignore_patterns("*.py"))
        settings = {"MOCK_INTACCT_ADMIN_TOKEN": "consumer-secret", "MOCK_INTACCT_FIXTURES": str(own)}
    started = time.monotonic()
    done = run([installed.python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project, timeout=120, **settings)
    assert "4 passed" in done.stdout, done.stdout
    assert time.monotonic() - started < 60  # no client retrying 500s for half a minute


def test_the_unpacked_sdist_runs_its_tests(installed):
    with tarfile.open(installed.sdist) as sdist:
        sdist.extractall(installed.work / "sdist", filter="data")
    [unpacked] = (installed.work / "sdist").iterdir()
    done = run(
        [
            installed.python,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_envelope.py",
            "tests/test_pytest_plugin.py",
            "contract_tests/test_errors.py",
        ],
        cwd=unpacked,
        timeout=300,
    )
    assert re.search(r"\d+ passed", done.stdout) and "failed" not in done.stdout, done.stdout
