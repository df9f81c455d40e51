"""PDF conversion: docgen's warm LibreOffice against raw `soffice --convert-to pdf`.

Renders the sample project's documents (samples/mail-migration, 14 files) once, then
times, interleaved over --repeat rounds with paired medians and their spread:

(a) docgen's converter as a build worker uses it: one LibreOffice kept running over
    UNO (docgen/pdf_office.py), indexes and fields updated, warm after the first round
    as it is for every project after a build's first;
(b) one raw `soffice --headless --convert-to pdf` process over the same files.

Per document, for the sample (20 documents) and for 50 documents (the sample's
documents several times over). Besides the wall time, which another job on the machine
stretches, (a) reports the CPU time of its LibreOffice per document (all processes of
the helper's group, from /proc), the figure an idle machine's wall time approaches.

(c) the same files converted as `docgen build --pdf -j 2` of one project converts
    them (pdf_office.WarmOffices): two warm LibreOffices, each with its own profile,
    each taking the next document when done with one; per document = wall time /
    documents. Two projects with -j 2 get the same from one LibreOffice per worker.

Target: (a) at most 0.25 s per document in both; the exit code is 1 when missed.
Without python3-uno, (a) and (c) are left out and said to be.

    .venv/bin/python benchmarks/bench_pdf.py [--repeat N] [--json]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

# _common first: it puts this checkout on sys.path for the docgen imports below.
from _common import ROOT, add_json_option, base_record, make_parser, paired, paired_line, print_record

from docgen import pdf_office
from docgen.batch import BuildRequest, run_build
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


def case(files: list[Path], folder: Path, repeat: int, office: pdf_office.WarmOffice,
         offices: pdf_office.WarmOffices) -> dict[str, object]:
    office.convert(files[:1], folder / "warm-up", timeout=120)
    offices.convert(files[:len(offices.offices)], folder / "warm-up-parallel", timeout=120)
    raw_soffice(files[:1], folder / "raw-warm-up", folder / "raw-profile")  # its profile exists from now on
    office_cpu: list[float] = []

    def ours() -> None:
        before = group_cpu(office.process_group)
        office.convert(files, folder / "docgen", timeout=120)
        office_cpu.append(group_cpu(office.process_group) - before)

    result = paired(repeat, ours, lambda: raw_soffice(files, folder / "raw", folder / "raw-profile"),
                    lambda: offices.convert(files, folder / "parallel", timeout=120))
    result.pop("_times")
    per_document = [round(t / len(files), 4) for t in result["median_s"]]
    cpu = sorted(office_cpu)[len(office_cpu) // 2]
    return {"documents": len(files), **result, "per_document_s": per_document,
            "office_cpu_per_document_s": round(cpu / len(files), 4), "parallel_workers": len(offices.offices)}


def group_cpu(group: int | None) -> float:
    """CPU seconds (user + system) of the living processes of process group `group`."""
    if group is None:
        return 0.0
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            if int(fields[2]) == group:  # fields from the state on: state, ppid, pgrp, ...
                total += int(fields[11]) + int(fields[12])
    return total / tick


def measure(repeat: int, workers: int) -> dict[str, object]:
    record: dict[str, object] = {**base_record("pdf"), "repeat": repeat,
                                 "uno": pdf_office.uno_python() is not None, "cases": [],
                                 "load_average_1m_start": round(os.getloadavg()[0], 2)}
    if not record["uno"]:
        return record
    with tempfile.TemporaryDirectory(prefix="docgen-bench-pdf-") as tmp:
        folder = Path(tmp)
        documents = sample_documents(folder)
        office = pdf_office.WarmOffice(folder / "profile")
        offices = pdf_office.WarmOffices([folder / f"profile-{n}" for n in range(workers)])
        try:
            for count in (len(documents), 50):
                files = copies(documents, count, folder / f"in-{count}")
                record["cases"].append(case(files, folder / f"case-{count}", repeat, office, offices))
        finally:
            office.close()
            offices.close()
    record["load_average_1m_end"] = round(os.getloadavg()[0], 2)
    return record


def main(argv: list[str] | None = None) -> int:
    parser = make_parser(__doc__, ("--workers", 2), repeat=7)
    add_json_option(parser)
    args = parser.parse_args(argv)
    record = measure(args.repeat, args.workers)
    print_record(record, args.json, _report)
    missed = any(c["per_document_s"][0] > TARGET_PER_DOCUMENT for c in record["cases"])
    return 1 if missed else 0


def _report(record: dict[str, object]) -> None:
    if not record["uno"]:
        print("warm LibreOffice left out: no Python with LibreOffice's uno module (install python3-uno)")
        return
    print(f"load average {record['load_average_1m_start']} at the start, {record['load_average_1m_end']} at the end")
    for result in record["cases"]:
        ours, raw, parallel = result["per_document_s"]
        workers = result["parallel_workers"]
        print(f"{result['documents']} documents")
        print("  " + paired_line("(a) docgen, warm LibreOffice over UNO", result, 0) + f" = {ours:.3f} s/document"
              f" (LibreOffice CPU {result['office_cpu_per_document_s']:.3f} s/document)")
        print("  " + paired_line("(b) raw soffice --convert-to pdf     ", result, 1) + f" = {raw:.3f} s/document")
        print("  " + paired_line(f"(c) -j {workers}: {workers} warm LibreOffices     ", result, 2)
              + f" = {parallel:.3f} s/document")
        verdict = "ok" if ours <= TARGET_PER_DOCUMENT else "ABOVE TARGET"
        print(f"  target <= {TARGET_PER_DOCUMENT} s/document (-j 1): {verdict}; paired ratio a/b "
              f"{result['ratio_median'][0]:.2f} ({result['ratio_spread'][0][0]:.2f}-{result['ratio_spread'][0][1]:.2f})")


if __name__ == "__main__":
    raise SystemExit(main())
