"""One warm LibreOffice per build worker, converting every document of every project.

Starting LibreOffice costs more than converting a small document. `WarmOffice` keeps
one running for as long as its owner lives, driven over UNO by pdf_uno_helper.py under
a Python that has LibreOffice's `uno` module (the virtualenv docgen runs in usually
has not). Each owner passes its own profile directory, as for pdf.convert_to_pdf. A
document that takes longer than the timeout, or a LibreOffice that crashes, costs a
restart: the next document gets a fresh LibreOffice, and the failed one is named in a
ConversionError. Where no such Python exists, `available()` says so and callers use
pdf.convert_to_pdf, which starts LibreOffice once per batch.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import ConversionError
from .pdf import find_soffice

ENV_UNO_PYTHON = "DOCGEN_UNO_PYTHON"  # a Python that can `import uno`
_CANDIDATES = ("/usr/bin/python3", "/usr/local/bin/python3")
_HELPER = Path(__file__).with_name("pdf_uno_helper.py")
_START_TIMEOUT = 90.0
_checked: dict[str, bool] = {}


def uno_python() -> str | None:
    """A Python interpreter with LibreOffice's `uno` module, or None."""
    configured = os.environ.get(ENV_UNO_PYTHON)
    for candidate in ([configured] if configured else list(_CANDIDATES)):
        if candidate not in _checked:
            _checked[candidate] = bool(shutil.which(candidate)) and subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0
        if _checked[candidate]:
            return candidate
    return None


def available() -> bool:
    try:
        find_soffice()
    except ConversionError:
        return False
    return uno_python() is not None


class WarmOffice:
    """A LibreOffice that stays up between conversions; restarted after a crash or timeout."""

    def __init__(self, profile_dir: Path) -> None:
        self.profile_dir = profile_dir
        self.starts = 0
        self._helper: subprocess.Popen[str] | None = None
        self._closed = False  # a conversion still running in another thread starts no new one

    def convert(self, files: Sequence[Path], outdir: Path, timeout: float,
                on_converted: Callable[[int], None] | None = None) -> list[Path]:
        """`outdir`/<stem>.pdf for each of `files`; ConversionError naming those that failed.
        `on_converted(index)` follows each document converted, for progress."""
        outdir.mkdir(parents=True, exist_ok=True)
        errors = []
        for index, file in enumerate(files):
            errors.append(self._convert_one(Path(file), _target(file, outdir), timeout))
            if not errors[-1] and on_converted is not None:
                on_converted(index)
        return _finished(files, outdir, errors)

    @property
    def process_group(self) -> int | None:
        """The process group of the helper and its LibreOffice while they run (for
        measuring their CPU time), else None."""
        helper = self._helper
        return helper.pid if helper is not None and helper.poll() is None else None

    def close(self) -> None:
        """End LibreOffice (the helper ends it when its input closes)."""
        self._closed = True
        helper, self._helper = self._helper, None
        if helper is None:
            return
        try:
            helper.stdin.close()
            helper.wait(timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            _kill_group(helper)

    def _convert_one(self, source: Path, target: Path, timeout: float) -> str:
        helper = self._started()
        try:
            helper.stdin.write(json.dumps({"source": str(source), "target": str(target)}) + "\n")
            helper.stdin.flush()
        except OSError:
            self._restart_after("crashed")
            return "LibreOffice crashed before the document was sent"
        answer = _read_line(helper, timeout)
        if answer is None:
            self._restart_after("timed out")
            # The killed LibreOffice leaves its lock on the document; another one (of
            # WarmOffices, with another profile) would refuse to open it.
            source.with_name(f".~lock.{source.name}#").unlink(missing_ok=True)
            return f"took longer than {timeout:g} s (LibreOffice restarted)"
        reply = json.loads(answer)
        if "error" in reply:
            return reply["error"]
        if not target.is_file():
            return "LibreOffice wrote no PDF"
        return ""

    def _started(self) -> subprocess.Popen[str]:
        if self._helper is not None and self._helper.poll() is None:
            return self._helper
        if self._closed:
            raise ConversionError("LibreOffice was closed (the build is stopping)")
        python = uno_python()
        if python is None:
            raise ConversionError("cannot keep LibreOffice running: no Python with LibreOffice's 'uno' module "
                                  f"(install python3-uno or set {ENV_UNO_PYTHON})")
        self.profile_dir.mkdir(parents=True, exist_ok=True)
        helper = subprocess.Popen([python, str(_HELPER), find_soffice(), str(self.profile_dir)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                  text=True, start_new_session=True)
        ready = _read_line(helper, _START_TIMEOUT)
        if ready is None or "error" in json.loads(ready):
            _kill_group(helper)
            raise ConversionError("LibreOffice did not start for PDF conversion"
                                  + (f": {json.loads(ready)['error']}" if ready else " in time"))
        self._helper = helper
        self.starts += 1
        return helper

    def _restart_after(self, why: str) -> None:
        helper, self._helper = self._helper, None
        if helper is not None:
            _kill_group(helper)  # the helper and its LibreOffice; the next document starts anew


class WarmOffices:
    """Several warm LibreOffices sharing one list of documents, each with its own profile.

    A build with more jobs than projects gives each worker several (`docgen build --pdf
    -j 2` of one project): LibreOffice converts one document at a time, so one per
    core is what keeps the cores busy. Each takes the next document when it is done
    with one; a timeout or crash restarts only the LibreOffice it happened in.
    """

    def __init__(self, profile_dirs: Sequence[Path]) -> None:
        if not profile_dirs:
            raise ValueError("WarmOffices needs at least one profile directory")
        self.offices = [WarmOffice(profile) for profile in profile_dirs]

    @property
    def starts(self) -> int:
        return sum(office.starts for office in self.offices)

    def convert(self, files: Sequence[Path], outdir: Path, timeout: float,
                on_converted: Callable[[int], None] | None = None) -> list[Path]:
        """As WarmOffice.convert; documents are converted in parallel, reported as each is done."""
        if len(self.offices) == 1 or len(files) < 2:
            return self.offices[0].convert(files, outdir, timeout, on_converted)
        outdir.mkdir(parents=True, exist_ok=True)
        errors: list[str | None] = [None] * len(files)  # None: not converted yet
        not_started: list[ConversionError] = []
        todo = iter(range(len(files)))
        lock = threading.Lock()  # guards `todo` and the progress callback

        def work(office: WarmOffice) -> None:
            try:
                office._started()  # one that cannot start leaves the documents to the others
            except ConversionError as error:
                not_started.append(error)
                return
            while True:
                with lock:
                    index = next(todo, None)
                if index is None:
                    return
                try:
                    errors[index] = office._convert_one(Path(files[index]), _target(files[index], outdir), timeout)
                except ConversionError as error:  # its restart after a crash failed
                    errors[index] = str(error)
                    return
                if not errors[index] and on_converted is not None:
                    with lock:
                        on_converted(index)

        threads = [threading.Thread(target=work, args=(office,), daemon=True)
                   for office in self.offices[:len(files)]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if len(not_started) == len(threads):
            raise not_started[0]  # as WarmOffice.convert: no LibreOffice, no conversion
        return _finished(files, outdir, ["no LibreOffice was left to convert it" if error is None else error
                                         for error in errors])

    def close(self) -> None:
        for office in self.offices:
            office.close()


def _target(file: Path, outdir: Path) -> Path:
    return outdir / f"{Path(file).stem}.pdf"


def _finished(files: Sequence[Path], outdir: Path, errors: list[str]) -> list[Path]:
    """The PDFs in the order of `files`, or a ConversionError naming each that failed."""
    failures = [f"{Path(file).name}: {error}" for file, error in zip(files, errors) if error]
    if failures:
        raise ConversionError("PDF conversion failed: " + "; ".join(failures))
    return [_target(file, outdir) for file in files]


def _read_line(helper: subprocess.Popen[str], timeout: float) -> str | None:
    """The helper's next line, or None when it takes longer than `timeout` or died."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([helper.stdout], [], [], remaining)
        if ready:
            line = helper.stdout.readline()
            return line or None


def _kill_group(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()
