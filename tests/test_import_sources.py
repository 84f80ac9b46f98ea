"""Reading sources: encodings, saved web pages, Word documents and PDFs (importer stage 1)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from generator.importer.sources import read_source, repair_wraps

FIXTURES = Path(__file__).parent / "fixtures" / "import"
TEXT = "示例市教育局2025年工作要点\n一、加强党的建设\n1.深化党的全面领导。完善校长负责制。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_text_in_any_common_encoding_reads_the_same(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.encode(encoding))
    text, problems, _ = read_source(str(path))
    assert problems == []
    assert text == TEXT  # no byte-order mark, no mojibake


def test_windows_line_ends_are_normalised(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode("gb18030"))
    assert read_source(str(path))[0] == TEXT


def test_undecodable_text_is_reported_not_guessed(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("一、".encode("utf-8") + b"\xff\xfe\xff")
    text, problems, _ = read_source(str(path))
    assert text is None
    assert "neither UTF-8 nor GB18030" in problems[0].message


def test_utf16_cut_off_is_reported_as_such(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(TEXT.encode("utf-16")[:-1])  # a byte short: the last character cut in half
    text, problems, _ = read_source(str(path))
    assert text is None
    assert "UTF-16 byte order mark but is not UTF-16 throughout" in problems[0].message
    assert "cut off" in problems[0].message


@pytest.mark.parametrize("name, content, message", [
    ("plan.docx", "一、不是 Word 文件".encode("utf-8"), "not a Word document in the .docx format"),
    ("plan.docx", b"PK\x03\x04 truncated", "not a Word document in the .docx format"),
    ("plan.pdf", b"%PDF-1.4 truncated", "not a readable PDF"),
    ("plan.pdf", b"", "not a readable PDF"),
])
def test_a_document_that_is_not_what_its_extension_says_is_reported(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    text, [problem], _ = read_source(str(path))
    assert text is None and problem.path == str(path) and message in problem.message


def test_a_folder_is_reported_as_one(tmp_path):
    text, [problem], _ = read_source(str(tmp_path))
    assert text is None and problem.message == "is a folder: give the published document's file"


def test_unknown_file_type_is_reported(tmp_path):
    path = tmp_path / "plan.rtf"
    path.write_text("{\\rtf1}")
    text, problems, _ = read_source(str(path))
    assert text is None and ".rtf" in problems[0].message


def test_saved_page_keeps_the_article_and_drops_the_site_around_it():
    text, problems, _ = read_source(str(FIXTURES / "article.html"))
    assert problems == []
    lines = text.splitlines()
    assert lines[0] == "示例市教育局2025年工作要点"  # the page heading, outside the article container
    assert "2025年全市教育工作的总体要求是：坚持立德树人，办好人民满意的教育。" in lines  # no space for the wrap
    assert "1.深化党的全面领导。完善中小学校党组织领导的校长负责制。" in lines
    assert "3\t扩大普惠资源，新建公办幼儿园5所。\t基教科\t2025年9月" in lines  # table row: tab-separated cells
    for chrome in ("首页", "政务公开", "办事服务", "分享到", "版权所有", "广告", "统计代码", "浏览次数", "color"):
        assert chrome not in text


def test_page_classes_that_name_chrome_never_drop_the_body(tmp_path):
    path = tmp_path / "page.html"
    path.write_text('<body class="page-header-fixed"><div class="nav">首页</div>'
                    '<article><p>一、加强党的建设</p></article></body>', encoding="utf-8")
    assert read_source(str(path))[0] == "一、加强党的建设\n"


def test_one_long_paragraph_does_not_hide_the_rest_of_the_article(tmp_path):
    path = tmp_path / "page.html"
    long_item = "1.深化党的全面领导。" + "完善中小学校党组织领导的校长负责制。" * 20
    path.write_text(f'<body><div id="zoom"><p>一、加强党的建设</p><p>{long_item}</p></div></body>', encoding="utf-8")
    assert read_source(str(path))[0] == f"一、加强党的建设\n{long_item}\n"


def test_saved_page_in_gbk_is_decoded_by_its_declared_charset(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
            '<body><div id="content"><p>一、加强党的建设</p><p>1.深化党的全面领导。</p></div></body></html>')
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gb18030"))
    assert read_source(str(path))[0] == "一、加强党的建设\n1.深化党的全面领导。\n"


def make_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("示例市教育局2025年重点工作任务分解表")
    document.add_paragraph("一、党的建设")
    table = document.add_table(rows=3, cols=5)
    rows = [("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
            ("1", "深化理论武装，组织中心组专题学习12次。", "基教科", "计财科", "2025年6月底前"),
            ("2", "加强基层党建，推进支部标准化建设。", "计财科", "", "2025年12月")]
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("二、基础教育")
    merged = document.add_table(rows=1, cols=2)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[1]).text = "说明：合并单元格只读一次"
    document.save(path)


def test_word_document_gives_paragraphs_and_table_rows_in_order(tmp_path):
    path = tmp_path / "plan.docx"
    make_docx(path)
    text, problems, _ = read_source(str(path))
    assert problems == []
    assert text.splitlines() == [
        "示例市教育局2025年重点工作任务分解表",
        "一、党的建设",
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限",
        "1\t深化理论武装，组织中心组专题学习12次。\t基教科\t计财科\t2025年6月底前",
        "2\t加强基层党建，推进支部标准化建设。\t计财科\t\t2025年12月",
        "二、基础教育",
        "说明：合并单元格只读一次",
    ]


def test_pdf_line_wraps_are_repaired_in_text():
    wrapped = "\n".join([
        "一、加强党的建设",
        "1.深化党的全面领导。深入贯彻习近平总书记关于教育的重要论述，牢牢把",
        "握教育政治属性。",
        "2.强化党建引领作用。启动实施党建引领工程，打造红烛党建品牌，推动各",
        "",
        "地各校创建特色品牌，增强党组织凝聚力与吸引力，推进党建业务融合。",
        "3.推进全面从严治党。坚持用改革精神和严的标准管党治党，巩固成果。",
        "4.加强作风建设。",
        "二、推进教育均衡",
    ])
    assert repair_wraps(wrapped).split("\n") == [
        "一、加强党的建设",  # a short heading keeps its break
        "1.深化党的全面领导。深入贯彻习近平总书记关于教育的重要论述，牢牢把握教育政治属性。",
        # a blank line inside the wrapped paragraph goes too; the next full line ends a sentence
        "2.强化党建引领作用。启动实施党建引领工程，打造红烛党建品牌，推动各地各校创建特色品牌，增强党组织凝聚力与吸引力，推进党建业务融合。",
        "3.推进全面从严治党。坚持用改革精神和严的标准管党治党，巩固成果。",
        "4.加强作风建设。",
        "二、推进教育均衡",
    ]


def test_full_line_before_a_numbered_heading_keeps_its_break():
    wrapped = ("1.深化党的全面领导。深入贯彻习近平总书记关于教育的重要论述和指示精神\n"
               "2.强化党建引领作用。启动实施党建引领工程，打造红烛党建品牌，推动各校\n"
               "创建特色品牌。")
    assert repair_wraps(wrapped).split("\n") == [
        "1.深化党的全面领导。深入贯彻习近平总书记关于教育的重要论述和指示精神",
        "2.强化党建引领作用。启动实施党建引领工程，打造红烛党建品牌，推动各校创建特色品牌。",
    ]


WRAPPED_COPY = [  # a plan copied out of a PDF viewer into a text file, its lines wrapped at 24 characters
    "示例县教育局2024年工作要点",
    "一、推进教育优质均衡发展",
    "1.扩大优质教育资源。新建改扩建中小学",
    "校舍面积2万平方米，新增学位3000个，",
    "缓解城区学校大班额问题，推进集团化办",
    "学全覆盖。（责任单位：基教科）",
    "2.提升教师队伍素质。开展全员培训，组",
    "织骨干教师跟岗研修不少于200人次，评",
    "选县级学科带头人30名，完善教师交流轮",
    "岗机制。（责任单位：人事科）",
]


def test_a_text_copied_from_a_pdf_with_its_line_wraps_is_read_with_them_repaired(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text("\n".join(WRAPPED_COPY), encoding="utf-8")
    text, [warning], _ = read_source(str(path))
    assert (warning.severity, warning.line) == ("warning", 0)
    assert "a copy of a PDF" in warning.message and "6 line(s) joined" in warning.message  # 8 lines made 2
    assert text.split("\n") == WRAPPED_COPY[:2] + [
        "1.扩大优质教育资源。新建改扩建中小学校舍面积2万平方米，新增学位3000个，缓解城区学校大班额问题，推进集团化办学全覆盖。"
        "（责任单位：基教科）",
        "2.提升教师队伍素质。开展全员培训，组织骨干教师跟岗研修不少于200人次，评选县级学科带头人30名，完善教师交流轮岗机制。"
        "（责任单位：人事科）"]


def test_a_text_of_one_paragraph_a_line_keeps_its_lines(tmp_path):
    # unnumbered paragraphs (which a wrapped line would be joined to) and table rows of one width that end
    # without punctuation: neither is a line the page wrapped
    lines = ["示例县教育局2024年工作要点",
             "全县教育系统坚持以人民为中心，办好人民满意的教育。",
             "序号\t工作任务\t牵头单位\t责任单位\t完成时限",
             "1\t推进义务教育均衡发展\t县教育局基教科\t各乡镇中心学校\t2024年12月底",
             "2\t扩大普惠学前教育资源\t县教育局基教科\t各乡镇中心学校\t2024年12月底",
             "3\t落实教师减负清单制度\t县教育局人事科\t各乡镇中心学校\t2024年12月底",
             "4\t实施校园安全专项整治\t县教育局安全科\t各乡镇中心学校\t2024年12月底",
             "5\t深化教育评价改革试点\t县教育局督导室\t各乡镇中心学校\t2024年12月底",
             "各单位要细化工作措施，确保各项任务按期完成。"]
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert read_source(str(path)) == ("\n".join(lines), [], ())  # nor is it said to be repaired


def test_a_wrapped_line_before_a_table_row_keeps_its_break():
    wrapped = "\n".join(WRAPPED_COPY[:4] + ["序号|工作任务|责任单位", "1|扩大优质教育资源|基教科"])
    assert repair_wraps(wrapped).split("\n") == WRAPPED_COPY[:2] + [
        "1.扩大优质教育资源。新建改扩建中小学校舍面积2万平方米，新增学位3000个，", "序号|工作任务|责任单位",
        "1|扩大优质教育资源|基教科"]


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text is ``lines``: a CID font with a ToUnicode map, as Chinese PDFs carry.

    No PDF-writing library is installed (reportlab is not a dependency), and a
    PDF needs only a few objects, so the test writes one by hand.
    """
    chars = sorted(set("".join(lines)))
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    ops = ["BT", "/F1 12 Tf", "18 TL", "50 780 Td"]
    ops += ["<" + "".join(f"{code[ch]:04X}" for ch in line) + "> Tj T*" for line in lines]
    content = "\n".join(ops + ["ET"]).encode("ascii")
    pairs = "\n".join(f"<{code[ch]:04X}> <{ord(ch):04X}>" for ch in chars)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n{pairs}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end").encode("ascii")

    def stream(data: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Plain /Encoding /Identity-H /DescendantFonts [6 0 R] "
        b"/ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Plain /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
        stream(cmap),
        b"<< /Type /FontDescriptor /FontName /Plain /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 "
        b"/Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_real_pdf_is_read_with_its_wraps_repaired(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(make_pdf([
        "一、加强党的建设",
        "1.深化党的全面领导。深入贯彻习近平总书记关于教育的重要论述，牢牢把",
        "握教育政治属性。",
        "2.强化党建引领作用。启动实施党建引领工程，打造红烛党建品牌，推动各",
        "地各校创建特色品牌。",
    ]))
    text, problems, _ = read_source(str(path))
    assert problems == []
    assert [line for line in text.splitlines() if line] == [
        "一、加强党的建设",
        "1.深化党的全面领导。深入贯彻习近平总书记关于教育的重要论述，牢牢把握教育政治属性。",
        "2.强化党建引领作用。启动实施党建引领工程，打造红烛党建品牌，推动各地各校创建特色品牌。",
    ]
