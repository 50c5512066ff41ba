"""deploy/: the systemd units pass ``systemd-analyze verify``, the compose file passes
``docker-compose config``, the Dockerfile runs as a user with a HEALTHCHECK and carries
every package and no tests, and the example settings name only real settings."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from config.environment import unknown_variables
from config.settings import Settings

pytestmark = pytest.mark.slow  # systemd-analyze and docker-compose

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
FASDIP = ROOT / ".venv" / "bin" / "fasdip"


def env_file(path: Path, *, commented: bool = False) -> dict[str, str]:
    """The settings of an env file; ``commented``: the ``#FASDIP_…`` alternatives instead."""
    lines = path.read_text().splitlines()
    if commented:
        lines = [line[1:] for line in lines if line.startswith("#FASDIP_")]
    pairs = (line.split("=", 1) for line in lines)
    return {k: v for k, v in (p for p in pairs if len(p) == 2) if not k.startswith("#")}


@pytest.mark.parametrize("unit", ["fasdip.service", "fasdip-web.service"])
def test_systemd_accepts_the_unit(unit: str, tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is missing (scripts/setup.sh installs systemd)")
    text = (DEPLOY / unit).read_text()
    assert "Restart=on-failure" in text and "User=fasdip" in text
    assert "EnvironmentFile=/etc/fasdip/fasdip.env" in text
    # verify checks that ExecStart's program exists: point it at this checkout's.
    local = tmp_path / unit
    local.write_text(text.replace("/opt/fasdip-intake/.venv/bin/fasdip", str(FASDIP)))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(local)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and unit not in done.stderr, done.stderr


def test_docker_compose_accepts_the_compose_file(tmp_path: Path) -> None:
    if shutil.which("docker-compose") is None:
        pytest.fail("docker-compose is missing (scripts/setup.sh installs it)")
    folder = tmp_path / "deploy"
    folder.mkdir()
    shutil.copy(DEPLOY / "docker-compose.yml", folder)
    example = (DEPLOY / ".env.example").read_text()
    (folder / ".env").write_text(example.replace("POSTGRES_PASSWORD=\n", "POSTGRES_PASSWORD=pw\n"))
    done = subprocess.run(
        ["docker-compose", "config"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    config = yaml.safe_load(done.stdout)
    services = config["services"]
    assert services["run"]["command"] == ["run"] and services["web"]["command"] == ["web"]
    for name in ("run", "web"):
        env = services[name]["environment"]
        assert env["FASDIP_STORE__URL"].startswith("postgresql+psycopg://fasdip@db:5432/")
        assert env["FASDIP_STORE__PASSWORD"] == "pw"
        assert services[name]["volumes"] == ["var:/app/var:rw"]
        assert services[name]["depends_on"]["db"] == {"condition": "service_healthy"}
    assert set(config["volumes"]) == {"pgdata", "var"}
    # Without the database password it stops and says so.
    (folder / ".env").write_text(example)
    done = subprocess.run(
        ["docker-compose", "config"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0 and "set POSTGRES_PASSWORD in .env" in done.stderr


@pytest.mark.parametrize("name", [".env.example", "fasdip.env.example"])
def test_example_settings_name_only_real_settings(name: str) -> None:
    values = env_file(DEPLOY / name)
    assert "FASDIP_PROOF__HMAC_KEY" in values and "FASDIP_PROTECTION__ENCRYPTION_KEY" in values
    assert unknown_variables(Settings, values) == []
    commented = env_file(DEPLOY / name, commented=True)  # the alternatives offered too
    assert "FASDIP_OAUTH2__TOKEN_URL" in commented
    assert unknown_variables(Settings, commented) == []


def test_the_image_runs_as_a_user_with_a_healthcheck_and_no_tests() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    users = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n?.*fasdip status", dockerfile, re.M)
    copied = {line.split()[1] for line in dockerfile.splitlines() if line.startswith("COPY ")}
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    generators = {"samples", "fieldmail"}  # test fixtures: production never imports them
    wanted = {p.rstrip("*") for p in packages["packages"]["find"]["include"]} - generators
    assert wanted <= copied, f"packages not in the image: {wanted - copied}"
    assert not copied & {"tests", "examples", "bench", ".", *generators}
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"tests", "examples", "bench", "samples", "fieldmail", ".venv", "var"} <= set(ignored)
