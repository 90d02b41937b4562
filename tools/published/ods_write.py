"""A minimal, byte-reproducible OpenDocument spreadsheet (.ods) writer (stdlib only) for tools/published/generate.py.

An .ods is a zip whose first entry is an uncompressed `mimetype`, then META-INF/manifest.xml, content.xml (the
cells), styles.xml and meta.xml. Numbers are written as LibreOffice writes them: office:value-type="float" with
the value in office:value and the displayed text ("3,057.46") in <text:p>; runs of equal adjacent cells are one
cell with table:number-columns-repeated; every row is padded to 1,024 columns and the sheet to 1,048,576 rows by
repeated empty cells and rows, as LibreOffice saves a sheet. Every zip entry has a fixed timestamp, so the same input gives the same bytes.
Used only by generate.py; expected.py reads .ods files with its own code.
"""
import zipfile
from xml.sax.saxutils import escape, quoteattr

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
MIME = "application/vnd.oasis.opendocument.spreadsheet"

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"')


class Num:
    """A number cell whose value and displayed text are given as text (so 6.6 stays exactly "6.6")."""

    def __init__(self, value_text, shown=None):
        self.value_text = value_text
        self.shown = _shown(value_text) if shown is None else shown


class Sheet:
    def __init__(self, name):
        self.name = name
        self.rows = {}  # 1-based row number -> {0-based column: value}

    def set(self, row, col, value):
        self.rows.setdefault(row, {})[col] = value

    def row(self, row, values, start_col=0):
        for i, v in enumerate(values):
            if v is not None:
                self.set(row, start_col + i, v)


def number_text(v):
    if isinstance(v, bool):
        raise TypeError("bool")
    if isinstance(v, int):
        return str(v)
    r = repr(float(v))
    return r[:-2] if r.endswith(".0") else r


def _shown(t):
    """The displayed text LibreOffice writes for a number: thousands separators, the stored decimals."""
    whole, _, frac = t.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ",".join(groups) + ("." + frac if frac else "")


def _cell(v, repeat=1):
    rep = "" if repeat == 1 else f' table:number-columns-repeated="{repeat}"'
    if isinstance(v, Num):
        return (f'<table:table-cell{rep} office:value-type="float" office:value="{v.value_text}" calcext:value-type="float">'
                f'<text:p>{escape(v.shown)}</text:p></table:table-cell>')
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        t = number_text(v)
        return (f'<table:table-cell{rep} office:value-type="float" office:value="{t}" calcext:value-type="float">'
                f'<text:p>{_shown(t)}</text:p></table:table-cell>')
    s = str(v)
    if s == "":
        return f"<table:table-cell{rep}/>"
    return (f'<table:table-cell{rep} office:value-type="string" calcext:value-type="string">'
            f'<text:p>{escape(s)}</text:p></table:table-cell>')


def _key(v):
    if isinstance(v, Num):
        return ("n", v.value_text, v.shown)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return ("n", number_text(v), _shown(number_text(v)))
    return ("s", str(v))


MAX_COLS, MAX_ROWS = 1024, 1048576  # LibreOffice pads every sheet out to its full width and height


def _sheet_xml(sh, pad_columns):
    """As LibreOffice saves a sheet: runs of equal adjacent cells collapsed with table:number-columns-repeated,
    empty gaps as one repeated empty cell, a last repeated empty row filling the sheet to its full height, and
    (pad_columns) the columns declared, and every row padded with one repeated empty cell, to the full width."""
    used = max((max(cols) + 1 for cols in sh.rows.values() if cols), default=1)
    full = MAX_COLS if pad_columns else used
    out = [f'<table:table table:name={quoteattr(sh.name)}>',
           f'<table:table-column table:number-columns-repeated="{full}"/>']
    last = 0
    for r in sorted(sh.rows):
        if r - last > 1:
            out.append(f'<table:table-row table:number-rows-repeated="{r - last - 1}">'
                       f'<table:table-cell table:number-columns-repeated="{full}"/></table:table-row>')
        cells = sh.rows[r]
        width = max(cells) + 1
        line = [cells.get(c, "") for c in range(width)]
        out.append("<table:table-row>")
        c = 0
        while c < width:
            k = _key(line[c])
            n = 1
            while c + n < width and _key(line[c + n]) == k:
                n += 1
            out.append(_cell(line[c], n))
            c += n
        if pad_columns:
            out.append(f'<table:table-cell table:number-columns-repeated="{MAX_COLS - width}"/>')
        out.append("</table:table-row>")
        last = r
    out.append(f'<table:table-row table:number-rows-repeated="{MAX_ROWS - last}">'
               f'<table:table-cell table:number-columns-repeated="{full}"/></table:table-row>')
    out.append("</table:table>")
    return "".join(out)


def write(path, sheets, title="force-compare published-style table", pad_columns=True):
    """pad_columns=False declares only the used columns and leaves out each row's padding to 1,024 columns (as
    readODS and other writers do): SODS 1.6.7 materialises every padded cell, so a padded 7,000-row sheet takes
    minutes to read."""
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<office:document-content {NS} '
               'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0">'
               '<office:automatic-styles/><office:body><office:spreadsheet>'
               + "".join(_sheet_xml(sh, pad_columns) for sh in sheets)
               + "</office:spreadsheet></office:body></office:document-content>")
    styles = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              f'<office:document-styles {NS}><office:styles/></office:document-styles>')
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document-meta {NS}><office:meta><dc:title>{escape(title)}</dc:title>'
            '<meta:generator>force-compare tools/published/generate.py</meta:generator></office:meta></office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="{MIME}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as z:
        info = zipfile.ZipInfo("mimetype", date_time=FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        z.writestr(info, MIME.encode("ascii"))
        for name, text in (("META-INF/manifest.xml", manifest), ("content.xml", content),
                           ("styles.xml", styles), ("meta.xml", meta)):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))
