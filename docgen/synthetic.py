"""Large synthetic projects for benchmarks and tests.

`synthetic_project()` returns plain data (dicts, lists, str, int, float, bool and
`datetime.date`) that `Project.model_validate` accepts and `yaml.safe_dump` can write:
money and effort are ints or floats with at most two decimals. The result is
deterministic for a seed, and every id it refers to exists.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

START = dt.date(2026, 1, 5)
PROJECT_DAYS = 420

FIRST_NAMES = ["Anna", "Jörg", "Sönke", "Björn", "Käthe", "Jürgen", "Maren", "Özlem", "Lukas", "Mia",
               "Henrik", "Frauke", "Tobias", "Ingrid", "Jan", "Merle", "Götz", "Aylin", "Till", "Hannah"]
LAST_NAMES = ["Müller", "Schäfer", "Jäger", "Köhler", "Böhm", "Weiß", "Krüger", "Hoffmann", "Petersen",
              "Janßen", "Lübben", "Großmann", "Yılmaz", "Becker", "Wöhler", "Brandt", "Fuchs", "Dönges"]
ROLES = ["Project lead", "Solution architect", "Mail administrator", "Network administrator",
         "Load balancer administrator", "Storage administrator", "Database engineer", "QA lead",
         "Test engineer", "Support lead", "Provisioning developer", "Security officer", "Consultant"]
VERBS = ["Configure", "Document", "Verify", "Migrate", "Provide", "Install", "Test", "Review",
         "Harden", "Monitor", "Automate", "Clarify", "Update", "Approve", "Integrate"]
OBJECTS = ["load balancer health checks", "Galera cluster replication", "NFS export for the file store",
           "IMAP master user", "LDAP bind account", "provisioning SOAP endpoint", "TLS certificates",
           "spam filter routing", "backup jobs for the database", "Zabbix templates", "DNS autodiscover records",
           "login page branding", "calendar migration batches", "address book export", "quota per tariff",
           "JMeter load profile", "OTRS queue mapping", "Größenbeschränkung der Anhänge",
           "Übergabeprotokoll für den Support", "Schlüsselverwaltung im Vault"]
QUALIFIERS = ["on staging", "in production", "for the soft launch", "for business tariffs",
              "in both data centres", "before the customer tests", "für Lüneburg und Köln",
              "after the pilot", "per the concept 1.2", "for 180,000 mailboxes", ""]
NOTES = ["Waiting for the customer's change window.", "Rückfrage bei der Fachabteilung läuft.",
         "Done on staging, production pending.", "See the minutes of the last status call.",
         "Needs a firewall change (ticket opened).", "Geprüft am Übergabetermin; keine Mängel.",
         "Depends on the licence order.", "Script in the configuration repository."]
AREAS = ["Load balancing", "Database cluster (MySQL/Galera)", "Automated tests", "Load tests (JMeter)",
         "Provisioning", "Migration", "Branding", "Mail", "Calendar", "Support"]
TOPICS = ["Provisioning connector", "Internal approval results", "Migration waves", "Open checklist items",
          "Risiken und Maßnahmen", "Soft launch preparation", "Backup and restore", "Monitoring coverage",
          "Support handover", "Branding review"]
CITIES = ["Nordhafen", "Lüneburg", "Köln", "München", "Düsseldorf", "Bückeburg", "Göttingen"]
# (status, weight): most items are done, as late in Implementation.
STATUSES = [("done", 60), ("in_progress", 18), ("open", 14), ("blocked", 8)]


def synthetic_project(requirements: int = 10_000, *, meetings: int = 50, tests: int = 200,
                      seed: int = 0) -> dict[str, Any]:
    """A valid project with `requirements` checklist items, `meetings` minutes and `tests` cases."""
    rng = random.Random(seed)
    city = rng.choice(CITIES)
    people = _people(rng, max(12, requirements // 250))
    person_ids = [p["id"] for p in people]
    packages = _work_packages(rng, 12)
    reqs = [_requirement(rng, i, person_ids, [w["id"] for w in packages]) for i in range(1, requirements + 1)]
    req_ids = [r["id"] for r in reqs]
    return {
        "schema_version": 1,
        "project": _project_info(rng, city, seed),
        "decision": {"go": True, "date": START + dt.timedelta(days=49), "by": person_ids[0],
                     "notes": "Go im Lenkungskreis erteilt."},
        "branding": {"primary_color": f"#{rng.randrange(0x1000000):06X}", "font": "Liberation Sans",
                     "confidentiality": "Confidential"},
        "people": people,
        "charter": _charter(rng, person_ids),
        "workshop": _workshop(rng, person_ids, city),
        "concept": _concept(rng, person_ids),
        "sow": _sow(rng, packages),
        "requirements": reqs,
        "meetings": [_meeting(rng, i, meetings, person_ids, req_ids) for i in range(1, meetings + 1)],
        "tests": (test_data := _tests(rng, tests, person_ids, req_ids)),
        "launch": _launch(person_ids, [case["id"] for case in test_data["customer"]]),
        "technical_documentation": _technical_documentation(rng, person_ids),
        "lessons_learned": _lessons_learned(rng, person_ids),
    }


def write_synthetic_project(path: str | Path, **kwargs: Any) -> Path:
    """Write `synthetic_project(**kwargs)` as YAML to `path` (C dumper when available)."""
    path = Path(path)
    data = synthetic_project(**kwargs)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Synthetic project generated by docgen.synthetic\n" + text, encoding="utf-8")
    return path


def _day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def _ascii_id(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
    return "".join(c for c in text.translate(table).lower() if c.isascii() and c.isalnum())


def _project_info(rng: random.Random, city: str, seed: int) -> dict[str, Any]:
    return {
        "id": f"synthetic-{seed}",
        "title": f"Mail platform migration {city} ({rng.randint(2, 9)}. Ausbaustufe)",
        "customer": {"name": f"Stadtwerke {city} Telekom GmbH", "logo": None,
                     "address": f"Hafenstraße {rng.randint(1, 99)}, {city}"},
        "vendor": {"name": "Brightwave Consulting GmbH", "address": "Speicherallee 4, 20457 Hamburg"},
        "language": rng.choice(["en", "de"]),
        "phase": "implementation",
        "start": START,
        "end": _day(PROJECT_DAYS + 60),
    }


def _people(rng: random.Random, count: int) -> list[dict[str, Any]]:
    people = []
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        side = "customer" if i % 2 == 0 else "vendor"
        domain = "stadtwerke.example" if side == "customer" else "brightwave.example"
        person = {"id": f"{_ascii_id(first[0] + last)}-{i}", "name": f"{first} {last}", "side": side,
                  "role": ROLES[i % len(ROLES)], "email": f"{_ascii_id(first)}.{_ascii_id(last)}{i}@{domain}"}
        if rng.random() < 0.3:
            person["phone"] = f"+49 {rng.randint(30, 9999)} {rng.randint(100000, 999999)}"
        people.append(person)
    return people


def _requirement(rng: random.Random, number: int, people: list[str], packages: list[str]) -> dict[str, Any]:
    status = rng.choices([s for s, _ in STATUSES], weights=[w for _, w in STATUSES])[0]
    due = _day(rng.randrange(PROJECT_DAYS))
    req: dict[str, Any] = {
        "id": f"REQ-{number:05d}",
        "title": _title(rng),
        "phase": rng.choices(["initialization", "implementation", "approval"], weights=[1, 7, 2])[0],
        "side": rng.choice(["customer", "vendor"]),
        "responsible": rng.choice(people),
        "due": due,
        "status": status,
    }
    if status == "done" and rng.random() < 0.4:
        req["verified"] = True
        req["verified_on"] = due + dt.timedelta(days=rng.randint(1, 30))
    if rng.random() < 0.5:
        req["work_package"] = rng.choice(packages)
    if rng.random() < 0.3:
        req["notes"] = rng.choice(NOTES)
    if rng.random() < 0.1:
        req["customer_remarks"] = f"Abnahme durch {rng.choice(LAST_NAMES)} am {due.isoformat()}."
    if rng.random() < 0.05:
        req["description"] = f"**{_title(rng)}**\n\n- {rng.choice(NOTES)}\n- {rng.choice(NOTES)}\n"
    return req


def _title(rng: random.Random) -> str:
    return " ".join(p for p in (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(QUALIFIERS)) if p)


def _work_packages(rng: random.Random, count: int) -> list[dict[str, Any]]:
    packages = []
    for i in range(1, count + 1):
        package: dict[str, Any] = {
            "id": f"WP-{i:02d}",
            "title": f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}",
            "effort_days": rng.randint(2, 40) / 2,
            "deliverables": [f"{rng.choice(OBJECTS).capitalize()} (documented)" for _ in range(rng.randint(1, 3))],
            "assumptions": [rng.choice(NOTES)],
        }
        if i % 5 == 0:
            package["day_rate"] = 1080
        packages.append(package)
    return packages


def _sow(rng: random.Random, packages: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "reference": f"RFQ-{rng.randint(1000, 9999)}",
        "introduction": "All implementation efforts known and agreed at the end of Initialization.",
        "currency": "EUR",
        "day_rate": 1250,
        "work_packages": packages,
        "assumptions": ["Remote work unless agreed otherwise."],
        "exclusions": ["Hardware and licences", "End-user support"],
        "acceptance": ["Written acceptance within 10 working days."],
        "payment_terms": "30% on Go, 40% after internal approval, **30% after launch**.",
        "valid_until": _day(80),
    }


def _charter(rng: random.Random, people: list[str]) -> dict[str, Any]:
    windows = [("initialization", 10, 50, 2), ("implementation", 50, 300, 3), ("approval", 300, PROJECT_DAYS, 3)]
    phases = [phase for phase, _, _, n in windows for _ in range(n)]
    offsets = [day for _, low, high, n in windows for day in sorted(rng.sample(range(low, high), n))]
    milestones = [{"id": f"M{i + 1}", "title": f"Milestone {i + 1}: {_title(rng)}", "date": _day(day),
                   "phase": phase, "done": day < 300} for i, (phase, day) in enumerate(zip(phases, offsets))]
    raci = [{"activity": _title(rng), "responsible": rng.sample(people, 2), "accountable": rng.choice(people),
             "consulted": rng.sample(people, 2), "informed": rng.sample(people, 3)} for _ in range(8)]
    return {
        "background": "The mail platform moves to a **new groupware**.\n\n- mail stays on Dovecot\n- "
                      "provisioning is integrated\n\nSee [the concept](https://example.com/concept).",
        "goals": [_title(rng) for _ in range(5)],
        "scope": {"in": [_title(rng) for _ in range(6)], "out": [_title(rng) for _ in range(3)]},
        "stakeholders": people[: min(len(people), 14)],
        "responsibilities": raci,
        "milestones": milestones,
        "organisation": {"documentation": "Shared project space.", "reporting": "- weekly status report",
                         "communication": "Project mailbox and chat.",
                         "status_call": {"weekday": "Monday", "time": "10:00", "duration_minutes": 45}},
        "signatories": people[:2],
    }


def _workshop(rng: random.Random, people: list[str], city: str) -> dict[str, Any]:
    topics = [
        ("Architecture overview", ["Integration with customer systems", "Ways to the data", "Standards and languages",
                                   "Scaling / server density", "APIs", "Branding / white-labelling"]),
        ("Technology transfer", ["Mail system", "Load balancer", "Storage", "Provisioning"]),
    ]
    return {
        "date": _day(20), "start_time": "09:30", "location": f"Besprechungsraum Förde, {city}",
        "goals": ["Target architecture agreed", "Customer environment evaluated"],
        "attendees": rng.sample(people, min(8, len(people))),
        "topics": [{"title": t, "items": items, "minutes": 120, "owner": rng.choice(people)} for t, items in topics],
    }


def _concept(rng: random.Random, people: list[str]) -> dict[str, Any]:
    versions = ["0.1", "1.0", "1.1", "1.2"]
    offsets = sorted(rng.sample(range(25, 300), len(versions)))
    return {
        "revisions": [{"version": v, "date": _day(d), "author": rng.choice(people), "summary": _title(rng)}
                      for v, d in zip(versions, offsets)],
        "environment": {"components": [
            {"name": "Mail system", "details": "Postfix and **Dovecot**."},
            {"name": "Load balancer", "details": "F5 BIG-IP pair."},
            {"name": "Storage", "details": "NetApp NFS."},
            {"name": "Provisioning", "details": "SOAP interface of the provisioning system."},
            {"name": "Monitoring", "details": "Zabbix"}]},
        "architecture": "Four application nodes, a Galera cluster and an NFS file store.",
        "sections": [{"title": t, "body": f"{rng.choice(NOTES)}\n\n- {_title(rng)}"} for t in TOPICS[:4]],
    }


def _meeting(rng: random.Random, number: int, total: int, people: list[str], reqs: list[str]) -> dict[str, Any]:
    day = _day(10 + (number - 1) * max(1, (PROJECT_DAYS - 20) // max(total, 1)))
    kind = "kickoff" if number == 1 else rng.choices(["status_call", "steering", "review", "workshop"],
                                                      weights=[8, 1, 1, 1])[0]
    actions = []
    for _ in range(rng.randint(2, 6)):
        action = {"title": _title(rng), "responsible": rng.choice(people),
                  "due": day + dt.timedelta(days=rng.randint(3, 21)), "done": rng.random() < 0.6}
        if reqs and rng.random() < 0.7:
            action["requirement"] = rng.choice(reqs)
        actions.append(action)
    return {"id": f"MTG-{number:04d}", "date": day, "kind": kind, "title": f"{kind.replace('_', ' ').title()} {number}",
            "location": rng.choice(["Video conference", f"Stadtwerke, Raum {rng.choice(CITIES)}"]),
            "attendees": rng.sample(people, min(len(people), rng.randint(3, 8))),
            "topics": rng.sample(TOPICS, rng.randint(2, 5)),
            "decisions": [f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} as proposed." for _ in range(rng.randint(1, 3))],
            "actions": actions}


def _tests(rng: random.Random, count: int, people: list[str], reqs: list[str]) -> dict[str, Any]:
    internal_count = count * 3 // 5
    cases = [_test_case(rng, f"IT-{i:04d}", people, reqs) for i in range(1, internal_count + 1)]
    customer = [_test_case(rng, f"AT-{i:04d}", people, reqs) for i in range(1, count - internal_count + 1)]
    return {"internal": cases, "customer": customer}


def _test_case(rng: random.Random, test_id: str, people: list[str], reqs: list[str]) -> dict[str, Any]:
    result = rng.choices(["pass", "fail", "blocked", "not_run"], weights=[70, 8, 5, 17])[0]
    case: dict[str, Any] = {
        "id": test_id, "area": rng.choice(AREAS), "title": _title(rng),
        "steps": [f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}." for _ in range(rng.randint(1, 4))],
        "expected": f"{rng.choice(OBJECTS).capitalize()} works as specified.", "result": result,
    }
    if result != "not_run":
        case.update(tester=rng.choice(people), date=_day(rng.randint(250, 330)))
    if reqs and rng.random() < 0.5:
        case["requirement"] = rng.choice(reqs)
    if result in ("fail", "blocked"):
        case["remarks"] = rng.choice(NOTES)
    return case


def _launch(people: list[str], customer_tests: list[str]) -> dict[str, Any]:
    # The ticket process is tested by a customer test case, when there is one to link.
    tested = {"ticket_process_test": customer_tests[-1]} if customer_tests else {}
    return {
        "soft_launch": {"percent": 5, "date": _day(PROJECT_DAYS - 30)},
        "go_live": _day(PROJECT_DAYS),
        "support_handover": {"date": _day(PROJECT_DAYS - 5), "contact": people[-1], **tested,
                             "notes": "OTRS-Ticketprozess in beide Richtungen getestet."},
    }


def _technical_documentation(rng: random.Random, people: list[str]) -> dict[str, Any]:
    roles = ["Load balancer", "Application node", "Galera node", "NFS filer", "IMAP backend", "MX", "Connector",
             "Directory", "Monitoring"]
    systems = [{"name": f"host{i:02d}", "role": role, "host": f"host{i:02d}.mail.stadtwerke.example",
                "version": f"{rng.randint(1, 12)}.{rng.randint(0, 30)}"} for i, role in enumerate(roles, 1)]
    return {
        "overview": "Installed systems and components of the **new mail platform**.",
        "systems": systems,
        "test_accounts": [{"login": f"test-{i}@mail.stadtwerke.example", "purpose": "Acceptance tests",
                           "credential": f"vault:mail/test-user-{i}"} for i in range(1, 5)],
        "contacts": [{"person": p, "responsibility": ROLES[i % len(ROLES)]} for i, p in enumerate(people[:6])],
    }


def _lessons_learned(rng: random.Random, people: list[str]) -> dict[str, Any]:
    return {
        "retrospective_date": _day(300),
        "went_well": [f"{_title(rng)} went smoothly." for _ in range(3)],
        "to_improve": [rng.choice(NOTES) for _ in range(3)],
        "actions": [{"title": _title(rng), "responsible": rng.choice(people), "due": _day(330)}],
    }
