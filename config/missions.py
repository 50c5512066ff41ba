"""The missions registry (``config/missions.yaml``): who may be answered.

Loaded and validated once at start-up; a wrong file stops start-up with one line naming
the file and the entry at fault.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from config.yamltext import YamlSyntaxError, parse_yaml
from fasdip.errors import ConfigError


class Mission(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    name: str = Field(min_length=1)
    kind: Literal["embassy", "consulate", "international_organisation", "other"] = "embassy"
    domains: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)

    @field_validator("domains")
    @classmethod
    def _domains(cls, values: list[str]) -> list[str]:
        out = []
        for value in values:
            domain = value.strip().lower().lstrip("@")
            if not domain or "@" in domain or "." not in domain or " " in domain:
                raise ValueError(f"'{value}' is not a domain (write e.g. embassy.example)")
            out.append(domain)
        return out

    @field_validator("addresses")
    @classmethod
    def _addresses(cls, values: list[str]) -> list[str]:
        out = []
        for value in values:
            address = value.strip().lower()
            if address.count("@") != 1 or " " in address or address.endswith("@"):
                raise ValueError(f"'{value}' is not an email address")
            out.append(address)
        return out


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    missions: list[Mission] = Field(default_factory=list)


class MissionRegistry:
    def __init__(self, missions: list[Mission]) -> None:
        self.missions = missions
        self._by_address = {a: m for m in missions for a in m.addresses}
        self._by_domain = {d: m for m in missions for d in m.domains}

    @classmethod
    def load(cls, path: Path) -> MissionRegistry:
        try:
            loaded = parse_yaml(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(
                f"missions.file: cannot read {path} ({exc.strerror})", reason="bad_missions"
            ) from exc
        except YamlSyntaxError as exc:
            raise ConfigError(f"{path}: not valid YAML ({exc})".replace("\n", " ")) from exc
        try:
            parsed = _File.model_validate(loaded or {})
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ConfigError(f"{path}: {where}: {first['msg']}", reason="bad_missions") from exc
        keys = [m.key for m in parsed.missions]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ConfigError(f"{path}: mission key {duplicates[0]} is listed twice")
        return cls(parsed.missions)

    def find(self, address: str) -> Mission | None:
        """The mission this sender belongs to, or ``None`` (not to be answered)."""
        address = address.strip().lower()
        if address.count("@") != 1:
            return None
        if address in self._by_address:
            return self._by_address[address]
        return self._by_domain.get(address.rsplit("@", 1)[1])
