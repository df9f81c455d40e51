"""The portfolio page: self-contained, escaped, and rendered by a real browser."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from docgen.status import portfolio
from docgen.portfolio import portfolio_html, write_portfolio
from tests.conftest import ROOT, SAMPLE

SAMPLES = [SAMPLE, ROOT / "samples" / "business-groupware" / "project.yaml"]


class _Page(HTMLParser):
    """Rows, links and every URL the page would load."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.links: list[str] = []
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tr" and values.get("class") == "project":
            self.rows.append(values)
        if tag == "a":
            self.links.append(values["href"])
        self.sources += [values[key] for key in ("src", "srcset") if key in values]
        if tag == "link":
            self.sources.append(values.get("href", ""))


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


def _built(tmp_path: Path) -> Path:
    """An output directory as `docgen build -o` leaves it, with one project built."""
    folder = tmp_path / "out" / "nordhafen-mail"
    folder.mkdir(parents=True)
    for name in ("charter.docx", "charter.pdf", "requirements-checklist.xlsx", "manifest.json"):
        (folder / name).write_bytes(b"x")
    return tmp_path / "out" / "index.html"


def test_one_row_per_project_worst_first_with_links_to_built_documents(tmp_path: Path) -> None:
    target = write_portfolio(portfolio(SAMPLES), _built(tmp_path))
    page = _parse(target.read_text(encoding="utf-8"))
    assert [(r["data-id"], r["data-light"]) for r in page.rows] == [("altmark-business-mail", "red"),
                                                                    ("nordhafen-mail", "amber")]
    assert page.links == ["nordhafen-mail/charter.docx", "nordhafen-mail/charter.pdf",
                          "nordhafen-mail/requirements-checklist.xlsx"]
    assert page.sources == []  # nothing external: no scripts, images or style sheets to fetch


def test_user_text_is_escaped(tmp_path: Path) -> None:
    [status] = portfolio([SAMPLE])
    hostile = '<script>alert(1)</script> & "quoted" {{ 7*7 }}'
    status = type(status)(**{**status.__dict__, "title": hostile, "id": 'x"><img src=y>'})
    text = portfolio_html([status], tmp_path)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; {{ 7*7 }}" in text


def test_cli_writes_the_page(tmp_path: Path) -> None:
    target = tmp_path / "site" / "index.html"
    done = subprocess.run([sys.executable, "-m", "docgen", "status", str(ROOT / "samples"), "--html", str(target)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(_parse(target.read_text(encoding="utf-8")).rows) == 2


# --- a real browser ------------------------------------------------------------------


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("Chromium is required in CI (DOCGEN_REQUIRE_LIBREOFFICE=1) but not installed")
    pytest.skip("Chromium is not installed")


def _headless(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered RGB(A) rows of a non-interlaced 8-bit PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = {}, 8
    idat = b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IDAT":
            idat += body
        chunks.setdefault(kind, body)
        offset += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and color in (2, 6)
    channels = 3 if color == 2 else 4
    raw, stride, rows, previous = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, corner = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def test_the_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    binary = _chromium()
    target = write_portfolio(portfolio(SAMPLES), _built(tmp_path))
    url = target.resolve().as_uri()
    dom = _headless(binary, tmp_path / "profile", "--dump-dom", url).stdout
    page = _parse(dom)
    assert [r["data-id"] for r in page.rows] == ["altmark-business-mail", "nordhafen-mail"]
    assert "nordhafen-mail/charter.pdf" in page.links
    assert "Groupware für Geschäftskunden der Kreiswerke Altmark" in dom
    shot = tmp_path / "page.png"
    _headless(binary, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,800",
              "--hide-scrollbars", url)
    width, height, rows = _png_pixels(shot.read_bytes())
    assert (width, height) == (1280, 800)
    channels = len(rows[0]) // width
    pixels = {row[x:x + 3] for row in rows[::8] for x in range(0, len(row), channels * 8)}
    assert len(pixels) > 20  # text, the header band, lights and bars: not a blank page
    colors = {row[x:x + 3] for row in rows for x in range(0, len(row), channels)}
    assert {bytes.fromhex("C0392B"), bytes.fromhex("E6A100")} <= colors  # the two traffic lights


def test_the_effort_column_shows_booked_days_and_flags_over_budget(tmp_path: Path) -> None:
    text = portfolio_html(portfolio(SAMPLES), tmp_path)
    assert "<th>Effort</th>" in text
    nordhafen = text[text.index('data-id="nordhafen-mail"'):]
    assert "39.81/96 days booked" in nordhafen and "over budget: WP-02" in nordhafen
    altmark = text[text.index('data-id="altmark-business-mail"'):text.index('data-id="nordhafen-mail"')]
    assert "0/24 days booked" in altmark and "over budget" not in altmark
