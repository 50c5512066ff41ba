"""``FASDIP_*`` variables that name no setting: said at start-up, not silently ignored.

pydantic-settings reads only the variables it knows; a misspelt one
(``FASDIP_SERVCE__POLL_MINUTES``) would leave the default in force without a word.
``unknown_variables`` lists each such variable with the nearest real name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

from pydantic import BaseModel

PREFIX = "FASDIP_"


def setting_variables(model: type[BaseModel], prefix: str = PREFIX) -> Iterator[str]:
    """Every variable that names a setting: ``FASDIP_IMAP`` (a whole section, JSON) and
    ``FASDIP_IMAP__HOST`` alike, upper case."""
    for name, field in model.model_fields.items():
        variable = f"{prefix}{name}".upper()
        yield variable
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from setting_variables(annotation, f"{variable}__")


def unknown_variables(model: type[BaseModel], environ: Mapping[str, str]) -> list[str]:
    """One line per ``FASDIP_*`` variable of ``environ`` that names no setting of ``model``."""
    known = set(setting_variables(model))
    lines = []
    for variable in sorted(environ):
        upper = variable.upper()
        if not upper.startswith(PREFIX) or upper in known:
            continue
        near = difflib.get_close_matches(upper, known, n=1, cutoff=0.8)
        hint = f"; did you mean {near[0]}?" if near else "; see `fasdip config` for the names"
        lines.append(f"{variable} names no setting and is ignored{hint}")
    return lines
