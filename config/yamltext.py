"""YAML text to Python values, with libyaml's C parser when PyYAML was built with it.

The office's files (requirements, keywords, messages, missions, settings) are read at
every start, ``fasdip triage`` included: the pure-Python parser spends ~0.3 s on them,
libyaml a tenth of that. Both are the *safe* loaders (no Python objects from tags) and
raise ``yaml.YAMLError`` subclasses for bad input, so callers' error handling is the same.
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml: the same rules, slower
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


def parse_yaml(text: str) -> Any:
    """The value of one YAML document (``None`` for an empty one)."""
    return yaml.load(text, Loader=_SafeLoader)
