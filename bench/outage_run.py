"""The service through kills and outages, as an office would see it: every expected reply
received exactly once, none to unknown or automatic senders.

The mailbox is the demo's (the catalogue in both languages, an unknown sender, an
out-of-office, a bounce, a follow-up) plus three same-subject requests of one embassy for
three applicants. The expected replies come from a quiet reference run (``fasdip poll
--once`` on a local folder). Then ``fasdip run`` reads a real Dovecot and sends through a
real SMTP server (aiosmtpd) on loopback while the mail arrives, and is SIGKILLed and
restarted ``--kills`` times, Dovecot is stopped while mail is delivered and started again,
and the SMTP server is down for 20 s. Prints what arrived against what was expected, and
how long after the last outage the last reply came. Asserts nothing.

    PYTHONPATH=. .venv/bin/python bench/outage_run.py [--kills 5] [--seed 7]

(``PYTHONPATH=.``: it starts the servers with the tests' own fixtures, ``tests/servers.py``.)
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from email import message_from_bytes
from email.policy import compat32
from pathlib import Path

import yaml
from imapclient import IMAPClient

from fasdip.models import RequestType
from samples.builder import Spec
from samples.demo import demo_mailbox
from samples.scenarios import build_scenario
from tests.servers import SmtpServer, free_port, new_dovecot, remove_dovecot

ROOT = Path(__file__).resolve().parents[1]
SUBJECT = "New airport pass application"


def mailbox(seed: int) -> list[list[bytes]]:
    waves = [[raw for _, raw in wave] for wave in demo_mailbox(seed)]
    for n in (1, 2, 3):
        spec = Spec("same_subject", RequestType.airport_pass_new, "en", "usa")
        mail = message_from_bytes(build_scenario(spec, seed + n).eml, policy=compat32)
        del mail["Subject"]
        mail["Subject"] = SUBJECT
        waves[0].append(mail.as_bytes())
    return waves


def write_config(folder: Path, **sections: object) -> Path:
    config = {
        "store": {"var_dir": str(folder / "var")},
        "service": {
            "inbox_dir": str(folder / "inbox"),
            "outbox_dir": str(folder / "outbox"),
            "lock_file": str(folder / "var" / "fasdip.lock"),
            "worker_name": "outage-run",
            "poll_minutes": 2,
        },
        "missions": {"file": str(ROOT / "examples" / "missions.yaml")},
        **sections,
    }
    path = folder / "settings.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config))
    return path


def fasdip(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "fasdip"), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def replied_to(messages: list[bytes]) -> Counter[str]:
    return Counter(str(message_from_bytes(m)["In-Reply-To"]) for m in messages)


def reference(waves: list[list[bytes]], folder: Path) -> Counter[str]:
    """The replies of a quiet run: ``fasdip poll --once`` per wave on a local folder."""
    config = write_config(folder)
    inbox = folder / "inbox"
    inbox.mkdir(parents=True)
    for number, wave in enumerate(waves):
        for index, raw in enumerate(wave):
            (inbox / f"{number}-{index}.eml").write_bytes(raw)
        fasdip("--config", str(config), "poll", "--once").wait()
    return replied_to([p.read_bytes() for p in sorted((folder / "outbox").glob("*.eml"))])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    waves = mailbox(args.seed)
    work = Path(tempfile.mkdtemp(prefix="fasdip-outage-"))
    expected = reference(waves, work / "reference")
    print(f"mails: {sum(map(len, waves))}; replies expected (quiet run): {sum(expected.values())}")

    dovecot, smtp = new_dovecot(), SmtpServer(port=free_port())
    dovecot.start()
    smtp.start()
    user = "office@test.example"
    config = write_config(
        work / "run",
        imap={
            "host": "127.0.0.1",
            "port": dovecot.port,
            "security": "plain",
            "username": user,
            "password": dovecot.password,
            "timeout_seconds": 10,
        },
        smtp={
            "host": "127.0.0.1",
            "port": smtp.port,
            "security": "plain",
            "username": smtp.username,
            "password": smtp.password,
            "timeout_seconds": 10,
        },
    )
    service = fasdip("--config", str(config), "run")
    try:
        service = disrupt(waves[0], dovecot, smtp, user, config, service, args.kills)
        later = {str(message_from_bytes(raw)["Message-ID"]) for raw in waves[1]}
        first_wave = Counter({k: v for k, v in expected.items() if k not in later})
        ended = time.monotonic()
        waited = wait_until(smtp, first_wave, 300)
        print(f"first wave answered {waited:.1f} s after the SMTP server's return")
        client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
        client.login(user, dovecot.password)
        for raw in waves[1]:  # the mission's follow-up, once its case was answered
            client.append("INBOX", raw)
        client.logout()
        wait_until(smtp, expected, 300)
        time.sleep(5)  # anything sent twice would show now
        got = replied_to([m.data for m in smtp.messages])
        missing = expected - got
        extra = got - expected
        print(f"replies received: {sum(got.values())} (expected {sum(expected.values())})")
        print(f"missing: {sum(missing.values())} {sorted(missing)}")
        print(f"duplicated or unexpected: {sum(extra.values())} {sorted(extra)}")
        print(f"whole run after the outages: {time.monotonic() - ended:.0f} s")
    finally:
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=60)
        smtp.stop()
        remove_dovecot(dovecot)


def wait_until(smtp: SmtpServer, expected: Counter[str], seconds: float) -> float:
    """Seconds until every ``expected`` reply arrived (or ``seconds`` passed)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if not expected - replied_to([m.data for m in smtp.messages]):
            break
        time.sleep(0.2)
    return time.monotonic() - start


def disrupt(
    first: list[bytes],
    dovecot: object,
    smtp: SmtpServer,
    user: str,
    config: Path,
    service: subprocess.Popen[bytes],
    kills: int,
) -> subprocess.Popen[bytes]:
    """Deliver the mail while killing the service and stopping the servers; returns the
    service now running, right after the SMTP server's return."""
    from tests.servers import Dovecot

    assert isinstance(dovecot, Dovecot)
    time.sleep(8)  # up
    client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    client.login(user, dovecot.password)
    head = first[: len(first) * 2 // 3]
    every = max(len(head) // (kills + 1), 1)
    for index, raw in enumerate(head):
        client.append("INBOX", raw)
        time.sleep(0.3)
        if index % every == every - 1 and kills > 0:
            kills -= 1
            os.kill(service.pid, signal.SIGKILL)
            service.wait()
            print(f"  killed the service after mail {index + 1}")
            service = fasdip("--config", str(config), "run")
    client.logout()
    dovecot.stop()
    rest = first[len(first) * 2 // 3 :]
    for raw in rest[: len(rest) // 2]:
        dovecot.deliver(user, raw)
    print(f"  Dovecot stopped, {len(rest) // 2} mails delivered meanwhile")
    time.sleep(10)
    dovecot.start()
    smtp.stop()
    print("  Dovecot back; SMTP server down for 20 s")
    client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    client.login(user, dovecot.password)
    for raw in rest[len(rest) // 2 :]:
        client.append("INBOX", raw)
    client.logout()
    time.sleep(20)
    smtp.start()
    return service


if __name__ == "__main__":
    main()
