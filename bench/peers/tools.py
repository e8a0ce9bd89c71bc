"""How each tool is installed and invoked: one command line from a PDF to a Markdown (or text) file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENVS = ROOT / "bench" / "venvs"
PEERS = ROOT / "bench" / "peers"
#: earlier commits of pagemill, one worktree each (tools named ``pagemill@<commit>``)
REVS = ROOT / "bench" / "cache" / "revs"


@dataclass(frozen=True)
class Tool:
    """A converter under test: its name, its virtual environment and its command line."""

    name: str
    venv: str | None  # folder under bench/venvs, or None for pagemill's own .venv / a system tool
    requirements: tuple[str, ...] = ()

    def command(self, pdf: Path, out_dir: Path, pages: str | None = None) -> tuple[list[str], Path]:
        """The argv that converts ``pdf``, and the file it writes."""
        out = out_dir / (pdf.stem + ".md")
        python = str(VENVS / (self.venv or "") / "bin" / "python")
        if self.name == "pagemill":
            argv = [
                str(ROOT / ".venv" / "bin" / "pagemill"),
                "convert",
                str(pdf),
                "-o",
                str(out_dir),
                "--format",
                "markdown",
            ]
            return argv + (["--pages", pages] if pages else []), out
        if self.name.startswith("pagemill@"):  # an earlier commit's code, checked out by tool_named()
            source = REVS / self.name.removeprefix("pagemill@")
            # run in the checkout: pagemill's batch workers are `python -c` children, which put their working
            # folder first on sys.path (in this one, today's pagemill/ would come before PYTHONPATH's)
            argv = ["env", "-C", str(source), f"PYTHONPATH={source}", str(ROOT / ".venv" / "bin" / "python"), "-m"]
            argv.append("pagemill.cli")
            return argv + ["convert", str(pdf), "-o", str(out_dir), "--format", "markdown"], out
        if self.name == "pdftotext":
            return ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(out)], out
        if self.name == "pymupdf4llm":
            return [python, str(PEERS / "run_pymupdf4llm.py"), str(pdf), str(out)], out
        if self.name == "pymupdf4llm-legacy":
            return [python, str(PEERS / "run_pymupdf4llm.py"), str(pdf), str(out), "--legacy"], out
        if self.name == "markitdown":
            return [str(VENVS / "markitdown" / "bin" / "markitdown"), str(pdf), "-o", str(out)], out
        if self.name == "pdfplumber":
            return [python, str(PEERS / "run_pdfplumber.py"), str(pdf), str(out)], out
        raise ValueError(f"unknown tool {self.name}")


# Versions pinned to what was measured; bench/peers/setup.sh installs them.
TOOLS = (
    Tool("pagemill", None),
    Tool("pdftotext", None),
    Tool("pymupdf4llm", "pymupdf4llm", ("pymupdf4llm==2.0", "pymupdf==2.0")),
    Tool("pymupdf4llm-legacy", "pymupdf4llm", ("pymupdf4llm==2.0", "pymupdf==2.0")),
    Tool("markitdown", "markitdown", ("markitdown[pdf]==0.1.9",)),
    Tool("pdfplumber", "pdfplumber", ("pdfplumber==0.11.10",)),
)
BY_NAME = {tool.name: tool for tool in TOOLS}


def tool_named(name: str) -> Tool:
    """A tool by name; ``pagemill@<commit>`` is pagemill at that commit (a worktree under ``REVS``, made
    here when missing), run with today's virtual environment: a before/after in one run."""
    if name in BY_NAME:
        return BY_NAME[name]
    if not name.startswith("pagemill@"):
        raise KeyError(f"unknown tool {name} (known: {', '.join(BY_NAME)}, pagemill@<commit>)")
    checkout = REVS / name.removeprefix("pagemill@")
    if not checkout.exists():
        import subprocess

        REVS.mkdir(parents=True, exist_ok=True)
        add = ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(checkout), checkout.name]
        subprocess.run(add, check=True)
    return Tool(name, None)
