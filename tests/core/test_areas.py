from __future__ import annotations

from tpmap.core import areas


def test_the_catalog_has_every_dopa_area() -> None:
    levels = [a.level for a in areas.admin_areas()]
    assert (
        levels.count("country"),
        levels.count("province"),
        levels.count("district"),
        levels.count("subdistrict"),
    ) == (1, 77, 928, 7436)


def test_codes_name_their_level_and_parents() -> None:
    assert areas.level_of("TH") == "country"
    assert areas.level_of("34010101") == "village"
    assert areas.level_of("3401010") is None and areas.level_of("34a1") is None
    assert areas.ancestors("34010101") == ["TH", "34", "3401", "340101"]


def test_village_codes_need_a_real_subdistrict_and_a_moo() -> None:
    assert areas.village_code_is_valid("34010101")
    assert not areas.village_code_is_valid("34010100")
    assert not areas.village_code_is_valid("99010101")
    assert not areas.village_code_is_valid("3401010")


def test_addresses_use_tambon_amphoe_or_khwaeng_khet() -> None:
    assert areas.address_th("34010103", "นาคำ") == (
        "หมู่ 3 บ้านนาคำ ต.ในเมือง อ.เมืองอุบลราชธานี จ.อุบลราชธานี"
    )
    assert areas.address_th("10010101") == "หมู่ 1 แขวงพระบรมมหาราชวัง เขตพระนคร กรุงเทพมหานคร"


def test_an_area_prefix_is_a_range_of_codes() -> None:
    assert areas.code_range("34") == ("34", "35")
    assert areas.code_range("3499") == ("3499", "3500")
    assert areas.code_range("09") == ("09", "10")
    low, high = areas.code_range("3401")
    assert low <= "34019999" < high and not (high > "34020101")
