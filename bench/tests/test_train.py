"""`make train` on a tiny generated corpus: the training set, leave-one-family-out, the model and report."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from bench.train import dataset, labels
from bench.train.__main__ import main
from pagemill.stages.roles import ROLES, read_model

TEXT = "The stations recorded the water temperature every hour for three years, checked by hand each month."


def make_document(folder: Path, name: str, family: str, heading_size: float, pages: int = 2) -> None:
    """A small report by reportlab: headings, paragraphs, a list, a running head and page numbers."""
    from reportlab.pdfgen import canvas

    truth: list[str] = []
    pdf = canvas.Canvas(str(folder / f"{name}.pdf"), pagesize=(420.0, 595.0), invariant=1)
    for number in range(1, pages + 1):
        pdf.setFont("Helvetica", 8)
        pdf.drawString(50, 570, "Coastal measurements")
        pdf.drawString(205, 30, str(number))
        y = 530.0
        for index in range(3):
            heading = f"{number}.{index + 1} Section {name} {number} {index}"
            pdf.setFont("Helvetica-Bold", heading_size)
            pdf.drawString(50, y, heading)
            truth.append(f"## {heading}")
            y -= 26
            pdf.setFont("Helvetica", 10)
            for half in (TEXT[:50], TEXT[50:]):
                pdf.drawString(50, y, half)
                y -= 13
            truth.append(TEXT)
            y -= 10
            item = f"item {index} of page {number}"
            pdf.drawString(60, y, f"• {item}")
            truth.append(f"- {item}")
            y -= 30
        pdf.showPage()
    pdf.save()
    (folder / f"{name}.md").write_text("\n\n".join(truth) + "\n")
    meta = {"name": name, "family": family, "pages": pages, "scanned": False, "fingerprint": "t",
            "furniture": {"texts": ["Coastal measurements"], "page_numbers": True}}
    (folder / f"{name}.json").write_text(json.dumps(meta))


def test_truth_roles_and_labels() -> None:
    truth = labels.parse_truth("# 1 Intro\n\nSome body text here.\n\n- an item\n\n[^1]: a note\n", {})
    role = labels.ROLE
    assert labels.label("1 Intro", "1 Intro", 0.3, 0.35, truth) == role["heading"]
    assert labels.label("• an item", "an item", 0.4, 0.45, truth) == role["list_item"]
    assert labels.label("body text", "body text", 0.5, 0.55, truth) == role["paragraph"]
    assert labels.label("1 a note", "1 a note", 0.9, 0.92, truth) == role["footnote"]
    assert labels.label("unknown words", "unknown words", 0.5, 0.55, truth) == -1


def test_train_on_a_tiny_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index, family in enumerate(["alpha", "alpha", "beta", "beta"]):
        make_document(corpus, f"doc{index}", family, heading_size=13 + index)
    model_path, report = tmp_path / "model.npz", tmp_path / "REPORT.md"
    argv = ["--corpus", str(corpus), "--cache", str(tmp_path / "cache"), "--model", str(model_path)]
    main([*argv, "--report", str(report)])
    rows = dataset.build(corpus, tmp_path / "cache", log=False)
    assert {ROLES[k] for k in rows.y[rows.y >= 0]} >= {"heading", "paragraph", "list_item", "furniture"}
    model = read_model(model_path)
    predicted = model.predict_proba(rows.x).argmax(axis=1)
    labelled = rows.y >= 0
    assert (predicted[labelled] == rows.y[labelled]).mean() > 0.95
    text = report.read_text()
    assert "| alpha | heading |" in text and "| beta | heading |" in text and "held out" in text
    first = model_path.read_bytes()
    main([*argv, "--report", str(report)])  # the same rows give the same model
    again = read_model(model_path)
    assert np.array_equal(again.threshold, model.threshold) and np.array_equal(again.value, model.value)
    assert len(first) > 0
