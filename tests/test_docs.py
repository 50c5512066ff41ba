"""The contract documents in docs/ say what the code does."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fasdip.models import FindingCode, Verdict

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_verdict_schema_is_the_models() -> None:
    written = json.loads((DOCS / "verdict.schema.json").read_text(encoding="utf-8"))
    assert written == Verdict.model_json_schema()  # else: python scripts/verdict_schema.py


def test_every_finding_code_of_the_design_exists() -> None:
    design = (DOCS / "design.md").read_text(encoding="utf-8")
    listed = design.split("- Finding codes:", 1)[1].split("Add codes", 1)[0]
    codes = set(re.findall(r"`([a-z_0-9]+)`", listed))
    assert codes and codes <= {code.value for code in FindingCode}
