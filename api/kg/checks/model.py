"""What a check produces: a Finding names the shape, the node, where the document says it, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from api.kg.checks.paths import Path

SH = "http://www.w3.org/ns/shacl#"


class Severity(StrEnum):
    """SHACL severities, ordered from broken structure to worth knowing."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> str:
        return SH + self.value

    @property
    def label_nl(self) -> str:
        return {"Violation": "Fout", "Warning": "Waarschuwing", "Info": "Ter informatie"}[self.value]

    @property
    def rank(self) -> int:
        return {"Violation": 0, "Warning": 1, "Info": 2}[self.value]

    @classmethod
    def from_iri(cls, iri: str) -> Severity:
        local = iri.removeprefix(SH)
        try:
            return cls(local)
        except ValueError:
            return cls.VIOLATION


@dataclass(frozen=True)
class Source:
    """Where the document says it: the plan (id, title) and its section number(s)."""

    document: str | None = None
    title: str | None = None
    section: str | None = None


@dataclass(frozen=True)
class RawResult:
    """One SHACL validation result before it is tied to labels and sources; also what pySHACL yields."""

    shape: str
    component: str
    severity: Severity
    focus: str
    path: str | None = None
    value: str | None = None
    value_is_iri: bool = False
    messages: tuple[tuple[str, str], ...] = ()  # (language, text) after placeholder substitution
    constraint: str | None = None
    focus_term: str = ""  # the exact terms in N-Triples, for comparisons where literals and blank nodes matter
    value_term: str | None = None
    path_node: Path | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str, str | None, str | None, str]:
        """What two engines must agree on: (shape, focus, path, value, severity), terms exact."""
        return (self.shape, self.focus_term, self.path, self.value_term, self.severity.value)

    def message(self, language: str) -> str:
        texts = dict(self.messages)
        return texts.get(language) or texts.get("") or next(iter(texts.values()), "")


LEVEL_NAMES = {
    0: "plan, missie en visie",
    1: "kernelement",
    2: "doelstelling",
    3: "actie",
    4: "cijfer",
    5: "overig",
}


@dataclass(frozen=True)
class Finding:
    """A validation result as a policy officer reads it: node, label, message and source section."""

    shape: str
    severity: Severity
    focus: str
    label: str
    path: str | None
    value: str | None
    message: str
    message_en: str
    source: Source = field(default_factory=Source)
    value_is_iri: bool = False
    plans: tuple[str, ...] = ()  # every plan the focus node belongs to (IRI under the plan, or a source in it)
    path_node: Path | None = field(default=None, compare=False)
    level: int = 5  # 0 plan, missie, visie; 1 kernelement; 2 doelstelling; 3 actie; 4 cijfer; 5 other
    head: str = ""  # the kernelement (opgave, focuspunt, …) the focus node falls under, if any
    head_label: str = ""

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES.get(self.level, "overig")

    @property
    def key(self) -> tuple[str, str, str | None, str | None, str]:
        return (self.shape, self.focus, self.path, self.value, self.severity.value)

    def belongs_to(self, plan: str) -> bool:
        return plan in self.plans

    def as_json(self) -> dict[str, object]:
        return {
            "shape": self.shape,
            "severity": self.severity.value,
            "focus": self.focus,
            "label": self.label,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "source": {"document": self.source.document, "title": self.source.title, "section": self.source.section},
            "level": self.level,
            "levelName": self.level_name,
            "under": {"iri": self.head, "label": self.head_label} if self.head else None,
        }
