"""The one shape every field's unit returns: a value and how it was found (as Fundus does)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A field's value and the step that produced it.

    ``how`` is ``step:source`` (``structured:json-ld headline``, ``site:<h1>``,
    ``generic:trafilatura``), ``""`` when no step filled the field; it becomes the field's
    provenance. ``warnings`` are what the unit saw and did not trust (a date it could not
    read), in the order it saw them.
    """

    value: T
    how: str = ""
    warnings: tuple[str, ...] = ()
