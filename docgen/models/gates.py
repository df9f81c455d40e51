"""The `gates:` section: a project's adjustments to the seed's gate rules.

The rules themselves, with the seed's defaults, belong to the gates use case
(`docgen/gates.py`); this section only records what a project changes and why:
rules switched off (each with a reason), internal-test areas required on top of the
default four, and the soft launch's share and tolerance.
"""

import re

from pydantic import Field, field_validator

from .base import Model, Text

# Every rule has an id "<gate>.<rule>"; the gates use case defines one check per id.
RULE_IDS = (
    "go.decided",
    "go.customer-decides",
    "go.concept-released",
    "go.sow-exists",
    "go.sow-signed",
    "go.charter-goals",
    "implementation-done.checklist-done",
    "implementation-done.internal-test-areas",
    "implementation-done.internal-tests-passed",
    "launch.checklist-done",
    "launch.qa-recheck",
    "launch.acceptance-on-live",
    "launch.test-protocol-signed",
    "launch.soft-launch",
    "launch.go-live",
    "launch.ticket-process-tested",
    "close.checklist-done",
    "close.technical-documentation-final",
    "close.lessons-learned-final",
    "close.internal-retrospective",
)

DEFAULT_INTERNAL_TEST_AREAS = ("Load balancing", "Database cluster", "Automated tests", "Load tests")
"""The seed's internal approval: "Loadbalancing, MySQL-Cluster, automated tests, jmeter tests"."""
DEFAULT_SOFT_LAUNCH_SHARE = 5.0
"""The seed's soft launch: "only a limited number of users (ca. 5%)"."""
DEFAULT_SOFT_LAUNCH_TOLERANCE = 2.0


class RuleOff(Model):
    """A gate rule this project does not apply, and why."""

    rule: str = Field(json_schema_extra={"enum": list(RULE_IDS)})  # editors offer the ids
    """The rule's id, e.g. `launch.soft-launch` (`docgen gates --explain` lists them)."""
    reason: Text = Field(min_length=3)
    """Why the rule does not apply here; shown by `docgen gates --explain`."""

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, value: str) -> str:
        if value in RULE_IDS:
            return value
        import difflib  # for the hint only: a known rule never needs it

        close = difflib.get_close_matches(value, RULE_IDS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "docgen gates --explain lists the rules"
        raise ValueError(f"no gate rule '{value}' ({hint})")


class Gates(Model):
    """Per-project adjustments of the gate rules; empty means the seed's defaults."""

    switched_off: list[RuleOff] = Field(default_factory=list)
    """Rules switched off for this project, each with a reason."""
    internal_test_areas: list[Text] = Field(default_factory=list)
    """Internal-test areas required in addition to load balancing, database cluster,
    automated tests and load tests."""
    soft_launch_share: float | None = Field(None, gt=0, le=100)
    """The share of users (percent) a soft launch should reach; default 5."""
    soft_launch_tolerance: float | None = Field(None, ge=0, le=100)
    """How far (percentage points) the actual share may be from it; default 2."""

    def is_off(self, rule: str) -> RuleOff | None:
        return next((switch for switch in self.switched_off if switch.rule == rule), None)


def area_key(area: str) -> str:
    """'Database cluster (MySQL/Galera)' -> 'database cluster': an area named with a remark
    in brackets still counts for the area it names."""
    return re.sub(r"\s*\(.*?\)\s*", " ", area).strip().casefold()
