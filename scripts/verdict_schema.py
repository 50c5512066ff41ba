"""Write docs/verdict.schema.json: the JSON Schema of ``fasdip triage --json``'s verdict."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fasdip.models import Verdict

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "docs" / "verdict.schema.json"


def schema_text() -> str:
    return json.dumps(Verdict.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
