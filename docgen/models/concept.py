"""Customer Implementation Concept: a living document with revision history."""

from typing import Any

from pydantic import Field, model_validator

from .base import Date, DocumentInfo, Language, Markdown, Model, PersonRef, Text


class Revision(Model):
    version: Text
    """Version number of this revision of the concept, e.g. 0.3."""
    date: Date
    """Date of the revision (YYYY-MM-DD)."""
    author: PersonRef
    """Id of the person who wrote the revision."""
    summary: Text
    """What changed in this revision."""


class Component(Model):
    name: Text
    """Name of the component in the project's language, e.g. 'Mail system' or 'Calendar server'."""
    details: Markdown = ""
    """What the customer runs and how it is integrated (Markdown); empty: not evaluated yet."""


class Environment(Model):
    """The evaluated customer environment (technology transfer), one component at a time."""

    components: list[Component] = Field(default_factory=list)
    """The parts of the customer's environment, in order; the workshop's technology transfer follows them."""


# The environment's former shape: four fixed parts and `other: [{name, description}]`.
# Such a file still loads, its parts becoming components named in the project's language
# (a test keeps these names equal to the locale labels `docgen init` writes).
LEGACY_PARTS = {
    "mail_system": {"en": "Mail system", "de": "Mailsystem"},
    "load_balancer": {"en": "Load balancer", "de": "Loadbalancer"},
    "storage": {"en": "Storage", "de": "Speicher"},
    "provisioning": {"en": "Provisioning", "de": "Provisionierung"},
}


def with_environment_components(data: Any) -> Any:
    """Project data whose `concept.environment` in the former shape is rewritten as
    `components` (parts nobody described are left out, as they were); other data as is."""
    concept = data.get("concept") if isinstance(data, dict) else None
    environment = concept.get("environment") if isinstance(concept, dict) else None
    if not isinstance(environment, dict) or not {*LEGACY_PARTS, "other"} & environment.keys():
        return data
    info = data.get("project")
    language = info.get("language") if isinstance(info, dict) else None
    known = language in {member.value for member in Language}
    components = legacy_components(environment, language if known else Language.en.value)
    rest = {k: v for k, v in environment.items() if k not in LEGACY_PARTS and k not in ("other", "components")}
    upgraded = {**rest, "components": [*components, *(environment.get("components") or [])]}
    return {**data, "concept": {**concept, "environment": upgraded}}


def legacy_components(environment: dict[str, Any], language: str) -> list[Any]:
    """The four parts that have text, then the `other` components (description -> details)."""
    parts = [{"name": names[language], "details": text} for key, names in LEGACY_PARTS.items()
             if isinstance(text := environment.get(key), str) and text.strip()]
    others = environment.get("other") or []
    if not isinstance(others, list):
        return [*parts, others]  # a wrong shape stays wrong, for the validation to report
    return parts + [_renamed(o, "description", "details") for o in others]


def _renamed(item: Any, old: str, new: str) -> Any:
    if not isinstance(item, dict) or old not in item:
        return item
    return {(new if key == old else key): value for key, value in item.items()}


class Section(Model):
    title: Text
    """Heading of the section."""
    body: Markdown = ""
    """Text of the section (Markdown)."""


class Concept(Model):
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """Version, status, date and author of the Implementation Concept."""
    revisions: list[Revision] = Field(default_factory=list)
    """Revision history of this living document, oldest first."""
    environment: Environment = Field(default_factory=Environment)
    """The evaluated customer environment."""
    architecture: Markdown = ""
    """The agreed architecture and integration (Markdown)."""
    sections: list[Section] = Field(default_factory=list)
    """Further sections of the concept, in order."""

    @model_validator(mode="after")
    def _revisions_in_date_order(self) -> "Concept":
        dates = [r.date for r in self.revisions]
        if dates != sorted(dates):
            raise ValueError("revisions must be listed oldest first")
        return self
