"""The office's decisions as typed data: requirements, keywords and message wording.

Each YAML file is read into pydantic models and checked at start-up: a broken file
stops the program with one ``ConfigError`` line naming the file and the key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from config.settings import Settings, describe_validation_error
from config.yamltext import YamlSyntaxError, parse_yaml_kept
from fasdip.errors import ConfigError
from fasdip.models import (
    ApplicantCategory,
    Decision,
    DocumentType,
    FileFormat,
    FindingCode,
    RequestType,
    Severity,
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- requirements.yaml


class Rules(_Strict):
    max_file_bytes: int = Field(gt=0)
    regional_visit_min_working_days: int = Field(ge=0)
    renewal_max_days_after_expiry: int = Field(ge=0)
    passport_warn_months: int = Field(ge=0)
    id_card_min_age: int = Field(ge=0)


class DocumentSpec(_Strict):
    name_id: str
    name_en: str
    formats: list[FileFormat] = Field(min_length=1)
    max_bytes: int | None = Field(default=None, gt=0)  # None: rules.max_file_bytes


class DetailSpec(_Strict):
    severity: Severity
    name_id: str
    name_en: str


class RequestTypeSpec(_Strict):
    name_id: str
    name_en: str
    on_complete: Decision
    officer_checked: bool = False
    categories: dict[ApplicantCategory, list[DocumentType]]
    details: list[str] = Field(default_factory=list)
    # The request to send instead, in a new email, when this one is too late (a pass that
    # expired past the renewal window is applied for as new).
    too_late_apply_as: RequestType | None = None

    @model_validator(mode="after")
    def _both_categories(self) -> RequestTypeSpec:
        missing = [c.value for c in ApplicantCategory if c not in self.categories]
        if missing:
            raise ValueError(f"categories: add {', '.join(missing)}")
        return self


class Requirements(_Strict):
    rules: Rules
    documents: dict[DocumentType, DocumentSpec]
    details: dict[str, DetailSpec]
    request_types: dict[RequestType, RequestTypeSpec]
    combinable: dict[RequestType, list[list[DocumentType]]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _complete_and_consistent(self) -> Requirements:
        for code in DocumentType:
            if code not in self.documents:
                raise ValueError(f"documents.{code.value}: missing entry")
        for rtype in RequestType:
            if rtype not in self.request_types:
                raise ValueError(f"request_types.{rtype.value}: missing entry")
        for rtype, spec in self.request_types.items():
            for detail in spec.details:
                if detail not in self.details:
                    raise ValueError(
                        f"request_types.{rtype.value}.details: '{detail}' is not under details"
                    )
        return self

    def max_bytes(self, document: DocumentType) -> int:
        return self.documents[document].max_bytes or self.rules.max_file_bytes

    def required(self, request: RequestType, category: ApplicantCategory) -> list[DocumentType]:
        return list(self.request_types[request].categories[category])


# --------------------------------------------------------------------------- keywords.yaml


class DocumentCues(_Strict):
    filename: dict[float, list[str]] = Field(default_factory=dict)
    text: dict[float, list[str]] = Field(default_factory=dict)


# Alike in shape to Rules (numbers >= 0), deliberately: field declarations of two files
# (keywords.yaml, requirements.yaml) that mean different things; no logic repeats.
class SourceWeights(_Strict):
    subject: float = Field(ge=0)
    body: float = Field(ge=0)
    note: float = Field(ge=0)
    attachment: float = Field(ge=0)


class RosterKeywords(_Strict):
    """Words next to a name in a note or mail that say the person is not applying."""

    not_applicant_before: list[str] = Field(default_factory=list)  # "his spouse", "to meet"
    not_applicant_after: list[str] = Field(default_factory=list)  # "wife of", "Governor of"
    closings: list[str] = Field(default_factory=list)  # names shortly after these sign
    # Words that make a "Given SURNAME" run no person's name ("Republik INDONESIA").
    not_names: list[str] = Field(default_factory=list)
    # Words for whom the request is ("for", "atas nama"): nearer a name than a role word,
    # they keep that person an applicant ("a pass for Mr. A to meet ... Mr. B": A applies).
    for_whom: list[str] = Field(default_factory=list)
    # Words that tie a name to the next one ("Mrs. A, spouse of Mr. B"): the person named
    # after them is who the first is related to, not applying; the first applies when the
    # request is for them ("an identity card for Mrs. A, spouse of Mr. B": A applies).
    relations: list[str] = Field(default_factory=list)


class Keywords(_Strict):
    source_weights: SourceWeights
    request_types: dict[RequestType, dict[float, list[str]]]
    documents: dict[DocumentType, DocumentCues]
    categories: dict[ApplicantCategory, list[str]]
    details: dict[str, list[str]]
    months: dict[int, list[str]]
    filename_noise: list[str] = Field(default_factory=list)
    automatic_subjects: list[str] = Field(default_factory=list)
    automatic_senders: list[str] = Field(default_factory=list)
    specialises: dict[RequestType, RequestType] = Field(default_factory=dict)
    # A question about an earlier request (its status, whether it is ready): in the subject
    # or body of a mail with no diplomatic note, the mail is ``other`` whatever pass words
    # it repeats ("the status of the applications for new airport passes for X and Y").
    questions: list[str] = Field(default_factory=list)
    roster: RosterKeywords = Field(default_factory=RosterKeywords)

    @model_validator(mode="after")
    def _months(self) -> Keywords:
        if sorted(self.months) != list(range(1, 13)):
            raise ValueError("months: give names for each month 1 to 12")
        return self


# --------------------------------------------------------------------------- messages.yaml


class MessageText(_Strict):
    id: str
    en: str


class MessageSpec(_Strict):
    severity: Severity
    id: str
    en: str
    # Other words when the file is of one of these formats ("a Word document", not a format)
    by_format: dict[FileFormat, MessageText] = Field(default_factory=dict)


class Messages(_Strict):
    findings: dict[FindingCode, MessageSpec]

    @model_validator(mode="after")
    def _every_code(self) -> Messages:
        for code in FindingCode:
            if code not in self.findings:
                raise ValueError(f"findings.{code.value}: missing entry")
        return self


# --------------------------------------------------------------------------- loading

_M = TypeVar("_M", bound=BaseModel)


def _load_yaml(path: Path, model: type[_M], cache_dir: Path | None) -> _M:
    try:
        data: Any = parse_yaml_kept(path.read_text(encoding="utf-8"), cache_dir)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror}); check the path setting") from exc
    except YamlSyntaxError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})".replace("\n", " ")) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(describe_validation_error(exc, str(path))) from exc


class OfficeConfig(_Strict):
    requirements: Requirements
    keywords: Keywords
    messages: Messages


def load_office(settings: Settings) -> OfficeConfig:
    """Read and check the three YAML files named by ``settings`` (their parsed values kept
    in the cache folder, ``ocr.template_cache_dir``: ``config.yamltext.parse_yaml_kept``)."""
    kept = settings.ocr.template_cache_dir
    return OfficeConfig(
        requirements=_load_yaml(settings.requirements_file, Requirements, kept),
        keywords=_load_yaml(settings.keywords_file, Keywords, kept),
        messages=_load_yaml(settings.messages_file, Messages, kept),
    )
