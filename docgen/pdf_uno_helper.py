"""A LibreOffice kept running, converting documents to PDF on request over UNO.

Run by docgen/pdf_office.py with a Python that has LibreOffice's `uno` module (Debian's
/usr/bin/python3 with python3-uno; a virtualenv usually lacks it), so this file uses
the standard library and `uno` only, and never imports docgen.

    python3 pdf_uno_helper.py SOFFICE PROFILE_DIR

It starts `soffice` with its own profile, then reads one JSON request a line on
stdin, {"source": path, "target": path}, and answers each with one JSON line,
{"ok": true} or {"error": "message"}. Each document is loaded hidden, its indexes and
fields are updated (a table of contents keeps its saved text otherwise), and it is
exported with the Writer or Calc PDF filter. End of input ends LibreOffice too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

_START_TIMEOUT = 60.0


def main(soffice: str, profile: str) -> int:
    import uno
    from com.sun.star.connection import NoConnectException

    pipe = f"docgen-{os.getpid()}"
    office = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
         f"-env:UserInstallation={Path(profile).resolve().as_uri()}", f"--accept=pipe,name={pipe};urp;"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        context = uno.getComponentContext()
        resolver = context.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", context)
        deadline = time.monotonic() + _START_TIMEOUT
        while True:
            try:
                remote = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if office.poll() is not None or time.monotonic() > deadline:
                    _answer({"error": "LibreOffice did not start"})
                    return 1
                time.sleep(0.05)
        desktop = remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
        _answer({"ok": True, "ready": True})
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _convert(uno, desktop, request["source"], request["target"])
                _answer({"ok": True})
            except Exception as error:  # the document's fault: report it, keep serving
                _answer({"error": f"{type(error).__name__}: {getattr(error, 'Message', '') or error}"})
        try:
            desktop.terminate()
        except Exception:
            pass  # LibreOffice is going anyway
        return 0
    finally:
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()


def _convert(uno, desktop, source: str, target: str) -> None:
    hidden = _property(uno, "Hidden", True)
    document = desktop.loadComponentFromURL(Path(source).resolve().as_uri(), "_blank", 0, (hidden,))
    if document is None:
        raise ValueError("LibreOffice cannot open it (damaged, or not an Office file?)")
    try:
        if document.supportsService("com.sun.star.text.TextDocument"):
            indexes = document.getDocumentIndexes()
            for index in range(indexes.getCount()):
                indexes.getByIndex(index).update()
            document.getTextFields().refresh()
            pdf_filter = "writer_pdf_Export"
        else:
            pdf_filter = "calc_pdf_Export"
        document.storeToURL(Path(target).resolve().as_uri(), (_property(uno, "FilterName", pdf_filter),))
    finally:
        document.close(True)


def _property(uno, name: str, value: object):
    prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    prop.Name, prop.Value = name, value
    return prop


def _answer(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
