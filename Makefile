# The two commands of the README's Quickstart: `make demo` and `make test`.
# Both set everything up first (scripts/setup.sh is idempotent).
VENV := .venv/bin

.PHONY: setup demo test lint unit examples bench clean

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

examples: setup
	$(VENV)/python -m samples examples

bench: setup
	$(VENV)/python bench/triage_speed.py

clean:
	rm -rf var build *.egg-info .pytest_cache .mypy_cache .ruff_cache
