"""Types shared by the models."""

from __future__ import annotations

from typing import Annotated

from pydantic import StrictStr, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Slug = Annotated[StrictStr, StringConstraints(pattern=SLUG_PATTERN, min_length=3, max_length=80)]
"""A story, desk or staff id: lowercase ASCII words joined by single hyphens."""

ShortId = Annotated[StrictStr, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=80)]
"""A desk or tag id, which may be short (`us`, `eu`)."""

Text = Annotated[StrictStr, StringConstraints(min_length=1)]
"""Non-empty text."""

OneLine = Annotated[StrictStr, StringConstraints(min_length=1, pattern=r"^[^\x00-\x1f\x7f]*$")]
"""Text without newlines or control characters: names and emails reach git as author fields."""
