"""Sort the triage's disagreements with the fieldmail truth by kind, with counts and examples.

Reads the truths and verdicts written by
``bench/corpus_accuracy.py --generator fieldmail --verdicts DIR``:

    .venv/bin/python bench/fieldmail_failures.py var/fm-seed1-verdicts

It prints the figures of the mails judged so far (a run cut short still counts), then
each kind, naming the field of the verdict that was wrong. Use it on the development seed
(1) only: reading the failures of the reporting seed (2026) is tuning on it.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path

from fasdip.models import Decision, DocumentType, Verdict
from fieldmail.compare import mark, pair_applicants, same_person, summary
from fieldmail.scenario import plan
from fieldmail.truth import FileTruth, MailTruth

Kinds = dict[str, list[int]]


def _who(truth: MailTruth, name: str) -> str:
    """Who a name the triage took for an applicant really is."""
    p = plan(truth.number, random.Random(f"fieldmail:{truth.seed}:{truth.number}"))
    # plan() lists the ambassador, then the clerk, then the spouse or the official met.
    for index, person in enumerate(p.not_applicants):
        if same_person(person, name):
            if index == 0:
                return "the signing ambassador"
            if index == 1:
                return "the mission's clerk (signature, forwarder, companion)"
            return "the spouse named in the note" if p.facts.spouse else "the official met"
    if any(same_person(a.name, name) for a in truth.applicants):
        return "a second spelling of a real applicant"
    return "a file-name fragment"


def _files(verdict: Verdict, truth: MailTruth) -> list[tuple[FileTruth, str, list[DocumentType]]]:
    by_name = {a.filename: a for a in verdict.attachments}
    out = []
    for f in truth.files:
        got = by_name.get(f.filename)
        if got is not None:
            out.append((f, got.document_type.value, [got.document_type, *got.covers]))
    return out


def classify(verdict: Verdict, truth: MailTruth, kinds: Kinds) -> None:
    n = truth.number
    m = mark(verdict, truth)
    if not m.type_ok:
        kinds[
            f"request_type: {truth.request_type.value} read as {verdict.request_type.value}"
        ].append(n)
    pairs, _problems = pair_applicants(truth, verdict.applicants)
    for j, extra in enumerate(verdict.applicants):
        if j not in pairs.values():
            kinds[f"applicants: invented from {_who(truth, extra.name or '')}"].append(n)
    if len(pairs) < len(truth.applicants):
        kinds["applicants: a real applicant not found"].append(n)
    for i, j in pairs.items():
        sent = set(truth.applicants[i].sent)
        for doc in set(verdict.applicants[j].missing) & sent:
            kinds[f"applicants.missing: {doc.value} listed though sent"].append(n)
        for doc in set(truth.applicants[i].missing) - set(verdict.applicants[j].missing):
            kinds[f"applicants.missing: {doc.value} not listed though missing"].append(n)
    for f, got, covers in _files(verdict, truth):
        if len(f.covers) > 1 and not set(f.covers) <= set(covers):
            kinds[f"attachments.covers: combined PDF typed as {got} only"].append(n)
        elif f.document_type.value != got and f.document_type != DocumentType.photo:
            scan = "scan" if f.image_only else "text PDF" if f.filename.endswith(".pdf") else "file"
            named = (
                "meaningless name" if f.filename.lower().startswith(("scan", "img_")) else "named"
            )
            kinds[
                f"attachments.document_type: {scan} ({named}) {f.document_type.value} typed {got}"
            ].append(n)
        if f.filename.endswith(".docx") and not any(
            x.code.value == "wrong_format" and x.filename == f.filename for x in verdict.findings
        ):
            kinds["findings: Word file not reported wrong_format"].append(n)
    if truth.reply_without_officer and verdict.decision == Decision.officer_review:
        reason = (
            verdict.decision_reason.split(":")[0]
            if "unsure" in verdict.decision_reason
            else (
                "request type confidence"
                if "sure" in verdict.decision_reason
                else verdict.decision_reason
            )
        )
        detail = (
            verdict.decision_reason.split(": ")[-1] if "unsure" in verdict.decision_reason else ""
        )
        kinds[
            f"decision: officer_review instead of {truth.decision.value} ({reason}{': ' + detail if detail else ''})"
        ].append(n)
    elif not m.decision_ok:
        kinds[f"decision: {verdict.decision.value} instead of {truth.decision.value}"].append(n)
    if m.wrong_missing_reply:
        kinds["WRONG missing-items reply"].append(n)
    if m.false_proof:
        kinds["FALSE registration proof"].append(n)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("verdicts", type=Path, help="NNN.truth.json + NNN.verdict.json")
    parser.add_argument("--figures-only", action="store_true", help="the reporting seed: no kinds")
    args = parser.parse_args()
    kinds: Kinds = defaultdict(list)
    marks = []
    for path in sorted(args.verdicts.glob("*.truth.json")):
        truth = MailTruth.model_validate_json(path.read_text(encoding="utf-8"))
        verdict_file = path.with_name(path.name.replace(".truth.", ".verdict."))
        if verdict_file.exists():
            verdict = Verdict.model_validate_json(verdict_file.read_text(encoding="utf-8"))
            classify(verdict, truth, kinds)
            marks.append(mark(verdict, truth))
    print(f"{len(marks)} mail(s) judged in {args.verdicts}")
    print("\n".join(summary(marks)))
    if args.figures_only:
        return 0
    for kind, numbers in sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        unique = sorted(set(numbers))
        print(f"{len(unique):>4}  {kind}  e.g. {', '.join(f'{x:03d}' for x in unique[:4])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
