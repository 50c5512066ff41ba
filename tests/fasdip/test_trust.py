"""Sender trust (RFC 8601): the parser (examples and properties), which headers are
believed (authserv-id and header order), the judgement, and the mailroom end to end with
real servers (Dovecot in, aiosmtpd out): a spoofed mission gets no reply."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config.settings import TrustSettings
from fasdip.mailroom import Mailroom
from fasdip.models import Decision, FindingCode, Verdict
from fasdip.pipeline import Triage
from fasdip.trust import (
    AuthResults,
    MethodResult,
    believed_results,
    judge_sender,
    parse_authentication_results,
)
from tests.fasdip.mailbox_helpers import MISSION, make_settings, mission_mail
from tests.fasdip.server_settings import imap_settings, new_imap_user, smtp_settings
from tests.servers import Dovecot, SmtpServer, dovecot, smtp_server

__all__ = ["dovecot", "smtp_server"]

OURS = "mx.kemlu.go.id"
DOMAIN = "embassy.example"

# ---------------------------------------------------------------------- parser: examples


def test_a_postfix_opendmarc_header() -> None:
    parsed = parse_authentication_results(
        f"{OURS};\r\n\tdmarc=fail (p=reject dis=none) header.from={DOMAIN}"
    )
    assert parsed == AuthResults(
        authserv_id=OURS,
        results=(MethodResult("dmarc", "fail", properties={"header.from": DOMAIN}),),
    )


def test_a_header_with_several_methods_a_version_comments_and_base64() -> None:
    parsed = parse_authentication_results(
        f"{OURS.upper()} 1; spf=pass (sender SPF authorized) smtp.mailfrom=a@{DOMAIN};"
        f' dkim=pass reason="good signature" (2048-bit key) header.d={DOMAIN}'
        f" header.i=@{DOMAIN} header.b=AbC/dE+f==; dkim / 1 = fail header.d=other.example"
    )
    assert parsed is not None
    assert parsed.authserv_id == OURS and parsed.version == 1
    spf, dkim, dkim2 = parsed.results
    assert (spf.method, spf.result, spf.properties) == (
        "spf",
        "pass",
        {"smtp.mailfrom": f"a@{DOMAIN}"},
    )
    assert dkim.reason == "good signature"
    assert dkim.properties["header.b"] == "AbC/dE+f=="
    assert (dkim2.method, dkim2.result) == ("dkim", "fail")


def test_none_and_microsoft_extras() -> None:
    assert parse_authentication_results(f"{OURS}; none") == AuthResults(authserv_id=OURS)
    parsed = parse_authentication_results(
        f"{OURS}; dmarc=pass action=none header.from={DOMAIN};compauth=pass reason=100"
    )
    assert parsed is not None
    assert [(r.method, r.result) for r in parsed.results] == [
        ("dmarc", "pass"),
        ("compauth", "pass"),
    ]


@pytest.mark.parametrize(
    "value",
    [
        "",
        ";",
        f"{OURS}",  # no result at all
        f"{OURS}; dmarc",  # no "="
        f"{OURS}; dmarc=fail (unclosed comment",
        f'{OURS}; dmarc=fail reason="unclosed',
        "spf=pass smtp.mailfrom=x@y.example",  # no authserv-id (Microsoft's own form)
        f"{OURS} v1; dmarc=pass",  # a version is digits
        f"{OURS}; d@rc=pass",
    ],
)
def test_unreadable_headers_are_none(value: str) -> None:
    assert parse_authentication_results(value) is None


# ---------------------------------------------------------------------- parser: properties

_word = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
_keyword = st.builds(lambda a, b: a + b, st.sampled_from(string.ascii_lowercase), _word)
_domain = st.lists(_word, min_size=2, max_size=4).map(".".join)
_comment = st.text(string.ascii_letters + " ;=.@", max_size=12).map(lambda t: f"({t})")
_space = st.sampled_from([" ", "  ", "\r\n\t", "\r\n ", "\t"])


@st.composite
def headers(draw: st.DrawFn) -> tuple[str, AuthResults]:
    """A header rendered with random spacing, folding and comments, and what it says."""
    authserv = draw(_domain)
    results = []
    for _ in range(draw(st.integers(1, 4))):
        method = draw(st.sampled_from(["dmarc", "dkim", "spf", "arc", "iprev"]))
        result = draw(st.sampled_from(["pass", "fail", "none", "softfail", "temperror"]))
        reason = draw(st.one_of(st.just(""), st.text(string.ascii_letters + " .", max_size=15)))
        props = draw(
            st.dictionaries(
                st.builds(lambda p, q: f"{p}.{q}", st.sampled_from(["header", "smtp"]), _keyword),
                st.one_of(_domain, _domain.map(lambda d: "user@" + d)),
                max_size=3,
            )
        )
        results.append(MethodResult(method, result, reason=reason, properties=props))

    def gap() -> str:
        parts = [draw(_space)]
        if draw(st.booleans()):
            parts += [draw(_comment), draw(_space)]
        return "".join(parts)

    text = authserv
    if draw(st.booleans()):
        text += gap() + "1"
    for r in results:
        text += gap() + ";" + gap() + r.method + gap() + "=" + gap() + r.result
        if r.reason or draw(st.booleans()):
            escaped = r.reason.replace("\\", "\\\\").replace('"', '\\"')
            text += gap() + "reason=" + gap() + f'"{escaped}"'
        for key, value in r.properties.items():
            quoted = draw(st.booleans())
            text += gap() + f"{key}=" + (f'"{value}"' if quoted else value)
    return text, AuthResults(authserv_id=authserv, results=tuple(results))


@given(headers())
def test_any_rendering_of_a_header_parses_to_what_it_says(case: tuple[str, AuthResults]) -> None:
    text, expected = case
    parsed = parse_authentication_results(text)
    assert parsed is not None, text
    assert (parsed.authserv_id, parsed.results) == (expected.authserv_id, expected.results)


@given(st.text(max_size=300))
def test_the_parser_never_raises(text: str) -> None:
    parse_authentication_results(text)  # a result or None, never an exception


@given(st.lists(st.text(max_size=80), max_size=6), st.text(max_size=40))
def test_the_judgement_never_raises_and_is_off_without_ids(values: list[str], sender: str) -> None:
    assert not judge_sender(values, sender, []).checked
    judge_sender(values, sender, [OURS])


# ---------------------------------------------------------------------- whom to believe

_result = st.sampled_from(
    [
        f"dmarc=pass header.from={DOMAIN}",
        f"dmarc=fail header.from={DOMAIN}",
        "dmarc=none",
        f"spf=pass smtp.mailfrom=a@{DOMAIN}",
        f"spf=fail smtp.mailfrom=a@{DOMAIN}",
        f"dkim=pass header.d={DOMAIN}",
        "dkim=none",
    ]
)
_ours = st.lists(_result, min_size=1, max_size=3).map(lambda rs: f"{OURS}; " + "; ".join(rs))


@given(
    st.lists(_ours, max_size=3),
    st.sampled_from(["relay.example; spf=pass", "broken (", "elsewhere.example; none"]),
    st.lists(st.one_of(_ours, st.text(max_size=40)), max_size=4),
)
def test_nothing_below_a_header_not_ours_changes_the_judgement(
    top: list[str], boundary: str, below: list[str]
) -> None:
    alone = judge_sender([*top, boundary], MISSION, [OURS])
    assert judge_sender([*top, boundary, *below], MISSION, [OURS]) == alone
    assert believed_results([*top, boundary, *below], [OURS]) == believed_results(top, [OURS])


def test_only_the_topmost_headers_of_our_servers_are_believed() -> None:
    values = [
        f"{OURS}; spf=fail smtp.mailfrom={DOMAIN}",
        f"{OURS}; dkim=none",
        f"sender-side.example; dmarc=pass header.from={DOMAIN}",  # theirs: the boundary
        f"{OURS}; dmarc=pass header.from={DOMAIN}",  # forged below it: not believed
    ]
    believed = believed_results(values, [OURS])
    assert [len(b.results) for b in believed] == [1, 1]
    assert judge_sender(values, MISSION, [OURS]).spoofed


def test_a_forged_pass_right_under_ours_does_not_hide_our_failure() -> None:
    values = [
        f"{OURS}; dmarc=fail header.from={DOMAIN}",
        f"{OURS}; dmarc=pass header.from={DOMAIN}; dkim=pass header.d={DOMAIN}",  # forged
    ]
    check = judge_sender(values, MISSION, [OURS])
    assert check.spoofed and check.reason == f"dmarc=fail for {DOMAIN}"
    # the same for SPF and DKIM without DMARC: the topmost header naming a method decides
    values = [f"{OURS}; spf=fail smtp.mailfrom=x@{DOMAIN}; dkim=none", *values[1:]]
    values[1] = f"{OURS}; spf=pass smtp.mailfrom=x@{DOMAIN}; dkim=pass header.d={DOMAIN}"
    assert judge_sender(values, MISSION, [OURS]).spoofed


@pytest.mark.parametrize(
    ("values", "spoofed"),
    [
        ([f"{OURS}; dmarc=pass header.from={DOMAIN}"], False),
        ([f"{OURS}; dmarc=fail header.from={DOMAIN}"], True),
        ([f"{OURS}; dmarc=fail"], True),  # DMARC is about the From domain
        ([f"{OURS}; dmarc=fail header.from=other.example"], True),  # no result for ours
        ([f"{OURS}; dmarc=none; spf=pass smtp.mailfrom=a@{DOMAIN}"], False),
        ([f"{OURS}; dmarc=none; spf=softfail smtp.mailfrom=a@{DOMAIN}; dkim=none"], True),
        ([f"{OURS}; spf=fail smtp.mailfrom=a@{DOMAIN}; dkim=pass header.d=mail.{DOMAIN}"], False),
        ([f"{OURS}; spf=pass smtp.mailfrom=a@attacker.example; dkim=none"], True),
        ([f"{OURS}; dkim=pass header.d=attacker.example"], True),
        ([f"{OURS}; none"], True),
        ([], True),  # nothing from our servers: it did not pass our checks
        ([f"elsewhere.example; dmarc=pass header.from={DOMAIN}"], True),
    ],
)
def test_the_judgement(values: list[str], spoofed: bool) -> None:
    check = judge_sender(values, MISSION, [OURS])
    assert check.checked and check.spoofed is spoofed, check.reason
    assert DOMAIN in check.reason


def test_authserv_ids_are_checked_and_folded() -> None:
    assert TrustSettings(authserv_ids=[" MX.Kemlu.go.id "]).authserv_ids == [OURS]
    with pytest.raises(ValueError, match="authserv-id"):
        TrustSettings(authserv_ids=["mx kemlu"])


# ---------------------------------------------------------------------- the mailroom


def signed(n: int, *results: str) -> bytes:
    """A mission's mail as our receiving server delivers it: its results on top."""
    raw = mission_mail(n, subject=f"Permohonan pas bandara nomor {n}")
    top = b"".join(f"Authentication-Results: {r}\r\n".encode() for r in results)
    return top + raw


def test_a_spoofed_mission_is_not_answered_and_goes_to_an_officer(
    tmp_path: Path, triage: Triage, dovecot: Dovecot, smtp_server: SmtpServer
) -> None:
    client, user = new_imap_user(dovecot, "trust")
    forged_pass = f"{OURS}; dmarc=pass header.from={DOMAIN}"
    mails = {
        1: signed(1, f"{OURS}; dmarc=pass header.from={DOMAIN}"),
        2: signed(2, f"{OURS}; dmarc=fail (p=reject) header.from={DOMAIN}"),
        3: signed(3, f"relay.example; spf=pass smtp.mailfrom={DOMAIN}", forged_pass),
        4: signed(4, f"{OURS}; spf=pass smtp.mailfrom=consular@{DOMAIN}; dkim=none"),
    }
    for raw in mails.values():
        client.append("INBOX", raw)
    client.logout()
    settings = make_settings(
        tmp_path,
        imap=imap_settings(dovecot, user),
        smtp=smtp_settings(smtp_server, timeout_seconds=None),
    )
    settings = settings.model_copy(update={"trust": TrustSettings(authserv_ids=[OURS])})
    room = Mailroom.open(settings, triage=triage)
    try:
        report = room.poll_once()
        assert report.processed == 4 and report.withheld == 2
        answered = sorted(m.headers["In-Reply-To"] for m in smtp_server.messages)
        assert answered == ["<req1@embassy.example>", "<req4@embassy.example>"]
        by_mail = {v.mail_id: v for v in room.store.verdicts()}
        for n in (2, 3):
            stored = by_mail[n]
            verdict = Verdict.model_validate_json(stored.verdict_json)
            assert stored.reply_withheld == "sender authentication failed"
            assert verdict.decision is Decision.officer_review and verdict.reply is None
            [finding] = [f for f in verdict.findings if f.code is FindingCode.sender_spoofed]
            assert DOMAIN in finding.text_en and "forged" in finding.text_en
        assert "dmarc=fail" in by_mail[2].verdict_json
        assert all(m.acked for m in room.store.mails())  # handled, kept, acknowledged
    finally:
        room.close()


def test_with_no_authserv_ids_the_check_is_off(tmp_path: Path, triage: Triage) -> None:
    settings = make_settings(tmp_path)
    settings.service.inbox_dir.mkdir(parents=True)
    raw = signed(1, f"{OURS}; dmarc=fail header.from={DOMAIN}")
    (settings.service.inbox_dir / "1.eml").write_bytes(raw)
    room = Mailroom.open(settings, triage=triage)
    try:
        report = room.poll_once()
        assert (report.processed, report.queued) == (1, 1)
    finally:
        room.close()
