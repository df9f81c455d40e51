"""Same input, same bytes; document properties come from the data, not the clock."""

from __future__ import annotations

import io

from docx import Document

from docgen.renderers import get_renderer
from docgen.renderers.package import read_custom_properties

from .conftest import DOCX_RENDERERS, STAMP, options


def test_rendering_twice_gives_identical_bytes(tricky_project, tricky_dir, tricky_outputs):
    for name in DOCX_RENDERERS:
        again = get_renderer(name).render(tricky_project, options(tricky_dir))
        assert [o.data for o in again] == [o.data for o in tricky_outputs[name]], name


def test_core_and_custom_properties(sample_project):
    opts = options(properties={"docgen_version": "1.2.3", "docgen_data_hash": "abc"})
    [output] = get_renderer("charter").render(sample_project, opts)
    props = Document(io.BytesIO(output.data)).core_properties
    assert props.title == "Project Charter"
    assert props.subject == sample_project.project.title
    assert props.author == "Julia Winter"
    assert props.created == props.modified == STAMP
    assert props.revision == 1
    # The template's hash too: the renderer writes every provenance property in its one zip pass.
    assert read_custom_properties(output.data) == {"docgen_version": "1.2.3", "docgen_data_hash": "abc",
                                                   "docgen.template_sha256": output.template_hash}
