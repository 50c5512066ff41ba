# The two commands of the README's Quickstart: `make demo` and `make test`.
# Both set everything up first (scripts/setup.sh is idempotent).
VENV := .venv/bin

.PHONY: setup demo test test-fast lint unit unit-fast examples bench lock clean

setup:
	@scripts/setup.sh

# The demo: triage the bundled examples, then `fasdip demo`: the service on a sample mailbox
# written by the fixture generator, with the embedded defaults under var/demo (replies,
# proofs, digest).
demo: setup
	$(VENV)/fasdip triage examples/
	rm -rf var/demo var/demo-mailbox
	$(VENV)/python -m samples demo var/demo-mailbox
	$(VENV)/fasdip demo --mailbox var/demo-mailbox --dir var/demo

test: setup lint unit

lint:
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy
	$(VENV)/lint-imports

unit:
	$(VENV)/pytest

# A developer's loop: everything but the tests marked slow (OCR on page images, worker
# pools, the whole corpus, Dovecot, PostgreSQL). `make test` (and CI) still run them all.
unit-fast:
	$(VENV)/pytest -m "not slow"

test-fast: setup lint unit-fast

# requirements.lock: the exact versions the tests ran with (scripts/setup.sh installs them).
# pip-compile keeps the pins already in the file; after changing a range in pyproject.toml,
# run this, then the tests, and commit both files.
lock:
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/pip-compile -q --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
	  --annotation-style=line -o requirements.lock pyproject.toml

examples: setup
	$(VENV)/python -m samples examples

bench: setup
	$(VENV)/python bench/triage_speed.py

clean:
	rm -rf var build *.egg-info .pytest_cache .mypy_cache .ruff_cache
