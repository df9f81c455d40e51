"""Test protocols (XLSX): the vendor's internal approval and the customer's acceptance tests."""

from __future__ import annotations

from .requirements_checklist import XlsxRenderer

INTERNAL = XlsxRenderer("internal-test-protocol", "Internal Test Protocol", "internal")
CUSTOMER = XlsxRenderer("customer-test-protocol", "Customer Test Protocol", "customer")
