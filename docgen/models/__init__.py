"""The data model of `project.yaml`. Pure pydantic: no file I/O, no Office libraries."""

from .approval import Contact, LessonAction, LessonsLearned, System, TechnicalDocumentation, TestAccount
from .base import Date, DocumentInfo, DocumentStatus, Language, Phase, Side, Stage
from .change_requests import ChangeRequest, ChangeRequestStatus, PackageLine, ScopeTotals, WorkPackageChange
from .charter import Charter, Milestone, Organisation, Responsibility, Scope, StatusCall
from .concept import Component, Concept, Environment, Revision, Section
from .early_steps import DemoFormat, Initialization, Outcome, ProofOfConcept, TechnicalDemo, Training
from .effort import Booking, Effort
from .gates import Gates, RuleOff
from .launch import Launch, SoftLaunch, SupportHandover
from .meetings import Action, Meeting, MeetingKind
from .people import Person
from .project import SCHEMA_VERSION, Branding, Decision, Party, Project, ProjectInfo
from .refs import ReferenceProblem, find_reference_problems
from .requirements import Requirement, Status
from .retrospective import InternalRetrospective
from .signoff import Signature
from .sow import Sow, WorkPackage
from .status_reports import Impact, Risk, StatusReport, TrafficLight
from .testing import TestCase, TestResult, TestRun, Tests
from .workshop import InitialWorkshop, Topic, Workshop

__all__ = [name for name in dir() if not name.startswith("_")]
