"""The customer test protocol's sign-off block: the customer QA lead and the date."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from docgen.models import Signature

from .conftest import render


def sign_off_rows(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Summary"]
    rows = [tuple(cell.value for cell in row[:2]) for row in sheet.iter_rows()]
    start = rows.index(("Sign-off by the customer's QA", None))
    return rows[start + 1:start + 4]


def test_an_unsigned_protocol_has_open_lines(sample_project):
    assert sign_off_rows(render(sample_project, "customer")) == [
        ("Customer QA lead", None), ("Date", None), ("Signature", None)]


def test_a_signed_protocol_names_the_qa_lead_and_the_date(sample_project):
    project = sample_project.model_copy(deep=True)
    project.tests.customer_sign_off = Signature(person="aluebben", date=dt.date(2027, 1, 22))
    assert sign_off_rows(render(project, "customer")) == [
        ("Customer QA lead", "Anke Lübben"), ("Date", "22 Jan 2027"), ("Signature", None)]


def test_the_internal_protocol_has_no_customer_sign_off(sample_project):
    sheet = openpyxl.load_workbook(io.BytesIO(render(sample_project, "internal")))["Summary"]
    assert all(row[0].value != "Sign-off by the customer's QA" for row in sheet.iter_rows())
