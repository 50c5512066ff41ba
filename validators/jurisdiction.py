"""Honorary consul: the candidate must live in the consular jurisdiction the note names.

The jurisdiction is read in the sentences of the note (or mail) that carry a jurisdiction
cue (keywords.yaml ``details.jurisdiction``: "consular district", "wilayah kerja"…): the
provinces and regencies/cities they name (``fasdip.regions``). The candidate's address is
the province printed on an accepted KTP (or, failing a sure province, its regency/city).
Nothing is said when either side is unsure: no region named, a card not accepted, a
province not read with confidence.
"""

from __future__ import annotations

from collections.abc import Sequence

from config.catalog import FindingCatalog
from fasdip.models import Finding, FindingCode, KtpReading
from fasdip.nik import nik_digits
from fasdip.regions import Region, province_family, province_of, regions_in
from validators._text import has_cue, sentence_spans
from validators.rules import TextSources

_NIK_DIGITS = 16


def jurisdiction_regions(texts: TextSources, cues: Sequence[str]) -> list[Region]:
    """The regions named in the sentences that state the jurisdiction."""
    found: list[Region] = []
    for text in texts.all():
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if has_cue(sentence, cues):
                found += [r for r in regions_in(sentence) if r not in found]
    return found


def ktp_province(ktp: KtpReading) -> str | None:
    """The province code of the address an accepted KTP prints, when read surely; on a card
    not accepted (an unsure name letter, a NIK digit), the province it prints when read
    surely and the NIK's own province code, as read, is the same: two readings agree."""
    if not ktp.accepted:
        return _province_twice_read(ktp)
    if ktp.province.value and ktp.province.doubt is None:
        code = province_of(ktp.province.value)
        if code is not None:
            return code
    if ktp.regency_city.value and ktp.regency_city.doubt is None:
        provinces = {r.province for r in regions_in(ktp.regency_city.value.title())}
        if len(provinces) == 1:
            return provinces.pop()
    return None


def _province_twice_read(ktp: KtpReading) -> str | None:
    """The printed province (read surely) when the NIK's first two digits name it too."""
    if not (ktp.province.value and ktp.province.doubt is None and ktp.nik.value):
        return None
    printed = province_of(ktp.province.value)
    digits = nik_digits(ktp.nik.value)
    if printed is None or len(digits) != _NIK_DIGITS:
        return None
    return printed if province_family(digits[:2]) == province_family(printed) else None


def jurisdiction_findings(
    texts: TextSources,
    ktps: Sequence[KtpReading],
    cues: Sequence[str],
    catalog: FindingCatalog,
) -> list[Finding]:
    """``ktp_outside_jurisdiction`` for each accepted KTP whose province is none of the
    jurisdiction's (Papua's six provinces taken as one, as older cards name them)."""
    named = jurisdiction_regions(texts, cues)
    if not named:
        return []
    families = {province_family(r.province) for r in named}
    findings = []
    for ktp in ktps:
        code = ktp_province(ktp)
        if code is None or province_family(code) in families:
            continue
        findings.append(
            catalog.make(
                FindingCode.ktp_outside_jurisdiction,
                ktp_province=(ktp.province.value or ktp.regency_city.value or "").title(),
                jurisdiction=", ".join(r.name for r in named),
            )
        )
    return findings
