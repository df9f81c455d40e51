"""PDF conversion: docgen's warm LibreOffice against raw `soffice --convert-to pdf`.

Renders the sample project's documents (samples/mail-migration, 14 files) once, then
times, interleaved over --repeat rounds with paired medians and their spread:

(a) docgen's converter as a build worker uses it: one LibreOffice kept running over
    UNO (docgen/pdf_office.py), indexes and fields updated, warm after the first round
    as it is for every project after a build's first;
(b) one raw `soffice --headless --convert-to pdf` process over the same files.

Per document, for the sample (14 documents) and for 50 documents (the sample's
documents several times over). Target: (a) at most 0.25 s per document in both; the
exit code is 1 when missed. Without python3-uno, (a) is left out and said to be.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat N] [--json]
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# _common first: it puts this checkout on sys.path for the docgen imports below.
from _common import ROOT, add_json_option, base_record, make_parser, paired, paired_line, print_record

from docgen import pdf_office
from docgen.build import BuildRequest, run_build
from docgen.pdf import find_soffice

TARGET_PER_DOCUMENT = 0.25
SAMPLE = ROOT / "samples" / "mail-migration" / "project.yaml"


def sample_documents(folder: Path) -> list[Path]:
    report = run_build(BuildRequest(sources=[SAMPLE], out=folder / "out", jobs=1))
    assert report.exit_code == 0, report.summary_table()
    return sorted(p for p in (folder / "out").rglob("*") if p.suffix in (".docx", ".xlsx"))


def copies(documents: list[Path], count: int, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        source = documents[n % len(documents)]
        target = folder / f"{n:02d}-{source.name}"
        shutil.copyfile(source, target)
        files.append(target)
    return files


def raw_soffice(files: list[Path], outdir: Path, profile: Path) -> None:
    subprocess.run([find_soffice(), "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                   check=True, capture_output=True, timeout=900)


def case(files: list[Path], folder: Path, repeat: int, office: pdf_office.WarmOffice) -> dict[str, object]:
    office.convert(files[:1], folder / "warm-up", timeout=120)
    raw_soffice(files[:1], folder / "raw-warm-up", folder / "raw-profile")  # its profile exists from now on
    result = paired(repeat, lambda: office.convert(files, folder / "docgen", timeout=120),
                    lambda: raw_soffice(files, folder / "raw", folder / "raw-profile"))
    result.pop("_times")
    per_document = [round(t / len(files), 4) for t in result["median_s"]]
    return {"documents": len(files), **result, "per_document_s": per_document}


def measure(repeat: int) -> dict[str, object]:
    record: dict[str, object] = {**base_record("pdf"), "repeat": repeat,
                                 "uno": pdf_office.uno_python() is not None, "cases": []}
    if not record["uno"]:
        return record
    with tempfile.TemporaryDirectory(prefix="docgen-bench-pdf-") as tmp:
        folder = Path(tmp)
        documents = sample_documents(folder)
        office = pdf_office.WarmOffice(folder / "profile")
        try:
            for count in (len(documents), 50):
                files = copies(documents, count, folder / f"in-{count}")
                record["cases"].append(case(files, folder / f"case-{count}", repeat, office))
        finally:
            office.close()
    return record


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, repeat=7)
    add_json_option(parser)
    args = parser.parse_args(argv)
    record = measure(args.repeat)
    print_record(record, args.json, _report)
    missed = any(c["per_document_s"][0] > TARGET_PER_DOCUMENT for c in record["cases"])
    return 1 if missed else 0


def _report(record: dict[str, object]) -> None:
    if not record["uno"]:
        print("warm LibreOffice left out: no Python with LibreOffice's uno module (install python3-uno)")
    for result in record["cases"]:
        ours, raw = result["per_document_s"]
        print(f"{result['documents']} documents")
        print("  " + paired_line("(a) docgen, warm LibreOffice over UNO", result, 0) + f" = {ours:.3f} s/document")
        print("  " + paired_line("(b) raw soffice --convert-to pdf     ", result, 1) + f" = {raw:.3f} s/document")
        verdict = "ok" if ours <= TARGET_PER_DOCUMENT else "ABOVE TARGET"
        print(f"  target <= {TARGET_PER_DOCUMENT} s/document: {verdict}; paired ratio a/b "
              f"{result['ratio_median'][0]:.2f} ({result['ratio_spread'][0][0]:.2f}-{result['ratio_spread'][0][1]:.2f})")


if __name__ == "__main__":
    raise SystemExit(main())
