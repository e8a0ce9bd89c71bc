"""A Chinese report set the way LibreOffice sets a CJK font that has no bold face: its headings and a
run-in head made bold by filling and stroking the glyphs (text render mode 2), the font's name and
weight regular. The third-level heading is barely larger than the body and stands right above its
paragraph (zh-docx's "传感器校准"): only its weight sets it apart. Set with fpdf2 in WenQuanYi Micro Hei."""

from fpdf import FPDF
from fpdf.enums import TextMode

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

FIRST = (
    "我们在北部海岸的十二个观测站连续三年收集了测量数据。每个观测站每小时记录一次水温和气压。"
    "缺失值很少，而且大多发生在冬季短暂停电之后。"
)
SECOND = "今后的工作应当把观测网络扩展到南部岛屿。我们将逐时序列与国家气象部门公布的月平均值进行比较。"


def _heading(pdf: FPDF, text: str, size: float) -> None:
    pdf.set_font("WQY", "", size)
    with pdf.local_context(text_mode=TextMode.FILL_STROKE):  # q ... Q: the mode ends with the heading
        pdf.cell(text=text, new_x="LMARGIN", new_y="NEXT")


def build(path: str) -> None:
    pdf = FPDF(format="A4")
    pdf.add_font("WQY", "", WQY)
    pdf.add_page()
    _heading(pdf, "研究方法", 16)
    pdf.ln(2)
    pdf.set_font("WQY", "", 11)
    pdf.multi_cell(0, 6, FIRST, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _heading(pdf, "传感器校准", 11.5)
    pdf.set_font("WQY", "", 11)
    pdf.multi_cell(0, 6, SECOND, new_x="LMARGIN", new_y="NEXT")
    pdf.output(path)
