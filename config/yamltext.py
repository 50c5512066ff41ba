"""YAML text to Python values, with libyaml's C parser when PyYAML was built with it.

The office's files (requirements, keywords, messages, missions, settings) are read at
every start, ``fasdip triage`` included: the pure-Python parser spends ~0.3 s on them,
libyaml a tenth of that. Both are the *safe* loaders (no Python objects from tags); bad
input is a ``YamlSyntaxError`` carrying PyYAML's message.

``parse_yaml_kept`` keeps a file's value in the cache folder (Python's ``marshal``
format), named for the sha256 of its text and the Python version: the next start reads
it back instead of importing PyYAML and parsing (4% of a one-passport ``fasdip triage``'s
instructions). A value with a date in it is not kept (``marshal`` has no dates); a
changed file has another name; a kept file another user could have written, or one that
is damaged (its sha256 is kept in it), is not used: the text is parsed again. What is read back is checked by the
same models as what is parsed.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import sys
from pathlib import Path
from typing import Any

from config.cache_files import ours_alone, write_atomically


class YamlSyntaxError(ValueError):
    """The text is not valid YAML; the message is PyYAML's (line and column)."""


def parse_yaml(text: str) -> Any:
    """The value of one YAML document (``None`` for an empty one)."""
    import yaml  # here: a start that finds every file kept never imports it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: no libyaml
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(str(exc)) from exc


def parse_yaml_kept(text: str, cache_dir: Path | None) -> Any:
    """``parse_yaml(text)``, read from the value kept in ``cache_dir`` when there is one
    (and kept there when it is not; None: nothing is kept)."""
    if cache_dir is None:
        return parse_yaml(text)
    digest = hashlib.sha256(f"{sys.version_info[:2]} {marshal.version}\n{text}".encode())
    kept = cache_dir / f"yaml-{digest.hexdigest()[:32]}.marshal"
    try:
        if ours_alone(kept):
            stored = kept.read_bytes()
            if hashlib.sha256(stored[32:]).digest() == stored[:32]:
                return marshal.loads(stored[32:])
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not kept yet or unreadable: parsed again, and written anew (so if damaged)
    value = parse_yaml(text)
    try:
        data = marshal.dumps(value)
    except ValueError:
        return value  # a date in it: parsed at each start
    with contextlib.suppress(OSError):  # not kept: the next start parses again
        write_atomically(kept, hashlib.sha256(data).digest() + data)
    return value
