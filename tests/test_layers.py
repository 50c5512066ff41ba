"""The import contracts name every module: a new module of fasdip/ lands in a layer."""

from __future__ import annotations

import configparser
import pkgutil
from pathlib import Path

import fasdip

ROOT = Path(__file__).resolve().parent.parent
STAGES = {"ingest", "classifiers", "readers", "validators", "responders"}


def layers() -> list[set[str]]:
    config = configparser.ConfigParser(inline_comment_prefixes=(";",))
    config.read(ROOT / ".importlinter", encoding="utf-8")
    text = config["importlinter:contract:layers"]["layers"]
    return [
        {name.strip() for name in line.replace("|", ":").split(":")}
        for line in text.strip().splitlines()
    ]


def test_every_module_of_fasdip_is_in_one_layer() -> None:
    named = [module for layer in layers() for module in layer]
    modules = {f"fasdip.{info.name}" for info in pkgutil.iter_modules(fasdip.__path__)}
    assert sorted(modules - set(named)) == []  # add the new module to .importlinter
    assert len(named) == len(set(named))


def test_every_stage_is_one_layer_of_independent_siblings() -> None:
    assert STAGES in layers()
