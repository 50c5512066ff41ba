"""The ``FASDIP_*`` variables: read over the config file's values, and those that name no
setting said at start-up, not silently ignored.

``read_settings`` has pydantic-settings read the variables (nested names joined with
``__``; the environment wins over the file). It imports pydantic-settings (0.1 s of CPU:
asyncio, dotenv…) only when some ``FASDIP_…`` variable is set, so that a plain
``fasdip triage`` does not load it; with none set the file's values are validated as they
are, as pydantic-settings would.

pydantic-settings reads only the variables it knows; a misspelt one
(``FASDIP_SERVCE__POLL_MINUTES``) would leave the default in force without a word.
``unknown_variables`` lists each such variable with the nearest real name.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import BaseModel

if TYPE_CHECKING:
    from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

PREFIX = "FASDIP_"

Model = TypeVar("Model", bound=BaseModel)


def read_settings(model: type[Model], values: dict[str, Any]) -> Model:
    """``model`` from ``values`` (the config file's), overlaid by the ``FASDIP_…``
    variables; always a plain ``model`` (it pickles to the worker processes)."""
    if not any(name.upper().startswith(PREFIX) for name in os.environ):
        return model(**values)
    read = _environment_reader(model)(**values)
    return model.model_construct(
        _fields_set=read.model_fields_set,
        **{name: getattr(read, name) for name in model.model_fields},
    )


@functools.cache
def _environment_reader(model: type[BaseModel]) -> type[BaseModel]:
    """``model`` as a pydantic-settings class (made, and pydantic-settings imported, on
    first use)."""
    from pydantic_settings import BaseSettings, SettingsConfigDict

    namespace = {
        "__module__": __name__,
        "model_config": SettingsConfigDict(
            env_prefix=PREFIX, env_nested_delimiter="__", extra="forbid", frozen=True
        ),
        "settings_customise_sources": classmethod(_environment_first),
    }
    return cast(
        type[BaseModel], type(f"{model.__name__}FromEnvironment", (BaseSettings, model), namespace)
    )


def _environment_first(
    cls: type[BaseSettings],
    settings_cls: type[BaseSettings],
    init_settings: PydanticBaseSettingsSource,
    env_settings: PydanticBaseSettingsSource,
    dotenv_settings: PydanticBaseSettingsSource,
    file_secret_settings: PydanticBaseSettingsSource,
) -> tuple[PydanticBaseSettingsSource, ...]:
    """The environment wins over the config file (passed as init values); no .env file,
    no secrets folder."""
    return (env_settings, init_settings)


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
