"""PDF conversion with headless LibreOffice, the way a customer would receive the documents.

LibreOffice recomputes page fields (PAGE, NUMPAGES) when it loads a document, but a
table of contents keeps the text it was saved with ("right-click to update"). So the
conversion is not `soffice --convert-to pdf` but a small Basic macro, installed into
the caller's LibreOffice profile, that loads each document, updates its indexes and
fields, and exports it; one LibreOffice start converts a whole list of documents.

Every caller passes its own profile directory: two LibreOffice processes that share a
profile hand their work to each other or fail on its lock, so parallel workers must
never share one.

LibreOffice writes the clock time and a random file id into every PDF. `reproducible_pdf`
replaces them in place, with values of the same length, so the cross-reference offsets
stay valid and the same document always gives the same PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from html import escape

from .errors import ConversionError

ENV_SOFFICE = "DOCGEN_SOFFICE"  # the soffice binary, when it is not on PATH
_INSTALL_HINT = ("install LibreOffice (e.g. 'apt-get install libreoffice-writer-nogui libreoffice-calc-nogui') "
                 f"or point {ENV_SOFFICE} at its soffice binary")
_CREATION_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\((D:[^)]*)\)")
_FILE_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_DOC_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")
# Time-zone suffixes a PDF date may end with, by length, to keep a date's length unchanged.
_UTC_SUFFIXES = {1: "Z", 2: "Z'", 6: "+00'00", 7: "+00'00'"}
_PROFILE_INIT_TIMEOUT = 120.0
_POLL_SECONDS = 0.25  # how often a watched conversion looks for new PDFs

_MACRO_MODULE = "DocgenPdf"
# ConvertList reads pairs of lines (source, target PDF) and logs what fails, per file,
# so one broken document neither stops the others nor leaves LibreOffice waiting.
_MACRO = """REM docgen: export documents to PDF after updating their indexes and fields.
Sub ConvertList(listFile As String, logFile As String)
  Dim sSource As String, sTarget As String
  iList = FreeFile
  Open listFile For Input As #iList
  Do While Not EOF(iList)
    Line Input #iList, sSource
    Line Input #iList, sTarget
    ConvertOne(sSource, sTarget, logFile)
  Loop
  Close #iList
  StarDesktop.terminate()
End Sub

Sub ConvertOne(sSource As String, sTarget As String, logFile As String)
  Dim oDoc As Object
  On Error Goto Failed
  Dim loadArgs(0) As New com.sun.star.beans.PropertyValue
  loadArgs(0).Name = "Hidden"
  loadArgs(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sSource), "_blank", 0, loadArgs())
  If IsNull(oDoc) Then
    LogFailure(logFile, sSource, "LibreOffice cannot open it (damaged, or not an Office file?)")
    Exit Sub
  End If
  Dim storeArgs(0) As New com.sun.star.beans.PropertyValue
  storeArgs(0).Name = "FilterName"
  If oDoc.supportsService("com.sun.star.text.TextDocument") Then
    oIndexes = oDoc.getDocumentIndexes()
    For i = 0 To oIndexes.getCount() - 1
      oIndexes.getByIndex(i).update()
    Next
    oDoc.getTextFields().refresh()
    storeArgs(0).Value = "writer_pdf_Export"
  Else
    storeArgs(0).Value = "calc_pdf_Export"
  End If
  oDoc.storeToURL(ConvertToURL(sTarget), storeArgs())
  oDoc.close(True)
  Exit Sub
Failed:
  LogFailure(logFile, sSource, Error$)
  On Error Resume Next
  If Not IsNull(oDoc) Then oDoc.close(True)
End Sub

Sub LogFailure(logFile As String, sSource As String, sMessage As String)
  iLog = FreeFile
  Open logFile For Append As #iLog
  Print #iLog, sSource & ": " & sMessage
  Close #iLog
End Sub
"""


def find_soffice() -> str:
    """The LibreOffice binary, or a ConversionError that says how to get it."""
    configured = os.environ.get(ENV_SOFFICE)
    if configured:
        if Path(configured).is_file() and os.access(configured, os.X_OK):
            return configured
        raise ConversionError(f"{ENV_SOFFICE}={configured}: not an executable file ({_INSTALL_HINT})")
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ConversionError(f"cannot make PDFs: LibreOffice (soffice) is not on PATH; {_INSTALL_HINT}")
    return found


def convert_to_pdf(files: Sequence[Path], outdir: Path, *, profile_dir: Path, timeout: float,
                   on_converted: Callable[[int], None] | None = None) -> list[Path]:
    """Convert `files` to `outdir`/<stem>.pdf with one LibreOffice run; return the PDFs.

    `timeout` is in seconds per document; the run as a whole may take that times the
    number of files. `profile_dir` must belong to this caller alone. `on_converted(i)`
    is called as the PDF of files[i] appears, for progress while LibreOffice runs.
    """
    if not files:
        return []
    soffice = find_soffice()
    install_macro(soffice, profile_dir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as work:
        # Plain ASCII names inside the macro, whatever the documents are called.
        pairs = [(Path(work) / f"in-{n}{Path(f).suffix}", Path(work) / f"out-{n}.pdf") for n, f in enumerate(files)]
        for file, (staged, _) in zip(files, pairs):
            shutil.copyfile(file, staged)
        list_file, log_file = Path(work) / "list.txt", Path(work) / "errors.txt"
        list_file.write_text("".join(f"{a}\n{b}\n" for a, b in pairs), encoding="utf-8")
        macro = f'macro:///Standard.{_MACRO_MODULE}.ConvertList("{list_file}","{log_file}")'
        watch = _Watch([made for _, made in pairs], on_converted) if on_converted else None
        output = _run([soffice, "--headless", "--norestore", "--nolockcheck", _profile_arg(profile_dir), macro],
                      timeout * len(files), "convert " + ", ".join(Path(f).name for f in files), watch)
        names = {str(staged): Path(file).name for file, (staged, _) in zip(files, pairs)}
        return _collect(files, pairs, outdir, _failures(log_file, names) or _tail(output))


def install_macro(soffice: str, profile_dir: Path) -> None:
    """Put the conversion macro into the LibreOffice profile at `profile_dir` (once)."""
    standard = profile_dir / "user" / "basic" / "Standard"
    module, index = standard / f"{_MACRO_MODULE}.xba", standard / "script.xlb"
    if module.is_file():
        return
    if not index.is_file():
        # LibreOffice writes its default profile on first start, over anything already
        # there; so let it start once, then add the macro.
        _run([soffice, "--headless", "--norestore", "--terminate_after_init", _profile_arg(profile_dir)],
             _PROFILE_INIT_TIMEOUT, "create a LibreOffice profile")
        if not index.is_file():
            raise ConversionError(f"LibreOffice did not create its profile in {profile_dir}")
    text = index.read_text(encoding="utf-8")
    if f'library:name="{_MACRO_MODULE}"' not in text:
        element = f' <library:element library:name="{_MACRO_MODULE}"/>\n</library:library>'
        index.write_text(text.replace("</library:library>", element), encoding="utf-8")
    module.write_text(_module_xml(), encoding="utf-8")


def reproducible_pdf(data: bytes, timestamp: dt.datetime) -> bytes:
    """`data` with its dates set to `timestamp` and its file id derived from its content."""
    data = _CREATION_DATE.sub(lambda m: _fixed_date(m, timestamp), data)
    # The id must stay unique per document, so it is a hash of the content without it.
    digest = hashlib.sha256(_DOC_CHECKSUM.sub(b"", _FILE_ID.sub(b"", data))).hexdigest().upper()
    data = _FILE_ID.sub(lambda m: _same_length(m, digest), data)
    return _DOC_CHECKSUM.sub(lambda m: _same_length(m, digest), data)


class _Watch:
    """Calls back once for each of `paths` as it appears: the progress of a conversion."""

    def __init__(self, paths: list[Path], callback: Callable[[int], None]) -> None:
        self.paths, self.callback, self.seen = paths, callback, set()

    def check(self) -> None:
        for index, path in enumerate(self.paths):
            if index not in self.seen and path.is_file():
                self.seen.add(index)
                self.callback(index)


def _run(command: list[str], timeout: float, what: str, watch: _Watch | None = None) -> str:
    # A session of its own lets a timeout end LibreOffice's helper processes too.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        try:
            output, _ = process.communicate(timeout=max(0.0, min(left, _POLL_SECONDS) if watch else left))
            break
        except subprocess.TimeoutExpired:
            if time.monotonic() >= deadline:
                _kill_group(process)
                raise ConversionError(f"LibreOffice took longer than {timeout:g}s to {what}; "
                                      "is a document very large, or LibreOffice stuck?") from None
            if watch:
                watch.check()
    if watch:
        watch.check()
    text = output.decode("utf-8", "replace")
    if process.returncode != 0:
        raise ConversionError(f"LibreOffice failed to {what} (exit code {process.returncode}): {_tail(text)}")
    return text


def _collect(files: Sequence[Path], pairs: list[tuple[Path, Path]], outdir: Path, why: str) -> list[Path]:
    pdfs = [outdir / f"{Path(f).stem}.pdf" for f in files]
    missing = [Path(f).name for f, (_, made) in zip(files, pairs) if not made.is_file()]
    if missing:
        raise ConversionError(f"LibreOffice did not convert {', '.join(missing)} to PDF: {why}")
    for (_, made), pdf in zip(pairs, pdfs):
        shutil.move(made, pdf)
    return pdfs


def _failures(log_file: Path, names: dict[str, str]) -> str:
    """The macro's log, with the staged file names replaced by the caller's."""
    if not log_file.is_file():
        return ""
    text = log_file.read_text(encoding="utf-8", errors="replace")
    for staged, name in names.items():
        text = text.replace(staged, name)
    return " | ".join(line.strip() for line in text.splitlines() if line.strip())


def _module_xml() -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n'
            '<script:module xmlns:script="http://openoffice.org/2000/script" '
            f'script:name="{_MACRO_MODULE}" script:language="StarBasic">{escape(_MACRO)}'
            '</script:module>\n')


def _profile_arg(profile_dir: Path) -> str:
    return f"-env:UserInstallation={profile_dir.resolve().as_uri()}"


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


def _tail(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip() and "javaldx" not in line]
    return " | ".join(lines[-3:]) or "no message"


def _fixed_date(match: re.Match[bytes], timestamp: dt.datetime) -> bytes:
    base = timestamp.astimezone(dt.timezone.utc).strftime("D:%Y%m%d%H%M%S")
    suffix = _UTC_SUFFIXES.get(len(match.group(2)) - len(base))
    if suffix is None:
        return match.group(0)  # an unexpected form: leave it rather than break the offsets
    return _with_groups(match, {2: (base + suffix).encode("ascii")})


def _same_length(match: re.Match[bytes], digest: str) -> bytes:
    hex_digits = (digest * 2).encode("ascii")
    groups = range(1, (match.lastindex or 0) + 1)
    return _with_groups(match, {g: hex_digits[: len(match.group(g))] for g in groups})


def _with_groups(match: re.Match[bytes], replacements: dict[int, bytes]) -> bytes:
    """The matched text with the given groups replaced (each by a value of its length)."""
    text, start = bytearray(match.group(0)), match.start()
    for group, value in replacements.items():
        begin, end = match.span(group)
        text[begin - start : end - start] = value
    return bytes(text)
