"""The bench's language section (issue 12): no document is lost to a missing OCR language pack.

    .venv/bin/python -m bench.languages [--keep DIR]

For each of eight scripts (Russian, Korean, Chinese, Arabic, Hindi, Thai, Greek, Hebrew) it writes
two documents with Chromium (which shapes every script; the Noto fonts of `fonts-noto-core`):

* ``<lang>-picture.pdf``: two born-digital pages of text and a third page that is a picture of
  text (a printed page rasterised by pdftoppm), the case that used to fail a whole document;
* ``<lang>-scan.pdf``: the two text pages scanned (bench/corpus/render.py ``scan``: 300 dpi grey,
  turned up to 1°, blurred, noisy, JPEG-coded).

Then it converts the folder twice with one ``pagemill convert`` run each: with the OCR models
installed on this machine (the README's `make demo`: the script models), and with a tessdata
folder holding only English and orientation detection (nothing for these scripts). It prints
each document's status, the language pagemill identified and, for the scans, the character error
rate against the source text (bench/score's ``plain_text`` and Levenshtein, spaces ignored: Thai,
Chinese and Korean spacing is not what OCR is judged on here). The texts are the bench's own
(written for it: one committee-meeting paragraph per language).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.corpus.render import scan
from bench.score.markdown import plain_text
from bench.score.metrics import character_error_rate

ROOT = Path(__file__).resolve().parents[1]
PAGEMILL = ROOT / ".venv" / "bin" / "pagemill"

#: (language code, HTML dir, two paragraphs); the same meeting minutes in each language
TEXTS: dict[str, tuple[str, list[str]]] = {
    "ru": (
        "ltr",
        [
            "Комитет собрался во вторник, чтобы рассмотреть годовой бюджет и планы новой библиотеки.",
            "Несколько членов спросили, включены ли расходы на отопление и освещение в смету. "
            "После короткого обсуждения предложение было принято девятью голосами.",
        ],
    ),
    "ko": (
        "ltr",
        [
            "위원회는 화요일에 모여 연간 예산과 새 도서관 계획을 검토했습니다.",
            "여러 위원이 난방비와 조명비가 예산에 포함되었는지 물었습니다. 짧은 논의 끝에 제안은 승인되었습니다.",
        ],
    ),
    "zh": (
        "ltr",
        [
            "委员会于星期二开会，审议年度预算和新图书馆的计划。",
            "几位委员询问取暖和照明费用是否已列入预算。经过简短讨论，该提案以九票获得通过。",
        ],
    ),
    "ar": (
        "rtl",
        [
            "اجتمعت اللجنة يوم الثلاثاء لمراجعة الميزانية السنوية وخطط المكتبة الجديدة.",
            "وسأل عدد من الأعضاء عما إذا كانت تكاليف التدفئة والإضاءة مدرجة في الميزانية. "
            "وبعد نقاش قصير تمت الموافقة على الاقتراح.",
        ],
    ),
    "hi": (
        "ltr",
        [
            "समिति ने वार्षिक बजट और नए पुस्तकालय की योजनाओं की समीक्षा के लिए मंगलवार को बैठक की।",
            "कई सदस्यों ने पूछा कि क्या हीटिंग और प्रकाश का खर्च बजट में शामिल है। "
            "संक्षिप्त चर्चा के बाद प्रस्ताव स्वीकार कर लिया गया।",
        ],
    ),
    "th": (
        "ltr",
        [
            "คณะกรรมการประชุมในวันอังคารเพื่อพิจารณางบประมาณประจำปีและแผนของห้องสมุดแห่งใหม่",
            "สมาชิกหลายคนถามว่างบประมาณรวมค่าไฟฟ้าและค่าความร้อนไว้หรือไม่ "
            "หลังจากการอภิปรายสั้นๆ ข้อเสนอก็ได้รับการอนุมัติ",
        ],
    ),
    "el": (
        "ltr",
        [
            "Η επιτροπή συνεδρίασε την Τρίτη για να εξετάσει τον ετήσιο προϋπολογισμό "
            "και τα σχέδια της νέας βιβλιοθήκης.",
            "Αρκετά μέλη ρώτησαν αν περιλαμβάνονται τα έξοδα θέρμανσης και φωτισμού. "
            "Μετά από σύντομη συζήτηση η πρόταση εγκρίθηκε με εννέα ψήφους.",
        ],
    ),
    "he": (
        "rtl",
        [
            "הוועדה התכנסה ביום שלישי כדי לבחון את התקציב השנתי ואת התוכניות לספרייה החדשה.",
            "כמה חברים שאלו אם הוצאות החימום והתאורה כלולות בתקציב. לאחר דיון קצר ההצעה אושרה ברוב של תשעה קולות.",
        ],
    ),
}
#: the same two paragraphs this many times a page: enough text for OCR's script detection
REPEAT = 3


def _html(lang: str, direction: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8"><style>'
        "body{font-family:'Noto Sans','Noto Sans Devanagari','Noto Sans Thai','Noto Sans Arabic',"
        "'Noto Sans Hebrew','WenQuanYi Micro Hei',sans-serif;font-size:13pt;line-height:1.5;margin:2cm}"
        ".page{break-after:page}img{width:100%}</style></head><body>"
        f"{body}</body></html>"
    )


def _print(html: str, workdir: Path, pdf: Path) -> None:
    source = workdir / "page.html"
    source.write_text(html, encoding="utf-8")
    profile = workdir / "profile"
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
    command += [f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    shutil.rmtree(profile, ignore_errors=True)


def _text_pages(lang: str) -> list[list[str]]:
    """The two text pages' paragraphs: the second in the other order (so the pages do not open alike)."""
    _, paragraphs = TEXTS[lang]
    return [paragraphs * REPEAT, paragraphs[::-1] * REPEAT]


def write_inputs(folder: Path, workdir: Path) -> dict[str, str]:
    """Both documents per language; returns each scan's truth text (the scan is the first text page:
    a line repeated at the top of two pages is a running head, and these pages repeat their text)."""
    truths: dict[str, str] = {}
    for seed, (lang, (direction, _)) in enumerate(TEXTS.items()):
        pages = _text_pages(lang)
        divs = ['<div class="page">' + "".join(f"<p>{p}</p>" for p in page) + "</div>" for page in pages]
        text_pdf = workdir / f"{lang}-text.pdf"
        _print(_html(lang, direction, "".join(divs)), workdir, text_pdf)
        picture = workdir / f"{lang}-picture"
        rasterise = ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", str(text_pdf), str(picture)]
        subprocess.run(rasterise, check=True)
        picture_body = "".join(divs) + f'<div><img src="{picture.with_suffix(".png").name}"></div>'
        _print(_html(lang, direction, picture_body), workdir, folder / f"{lang}-picture.pdf")
        first_page = workdir / f"{lang}-page1.pdf"
        _print(_html(lang, direction, divs[0]), workdir, first_page)
        scan(first_page, 300, folder / f"{lang}-scan.pdf", seed)
        truths[f"{lang}-scan"] = "\n\n".join(pages[0])
    return truths


def only_english_tessdata(workdir: Path) -> Path:
    """A tessdata folder with English and orientation detection only (no pack for these scripts)."""
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=True).stdout
    source = Path(listed.splitlines()[0].split('"')[1])
    target = workdir / "tessdata-eng"
    target.mkdir()
    for name in ("eng.traineddata", "osd.traineddata"):
        shutil.copy(source / name, target / name)
    return target


def convert(folder: Path, out: Path, env: dict[str, str] | None) -> dict[str, dict[str, object]]:
    command = [str(PAGEMILL), "convert", str(folder), "-o", str(out), "--format", "both", "-q"]
    subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800)
    results: dict[str, dict[str, object]] = {}
    for source in sorted(folder.glob("*.pdf")):
        tree_path = out / f"{source.stem}.json"
        if not tree_path.exists():
            results[source.stem] = {"status": "failed (no output)", "language": "", "markdown": ""}
            continue
        tree = json.loads(tree_path.read_text(encoding="utf-8"))
        markdown = (out / f"{source.stem}.md").read_text(encoding="utf-8")
        status, language = tree.get("status", "?"), tree.get("language") or ""
        results[source.stem] = {"status": status, "language": language, "markdown": markdown}
    return results


def _squeezed(text: str) -> str:
    return "".join(plain_text(text).split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", type=Path, help="keep the inputs and outputs in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        base = args.keep or Path(temporary)
        folder, workdir = base / "inputs", base / "work"
        folder.mkdir(parents=True, exist_ok=True)
        workdir.mkdir(parents=True, exist_ok=True)
        truths = write_inputs(folder, workdir)
        installed = convert(folder, base / "out-installed", None)
        english_env = dict(os.environ, TESSDATA_PREFIX=str(only_english_tessdata(workdir)))
        english = convert(folder, base / "out-english-only", english_env)
        print("| document | status | language | CER (scan) | status, English only | CER, English only |")
        print("|---|---|---|---:|---|---:|")
        for name in sorted(installed):
            cells = [name, str(installed[name]["status"]), str(installed[name]["language"])]
            truth = truths.get(name)
            cer = (
                f"{character_error_rate(_squeezed(truth), _squeezed(str(installed[name]['markdown']))):.3f}"
                if truth
                else "–"
            )
            cer_english = (
                f"{character_error_rate(_squeezed(truth), _squeezed(str(english[name]['markdown']))):.3f}"
                if truth
                else "–"
            )
            cells += [cer, str(english[name]["status"]), cer_english]
            print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
