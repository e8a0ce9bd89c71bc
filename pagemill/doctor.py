"""``pagemill doctor``: which OCR engines, language packs and script models this machine has.

For every major script it says what a scanned page in that script is read with (the
language pack, the script's model, or English for want of either) and the Debian
package that is missing. Nothing is downloaded and nothing is converted.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import shutil
import subprocess
from typing import Any

from .errors import OcrUnavailable

#: the scripts listed, in this order (tesseract's OSD names)
MAJOR_SCRIPTS = (
    "Latin", "Cyrillic", "Greek", "Arabic", "Hebrew", "Devanagari", "Bengali", "Tamil", "Thai",
    "Hangul", "HanS", "HanT", "Japanese", "Georgian", "Armenian",
)  # fmt: skip


def add_doctor_command(commands: Any) -> None:
    """Register ``pagemill doctor`` on the CLI's subcommands."""
    doctor = commands.add_parser("doctor", help="list the OCR engines, language packs and script models installed")
    doctor.set_defaults(run=run_doctor)


def run_doctor(_args: argparse.Namespace) -> int:
    """Print the report; exit status 1 when tesseract itself is missing."""
    lines, healthy = report()
    print("\n".join(lines))
    return 0 if healthy else 1


def report() -> tuple[list[str], bool]:
    """The lines ``pagemill doctor`` prints, and whether OCR can run at all."""
    # the engines are imported here, not with the command line (whose start-up needs none of them)
    from .engines.layout_onnx import layout_available
    from .engines.ocr import SCRIPT_LANGUAGES, SCRIPT_MODELS, language_for_script, script_package
    from .engines.ocr_rapid import INSTALL as RAPID_INSTALL
    from .engines.ocr_rapid import rapid_available
    from .engines.ocr_tesseract import installed_languages

    lines = ["OCR engines"]
    binary = shutil.which("tesseract")
    try:
        installed = installed_languages()
    except OcrUnavailable as exc:
        installed = frozenset()
        lines.append(f"  tesseract       MISSING: {exc.message}")
    else:
        lines.append(f"  tesseract       {_tesseract_version(binary)} ({binary})")
    rapid = rapid_available()
    lines.append(f"  rapidocr        {'installed (Chinese, English)' if rapid else 'not installed: ' + RAPID_INSTALL}")
    lines.append(f"  layout model    {'installed' if layout_available() else 'not installed: ' + RAPID_INSTALL}")
    models = {name for name, _ in SCRIPT_MODELS.values()}
    scripts = sorted(lang.removeprefix("script/") for lang in installed if lang.removeprefix("script/") in models)
    packs = sorted(lang for lang in installed if lang.removeprefix("script/") not in models and lang != "osd")
    osd = "installed" if "osd" in installed else "MISSING: apt-get install tesseract-ocr-osd"
    lines.append(f"orientation and script detection (osd): {osd}")
    lines.append(f"language packs ({len(packs)}): {' '.join(packs) or '-'}")
    lines.append(f"script models ({len(scripts)}): {' '.join(scripts) or '-'}")
    lines.append(f"language identification: {_langid()}")
    lines.append("a scanned page in each script is read with:")
    missing = []
    for script in MAJOR_SCRIPTS:
        choice = language_for_script(script, installed, rapid)
        lang = SCRIPT_LANGUAGES.get(script, "eng")
        if lang in ("chi_sim", "chi_tra") and rapid and choice.lang == lang:
            how = f"{choice.lang} (RapidOCR)"
        elif choice.warning:
            how = f"eng, for want of a model: MISSING {script_package(script)} (or tesseract-ocr-{_debian(lang)})"
            missing.append(script_package(script))
        else:
            model = choice.lang.split("+")[0].removeprefix("script/") in models
            how = choice.lang + (" (script model)" if model else "")
        lines.append(f"  {script:<12}{how}")
    if missing:
        lines.append(f"to read every script listed: apt-get install {' '.join(missing)}")
    return lines, bool(installed)


def _debian(lang: str) -> str:
    return lang.lower().replace("_", "-")


def _tesseract_version(binary: str | None) -> str:
    if binary is None:
        return "?"
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30, check=False)
    first = (done.stdout or done.stderr).splitlines()
    return first[0].removeprefix("tesseract ").strip() if first else "?"


def _langid() -> str:
    try:
        return f"py3langid {importlib.metadata.version('py3langid')} (model inside the wheel)"
    except importlib.metadata.PackageNotFoundError:
        return "MISSING: pip install py3langid (pages get no language)"
