# The two commands of the README's Quickstart: `make demo` and `make test`.
# Both set everything up first (scripts/setup.sh is idempotent).
VENV := .venv/bin

.PHONY: setup demo test lint unit examples bench clean

setup:
	@scripts/setup.sh

# The demo: triage the bundled examples, then `fasdip demo`: the service on a generated
# sample mailbox with the embedded defaults under var/demo (replies, proofs, digest).
demo: setup
	$(VENV)/fasdip triage examples/
	rm -rf var/demo
	$(VENV)/fasdip demo --dir var/demo

test: setup lint unit

lint:
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy

unit:
	$(VENV)/pytest

examples: setup
	$(VENV)/python -m samples examples

bench: setup
	$(VENV)/python bench/triage_speed.py

clean:
	rm -rf var build *.egg-info .pytest_cache .mypy_cache .ruff_cache
