"""The packaged role model (stages/roles.py): it loads, matches the features, and gives the roles of a
small golden page from each of three producers (pdflatex, reportlab, fpdf2), generated here."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from pagemill import pipeline
from pagemill.options import Options
from pagemill.stages.features import FEATURES
from pagemill.stages.roles import ROLES, ModelError, load_model, read_model

PARAGRAPH = (
    "The survey collected measurements from twelve stations along the northern coast. Each station recorded "
    "the water temperature every hour for three consecutive years, and the records were checked by hand."
)
#: the golden page: (role, text) from top to bottom; the page number stands at the foot
PAGE = [
    ("heading", "1 Introduction"),
    ("paragraph", PARAGRAPH),
    ("heading", "2 Methods"),
    ("paragraph", PARAGRAPH),
    ("list_item", "fill short gaps by interpolation"),
    ("list_item", "remove duplicate records"),
    ("paragraph", PARAGRAPH),
]


def _roles(pdf: Path) -> dict[str, str]:
    saved = pipeline.DOCUMENT_STAGES
    pipeline.DOCUMENT_STAGES = (pipeline.assign_roles,)
    try:
        document = pipeline.build_document(str(pdf), Options(images=False, ocr="never"))
    finally:
        pipeline.DOCUMENT_STAGES = saved
    return {block.text[:30]: block.attrs.get("role", "") for page in document.pages for block in page.blocks}


def _expected(roles: dict[str, str]) -> None:
    for role, text in PAGE:
        found = [r for t, r in roles.items() if text.startswith(t) or t.startswith(text[:30])]
        assert found and found[0] == role, (text, roles)


def _latex(folder: Path) -> Path:
    if shutil.which("pdflatex") is None:
        pytest.fail("pdflatex is missing: install TEST_DEBS (make test does)")
    body = [r"\documentclass[11pt]{article}\usepackage[T1]{fontenc}\usepackage{lmodern}\begin{document}"]
    for role, text in PAGE:
        if role == "heading":
            body.append(rf"\section*{{{text}}}")
        elif role == "list_item":
            body.append(rf"\begin{{itemize}}\item {text}\end{{itemize}}")
        else:
            body.append(text + "\n")
    body.append(r"\end{document}")
    (folder / "page.tex").write_text("\n".join(body))
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "page.tex"], cwd=folder, capture_output=True)
    assert run.returncode == 0, run.stdout[-2000:]
    return folder / "page.pdf"


def _reportlab(folder: Path) -> Path:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story: list[object] = []
    for role, text in PAGE:
        if role == "heading":
            story.append(Paragraph(text, styles["Heading1"]))
        elif role == "list_item":
            story.append(ListFlowable([Paragraph(text, styles["BodyText"])], bulletType="bullet"))
        else:
            story.append(Paragraph(text, styles["BodyText"]))
    path = folder / "page.pdf"
    SimpleDocTemplate(str(path), invariant=1).build(story)
    return path


def _fpdf(folder: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for role, text in PAGE:
        if role == "heading":
            pdf.ln(4)
            pdf.set_font("Helvetica", "B", 16)
            pdf.multi_cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif role == "list_item":
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, "- " + text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    path = folder / "page.pdf"
    pdf.output(str(path))
    return path


def test_the_packaged_model_loads_and_takes_the_features() -> None:
    model = load_model()
    assert model.features == FEATURES and model.roles == ROLES
    proba = model.predict_proba(np.zeros((3, len(FEATURES)), np.float32))
    assert proba.shape == (3, len(ROLES)) and np.allclose(proba.sum(axis=1), 1.0)
    with pytest.raises(ModelError):
        model.predict_proba(np.zeros((1, 3), np.float32))


def test_a_damaged_model_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "roles_model.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError):
        read_model(bad)


@pytest.mark.parametrize("producer", [_latex, _reportlab, _fpdf], ids=["pdflatex", "reportlab", "fpdf2"])
def test_golden_page_roles(producer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _expected(_roles(producer(tmp_path)))
