"""Located, translatable problems: SourceRef, SiteError, the SiteErrors bundle raised once, SiteWarning."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A place in a volunteer's file: a project-relative POSIX path and a 1-based line."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True, slots=True)
class SiteError:
    """One problem in the content: where it is, which message key, and the message's values."""

    ref: SourceRef
    key: str
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SiteWarning:
    """Something that hurts sales or privacy but does not stop the build; located like a SiteError."""

    ref: SourceRef
    key: str
    args: Mapping[str, Any] = field(default_factory=dict)


class SiteErrors(Exception):
    """Every problem found by a stage, raised together so the volunteer sees them all at once."""

    def __init__(self, errors: list[SiteError], language: str | None = None):
        """`language` is the site's, when it could be read although the stage failed (site.yaml's
        other settings wrong): the errors are then reported in it."""
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = sorted(errors, key=lambda e: (e.ref.path, e.ref.line, e.key))
        self.language = language


class FieldProblem(ValueError):
    """Raised by pure field parsers; the caller adds the location and turns it into a SiteError."""

    def __init__(self, key: str, **args: Any):
        super().__init__(key)
        self.key = key
        self.args_ = args


class ErrorBag:
    """Collects SiteErrors during one stage; `raise_if_any` aborts with all of them."""

    def __init__(self) -> None:
        self.errors: list[SiteError] = []

    def add(self, ref: SourceRef, message: str, **args: Any) -> None:
        """Record one problem at `ref`; `message` is the key of its strings."""
        self.errors.append(SiteError(ref, message, args))

    def extend(self, errors: list[SiteError]) -> None:
        """Record problems found elsewhere."""
        self.errors.extend(errors)

    def raise_if_any(self) -> None:
        """Abort the stage when anything was recorded."""
        if self.errors:
            raise SiteErrors(self.errors)
