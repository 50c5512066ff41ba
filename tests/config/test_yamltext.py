"""The office's YAML files read back from the cache folder give what parsing them gives;
a changed, damaged or foreign kept file is never what a start uses."""

from __future__ import annotations

import datetime as dt
import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.settings import BUNDLED_DIR
from config.yamltext import YamlSyntaxError, parse_yaml, parse_yaml_kept

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.dates()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=_VALUES)
def test_a_kept_value_is_the_parsed_one(tmp_path: Path, value: Any) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    first = parse_yaml_kept(text, tmp_path)  # parsed (and kept unless it holds a date)
    second = parse_yaml_kept(text, tmp_path)  # read back
    assert first == second == parse_yaml(text)
    assert type(second) is type(first)


@pytest.mark.parametrize("name", ["requirements.yaml", "keywords.yaml", "messages.yaml"])
def test_the_bundled_files_are_kept_and_read_back_alike(tmp_path: Path, name: str) -> None:
    text = (BUNDLED_DIR / name).read_text(encoding="utf-8")
    assert parse_yaml_kept(text, tmp_path) == parse_yaml(text)
    assert len(list(tmp_path.glob("yaml-*"))) == 1
    assert parse_yaml_kept(text, tmp_path) == parse_yaml(text)


def test_a_changed_file_is_parsed_anew(tmp_path: Path) -> None:
    assert parse_yaml_kept("limit: 3\n", tmp_path) == {"limit": 3}
    assert parse_yaml_kept("limit: 4\n", tmp_path) == {"limit": 4}


def test_a_damaged_or_foreign_kept_file_is_not_used(tmp_path: Path) -> None:
    parse_yaml_kept("limit: 3\n", tmp_path)
    [kept] = tmp_path.glob("yaml-*")
    data = bytearray(kept.read_bytes())
    data[-2] ^= 1  # one bit of the value
    kept.write_bytes(bytes(data))
    assert parse_yaml_kept("limit: 3\n", tmp_path) == {"limit": 3}
    forged = marshal.dumps({"limit": 99})
    kept.write_bytes(hashlib.sha256(forged).digest() + forged)
    os.chmod(kept, 0o666)  # anyone could have written it
    assert parse_yaml_kept("limit: 3\n", tmp_path) == {"limit": 3}


def test_a_value_with_a_date_is_parsed_each_time(tmp_path: Path) -> None:
    assert parse_yaml_kept("day: 2026-11-30\n", tmp_path) == {"day": dt.date(2026, 11, 30)}
    assert list(tmp_path.glob("yaml-*")) == []


def test_invalid_yaml_is_a_syntax_error_with_pyyamls_line(tmp_path: Path) -> None:
    with pytest.raises(YamlSyntaxError, match="line 1"):
        parse_yaml_kept("request_types: [unclosed\n", tmp_path)
