"""Text rules: visit lead time, renewal window, visitor pass details, screening, jurisdiction."""

from __future__ import annotations

import datetime as dt

import pytest

from fasdip.models import Finding, FindingCode, RequestType, Severity
from tests.validators.factories import Office
from validators import TextSources, check_details, find_visit_date, indonesian_holidays
from validators.rules import has_flight_number

D = dt.date
HOLIDAYS = indonesian_holidays([2026, 2027])
PUBLIC_ONLY = indonesian_holidays([2026, 2027], include_joint_leave=False)

VISIT_BODY_EN = (
    "Dear Sir/Madam,\n\nThe Embassy of the Republic of Utopia presents its compliments and has "
    "the honour to inform that H.E. Mr. John Smith, Ambassador, will visit Surabaya, East Java, "
    "on 22-24 February 2027. The tentative agenda is attached.\n\nBest regards"
)
VISIT_NOTE_ID = (
    "Nomor: 012/NV/2027\nKedutaan Besar Republik Utopia menyampaikan salam hormat kepada "
    "Kementerian Luar Negeri Republik Indonesia, Direktorat Fasilitas Diplomatik, dan dengan "
    "hormat memberitahukan bahwa Duta Besar akan melakukan kunjungan kerja ke Medan, Sumatera "
    "Utara, pada tanggal 22 s.d. 24 Februari 2027. Kedutaan Besar menggunakan kesempatan ini "
    "untuk menyampaikan penghargaan yang setinggi-tingginya.\n\nJakarta, 1 Februari 2027"
)


def run(
    office: Office,
    request: RequestType,
    received: dt.date,
    *,
    subject: str = "",
    body: str = "",
    note: str = "",
    holidays: dict[dt.date, str] = HOLIDAYS,
) -> list[Finding]:
    return check_details(
        request,
        TextSources(subject=subject, body=body, note=note),
        received,
        office.config.requirements,
        office.config.keywords,
        office.catalog,
        holidays,
    )


def codes(findings: list[Finding]) -> list[tuple[FindingCode, str | None]]:
    return [(f.code, f.params.get("detail")) for f in findings]


# --------------------------------------------------------------------------- regional visit
# Visit Monday 22 February 2027: 14 working days back, over the cuti bersama of Friday
# 5 February (Imlek), is Monday 1 February 2027 (see test_workdays.py).


@pytest.mark.parametrize(
    ("received", "late"),
    [
        (D(2027, 1, 20), False),
        (D(2027, 1, 30), False),  # Saturday before the deadline
        (D(2027, 1, 31), False),  # Sunday before the deadline
        (D(2027, 2, 1), False),  # exactly on the deadline
        (D(2027, 2, 2), True),  # one day later
        (D(2027, 2, 6), True),  # a weekend (and holiday) receipt after the deadline
        (D(2027, 2, 19), True),
    ],
)
def test_visit_deadline_borders(office: Office, received: dt.date, late: bool) -> None:
    findings = run(office, RequestType.regional_visit, received, body=VISIT_BODY_EN)
    assert codes(findings) == ([(FindingCode.visit_too_late, None)] if late else [])


def test_holiday_in_between_moves_the_deadline(office: Office) -> None:
    # Without the cuti bersama of 5 February, 2 February is still in time.
    received = D(2027, 2, 2)
    assert (
        run(office, RequestType.regional_visit, received, body=VISIT_BODY_EN, holidays=PUBLIC_ONLY)
        == []
    )
    assert run(office, RequestType.regional_visit, received, body=VISIT_BODY_EN) != []


def test_visit_too_late_text(office: Office) -> None:
    (finding,) = run(office, RequestType.regional_visit, D(2027, 2, 10), note=VISIT_NOTE_ID)
    assert finding.code is FindingCode.visit_too_late
    assert finding.severity is Severity.blocking
    assert "untuk tanggal 22 Februari 2027" in finding.text_id
    assert "batas akhir penerimaan: 1 Februari 2027" in finding.text_id
    assert "kurang dari 14 hari kerja" in finding.text_id
    assert "regional visit on 22 February 2027" in finding.text_en
    assert "the last day to receive it was 1 February 2027" in finding.text_en
    assert "less than 14 working days" in finding.text_en
    assert finding.params["visit_date_iso"] == "2027-02-22"
    assert finding.params["deadline_iso"] == "2027-02-01"
    assert finding.params["visit_date_id"] == "22 Februari 2027"
    assert finding.params["working_days"] == "14"


def test_visit_date_from_indonesian_note_ignores_the_note_date(office: Office) -> None:
    visit = find_visit_date(
        TextSources(subject="", body="", note=VISIT_NOTE_ID), D(2027, 1, 25), office.config.keywords
    )
    assert visit is not None
    assert (visit.date, visit.end) == (D(2027, 2, 22), D(2027, 2, 24))


def test_earliest_visit_date_wins(office: Office) -> None:
    body = (
        "The delegation will visit Denpasar on 15 March 2027. Before that, the Ambassador "
        "will visit Mataram on 10 March 2027. The note was sent on 12 March 2027."
    )
    visit = find_visit_date(
        TextSources(subject="", body=body, note=""), D(2027, 2, 1), office.config.keywords
    )
    assert visit is not None and visit.date == D(2027, 3, 10)


def test_dates_before_receipt_are_not_the_visit(office: Office) -> None:
    body = (
        "Further to our visit of 10 January 2027, the Ambassador will visit Bali on 1 March 2027."
    )
    visit = find_visit_date(
        TextSources(subject="", body=body, note=""), D(2027, 2, 1), office.config.keywords
    )
    assert visit is not None and visit.date == D(2027, 3, 1)


def test_visit_date_in_the_subject(office: Office) -> None:
    subject = "Notification of Regional Visit to Bali, 10-12 March 2027"
    assert run(office, RequestType.regional_visit, D(2027, 2, 1), subject=subject) == []


def test_no_visit_date_is_missing_detail(office: Office) -> None:
    body = (
        "The Embassy would like to notify a regional visit of the Ambassador to Bali. "
        "The note is dated 10 March 2027."  # a date, but not in a sentence about the visit
    )
    findings = run(office, RequestType.regional_visit, D(2027, 2, 1), body=body)
    assert codes(findings) == [(FindingCode.missing_detail, "visit_date")]
    finding = findings[0]
    assert finding.severity is Severity.blocking
    assert "tanggal dan daerah tujuan kunjungan" in finding.text_id
    assert "the date(s) and destination of the visit" in finding.text_en


# --------------------------------------------------------------------------- renewal


@pytest.mark.parametrize(
    ("text", "received", "passed"),
    [
        ("The airport pass of Mr. Lee expired on 10 January 2027.", D(2027, 2, 9), False),
        ("The airport pass of Mr. Lee expired on 10 January 2027.", D(2027, 2, 10), True),
        (
            "Pas Bandara a.n. Sdr. Budi habis masa berlaku pada 31 Desember 2026.",
            D(2027, 1, 30),
            False,
        ),
        (
            "Pas Bandara a.n. Sdr. Budi habis masa berlaku pada 31 Desember 2026.",
            D(2027, 2, 1),
            True,
        ),
        ("Masa berlaku pas: 1 Januari 2026 - 31 Desember 2026.", D(2027, 2, 1), True),
        ("Masa berlaku pas: 1 Januari 2026 - 31 Desember 2026.", D(2027, 1, 15), False),
        ("The pass, valid until 15/03/2027, is attached.", D(2027, 3, 1), False),  # before expiry
        ("We request the renewal of the airport pass of Mr. Lee.", D(2030, 1, 1), False),  # no date
        ("Dated 1 January 2026, we request the renewal.", D(2030, 1, 1), False),  # not an expiry
    ],
)
def test_renewal_window(office: Office, text: str, received: dt.date, passed: bool) -> None:
    findings = run(office, RequestType.airport_pass_renewal, received, body=text)
    assert codes(findings) == ([(FindingCode.renewal_window_passed, None)] if passed else [])


_FORWARDED = (
    "Forwarding the request below.\n\n-----Original Message-----\nFrom: Protocol <p@e.example>\n"
    "Sent: Monday, {sent}\nTo: protocol@e.example\nSubject: Airport pass SETIAWAN (expired)\n\n"
    "Dear Sir or Madam,\n\nWe would be grateful for the renewal of the annual airport pass of "
    "Agus SETIAWAN, valid until 28 February 2026.\n"
)
_QUOTED = (
    "Please see below.\n\nOn Mon, {sent} at 10:00, Protocol <p@e.example> wrote:\n"
    "> The airport pass of Mr. Lee has expired.\n"
)


@pytest.mark.parametrize(
    ("kind", "body", "passed"),
    [
        ("a forwarded mail's Sent line is no expiry", _FORWARDED.format(sent="July 1, 2026"), True),
        ("a reply's attribution line is no expiry", _QUOTED.format(sent="1 May 2026"), False),
    ],
)
def test_the_dates_of_quoted_mail_headers_are_not_stated_dates(
    office: Office, kind: str, body: str, passed: bool
) -> None:
    """Received 1 July 2026: the pass stated to expire on 28 February is past its window
    whatever the quoted header's date; a quoted mail's date alone is no expiry at all."""
    findings = run(office, RequestType.airport_pass_renewal, D(2026, 7, 1), body=body)
    assert codes(findings) == ([(FindingCode.renewal_window_passed, None)] if passed else [])


def test_renewal_window_text(office: Office) -> None:
    (finding,) = run(
        office,
        RequestType.airport_pass_renewal,
        D(2027, 3, 1),
        note="Pas Bandara yang bersangkutan berakhir pada tanggal 10 Januari 2027.",
    )
    assert "habis masa berlakunya pada 10 Januari 2027, lebih dari 30 hari" in finding.text_id
    assert "expired on 10 January 2027, more than 30 days ago" in finding.text_en
    assert finding.params["expiry_date_iso"] == "2027-01-10"


# --------------------------------------------------------------------------- visitor pass


@pytest.mark.parametrize(
    ("body", "missing"),
    [
        ("In order to pick up H.E. the Minister, arriving on flight GA 881 on 10 March 2027.", []),
        ("Dalam rangka menjemput Menteri yang tiba dengan SQ956 pada 10 Maret 2027.", []),
        ("The purpose is to welcome the delegation on QZ 7510.", []),
        ("The purpose is to welcome the delegation. Flight details will follow.", []),
        ("Please find attached the documents for a visitor pass.", ["purpose", "flight"]),
        ("The purpose is to see off the Ambassador.", ["flight"]),
        ("The Minister arrives on GA-881 tomorrow.", ["purpose"]),
        ("Alamat: Jl. Merdeka RT 05 RW 03. Tujuan: menjemput tamu.", ["flight"]),
    ],
)
def test_visitor_pass_details(office: Office, body: str, missing: list[str]) -> None:
    findings = run(office, RequestType.airport_pass_visitor, D(2027, 3, 1), body=body)
    assert codes(findings) == [(FindingCode.missing_detail, d) for d in missing]
    assert all(f.severity is Severity.blocking for f in findings)


@pytest.mark.parametrize(
    ("text", "flight"),
    [
        ("GA 881", True),
        ("SQ956", True),
        ("QZ 7510", True),
        ("3K 241", True),
        ("flight ID6512", True),
        ("RT 05 / RW 03", False),
        ("No 12", False),
        ("ga 881", False),
        ("NIK 3174", False),
        ("12/NV/2027", False),
    ],
)
def test_flight_numbers(text: str, flight: bool) -> None:
    assert has_flight_number(text) is flight


# --------------------------------------------------------------------------- new pass, consul


def test_screening_date_wanted(office: Office) -> None:
    ok = "We kindly request a screening test on 15 March 2027."
    assert run(office, RequestType.airport_pass_new, D(2027, 3, 1), body=ok) == []
    findings = run(
        office, RequestType.airport_pass_new, D(2027, 3, 1), body="Please issue the pass."
    )
    assert codes(findings) == [(FindingCode.missing_detail, "screening_date")]
    assert findings[0].severity is Severity.warning
    assert "jadwal screening test" in findings[0].text_id


@pytest.mark.parametrize(
    ("note", "missing"),
    [
        ("Konsul Kehormatan dengan wilayah yurisdiksi Provinsi Bali.", False),
        ("The consular district covers West Java.", False),
        ("THE JURISDICTION OF THE HONORARY CONSUL IS BALI.", False),
        ("Konsul Kehormatan dengan wilayah Yurísdiksi Provinsi Bali.", False),  # accent
        ("The jurisdictional matters are pending.", True),  # word boundary
        ("We propose Mr. Budi as Honorary Consul in Bali.", True),
    ],
)
def test_jurisdiction(office: Office, note: str, missing: bool) -> None:
    findings = run(office, RequestType.honorary_consul, D(2027, 3, 1), note=note)
    assert codes(findings) == ([(FindingCode.missing_detail, "jurisdiction")] if missing else [])
    assert all(f.severity is Severity.warning for f in findings)


@pytest.mark.parametrize(
    "request_type",
    [
        RequestType.id_card,
        RequestType.accreditation,
        RequestType.attache_accreditation,
        RequestType.airport_pass_lost,
        RequestType.other,
    ],
)
def test_other_request_types_have_no_text_rules(office: Office, request_type: RequestType) -> None:
    assert run(office, request_type, D(2027, 3, 1), body="Nothing stated.") == []
