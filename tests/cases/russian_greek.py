"""Russian and Greek set with fpdf2 in DejaVu Sans: a bold heading and two wrapped paragraphs."""

from fpdf import FPDF

DEJAVU = "/usr/share/fonts/truetype/dejavu/"

RUSSIAN = (
    "Быстрое преобразование документов требует аккуратного чтения текстового слоя. "
    "Этот абзац написан по-русски и занимает несколько строк, чтобы проверить соединение строк."
)
GREEK = "Η γλώσσα αυτού του κειμένου είναι η ελληνική. Κάθε λέξη πρέπει να διαβάζεται σωστά και με τους τόνους της."


def build(path: str) -> None:
    pdf = FPDF(format=(148, 210))
    pdf.add_font("DejaVu", "", DEJAVU + "DejaVuSans.ttf")
    pdf.add_font("DejaVu", "B", DEJAVU + "DejaVuSans-Bold.ttf")
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(text="Введение", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5, RUSSIAN, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 5, GREEK, new_x="LMARGIN", new_y="NEXT")
    pdf.output(path)
