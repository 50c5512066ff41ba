"""Render an HTML file in headless Chromium (Debian's ``chromium``) and save a PNG.

Tests use it to look at what officers see. The flags keep Chromium off the network
(this machine has none) and allow running as root in a container.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chromium() -> str | None:
    """The path of a Chromium binary, or ``None`` when none is installed."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(
    html_file: Path, png: Path, *, width: int, height: int = 2000, timeout: float = 60.0
) -> Path:
    """Take a ``width`` x ``height`` screenshot of ``html_file``; return ``png``."""
    binary = chromium()
    if binary is None:
        raise RuntimeError("chromium is not installed: run scripts/setup.sh")
    png = png.resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="fasdip-chromium-") as profile:
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={width},{height}",
            html_file.resolve().as_uri(),
        ]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    if not png.is_file():
        raise RuntimeError(
            f"chromium made no screenshot (exit {result.returncode}): {result.stderr[-500:]}"
        )
    return png
