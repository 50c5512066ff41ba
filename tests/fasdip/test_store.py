"""The case store on SQLite (and on PostgreSQL when ``pg_url`` can start a cluster)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from config.settings import StoreSettings
from fasdip.store import CaseInfo, LostClaimError, Store, ThreadHints, identity_digest
from ingest.source import Cursor, MailKey
from tests.servers import postgres_cluster, postgres_url

__all__ = ["postgres_cluster"]  # a fixture of tests.servers, used through postgres_url

NOW = dt.datetime(2026, 11, 16, 2, 0, tzinfo=dt.UTC)

StoreFactory = Callable[[str], Store]


@pytest.fixture(params=["sqlite", "postgresql"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    url = "" if request.param == "sqlite" else postgres_url(request, "store_tests")
    settings = StoreSettings(url=url, var_dir=tmp_path / "var", max_attempts=3)
    opened: list[Store] = []

    def factory(worker: str = "w1") -> Store:
        store = Store.open(settings, worker=worker)
        opened.append(store)
        return store

    yield factory
    for store in opened:
        store.close()


def key(uid: int, uidvalidity: int = 1) -> MailKey:
    return MailKey(account="a@x", folder="INBOX", uidvalidity=uidvalidity, uid=str(uid))


def hints(sender: str = "m@embassy.example", **kw: object) -> ThreadHints:
    values: dict[str, object] = {"sender": sender, "subject_key": "permohonan", "year": 2026}
    values.update(kw)
    return ThreadHints.model_validate(values)


def build(mid: str) -> tuple[str, list[str], bytes]:
    return "us@x", ["m@embassy.example"], f"Message-ID: {mid}\r\n\r\nhi\r\n".encode()


def record(store: Store, uid: int, raw: bytes = b"mail", mid: str | None = "<m1@e>") -> int:
    sha = store.save_raw(raw, NOW)
    return store.record_mail(key(uid), raw_sha256=sha, message_id=mid, size=len(raw), now=NOW).id


def test_raw_is_a_file_named_by_sha256_and_migrations_run_twice(make_store: StoreFactory) -> None:
    store = make_store("w1")
    sha = store.save_raw(b"raw bytes", NOW)
    assert (store.raw_dir / sha[:2] / f"{sha}.eml").read_bytes() == b"raw bytes"
    assert store.save_raw(b"raw bytes", NOW) == sha
    make_store("w2")  # opening again applies no migration twice


def test_key_and_second_key(make_store: StoreFactory) -> None:
    store = make_store("w1")
    first = record(store, 1, b"one", "<m1@e>")
    assert record(store, 1, b"one", "<m1@e>") == first  # same key: same row
    rescan = store.record_mail(
        key(7, uidvalidity=2),
        raw_sha256=store.save_raw(b"one", NOW),
        message_id="<m1@e>",
        size=3,
        now=NOW,
    )
    assert rescan.status == "duplicate" and rescan.duplicate_of == first
    reused = record(store, 2, b"other content", "<m1@e>")  # reused Message-ID: a new mail
    assert store.mail(reused).status == "new"


def test_cursor_moves_forward_and_resets_on_new_uidvalidity(make_store: StoreFactory) -> None:
    store = make_store("w1")
    assert store.cursor("a", "INBOX") is None
    store.set_cursor("a", "INBOX", Cursor(uidvalidity=5, last_uid=10))
    store.set_cursor("a", "INBOX", Cursor(uidvalidity=5, last_uid=3))
    assert store.cursor("a", "INBOX") == Cursor(uidvalidity=5, last_uid=10)
    store.set_cursor("a", "INBOX", Cursor(uidvalidity=6, last_uid=1))
    assert store.cursor("a", "INBOX") == Cursor(uidvalidity=6, last_uid=1)


def test_claim_commit_outbox_and_case_numbers(make_store: StoreFactory) -> None:
    store = make_store("w1")
    m1, m2 = record(store, 1, b"a", "<a@e>"), record(store, 2, b"b", "<b@e>")
    claimed = store.claim_next(NOW)
    assert claimed is not None and claimed.id == m1 and claimed.attempts == 0  # none failed
    case = store.assign_case(m1, hints(message_id="<a@e>"), NOW)
    assert case.number == "FASDIP-2026-000001" and case.new
    assert store.assign_case(m1, hints(), NOW).id == case.id  # idempotent on retry
    result = store.commit(
        m1,
        decision="missing_items",
        verdict_json="{}",
        now=NOW,
        reply=build,
        reply_kind="missing_items",
    )
    assert result.outbox_message_id == "<FASDIP-2026-000001.r1@fasdip.kemlu.go.id>"
    # a reply to our reply threads into the same case; another subject opens a new one
    nxt = store.claim_next(NOW)
    assert nxt is not None and nxt.id == m2
    follow = store.assign_case(
        m2, hints(message_ids=[result.outbox_message_id], subject_key="x"), NOW
    )
    assert follow.id == case.id and not follow.new
    m3 = record(store, 3, b"c", "<c@e>")
    assert store.claim_next(NOW) is not None
    other = store.assign_case(m3, hints(subject_key="another request"), NOW)
    assert other.number == "FASDIP-2026-000002"
    m4 = record(store, 4, b"d", "<d@e>")
    assert store.claim_next(NOW) is not None
    by_subject_number = store.assign_case(
        m4, hints(case_numbers=[case.number], subject_key="y"), NOW
    )
    assert by_subject_number.id == case.id
    assert [o.status for o in store.outbox()] == ["pending"]
    assert store.to_acknowledge("a@x", "INBOX") == []  # its reply is not sent yet


def test_failures_back_off_then_quarantine(make_store: StoreFactory) -> None:
    store = make_store("w1")
    mail_id = record(store, 1)
    now = NOW
    for attempt in range(1, 4):
        claimed = store.claim_next(now)
        assert claimed is not None and claimed.attempts == attempt - 1
        after = store.fail(mail_id, "boom", now)
        assert store.claim_next(now) is None  # not due before the back-off
        now += dt.timedelta(hours=2)
    assert after.status == "quarantined" and after.last_error == "boom"
    assert store.claim_next(now + dt.timedelta(days=9)) is None  # never silently retried/done


def test_a_second_worker_cannot_take_a_claim_nor_commit_a_lost_one(
    make_store: StoreFactory,
) -> None:
    one, two = make_store("w1"), make_store("w2")
    mail_id = record(one, 1)
    assert one.claim_next(NOW) is not None
    assert two.claim_next(NOW) is None
    later = NOW + dt.timedelta(seconds=one.settings.claim_timeout_seconds + 1)
    taken = two.claim_next(later)  # w1's claim expired: w2 takes over
    assert taken is not None and taken.attempts == 0  # w1's death used no try
    two.assign_case(mail_id, hints(), later)
    with pytest.raises(LostClaimError):
        one.commit(mail_id, decision="x", verdict_json="{}", now=later)
    assert one.release_own_claims(later) == 0


def test_outbox_retries_with_backoff_and_is_acknowledged_after_send(
    make_store: StoreFactory,
) -> None:
    store = make_store("w1")
    mail_id = record(store, 1)
    store.claim_next(NOW)
    store.assign_case(mail_id, hints(), NOW)
    store.commit(mail_id, decision="d", verdict_json="{}", now=NOW, reply=build, reply_kind="d")
    [item] = store.claim_outbox(NOW)
    assert store.claim_outbox(NOW) == []  # taken
    failed = store.mark_send_failed(item.id, "connection refused", NOW)
    assert failed.status == "pending" and failed.next_try_at > NOW
    assert store.claim_outbox(NOW) == []
    [again] = store.claim_outbox(failed.next_try_at)
    store.mark_sent(again.id, failed.next_try_at)
    [ack] = store.to_acknowledge("a@x", "INBOX")
    store.mark_acked([ack.id], NOW)
    assert store.to_acknowledge("a@x", "INBOX") == []
    assert store.replies_since(NOW, sender="m@embassy.example") == 1


def test_two_workers_claiming_at_once_never_share_a_mail(make_store: StoreFactory) -> None:
    first = make_store("w1")
    ids = [record(first, uid, f"mail {uid}".encode(), f"<{uid}@e>") for uid in range(40)]
    stores = [first, make_store("w2"), make_store("w3")]
    taken: dict[str, list[int]] = {s.worker: [] for s in stores}

    def work(store: Store) -> None:
        while (mail := store.claim_next(NOW)) is not None:
            taken[store.worker].append(mail.id)

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = [m for got in taken.values() for m in got]
    assert sorted(everything) == ids  # each mail taken once, none lost


def test_the_same_applicants_of_the_same_mission_thread_by_identity(
    make_store: StoreFactory,
) -> None:
    store = make_store("w1")
    passport = identity_digest("passport", "K58837776")
    assert passport == identity_digest("passport", " k5883 7776") and "K588" not in passport
    assert identity_digest("name", "SMITH, John") == identity_digest("name", "john  smith")
    other_passport = identity_digest("passport", "P1234567")
    nl = {"mission": "nl-embassy"}
    first = record(store, 1, b"a", "<a@e>")
    store.claim_next(NOW)
    case = store.assign_case(first, hints(subject_key="permohonan pas", **nl), NOW)
    store.commit(
        first,
        decision="d",
        verdict_json="{}",
        now=NOW,
        identities=[passport],
        request_type="airport_pass_new",
    )
    later = NOW + dt.timedelta(days=3)

    def thread(uid: int, sender: str = "m@embassy.example", **kw: object) -> int:
        mail = record(store, uid, f"mail {uid}".encode(), f"<{uid}@e>")
        store.claim_next(later)
        return store.assign_case(mail, hints(sender, **{"subject_key": "dokumen", **kw}), later).id

    # the same applicant, from another address of the same mission, no request of its own
    assert thread(2, "desk@embassy.example", applicants=[[passport]], **nl) == case.id
    assert thread(3, applicants=[[passport]], request_type="airport_pass_new", **nl) == case.id
    # a new request type about the same person: a request of its own
    assert thread(4, applicants=[[passport]], request_type="id_card", **nl) != case.id
    # documents of another applicant besides: a request of its own
    assert thread(5, applicants=[[passport], [other_passport]], **nl) != case.id
    # another mission, or a sender that failed authentication: never
    assert thread(6, "x@other.example", applicants=[[passport]], mission="other") != case.id
    assert thread(7, applicants=[[passport]], distrust="dmarc=fail", **nl) != case.id
    # the subject alone never joins
    assert thread(8, subject_key="permohonan pas", **nl) != case.id
    # outside the window: a new case
    mail = record(store, 9, b"late", "<late@e>")
    store.claim_next(later + dt.timedelta(days=40))
    late = store.assign_case(
        mail, hints(applicants=[[passport]], **nl), later + dt.timedelta(days=40)
    )
    assert late.id != case.id


def test_a_mail_naming_a_case_it_may_not_join_opens_a_suspicious_one(
    make_store: StoreFactory,
) -> None:
    store = make_store("w1")
    first = record(store, 1, b"a", "<a@e>")
    store.claim_next(NOW)
    case = store.assign_case(first, hints(mission="nl-embassy", message_id="<a@e>"), NOW)
    store.commit(first, decision="d", verdict_json="{}", now=NOW)

    def named(uid: int, sender: str, **kw: object) -> CaseInfo:
        mail = record(store, uid, f"mail {uid}".encode(), f"<{uid}@e>")
        store.claim_next(NOW)
        return store.assign_case(mail, hints(sender, case_numbers=[case.number], **kw), NOW)

    spoofed = named(2, "m@embassy.example", mission="nl-embassy", distrust="dmarc=fail")
    assert spoofed.id != case.id and spoofed.new
    assert spoofed.suspicious and "failed authentication (dmarc=fail)" in spoofed.suspicious
    foreign = named(3, "x@other.example", mission="address:x@other.example")
    assert foreign.id != case.id and foreign.suspicious and "x@other.example" in foreign.suspicious
    genuine = named(4, "other-desk@embassy.example", mission="nl-embassy")
    assert genuine.id == case.id and genuine.suspicious is None
    mail = record(store, 5, b"reply", "<5@e>")  # answering the suspicious mail: apart too
    store.claim_next(NOW)
    again = store.assign_case(mail, hints(case_numbers=[spoofed.number], mission="nl-embassy"), NOW)
    assert again.id not in (case.id, spoofed.id) and again.suspicious
