"""`staff.yaml`: the roster of who may do what."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr, StringConstraints, field_validator

from newsdesk.models.common import OneLine, ShortId, Slug
from newsdesk.models.enums import StaffRole

Email = Annotated[StrictStr, StringConstraints(
    pattern=r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+$")]


class StaffMember(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: Slug
    name: OneLine
    email: Email = Field(description="Matched against git's user.email.")
    role: StaffRole
    desk: ShortId
    title: OneLine | None = None
    bio: StrictStr | None = None


class Roster(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    staff: list[StaffMember] = Field(default_factory=list)

    @field_validator("staff")
    @classmethod
    def _unique(cls, staff: list[StaffMember]) -> list[StaffMember]:
        ids: set[str] = set()
        emails: set[str] = set()
        for member in staff:
            if member.id in ids:
                raise ValueError(f"staff id {member.id!r} is listed twice")
            if member.email.casefold() in emails:
                raise ValueError(f"email {member.email!r} is listed twice")
            ids.add(member.id)
            emails.add(member.email.casefold())
        return staff

    def by_id(self, staff_id: str) -> StaffMember | None:
        return next((m for m in self.staff if m.id == staff_id), None)

    def by_email(self, email: str) -> StaffMember | None:
        wanted = email.strip().casefold()
        return next((m for m in self.staff if m.email.casefold() == wanted), None)
