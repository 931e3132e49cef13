"""The legacy translation files (mockserver/functions/legacy/translations): each loads, each function it
serves is in the request schema as a translatedFunction, and a broken one is refused naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from mockserver.functions.legacy.translate import TRANSLATIONS, TranslationError, line_texts, translation_from
from mockserver.functions.registry import FUNCTIONS
from mockserver.objects import lookup_object

XS = "{http://www.w3.org/2001/XMLSchema}"
SCHEMA = etree.parse(str(Path(__file__).resolve().parent.parent / "schemas" / "request.xsd"))


def schema_types() -> dict[str, str]:
    return {e.get("name"): e.get("type") for e in SCHEMA.iter(f"{XS}element") if e.get("name")}


def test_every_translated_function_is_registered_and_typed_translated_in_the_schema():
    types = schema_types()
    assert TRANSLATIONS, "no translation loaded"
    for name in TRANSLATIONS:
        assert name in FUNCTIONS, name
        assert types.get(name) == "translatedFunction", f"{name}: {types.get(name)}"
    typed = {name for name, kind in types.items() if kind == "translatedFunction"}
    assert typed == set(TRANSLATIONS), "a translatedFunction in the schema with no translation"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"object": "NOSUCH", "create": "create_x"}, "no object 'NOSUCH'"),
        ({"object": "VENDOR", "create": "create_x", "colour": "red"}, "unknown key(s) colour"),
        ({"object": "VENDOR", "create": "create_x", "elements": {"name": "NOSUCHFIELD"}}, "no field of VENDOR"),
        ({"object": "VENDOR", "update": "update_x"}, "needs the key element"),
        (
            {"object": "VENDOR", "create": "create_x", "lines": {"container": "a", "item": "b", "elements": {}}},
            "no lines",
        ),
        (
            {
                "object": "APBILL",
                "create": "create_x",
                "lines": {"container": "a", "item": "b", "elements": {"x": "NOPE"}},
            },
            "not a line field of APBILL",
        ),
    ],
)
def test_a_broken_translation_is_refused_naming_the_file_and_the_problem(data, problem):
    with pytest.raises(TranslationError) as refused:
        translation_from(data, "translations/X.json")
    assert str(refused.value).startswith("translations/X.json: ") and problem in str(refused.value)


# --- rules of the translator, end to end (MOCKCO on a real socket) -------------------------------------


async def result_of(gateway, name: str, body: str = "", **attributes: str):
    attrs = "".join(f' {k}="{v}"' for k, v in attributes.items())
    answer = await gateway.call(f'<function controlid="t"><{name}{attrs}>{body}</{name}></function>')
    return answer.root.find("operation/result")


def errors_of(result) -> list[tuple[str | None, str | None]]:
    return [(e.findtext("errorno"), e.findtext("description2")) for e in result.iterfind("errormessage/error")]


async def labels(gateway) -> list[tuple[str | None, str | None]]:
    answer = await gateway.call(
        '<function controlid="q"><readByQuery><object>APACCOUNTLABEL</object>'
        "<fields>ACCOUNTLABEL,DESCRIPTION</fields><query></query></readByQuery></function>"
    )
    return [(r.findtext("ACCOUNTLABEL"), r.findtext("DESCRIPTION")) for r in answer.root.iterfind(".//apaccountlabel")]


async def test_an_update_keyed_by_another_field_than_the_id_changes_the_record_holding_it(gateway):
    # APACCOUNTLABEL is keyed by RECORDNO; update_apaccountlabel names the label by its ACCOUNTLABEL.
    for label in ("Freight", "Fuel"):
        created = await result_of(
            gateway,
            "create_apaccountlabel",
            f"<glaccountno>6000</glaccountno><accountlabel>{label}</accountlabel><description>{label}</description>",
        )
        assert created.findtext("status") == "success", errors_of(created)
        assert created.findtext("key") == label
    changed = await result_of(
        gateway, "update_apaccountlabel", "<description>Fuel costs</description>", accountlabel="Fuel"
    )
    assert changed.findtext("status") == "success", errors_of(changed)
    mine = [row for row in await labels(gateway) if row[0] in ("Freight", "Fuel")]
    assert mine == [("Freight", "Freight"), ("Fuel", "Fuel costs")]
    missing = await result_of(gateway, "update_apaccountlabel", "<description>x</description>", accountlabel="Fuels")
    assert errors_of(missing)[0] == ("BL01001973", "Cannot update non-existing APACCOUNTLABEL with ACCOUNTLABEL=Fuels.")


async def test_a_line_element_the_line_cannot_hold_is_refused_by_name_and_stores_nothing(gateway):
    # A line's ACCOUNTLABEL is read-only (looked up from its account): not a field lines accept.
    async def adjustments() -> int:
        answer = await gateway.call(
            '<function controlid="q"><readByQuery><object>APADJUSTMENT</object><query></query></readByQuery></function>'
        )
        return int(answer.root.find(".//data").get("totalcount"))

    before = await adjustments()
    refused = await result_of(
        gateway,
        "create_apadjustment",
        "<vendorid>V0003</vendorid><datecreated><year>2026</year><month>03</month><day>05</day></datecreated>"
        "<apadjustmentitems><lineitem><accountlabel>Freight</accountlabel><glaccountno>6000</glaccountno>"
        "<amount>-4</amount></lineitem></apadjustmentitems>",
    )
    assert refused.findtext("status") == "failure"
    assert errors_of(refused)[0] == ("BL01001973", "Invalid field accountlabel for AP Adjustment.")
    assert await adjustments() == before


def test_a_values_rename_may_name_a_line_field_and_applies_to_the_lines():
    translation = TRANSLATIONS["create_gltransaction"]
    obj = lookup_object(translation.object)
    item = etree.fromstring(
        "<glentry><trtype>Credit</trtype><amount>12.5</amount><glaccountno>2000</glaccountno>"
        "<memo>accrued</memo><exchratedate><year>2026</year><month>3</month><day>1</day></exchratedate></glentry>"
    )
    assert line_texts(obj, translation, item, "create") == {
        "TR_TYPE": "-1",
        "TRX_AMOUNT": "12.5",
        "ACCOUNTNO": "2000",
        "DESCRIPTION": "accrued",
        "EXCH_RATE_DATE": "03/01/2026",
    }
    refused = {"object": "GLBATCH", "create": "create_x", "values": {"NOSUCHFIELD": {"a": "b"}}}
    with pytest.raises(TranslationError, match="NOSUCHFIELD is no field of GLBATCH or its lines"):
        translation_from(refused, "translations/X.json")
