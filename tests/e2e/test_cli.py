"""The ``pagemill convert`` command line, run in a subprocess on folders of good and bad files.

Bad inputs (not a PDF, empty, encrypted without its password, truncated) must each be named
with a reason, leave no output (not even a temporary file), not stop the other files, and make
the exit code non-zero.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF
from reportlab.pdfgen import canvas

Run = tuple[subprocess.CompletedProcess[str], Path]
PASSWORD = "s3cret"
PAGE_TEXTS = [
    "Apples grow on the first page.",
    "Bananas ripen on the second page.",
    "Cherries fall on the third page.",
    "Dates dry on the fourth page.",
    "Elderberries end the fifth page.",
]


def pagemill_command() -> list[str]:
    script = Path(sys.executable).parent / "pagemill"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pagemill.cli"]


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*pagemill_command(), "convert", *map(str, args)], capture_output=True, text=True, timeout=300, env=env
    )


def write_pdf(path: Path, texts: list[str]) -> Path:
    """One page per text, the text in the middle of the page (away from header and footer bands)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page = canvas.Canvas(str(path), pagesize=(420.0, 595.0), invariant=1)
    for text in texts:
        page.setFont("Helvetica", 11)
        page.drawString(60, 300, text)
        page.showPage()
    page.save()
    return path


def write_encrypted(path: Path) -> Path:
    pdf = FPDF(format=(148, 210))
    pdf.set_encryption(owner_password="owner-" + PASSWORD, user_password=PASSWORD)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_y(90)
    pdf.cell(text="Only readers with the password see this sentence.")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of good and bad inputs, with a nested subfolder."""
    root = tmp_path_factory.mktemp("library")
    good = write_pdf(root / "good.pdf", PAGE_TEXTS)
    write_pdf(root / "nested" / "deeper" / "inner.pdf", ["A file two folders down."])
    write_encrypted(root / "locked.pdf")
    (root / "not_a_pdf.pdf").write_text("This is plain text wearing a .pdf name.\n", encoding="utf-8")
    (root / "empty.pdf").write_bytes(b"")
    data = good.read_bytes()
    (root / "nested" / "truncated.pdf").write_bytes(data[: len(data) // 2])
    return root


def files_under(folder: Path) -> set[str]:
    """Every file under ``folder``, except the batch's own journal and lock at its top (``.pagemill*``)."""
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return {f for f in files if not (f.startswith(".pagemill") and "/" not in f and not f.endswith(".tmp"))}


BAD = {
    "locked.pdf": ("password",),
    "not_a_pdf.pdf": ("not a pdf",),
    "empty.pdf": ("empty",),
    "nested/truncated.pdf": ("corrupt", "truncated", "damaged", "cannot read", "broken"),
}


@pytest.fixture(scope="module")
def folder_run(library: Path, tmp_path_factory: pytest.TempPathFactory) -> Run:
    out = tmp_path_factory.mktemp("out")
    return run_cli(library, "-o", out), out


def test_failures_give_a_non_zero_exit(folder_run: Run) -> None:
    result, _ = folder_run
    assert result.returncode != 0, result.stderr


@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_is_named_with_its_reason(name: str, folder_run: Run) -> None:
    result, _ = folder_run
    lines = [line for line in result.stderr.splitlines() if name in line]
    assert lines, f"{name} not named in stderr:\n{result.stderr}"
    assert any(reason in line.lower() for line in lines for reason in BAD[name]), lines


def test_good_files_convert_into_the_mirrored_tree_and_nothing_else_is_left(
    folder_run: Run,
) -> None:
    result, out = folder_run
    # no .md for failed inputs, no temporary files, nested folders mirrored
    assert files_under(out) == {"good.md", "nested/deeper/inner.md"}, result.stderr
    good = (out / "good.md").read_text(encoding="utf-8")
    assert all(text in good for text in PAGE_TEXTS)
    assert "A file two folders down." in (out / "nested" / "deeper" / "inner.md").read_text(encoding="utf-8")


def test_the_right_password_opens_the_encrypted_file(library: Path, tmp_path: Path) -> None:
    result = run_cli(library / "locked.pdf", "-o", tmp_path, "--password", PASSWORD)
    assert result.returncode == 0, result.stderr
    assert "Only readers with the password see this sentence." in (tmp_path / "locked.md").read_text(encoding="utf-8")


def test_a_wrong_password_is_reported(library: Path, tmp_path: Path) -> None:
    result = run_cli(library / "locked.pdf", "-o", tmp_path, "--password", "wrong")
    assert result.returncode != 0
    assert "locked.pdf" in result.stderr and "password" in result.stderr.lower()
    assert files_under(tmp_path) == set()


def test_page_selection(library: Path, tmp_path: Path) -> None:
    result = run_cli(library / "good.pdf", "-o", tmp_path, "--pages", "1-2,4")
    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "good.md").read_text(encoding="utf-8")
    assert [text in markdown for text in PAGE_TEXTS] == [True, True, False, True, False]


def test_format_json(library: Path, tmp_path: Path) -> None:
    result = run_cli(library / "good.pdf", "-o", tmp_path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert files_under(tmp_path) == {"good.json"}
    tree = json.loads((tmp_path / "good.json").read_text(encoding="utf-8"))
    assert len(tree["pages"]) == 5
    texts = [block["text"] for page in tree["pages"] for block in page["blocks"]]
    assert all(any(text in t for t in texts) for text in PAGE_TEXTS)
    first = tree["pages"][0]["blocks"][0]
    assert {"kind", "page", "bbox", "text"} <= set(first)


def test_format_both(library: Path, tmp_path: Path) -> None:
    result = run_cli(library / "nested", "-o", tmp_path, "--format", "both")
    assert result.returncode != 0  # nested/truncated.pdf fails
    assert files_under(tmp_path) == {"deeper/inner.md", "deeper/inner.json"}
    assert "truncated.pdf" in result.stderr


def test_bad_page_range_is_refused(library: Path, tmp_path: Path) -> None:
    result = run_cli(library / "good.pdf", "-o", tmp_path, "--pages", "5-2")
    assert result.returncode != 0
    assert "page" in result.stderr.lower()
    assert files_under(tmp_path) == set()


def test_command_line_process_imports_no_pipeline() -> None:
    """The parent process only hands files to its workers: it must not pay for the pipeline's imports
    (numpy, PDFium, the stages: ~0.5 s of CPU before the worker, which imports them again, can start)."""
    heavy = ("pagemill.pipeline", "pagemill.api", "numpy", "pypdfium2")
    code = f"import sys, pagemill.cli; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    import pagemill

    assert pagemill.convert is pagemill.api.convert  # still there for the library's users, on first use
