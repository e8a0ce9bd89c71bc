"""Simplified Chinese set with fpdf2 in WenQuanYi Micro Hei: a heading and a paragraph wrapped over lines."""

from fpdf import FPDF

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

PARAGRAPH = (
    "文档转换工具需要正确地读取文本层。中文句子之间没有空格，所以换行的地方不能插入多余的空格。"
    "这一段文字足够长，会在页面上折成好几行，用来检查行与行之间的连接是否正确。"
)


def build(path: str) -> None:
    pdf = FPDF(format=(148, 210))
    pdf.add_font("WQY", "", WQY)
    pdf.add_page()
    pdf.set_font("WQY", "", 18)
    pdf.cell(text="简介", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("WQY", "", 11)
    pdf.multi_cell(0, 6, PARAGRAPH, new_x="LMARGIN", new_y="NEXT")
    pdf.output(path)
