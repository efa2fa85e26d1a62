#!/usr/bin/env python3
"""Writes the hostile-input cases of tests/hostile/: the case files, cases.tsv
(what each must give) and MATRIX.md (the same, for people).

Deterministic: run it again and `git diff` shows nothing. Python 3 standard
library only. Run from anywhere:

    python3 tests/hostile/make_cases.py            # the committed small cases
    python3 tests/hostile/make_cases.py --large    # also large/60mb.txt (git-ignored)

cases.tsv columns (tab-separated, one case a line, `#` lines are comments):

    file    via    expect    message    text_prefix

- via: `decode` (detect the encoding), `decode:LABEL` (the person chose an
  encoding), or `import:auto` / `import:FORMAT` (decode, then read the JSON
  as annotations with biaozhu::formats::import; auto = formats::detect).
- expect: `error`, or for decode `ok:ENCODING` with optional `;bom`,
  `;replaced=N`, `;detected` / `;chosen` (default: detected unless a BOM or
  a label chose it), or for import `ok:N` (N annotations imported).
- message: for `error` the stable prefix of the message the person sees; for
  `ok` the prefix of the one warning expected, or `-` for none.
- text_prefix: for a decode `ok`, the first characters of the text
  (escapes: \\n \\r \\t \\\\ \\uXXXX), or `-`.

The page's Open control must show the same messages: the browser tests read
this file too.
"""

import gzip
import hashlib
import io
import json
import os
import struct
import sys
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

# --- texts -----------------------------------------------------------------

ZH_S = (
    "中华人民共和国成立于一九四九年。北京是中国的首都，也是全国的政治和文化中心。\n"
    "这是一个用于测试编码检测的段落，包含常用汉字和标点符号：“引号”、《书名号》，还有数字2024。\n"
    "标注工具需要正确读取各种编码的中文文本，否则用户看到的将是一堆乱码。\n"
)
ZH_T = (
    "中華民國的首都是臺北。香港特別行政區位於珠江口東側，是國際金融中心之一。\n"
    "這是一個用於測試編碼偵測的段落，包含常用漢字與標點符號：「引號」、《書名號》。\n"
    "標註工具必須正確讀取各種編碼的中文文本，否則使用者看到的將是一堆亂碼。\n"
)
HKSCS = "佢哋話呢度啲嘢好好食，我哋聽日再嚟。你食咗飯未呀？冇問題㗎！\n" + ZH_T
JA = (
    "日本語のテキストです。東京は日本の首都であり、多くの人々が住んでいます。\n"
    "これは文字コードの判定を試すための段落です。ひらがな、カタカナ、漢字が含まれています。\n"
)
KO = (
    "대한민국의 수도는 서울입니다. 서울에는 많은 사람들이 살고 있습니다.\n"
    "이 문단은 한국어 텍스트의 인코딩을 감지하기 위한 것입니다. 한글과 숫자 2024가 있습니다.\n"
)
RU = (
    "Москва - столица России, крупнейший по численности населения город страны.\n"
    "Этот абзац нужен для проверки определения кодировки текста в программе разметки.\n"
)
GB18030_EXTRA = "𠮷野家的牛肉饭很好吃😀，€十元。\n"  # 𠮷 and 😀 are four-byte sequences
MARKUP = (
    "<script>alert('标注')</script>\n"
    "<b>粗体</b> &amp; &lt;i&gt; <img src=x onerror=alert(1)>\n"
    "<!-- 注释 --> <style>body{display:none}</style> 正文。\n"
)

# --- helpers ---------------------------------------------------------------

rows = []  # (file, via, expect, message, text_prefix, sees)


def write(name, data):
    with open(os.path.join(CASES, name), "wb") as f:
        f.write(data)


def case(name, data, via, expect, message="-", text_prefix="-", sees=None):
    write(name, data)
    rows.append((name, via, expect, message, text_prefix, sees))


def esc(s):
    out = []
    for c in s:
        if c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20 or c == "\ufeff":
            out.append("\\u%04X" % ord(c))
        else:
            out.append(c)
    return "".join(out)


def png_1x1():
    def chunk(kind, body):
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\xff\x00\x00", 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def zip_of(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return buf.getvalue()


def pdf_minimal():
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def lcg_bytes(n, seed, avoid_nul):
    out = bytearray()
    x = seed
    while len(out) < n:
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        b = (x >> 16) & 0xFF
        if avoid_nul and b == 0:
            continue
        out.append(b)
    return bytes(out)


def native(text, annotations, labels=None, name="doc.txt", sha=None, length=None, version=2, fmt="biaozhu"):
    labels = labels if labels is not None else [
        {"id": "PER", "name": "人物", "color": "#e06c75", "key": "1"},
        {"id": "LOC", "name": "地点", "color": "#61afef", "key": "2"},
    ]
    return {
        "format": fmt,
        "version": version,
        "document": {
            "name": name,
            "text": text,
            "sha256": sha or hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "length": len(text) if length is None else length,
            "unit": "codepoint",
        },
        "labels": labels,
        "annotations": annotations,
        "relations": [],
        "docLabels": [],
    }


def ann(i, start, end, label, text, quote=None):
    return {
        "id": i,
        "start": start,
        "end": end,
        "label": label,
        "quote": text[start:end] if quote is None else quote,
        "created": "2024-01-01T00:00:00Z",
    }


def js(value):
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


# --- the cases -------------------------------------------------------------


def decode_cases():
    # Nothing to annotate.
    case("empty.txt", b"", "decode", "error", "the file is empty: there is no text to annotate")
    case("whitespace-only.txt", " \t\r\n\u3000\n  \n".encode("utf-8"), "decode", "error",
         "the file holds only whitespace (9 characters)")
    case("bom-only.txt", b"\xef\xbb\xbf", "decode", "error",
         "the file is empty: it holds only a byte order mark (UTF-8)")

    # Not text: signatures at byte 0.
    case("archive.zip", zip_of([("a.txt", "中文".encode("utf-8"))]), "decode", "error",
         "looks like a ZIP archive")
    case("document.docx", zip_of([
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
        ("word/document.xml", "<w:document><w:t>中文</w:t></w:document>".encode("utf-8")),
    ]), "decode", "error", "looks like a ZIP archive (a .docx")
    case("image.png", png_1x1(), "decode", "error", "looks like a PNG image")
    case("document.pdf", pdf_minimal(), "decode", "error", "looks like a PDF document")
    case("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9",
         "decode", "error", "looks like a JPEG image")
    case("anim.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00;", "decode", "error",
         "looks like a GIF image")
    case("text.txt.gz", gzip.compress(ZH_S.encode("utf-8"), mtime=0), "decode", "error",
         "looks like a gzip archive")
    case("archive.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(24), "decode", "error", "looks like a 7-Zip archive")
    case("archive.rar", b"Rar!\x1a\x07\x01\x00" + bytes(16), "decode", "error", "looks like a RAR archive")
    case("program.elf", b"\x7fELF\x02\x01\x01\x00" + bytes(56), "decode", "error", "looks like an ELF program")
    case("module.wasm", b"\x00asm\x01\x00\x00\x00", "decode", "error", "looks like a WebAssembly module")
    case("data.sqlite", b"SQLite format 3\x00\x10\x00\x01\x01" + bytes(80), "decode", "error",
         "looks like an SQLite database")
    case("old-word.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(56), "decode", "error",
         "looks like an old Microsoft Office file")
    case("utf32le-bom.txt", "\ufeff中文".encode("utf-32-le"), "decode", "error",
         'the encoding "UTF-32LE" cannot be decoded here')

    # Binary without a signature.
    nul = "第一行中文。\nabc".encode("utf-8")
    case("nul-bytes.txt", nul + b"\x00def\n", "decode", "error",
         "looks like a binary file: it holds NUL bytes at byte %d" % len(nul))
    head = b"An English line, and then a stray NUL:"
    case("stray-nul-ascii.txt", (head + b"\x00 more words here.\n") * 3,
         "decode", "error", "looks like a binary file: it holds NUL bytes at byte %d" % len(head))
    case("random-with-nul.bin", lcg_bytes(512, 7, True)[:100] + b"\x00" + lcg_bytes(411, 7, False), "decode", "error",
         "looks like a binary file: it holds NUL bytes at byte")
    case("random-no-nul.bin", lcg_bytes(512, 11, True), "decode", "error",
         "looks like a binary file:")
    case("control-chars.txt", ("正文" + "\x01\x02\x03\x1b[0m" * 5 + "更多正文\n").encode("utf-8"),
         "decode", "error", "looks like a binary file: 20 of its")

    # Lone surrogates.
    le = b"\xff\xfe" + "前文".encode("utf-16-le") + b"\x00\xd8" + "后文\n".encode("utf-16-le")
    case("lone-surrogate-utf16le-bom.txt", le, "decode", "error",
         "the UTF-16LE text holds a lone surrogate (half of a UTF-16 pair, 0xD800) at byte 6")
    be = "Line one\nLine two ".encode("utf-16-be") + b"\xdc\x00" + " end\n".encode("utf-16-be")
    case("lone-surrogate-utf16be.txt", be, "decode", "error",
         "the UTF-16BE text holds a lone surrogate (half of a UTF-16 pair, 0xDC00) at byte 36")

    # Kept exactly, with a warning.
    case("bom-in-middle.txt", ("第一段。\n" + "\ufeff" + "第二段。\n").encode("utf-8"), "decode", "ok:UTF-8",
         "the text holds a byte order mark (U+FEFF) at code point 5", "第一段。\\n\\uFEFF第二段")
    case("line-endings-mixed.txt", "一\r\n二\r\n三\n四\n五\r六\r\n".encode("utf-8"), "decode", "ok:UTF-8",
         "the text mixes line endings: 3 CRLF, 2 LF, 1 CR", "一\\r\\n二\\r\\n三\\n四\\n五\\r六")
    case("cr-only.txt", "旧式苹果电脑\r用回车换行\r".encode("utf-8"), "decode", "ok:UTF-8", "-", "旧式苹果电脑\\r用")
    case("markup-script.txt", MARKUP.encode("utf-8"), "decode", "ok:UTF-8", "-",
         esc(MARKUP[:60]))
    case("astral.txt", "𠮷野家的牛肉饭😀\n".encode("utf-8"), "decode", "ok:UTF-8", "-", "𠮷野家的牛肉饭😀")
    cut = "截断的文本".encode("utf-8")
    case("truncated-utf8.txt", cut[:-1], "decode", "ok:UTF-8;replaced=1",
         "1 byte sequence could not be decoded as UTF-8 and show as U+FFFD (the first at code point 4)",
         "截断的文\uFFFD")
    bad = (ZH_S.encode("utf-8") * 2).replace("首都".encode("utf-8"), b"\xff\xfe", 1)
    case("utf8-one-bad-byte.txt", bad, "decode", "ok:UTF-8;replaced=2",
         "2 byte sequences could not be decoded as UTF-8", "中华人民共和国")

    # Unicode with and without BOM.
    case("utf8-bom.txt", b"\xef\xbb\xbf" + ZH_S.encode("utf-8"), "decode", "ok:UTF-8;bom", "-", esc(ZH_S[:20]))
    case("utf16le-bom.txt", b"\xff\xfe" + ZH_S.encode("utf-16-le"), "decode", "ok:UTF-16LE;bom", "-",
         esc(ZH_S[:20]))
    case("utf16be-bom.txt", b"\xfe\xff" + ZH_T.encode("utf-16-be"), "decode", "ok:UTF-16BE;bom", "-",
         esc(ZH_T[:20]))
    case("utf16le-no-bom.txt", ZH_S.encode("utf-16-le"), "decode", "ok:UTF-16LE", "-", esc(ZH_S[:20]))
    case("utf16be-no-bom.txt", ZH_T.encode("utf-16-be"), "decode", "ok:UTF-16BE", "-", esc(ZH_T[:20]))
    case("utf16le-bom-odd-length.txt", b"\xff\xfe" + ZH_S.encode("utf-16-le") + b"\x41", "decode",
         "ok:UTF-16LE;bom;replaced=1", "1 byte sequence could not be decoded as UTF-16LE", esc(ZH_S[:10]))

    # Legacy encodings, detected.
    case("gbk.txt", ZH_S.encode("gbk"), "decode", "ok:GBK", "-", esc(ZH_S[:30]))
    case("gb18030.txt", (GB18030_EXTRA + ZH_S).encode("gb18030"), "decode", "ok:gb18030", "-",
         esc(GB18030_EXTRA))
    case("gb18030-bom.txt", b"\x84\x31\x95\x33" + (GB18030_EXTRA + ZH_S).encode("gb18030"),
         "decode", "ok:gb18030;bom", "-", esc(GB18030_EXTRA))
    case("big5.txt", ZH_T.encode("big5"), "decode", "ok:Big5", "-", esc(ZH_T[:30]))
    case("big5-hkscs.txt", HKSCS.encode("big5hkscs"), "decode", "ok:Big5", "-", esc(HKSCS[:30]))
    case("shift_jis.txt", JA.encode("shift_jis"), "decode", "ok:Shift_JIS", "-", esc(JA[:30]))
    case("euc-jp.txt", JA.encode("euc_jp"), "decode", "ok:EUC-JP", "-", esc(JA[:30]))
    case("euc-kr.txt", KO.encode("euc_kr"), "decode", "ok:EUC-KR", "-", esc(KO[:30]))
    case("windows-1251.txt", RU.encode("cp1251"), "decode", "ok:windows-1251", "-", esc(RU[:30]))
    case("koi8-r.txt", RU.encode("koi8_r"), "decode", "ok:KOI8-U", "-", esc(RU[:30]))
    case("ascii.txt", b"Plain ASCII text, valid UTF-8.\n", "decode", "ok:UTF-8", "-", "Plain ASCII")

    # The person chose the encoding.
    case("gbk-chosen.txt", ZH_S.encode("gbk"), "decode:gb2312", "ok:GBK", "-", esc(ZH_S[:30]))
    case("big5-chosen-as-utf8.txt", ZH_T.encode("big5"), "decode:utf-8", "error",
         "mostly undecodable as UTF-8:")
    case("unknown-label.txt", b"text\n", "decode:klingon", "error", 'unknown encoding label "klingon"')
    case("replacement-label.txt", b"text\n", "decode:hz-gb-2312", "error",
         'the encoding "hz-gb-2312" cannot be decoded here')
    case("utf16le-chosen.txt", "选择的编码\n".encode("utf-16-le"), "decode:utf-16le", "ok:UTF-16LE", "-",
         "选择的编码")


def import_cases():
    text = "李白出生于碎叶城，杜甫出生于巩县。"
    good = native(text, [ann("a1", 0, 2, "PER", text), ann("a2", 5, 8, "LOC", text)])
    raw = js(good)

    case("ok.biaozhu.json", raw, "import:auto", "ok:2")
    case("ok-utf16le-bom.biaozhu.json", b"\xff\xfe" + raw.decode("utf-8").encode("utf-16-le"), "import:auto",
         "ok:2")
    case("malformed.biaozhu.json", raw.replace(b'"version": 2,', b'"version": 2', 1), "import:native", "error",
         "malformed.biaozhu.json:4:2: not valid JSON")
    case("truncated.biaozhu.json", raw[: len(raw) // 2], "import:native", "error",
         "truncated.biaozhu.json:20:4: not valid JSON: EOF while parsing")
    case("single-quotes.biaozhu.json", raw.replace(b'"', b"'"), "import:native", "error",
         "single-quotes.biaozhu.json:2:2: not valid JSON")
    case("wrong-format-field.json", js(native(text, [], fmt="other-tool")), "import:native", "error",
         'wrong-format-field.json: "format" is "other-tool", not "biaozhu"')
    case("unknown-version.biaozhu.json", js(native(text, [], version=99)), "import:native", "error",
         'unknown-version.biaozhu.json: "version" is 99')
    case("hash-mismatch.biaozhu.json", js(native(text + "又一句。", [], sha=good["document"]["sha256"])),
         "import:native", "error", "hash-mismatch.biaozhu.json: the text's SHA-256 is")
    case("quote-mismatch.biaozhu.json", js(native(text, [ann("a1", 0, 2, "PER", text, quote="杜甫")])),
         "import:native", "error", 'quote-mismatch.biaozhu.json:27: annotation a1 at [0, 2): the file quotes "杜甫"')
    case("offsets-out-of-range.biaozhu.json", js(native(text, [ann("a1", 15, 40, "LOC", text, quote="巩县。")])),
         "import:native", "error", "offsets-out-of-range.biaozhu.json:27: annotation a1: offsets [15, 40) go past the end of the text (17 code points)")
    case("negative-offsets.biaozhu.json", js(native(text, [ann("a1", -1, 2, "PER", text, quote="李白")])),
         "import:native", "error", "negative-offsets.biaozhu.json:28:14: \"annotations[0].start\" must be a whole number, 0 or more, found the number -1")
    case("reversed-offsets.biaozhu.json", js(native(text, [ann("a1", 2, 0, "PER", text, quote="")])),
         "import:native", "error", "reversed-offsets.biaozhu.json:27: annotation a1: offsets [2, 0) are reversed")
    case("duplicate-ids.biaozhu.json", js(native(text, [ann("a1", 0, 2, "PER", text), ann("a1", 5, 8, "LOC", text)])),
         "import:native", "error", 'duplicate-ids.biaozhu.json:27: two annotations have the id "a1"')
    case("unknown-label.biaozhu.json", js(native(text, [ann("a1", 0, 2, "ORG", text)])), "import:native", "error",
         'unknown-label.biaozhu.json:27: annotation a1: label "ORG" is not in the label set')
    many = native(text, [ann("a%d" % i, 0, 2, "PER", text) for i in range(10000)])
    case("ten-thousand-on-one-word.biaozhu.json", json.dumps(many, ensure_ascii=False).encode("utf-8"),
         "import:native", "ok:10000")
    mk = "<script>alert(1)</script>李白"
    case("markup-in-text.biaozhu.json", js(native(mk, [ann("a1", 25, 27, "PER", mk)])), "import:auto", "ok:1")
    # A Label Studio export whose quote does not match its text (another tool's JSON).
    ls = [{
        "id": 1,
        "data": {"text": text},
        "annotations": [{"id": 1, "result": [{
            "id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": 0, "end": 2, "text": "杜甫", "labels": ["PER"]},
        }]}],
    }]
    case("label-studio-quote-mismatch.json", js(ls), "import:auto", "error",
         'label-studio-quote-mismatch.json:12: annotation r1 at [0, 2): the file quotes "杜甫"')
    # doccano counts UTF-16 units: the emoji is two of them.
    dc = {"id": 1, "text": "😀李白", "label": [[2, 4, "PER"]]}
    case("doccano-utf16.jsonl", json.dumps(dc, ensure_ascii=False).encode("utf-8") + b"\n", "import:auto", "ok:1")
    case("not-annotations.txt", "只是一段文本，不是标注。\n".encode("utf-8"), "import:auto", "error",
         "(no format detected)")


GENERATED = [
    ("(60 MB of UTF-8 text, made at test time)", "opens as UTF-8: 60 000 000 bytes are within the 64 MiB limit",
     "sixty_megabytes_of_text_open"),
    ("(64 MiB + 1 byte, made at test time)",
     "the file is too large: 67108865 bytes, more than the limit of 67108864 bytes (64 MiB)",
     "over_the_size_limit_is_refused"),
]


def sees(via, expect, message):
    if expect == "error":
        return message
    if via.startswith("import"):
        return "imports %s annotations" % expect[3:]
    parts = expect[3:].split(";")
    how = "chosen" if via.startswith("decode:") else ("BOM" if "bom" in parts else "detected")
    s = "opens as %s (%s)" % (parts[0], how)
    if message != "-":
        s += "; warning: " + message
    return s


def main():
    os.makedirs(CASES, exist_ok=True)
    for name in os.listdir(CASES):
        os.remove(os.path.join(CASES, name))
    decode_cases()
    import_cases()
    with open(os.path.join(HERE, "cases.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# Written by make_cases.py; do not edit by hand. Columns: see make_cases.py.\n")
        f.write("# file\tvia\texpect\tmessage\ttext_prefix\n")
        for name, via, expect, message, prefix, _ in rows:
            f.write("\t".join([name, via, expect, message, prefix]) + "\n")
    with open(os.path.join(HERE, "MATRIX.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("# Hostile inputs\n\n")
        f.write("What a person sees when opening each file of `cases/` (written by `make_cases.py`; the\n")
        f.write("expected outcomes live in `cases.tsv`, which `tests/decode.rs` checks through the core and the\n")
        f.write("browser tests through the page's Open control). A message is given exactly or by its stable\n")
        f.write("prefix. `via`: `decode` opens the file as a text, `decode:LABEL` with the encoding chosen by hand,\n")
        f.write("`import:…` opens it as annotations (the text first decoded the same way).\n\n")
        f.write("The browser test of each case is named `hostile case FILE (VIA) → EXPECT` in\n")
        f.write("`tests/browser/hostile.test.mjs`; it skips, saying why, the few the page cannot take (an\n")
        f.write("encoding label it does not offer, a `.txt` that the page opens as text).\n\n")
        f.write("| case file | via | what the user sees (the exact message or its stable prefix) | test name (cargo; browser) |\n")
        f.write("| --- | --- | --- | --- |\n")
        for name, via, expect, message, _, _ in rows:
            shown = sees(via, expect, message).replace("|", "\\|")
            f.write("| `%s` | %s | %s | `hostile_matrix`; `hostile case %s (%s) → %s` |\n" % (name, via, shown, name, via, expect))
        for name, shown, test in GENERATED:
            f.write("| %s | decode | %s | `%s` |\n" % (name, shown, test))
    if "--large" in sys.argv:
        large = os.path.join(HERE, "large")
        os.makedirs(large, exist_ok=True)
        line = ("测试" * 16 + "。\n").encode("utf-8")  # 100 bytes, as in tests/decode.rs
        with open(os.path.join(large, "60mb.txt"), "wb") as f:
            for _ in range(600000):
                f.write(line)
    print("%d cases in %s" % (len(rows), CASES))


if __name__ == "__main__":
    main()
