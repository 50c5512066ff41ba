"""The nationality and issuer codes an MRZ may hold: ISO 3166-1 alpha-3 (pycountry's list,
read from its data file without importing it) and ICAO's own codes."""

from __future__ import annotations

import pycountry

from readers.mrz_fields import _codes_in_data_file, icao_codes, iso_alpha3_codes


def test_the_data_file_holds_pycountry_countries() -> None:
    """Read from the file, the codes are pycountry's ``countries``: were the file moved or
    its layout changed by an upgrade, this fails (the readers would fall back on
    pycountry's import, 4% of a one-passport triage)."""
    expected = frozenset(country.alpha_3 for country in pycountry.countries)
    assert _codes_in_data_file() == expected
    assert iso_alpha3_codes() == expected


def test_icao_codes_hold_iso_and_icao_codes() -> None:
    codes = icao_codes()
    assert {"IDN", "NOR", "DEU", "ZWE", "D", "UNO", "XXA", "UTO"} <= codes
    assert "ZIM" not in codes  # not a code: Zimbabwe is ZWE
