from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tpmap.core import nid
from tpmap.warehouse.build.queries import load_sql
from tpmap.warehouse.engine import connect

twelve = st.text(alphabet="0123456789", min_size=12, max_size=12)


def test_a_known_id_checks_out() -> None:
    # 1-1017-00203-45-? : s = 1*13+1*12+0*11+1*10+7*9+0*8+0*7+2*6+0*5+3*4+4*3+5*2 = 144,
    # 144 mod 11 = 1, (11 - 1) mod 10 = 0.
    assert nid.check_digit("110170020345") == 0
    assert nid.is_valid("1101700203450")
    assert not nid.is_valid("1101700203451")


@given(twelve)
def test_the_check_digit_makes_a_valid_id_and_every_other_digit_does_not(first12: str) -> None:
    d = nid.check_digit(first12)
    assert nid.is_valid(first12 + str(d))
    for other in set("0123456789") - {str(d)}:
        assert not nid.is_valid(first12 + other)


@given(st.text(max_size=14))
def test_anything_not_13_digits_is_invalid(s: str) -> None:
    if not (len(s) == 13 and s.isascii() and s.isdigit()):
        assert not nid.is_valid(s)


@settings(deadline=None)  # one DuckDB query per example: slow on a loaded machine
@given(st.lists(twelve, min_size=1, max_size=30), st.lists(st.text(max_size=13), max_size=10))
def test_the_sql_macro_agrees_with_python(firsts: list[str], junk: list[str]) -> None:
    # 13 characters that are not digits must be refused, not crash a cast (regression).
    ids = [f + str((nid.check_digit(f) + k) % 10) for k, f in enumerate(firsts)] + junk
    ids += ["ABCDEFGHIJKLM", "12345678901x3", "１２３４５６７８９０１２３"]
    with connect() as eng:
        eng.run_script(load_sql("macros.sql"))
        for s in ids:
            assert bool(eng.scalar("SELECT coalesce(nid_valid(?), FALSE)", [s])) == nid.is_valid(
                s
            ), s


def test_masking_shows_only_the_last_four() -> None:
    assert nid.last4("1101700203450") == "3450"
    assert nid.mask("1101700203450") == "x-xxxx-xxxxx-34-50"
    assert nid.last4(None) == "" and nid.mask("") == ""
