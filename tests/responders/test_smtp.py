"""Sending through a real SMTP server (aiosmtpd on loopback): plain with AUTH, STARTTLS,
implicit TLS, a refused login and a server that is down; and the .eml folder mailer."""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from config.settings import SmtpSettings
from responders.smtp import FolderMailer, SendError, SmtpMailer
from tests.servers import Received, SmtpServer, _Handler, free_port, smtp_server

__all__ = ["smtp_server"]
MESSAGE = b"From: a@x\r\nTo: b@y\r\nSubject: t\r\nMessage-ID: <FASDIP-2026-000001.r1@f.example>\r\n\r\nhi\r\n"


def settings_for(port: int, **kw: object) -> SmtpSettings:
    values: dict[str, object] = {
        "host": "127.0.0.1",
        "port": port,
        "security": "plain",
        "timeout_seconds": 5,
    }
    values.update(kw)
    return SmtpSettings.model_validate(values)


def test_plain_with_auth(smtp_server: SmtpServer) -> None:
    mailer = SmtpMailer(
        settings_for(smtp_server.port, username=smtp_server.username, password=smtp_server.password)
    )
    mailer.send("a@x", ["b@y"], MESSAGE)
    [got] = smtp_server.messages
    assert got.recipients == ["b@y"] and got.data.replace(b"\r\n", b"\n") == MESSAGE.replace(
        b"\r\n", b"\n"
    )


def test_wrong_password_and_server_down_raise_send_error(smtp_server: SmtpServer) -> None:
    with pytest.raises(SendError):
        SmtpMailer(
            settings_for(
                smtp_server.port, username=smtp_server.username, password="wrong", timeout_seconds=1
            )
        ).send("a@x", ["b@y"], MESSAGE)
    with pytest.raises(SendError, match=r"127\.0\.0\.1"):
        SmtpMailer(settings_for(free_port())).send("a@x", ["b@y"], MESSAGE)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture(params=["starttls", "tls"])
def tls_server(
    request: pytest.FixtureRequest, certificate: tuple[Path, Path]
) -> Iterator[tuple[str, int, list[Received], ssl.SSLContext]]:
    cert, key = certificate
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    messages: list[Received] = []
    port = free_port()
    if request.param == "starttls":
        controller = Controller(
            _Handler(messages),
            hostname="127.0.0.1",
            port=port,
            tls_context=server_ctx,
            require_starttls=True,
        )
    else:
        controller = Controller(
            _Handler(messages), hostname="127.0.0.1", port=port, ssl_context=server_ctx
        )
    controller.start()
    client_ctx = ssl.create_default_context(cafile=str(cert))
    yield request.param, port, messages, client_ctx
    controller.stop()


def test_tls_and_starttls(tls_server: tuple[str, int, list[Received], ssl.SSLContext]) -> None:
    security, port, messages, context = tls_server
    SmtpMailer(settings_for(port, security=security), context=context).send("a@x", ["b@y"], MESSAGE)
    assert len(messages) == 1
    with pytest.raises(SendError):  # an untrusted certificate is refused
        SmtpMailer(settings_for(port, security=security)).send("a@x", ["b@y"], MESSAGE)


def test_folder_mailer_names_files_by_message_id(tmp_path: Path) -> None:
    mailer = FolderMailer(tmp_path / "outbox")
    mailer.send("a@x", ["b@y"], MESSAGE)
    mailer.send("a@x", ["b@y"], MESSAGE)  # a retry after a crash: the same file
    [path] = list((tmp_path / "outbox").iterdir())
    assert path.name == "FASDIP-2026-000001.r1@f.example.eml"
    assert path.read_bytes() == MESSAGE
