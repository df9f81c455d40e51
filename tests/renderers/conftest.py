"""Fixtures for the DOCX renderers: projects, rendered sets, text extraction, PDFs."""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from docx import Document

from docgen.models import Project
from docgen.renderers import RenderOptions, get_renderer

DOCX_RENDERERS = ["charter", "workshop-agenda", "implementation-concept", "sow", "meeting-minutes", "status-report"]
# The Approval-phase documents.
APPROVAL_RENDERERS = {name: get_renderer(name) for name in ("technical-documentation", "lessons-learned")}
STAMP = dt.datetime(2026, 3, 2, tzinfo=dt.timezone.utc)
TODAY = dt.date(2026, 11, 27)

# Text that must come out exactly as written, wherever the user can type it.
TRICKY = 'R&D <team> "Q&A" \'x\''
FORMULA = "=SUM(A1)"
JINJA = "{{ 7*7 }} {% if x %}y{% endif %} {_{ z }_}"
# In Markdown fields `_{ z }_` is emphasis, as in any Markdown; the rest is verbatim.
JINJA_MD = "{{ 7*7 }} {% if x %}y{% endif %} {_{z"
ARABIC = "مرحبا بالعالم"
EMOJI = "Launch 🚀 done ✅"


def png_bytes(width: int = 40, height: int = 20) -> bytes:
    """A tiny valid PNG (solid colour), so tests need no image library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    row = b"\x00" + b"\x1f\x4e\x79" * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


def tricky_data(logo: str | None = None) -> dict:
    """A small project whose texts hold everything that could be mistaken for markup."""
    people = [
        {"id": "cust", "name": f"{ARABIC} {TRICKY}", "side": "customer", "role": FORMULA, "email": "c@x.example"},
        {"id": "vend", "name": f"Vera {EMOJI}", "side": "vendor", "role": JINJA, "phone": "+49 1"},
    ]
    return {
        "schema_version": 1,
        "project": {"id": "tricky", "title": f"Title {TRICKY}", "customer": {"name": f"Cust {TRICKY}", "logo": logo},
                    "vendor": {"name": f"Vend {EMOJI}", "logo": logo}, "start": "2026-03-02"},
        "branding": {"primary_color": "#FFD700", "confidentiality": f"Conf {TRICKY}"},
        "people": people,
        "charter": {
            "background": f"Para with **bold** and *italic* and [a link](https://example.com/a?b=1&c=2).\n\n"
                          f"- bullet {TRICKY}\n- bullet {JINJA_MD}\n\n1. first {FORMULA}\n2. second {ARABIC}",
            "goals": [TRICKY, FORMULA, JINJA, ARABIC, EMOJI],
            "scope": {"in": [f"in {TRICKY}"], "out": [f"out {JINJA}"]},
            "responsibilities": [{"activity": f"act {TRICKY}", "responsible": ["cust"], "accountable": "vend"}],
            "milestones": [{"id": "M1", "title": f"ms {JINJA}", "date": "2026-04-01", "phase": "initialization",
                            "description": FORMULA}],
            "organisation": {"documentation": f"doc {TRICKY}",
                             "status_call": {"weekday": "Monday", "channel": f"chan {EMOJI}"}},
            "signatories": ["cust", "vend"],
        },
        "workshop": {"date": "2026-03-10", "location": f"loc {TRICKY}", "goals": [JINJA],
                     "attendees": ["cust", "vend"]},
        "concept": {"revisions": [{"version": "0.1", "date": "2026-03-20", "author": "vend", "summary": JINJA}],
                    "environment": {"components": [{"name": f"mail {TRICKY}", "details": f"mail {TRICKY}"},
                                                    {"name": f"comp {EMOJI}"}]},
                    "architecture": f"arch {ARABIC}", "sections": [{"title": f"sec {FORMULA}", "body": JINJA}]},
        "sow": {"day_rate": 1000, "reference": f"ref {TRICKY}",
                "work_packages": [{"id": "WP-1", "title": f"wp {TRICKY}", "effort_days": 2.5,
                                   "description": f"desc {JINJA}", "deliverables": [EMOJI]}],
                "assumptions": [FORMULA], "exclusions": [ARABIC], "acceptance": [JINJA],
                "payment_terms": f"pay **{TRICKY}**"},
        "requirements": [{"id": "R-1", "title": f"req {TRICKY}", "side": "customer", "responsible": "cust",
                          "notes": JINJA}],
        "meetings": [
            {"id": "m1", "date": "2026-03-05", "title": f"first {TRICKY}", "attendees": ["cust", "vend"],
             "topics": [JINJA], "decisions": [ARABIC],
             "actions": [{"title": f"carry {EMOJI}", "responsible": "vend", "due": "2026-03-09",
                          "requirement": "R-1"}]},
            {"id": "m2", "date": "2026-03-12", "kind": "review", "attendees": ["cust"], "topics": [FORMULA],
             "actions": [{"title": f"act {TRICKY}", "responsible": "cust"}]},
        ],
        **approval_data(),
    }


def approval_data() -> dict:
    """Launch, technical documentation and lessons learned of the tricky project."""
    return {
        "launch": {"soft_launch": {"percent": 2.5, "date": "2026-05-04"}, "go_live": "2026-06-01",
                   "support_handover": {"date": "2026-05-20", "contact": "vend", "notes": f"handover {JINJA}"}},
        "technical_documentation": {
            "overview": f"Overview **{TRICKY}**\n\n- item {JINJA_MD}",
            "systems": [{"name": f"sys {TRICKY}", "role": FORMULA, "host": ARABIC, "version": EMOJI, "notes": JINJA}],
            "test_accounts": [{"login": f"login {TRICKY}", "purpose": JINJA, "credential": "vault:{{7*7}}&<x>"}],
            "contacts": [{"person": "cust", "responsibility": f"resp {JINJA}"}],
        },
        "lessons_learned": {"retrospective_date": "2026-05-29", "went_well": [TRICKY, EMOJI], "to_improve": [JINJA],
                            "actions": [{"title": f"lesson {FORMULA}", "responsible": "cust", "due": "2026-06-30"}]},
        "status_reports": [{"date": "2026-05-29", "overall": "amber", "overall_reason": f"why {TRICKY}",
                            "highlights": [TRICKY, EMOJI], "decisions_needed": [JINJA], "next_steps": [ARABIC],
                            "risks": [{"title": f"risk {FORMULA}", "owner": "cust", "impact": "high",
                                       "mitigation": JINJA}]}],
    }


def options(project_dir: Path = Path("."), **kwargs) -> RenderOptions:
    return RenderOptions(project_dir=project_dir, timestamp=STAMP, today=TODAY, **kwargs)


def render_all(project: Project, opts: RenderOptions) -> dict[str, list]:
    outputs = {name: get_renderer(name).render(project, opts) for name in DOCX_RENDERERS}
    return outputs | {name: renderer.render(project, opts) for name, renderer in APPROVAL_RENDERERS.items()}


def markdown_plain(text: str) -> list[str]:
    """The words of a Markdown text without its markers, line by line."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"[*_`]{1,2}", "", text)
    lines = [re.sub(r"^\s*(?:[-+]|\d+[.)])\s+", "", line).strip() for line in text.splitlines()]
    return [line for line in lines if line]


def document_text(data: bytes) -> str:
    """All text of a DOCX: body paragraphs and tables (nested), headers and footers."""
    document = Document(io.BytesIO(data))
    lines = list(_story_text(document))
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            lines += list(_story_text(part))
    return "\n".join(lines)


def _story_text(story):
    for block in story.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    yield from _story_text(cell)
        else:
            yield block.text


@pytest.fixture(scope="session")
def sample_outputs(sample_project) -> dict[str, list]:
    return render_all(sample_project, options(Path("samples/mail-migration")))


@pytest.fixture(scope="session")
def tricky_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("tricky")
    (directory / "logo.png").write_bytes(png_bytes())
    return directory


@pytest.fixture(scope="session")
def tricky_project() -> Project:
    return Project.model_validate(tricky_data(logo="logo.png"))


@pytest.fixture(scope="session")
def tricky_outputs(tricky_project, tricky_dir) -> dict[str, list]:
    return render_all(tricky_project, options(tricky_dir))


@pytest.fixture(scope="session")
def german_outputs(sample_project) -> dict[str, list]:
    from docgen.models import Language

    return render_all(sample_project, options(Path("samples/mail-migration"), language=Language.de))


@pytest.fixture(scope="session")
def all_pdfs(sample_outputs, tricky_outputs, german_outputs, tmp_path_factory) -> dict[str, Path]:
    """Every rendered DOCX converted to PDF in one LibreOffice run (CI time matters)."""
    from tests.conftest import convert_with_soffice, require_soffice

    require_soffice()
    directory = tmp_path_factory.mktemp("docx-pdf")
    files = []
    for prefix, outputs in (("en", sample_outputs), ("tricky", tricky_outputs), ("de", german_outputs)):
        for output in (o for outs in outputs.values() for o in outs):
            path = directory / f"{prefix}-{output.filename}"
            path.write_bytes(output.data)
            files.append(path)
    pdfs = convert_with_soffice(files, "pdf", directory / "pdf")
    return {path.name: pdf for path, pdf in zip(files, pdfs)}
