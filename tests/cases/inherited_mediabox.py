"""fpdf2 pages whose MediaBox (A5) is written once, on the /Pages node, and inherited by every
page (no /MediaBox or /CropBox on the page itself). Two pages, each with a running header and
a footer "Page N of 2"; both must be recognised as furniture."""

from fpdf import FPDF


class _Pdf(FPDF):
    def header(self) -> None:
        self.set_font("Helvetica", "I", 9)
        self.cell(0, 10, "Quarterly Field Notes", align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 9)
        self.cell(0, 10, f"Page {self.page_no()} of 2", align="C")


def build(path: str) -> None:
    pdf = _Pdf(format=(148, 210))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(text="Inherited Page Size", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "The first page holds a heading and this paragraph.", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.multi_cell(0, 6, "The second page holds one more paragraph.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(path)
