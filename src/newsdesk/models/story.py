"""The story front matter, exactly as the contract lists its fields."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    StringConstraints,
)

from newsdesk.models.common import ShortId, Slug, Text
from newsdesk.models.enums import PersonRole, Status


def _representable(value: dt.datetime) -> dt.datetime:
    """A moment every command can show and compare: in years 1000 to 9000, and still a
    valid date once converted to UTC (0001-01-01T00:00+05:00 is not). A far-off embargo
    (2999) is fine."""
    try:
        utc = value.astimezone(dt.UTC)
    except OverflowError:
        raise ValueError("is outside the dates newsdesk can show (years 1000 to 9000)") from None
    if not 1000 <= utc.year <= 9000:
        raise ValueError("is outside the dates newsdesk can show (years 1000 to 9000)")
    return value


Moment = Annotated[AwareDatetime, AfterValidator(_representable)]
LanguageTag = Annotated[StrictStr, StringConstraints(
    pattern=r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$", max_length=35)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Image(_Strict):
    """A photo. Caption, credit and alt text are checked by the `photo-credit` rule, not here,
    so that a missing credit is reported as that rule's finding with its editorial reason."""

    src: Text = Field(description="Path or URL of the image file.")
    caption: StrictStr | None = None
    credit: StrictStr | None = Field(None, description="Photographer/agency, e.g. 'Name/AFP'.")
    alt: StrictStr | None = Field(None, description="Alt text for readers using screen readers.")


class Person(_Strict):
    """Someone who appears in the story. Soldiers: first name only, plus a callsign."""

    name: Text
    callsign: StrictStr | None = None
    role: PersonRole
    title: StrictStr | None = Field(None, description="Civilian title, e.g. 'Kremlin spokesman'.")


class AnonymousSource(_Strict):
    description: Text = Field(description="How the body refers to the source.")
    justification: StrictStr | None = Field(None, description="Why the source is not named.")


class Correction(_Strict):
    date: Moment | dt.date
    text: Text


class Story(_Strict):
    """A story's front matter."""

    id: Slug = Field(description="Equals the file name without `.md`; unique in the newsroom.")
    status: Status
    headline: Text
    dek: StrictStr | None = Field(None, description="Standfirst shown under the headline.")
    desk: ShortId
    byline: list[Slug] = Field(min_length=1, description="Staff ids from staff.yaml.")
    created: Moment
    updated: Moment
    published_at: Moment | None = None
    embargo_until: Moment | None = None
    tags: list[Text] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list, description="The first is the lead image.")
    people: list[Person] = Field(default_factory=list)
    editor_note: StrictStr | None = None
    anonymous_sources: list[AnonymousSource] = Field(default_factory=list)
    related: list[StrictStr] = Field(default_factory=list, description="Ids of other stories.")
    language: LanguageTag | None = Field(
        None, description="IETF tag of the story's language (en, uk, ...); default: "
                          "newsdesk.yaml's `language`.")
    translation_of: Slug | None = Field(
        None, description="The id of the story this one translates (people must agree).")
    corrections: list[Correction] = Field(default_factory=list)
    kill_reason: StrictStr | None = Field(
        None, description="Why the story was killed (set by `newsdesk kill`).")
