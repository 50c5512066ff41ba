# The two commands of the README's Quickstart: `make demo` and `make test`.
# Both set everything up first (scripts/setup.sh is idempotent).
VENV := .venv/bin

.PHONY: setup demo test lint unit examples bench clean

setup:
	@scripts/setup.sh

# The demo: triage the bundled sample emails, then run one poll of the service on them
# with the embedded defaults (a local inbox folder, SQLite, replies written as .eml files).
DEMO := var/demo
DEMO_ENV := FASDIP_MISSIONS__FILE=examples/missions.yaml FASDIP_STORE__VAR_DIR=$(DEMO) \
	FASDIP_SERVICE__INBOX_DIR=$(DEMO)/inbox FASDIP_SERVICE__OUTBOX_DIR=$(DEMO)/outbox \
	FASDIP_SERVICE__LOCK_FILE=$(DEMO)/fasdip.lock

demo: setup
	$(VENV)/fasdip triage examples/
	rm -rf $(DEMO) && mkdir -p $(DEMO)/inbox && cp examples/*.eml $(DEMO)/inbox/
	$(DEMO_ENV) $(VENV)/fasdip poll --once
	@echo "demo: the store is $(DEMO)/fasdip.sqlite3, the replies are in $(DEMO)/outbox/"

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
