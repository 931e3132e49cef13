"""The pytest plugin users get: a session mock and a fresh company per test."""

from __future__ import annotations

import urllib.request

pytest_plugins = ["pytester"]


def test_intacct_company_is_fresh_and_isolated(intacct_mock, intacct_company):
    assert intacct_company.companyid.startswith("MOCKCO-")
    assert intacct_company.credentials["INTACCT_COMPANY_ID"] == intacct_company.companyid
    assert intacct_company.credentials["INTACCT_ENDPOINT_URL"] == intacct_mock.endpoint
    listed = intacct_mock.admin("GET", "/__mock__/companies")["companies"]
    assert intacct_company.companyid in listed and "MOCKCO" in listed


def test_intacct_mock_answers_the_gateway(intacct_mock):
    body = (
        b'<?xml version="1.0"?><request><control><senderid>mocksender</senderid><password>mocksenderpw</password>'
        b"<controlid>c</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control><operation>"
        b"<authentication><login><userid>workato_isu</userid><companyid>MOCKCO</companyid>"
        b'<password>mockuserpw</password></login></authentication><content><function controlid="f">'
        b"<getAPISession/></function></content></operation></request>"
    )
    request = urllib.request.Request(intacct_mock.endpoint, data=body, headers={"Content-Type": "application/xml"})
    with urllib.request.urlopen(request, timeout=10) as reply:
        assert b"<status>success</status>" in reply.read()


def test_a_users_suite_gets_the_fixtures_from_the_installed_plugin(pytester):
    pytester.makepyfile("""
        def test_fresh(intacct_company, intacct_mock):
            assert intacct_company.companyid in intacct_mock.admin("GET", "/__mock__/companies")["companies"]

        def test_another_fresh_one(intacct_company):
            assert intacct_company.companyid.startswith("MOCKCO-")
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


def test_the_plugin_sends_the_admin_token_of_the_environment(pytester, monkeypatch):
    """MOCK_INTACCT_ADMIN_TOKEN (the CLI's and compose's variable) makes the admin API need a token:
    the plugin's fixtures must send it rather than fail with 401."""
    monkeypatch.setenv("MOCK_INTACCT_ADMIN_TOKEN", "suite-secret")
    pytester.makepyfile("""
        import urllib.error, urllib.request

        def test_fresh(intacct_company, intacct_mock):
            assert intacct_company.companyid in intacct_mock.admin("GET", "/__mock__/companies")["companies"]
            try:
                urllib.request.urlopen(intacct_mock.url + "/__mock__/companies", timeout=10)
            except urllib.error.HTTPError as refused:
                assert refused.code == 401
            else:
                raise AssertionError("the admin API answered without the token")
    """)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
