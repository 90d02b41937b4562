#!/usr/bin/env python3
"""Independent expected values for the published-layout collections, straight from their files and the contract.

    python3 tools/published/expected.py                         # both collections (see JOBS)
    python3 tools/published/expected.py <collection folder> [<planted findings csv>]

Shares no code with generate.py (nor with tools/sample): it parses collection.yml, ODS (content.xml, with
number-columns/rows-repeated), XLSX (sheet XML and shared strings) and CSV itself with zipfile + xml.etree, finds
every header by name below any title rows, matches forces through data/reference, detects the contract's findings,
and writes into the collection folder
  expected-indicators.csv   the columns of the product's indicators.csv, manifest order then forces.csv order
  expected-findings.csv     severity,rule,source_file,location,force_code,indicator_id
It exits 1 unless the source-level findings it detected are exactly the ones the generator planted
(tools/published/planted/<collection id>.csv).

Rules applied (CONTRACT.md sections 2-4a, and the indicator definitions in jobs/indicators):
- Published tables: '..', '*', '[x]', '[c]', 'N/A', 'n/a' and blank are missing (warning value.suppressed at the
  cell), '-' is 0. A missing cell leaves the force without every value summed from it (numerator or denominator
  empty), never a partial sum. Rows of a body in not-territorial-forces.csv are left out with an info finding at the
  row's first cell; only rows the indicator reads are considered (workforce: worker type Police Officer; stop and
  search: section 1 PACE rows); country and region rows (K04, E92, E12, W92) and footnotes are not forces.
- officers-per-1000: sum of Total FTE over Police Officer rows as at 31 March of the period's year / population x 1000.
- stop-search-per-1000: sum of searches over rows whose legislation is 'Section 1 (PACE)' with or without
  ' and associated legislation' / population x 1000; stop-search-arrest-rate: their arrests / their searches x 100.
  Total arrests > total searches is an error (value.part-exceeds-whole) at the force's first arrests cell read,
  and removes that indicator only (numerator and denominator stay).
- funding-per-1000 and precept-share: force returns carry no FUNDING_* rows here, so the Home Office Table_4a
  figures for the period's financial year are used, in pounds (GBP million x 1,000,000, exactly).
- mean = unweighted mean of the forces with a value, sd = sample SD (n - 1), band above / below strictly beyond
  mean +/- sd, England and Wales rate = sum(num) / sum(den) x unit over forces with a value.
- Derived findings also listed: indicator.force-without-value (info) for each missing value, and the plausibility
  queries (warning): plausibility.out-of-range against each indicator's plausible-range, plausibility.outlier-3sd
  where a value is more than 3 sample SDs from the mean of the other forces' values.
"""
import csv
import datetime
import math
import os
import re
import statistics
import sys
import zipfile
from decimal import Decimal
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COLL = os.path.join(ROOT, "src", "test", "resources", "collections")
PLANTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "planted")
JOBS = ["published-2022", "published-2022-old-era"]

SUPPRESSED = {"..", "*", "[x]", "[c]", "n/a", ""}  # compared lower-cased (N/A too)
OUT_COLUMNS = ["indicator_id", "period", "force_code", "force_name", "numerator", "denominator", "value", "band",
               "mean", "sd", "lower", "upper", "n_forces", "england_wales_rate"]
UNIT = {"calls-999-answered-within-10s": 100, "calls-999-per-1000": 1000, "asb-civil-order-ratio": 100,
        "calls-101-abandonment-rate": 100, "stop-search-per-1000": 1000, "stop-search-arrest-rate": 100,
        "officers-per-1000": 1000, "funding-per-1000": 1000, "precept-share": 100}
DERIVED_RULES = {"indicator.force-without-value", "plausibility.out-of-range", "plausibility.outlier-3sd"}


def hkey(s):
    """A header reduced to letters and digits: case, spacing, line breaks and punctuation ignored."""
    return re.sub(r"[^a-z0-9]", "", (s or "").lower())


def squash(s):
    return re.sub(r"\s+", " ", (s or "").replace("\u00a0", " ")).strip()


# ---------------------------------------------------------------- reference: forces and their spellings

def read_ref(name):
    with open(os.path.join(ROOT, "data", "reference", name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader([ln for ln in f if not ln.startswith("#")]))


def name_key(s):
    s = squash(s).lower().replace("&", " and ")
    if re.match(r"london\s*,\s*city of", s):
        s = "city of london"
    words = re.sub(r"[^a-z0-9]+", " ", s).split()
    if len(words) > 1:
        words = [w for w in words if w not in ("police", "constabulary", "service", "force", "area")]
    return " ".join(words)


class Forces:
    def __init__(self):
        self.all = read_ref("forces.csv")
        self.codes = {f["code"]: f for f in self.all}
        self.by_name, self.bodies = {}, {}
        for f in self.all:
            for n in [f["name"], f["police_uk_slug"]] + [a for a in f["aliases"].split(";") if a.strip()]:
                self.by_name[name_key(n)] = f["code"]
        for b in read_ref("not-territorial-forces.csv"):
            for n in [b["name"]] + [a for a in b["aliases"].split(";") if a.strip()]:
                self.bodies[name_key(n)] = b["name"]

    def match(self, code, name):
        """('force', code) | ('body', name) | ('unknown', text). A code and a name that disagree are unknown."""
        code = (code or "").strip()
        by_name = self.by_name.get(name_key(name)) if squash(name) else None
        if code in self.codes:
            if by_name and by_name != code:
                return ("unknown", f"{code} / {name}")
            return ("force", code)
        if name_key(name) in self.bodies:
            return ("body", self.bodies[name_key(name)])
        if not code and by_name:
            return ("force", by_name)
        return ("unknown", f"{code} {name}".strip())


# ---------------------------------------------------------------- workbooks as {sheet: {(row, col): (kind, text)}}
# kind: "n" number (text = the stored decimal), "s" text, "d" date (ISO text); rows and columns 1-based

def col_name(col):
    s = ""
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return s


def cell_ref(sheet, row, col):
    quote = re.search(r"[^A-Za-z0-9_.]", sheet) or re.match(r"\d", sheet)
    name = "'" + sheet.replace("'", "''") + "'" if quote else sheet
    return f"{name}!{col_name(col)}{row}"


ODS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


def read_ods(path):
    def q(ns, tag):
        return f"{{{ODS[ns]}}}{tag}"

    def text_of(cell):
        parts = []
        for p in cell.iter(q("text", "p")):
            parts.append("".join(p.itertext()))
        return "\n".join(parts)

    with zipfile.ZipFile(path) as z:
        assert z.read("mimetype").decode("ascii").startswith("application/vnd.oasis.opendocument.spreadsheet")
        root = ET.fromstring(z.read("content.xml"))
    book = {}
    for table in root.iter(q("table", "table")):
        cells, r = {}, 0
        for row in table.iter(q("table", "table-row")):
            rrep = int(row.get(q("table", "number-rows-repeated"), "1"))
            c = 0
            for cell in row:
                if cell.tag not in (q("table", "table-cell"), q("table", "covered-table-cell")):
                    continue
                crep = int(cell.get(q("table", "number-columns-repeated"), "1"))
                vtype = cell.get(q("office", "value-type"))
                if vtype in ("float", "percentage", "currency"):
                    v = ("n", cell.get(q("office", "value")))
                elif vtype == "date":
                    v = ("d", cell.get(q("office", "date-value"))[:10])
                elif vtype is None:
                    v = None
                else:
                    v = ("s", text_of(cell))
                if v is not None:
                    for k in range(crep):
                        for j in range(min(rrep, 1000)):
                            cells[(r + 1 + j, c + 1 + k)] = v
                c += crep
            r += rrep
        book[table.get(q("table", "name"))] = cells
    return book


XL = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}


def read_xlsx(path):
    m = "{%s}" % XL["m"]
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
        strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(m + "si"):
                strings.append("".join(t.text or "" for t in si.iter(m + "t")))
        date_xf = set()
        if "xl/styles.xml" in z.namelist():
            st = ET.fromstring(z.read("xl/styles.xml"))
            fmts = {n.get("numFmtId"): n.get("formatCode") for n in st.iter(m + "numFmt")}
            xfs = st.find(m + "cellXfs")
            for i, xf in enumerate(xfs if xfs is not None else []):
                fid = xf.get("numFmtId", "0")
                code = re.sub(r'"[^"]*"|\\.', "", fmts.get(fid, "")).lower()
                if int(fid) in set(range(14, 23)) | {45, 46, 47} or (fid in fmts and re.search(r"[dy]", code)):
                    date_xf.add(i)
        book = {}
        for sh in wb.iter(m + "sheet"):
            target = rels[sh.get("{%s}id" % XL["r"])].lstrip("/")
            part = target if target.startswith("xl/") else "xl/" + target
            cells = {}
            for c in ET.fromstring(z.read(part)).iter(m + "c"):
                letters, digits = re.match(r"([A-Z]+)(\d+)", c.get("r")).groups()
                col = 0
                for ch in letters:
                    col = col * 26 + ord(ch) - 64
                t, v = c.get("t", "n"), c.find(m + "v")
                if t == "inlineStr":
                    cells[(int(digits), col)] = ("s", "".join(x.text or "" for x in c.iter(m + "t")))
                elif v is None:
                    continue
                elif t == "s":
                    cells[(int(digits), col)] = ("s", strings[int(v.text)])
                elif t in ("str", "e", "b"):
                    cells[(int(digits), col)] = ("s", v.text or "")
                elif int(c.get("s", "0")) in date_xf:
                    d = datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(v.text)))
                    cells[(int(digits), col)] = ("d", d.isoformat())
                else:
                    cells[(int(digits), col)] = ("n", v.text)
            book[sh.get("name")] = cells
    return book


def read_csv_grid(path):
    """A CSV as one sheet named '' whose rows are physical line numbers (header = line 1)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        cells = {}
        for row in reader:
            line = reader.line_num  # records here span one line each
            for c, v in enumerate(row, start=1):
                cells[(line, c)] = ("s", v)
    return {"": cells}


def read_book(path):
    with open(path, "rb") as f:
        head = f.read(4)
    if head[:2] != b"PK":
        return read_csv_grid(path)
    with zipfile.ZipFile(path) as z:
        return read_ods(path) if "mimetype" in z.namelist() else read_xlsx(path)


class Grid:
    def __init__(self, sheet, cells):
        self.sheet, self.cells = sheet, cells
        self.max_row = max((r for r, _ in cells), default=0)
        self.max_col = max((c for _, c in cells), default=0)

    def text(self, r, c):
        v = self.cells.get((r, c))
        return "" if v is None else v[1]

    def kind(self, r, c):
        v = self.cells.get((r, c))
        return None if v is None else v[0]

    def loc(self, r, c):
        return f"line {r}" if self.sheet == "" else cell_ref(self.sheet, r, c)

    def header(self, required, preferred=None):
        """(row, {key: col}) of the first row holding every required header key (keys: hkey of names)."""
        for r in range(1, self.max_row + 1):
            heads = {}
            for c in range(self.max_col, 0, -1):
                k = hkey(self.text(r, c))
                if k:
                    heads[k] = c
            if all(any(a in heads for a in alts) for alts in required):
                return r, heads
        return None, None


def pick(heads, *alternatives):
    for a in alternatives:
        if hkey(a) in heads:
            return heads[hkey(a)]
    return None


# ---------------------------------------------------------------- manifest

def read_manifest(path):
    m = {"sources": [], "indicators": {}}
    section = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split(" #")[0].rstrip()
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            text = line.strip()
            if not line.startswith(" "):
                key, _, val = text.partition(":")
                section = key.strip()
                if val.strip():
                    m[section] = val.strip().strip('"')
            elif section == "population":
                m["mid-year"] = int(text.partition(":")[2].strip().strip('"'))
            elif section == "sources":
                if text.startswith("- "):
                    m["sources"].append({})
                    text = text[2:]
                key, _, val = text.partition(":")
                m["sources"][-1][key.strip()] = val.strip().strip('"')
            elif section == "indicators":
                key, _, val = text.partition(":")
                m["indicators"][key.strip()] = re.search(r'period:\s*"([^"]+)"', val).group(1)
    return m


def plausible_range(ind):
    with open(os.path.join(ROOT, "jobs", "indicators", ind + ".yml"), encoding="utf-8") as f:
        for line in f:
            mm = re.match(r"plausible-range:\s*\[\s*([-\d.]+)\s*,\s*([-\d.]+)\s*\]", line)
            if mm:
                return float(mm.group(1)), float(mm.group(2))
    return None


def fy_start(text):
    """'2021/22', '2021-22', 'FY2021/22' -> 2021."""
    mm = re.search(r"((?:19|20)\d\d)\s*(?:/|-|to)\s*(\d{2,4})", text or "")
    if not mm:
        return None
    a, b = int(mm.group(1)), mm.group(2)
    end = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
    return a if end == a + 1 else None


def months_of(period):
    a, b = period.split("..")
    y, mo, out = int(a[:4]), int(a[5:7]), []
    while f"{y:04d}-{mo:02d}" <= b:
        out.append(f"{y:04d}-{mo:02d}")
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out


# ---------------------------------------------------------------- the run

class Run:
    def __init__(self, folder):
        self.folder = folder
        self.forces = Forces()
        self.m = read_manifest(os.path.join(folder, "collection.yml"))
        self.findings = set()
        self.pop = {}
        self.officers = {}          # code -> Decimal | None (a suppressed cell)
        self.ss = {}                # code -> {"searches": Decimal|None, "arrests": Decimal|None, "first_arrests": loc}
        self.funding = {}           # code -> {"total": Decimal|None, "precept": Decimal|None}
        self.calls = {}             # code -> month -> (total|None, answered|None)
        self.returns = {}           # code -> measure -> int|None
        self.part_exceeds = set()   # (code, indicator)
        readers = {"ons-population": self.population, "home-office-workforce": self.workforce,
                   "home-office-stop-search": self.stop_search, "home-office-funding": self.funding_table,
                   "police-uk-999": self.calls_999, "force-return": self.force_returns}
        for s in self.m["sources"]:
            readers[s["kind"]](s["file"])

    def find(self, severity, rule, src, loc="", code="", ind=""):
        self.findings.add((severity, rule, src, loc, code or "", ind or ""))

    def number(self, grid, r, c, src, code):
        """A published cell: Decimal, or None when unavailable (warning). '-' is nil."""
        kind, text = grid.kind(r, c), grid.text(r, c)
        if kind == "n":
            return Decimal(text)
        t = squash(text)
        if t.lower() in SUPPRESSED:
            self.find("warning", "value.suppressed", src, grid.loc(r, c), code)
            return None
        if t == "-":
            return Decimal(0)
        return Decimal(t.replace(",", ""))

    def force_of(self, grid, r, code_col, name_col, src):
        kind, what = self.forces.match(grid.text(r, code_col) if code_col else "", grid.text(r, name_col))
        if kind == "force":
            return what
        if kind == "body":
            self.find("info", "force.not-territorial", src, grid.loc(r, 1))
            return None
        raise ValueError(f"{src} {grid.loc(r, 1)}: unknown force {what}")

    # ONS population: long or Table P3 wide
    def population(self, rel):
        year = self.m["mid-year"]
        book = read_book(os.path.join(self.folder, rel))
        sheet = next((s for s in book if hkey(s) == "tablep3"), next(iter(book)))
        g = Grid(sheet, book[sheet])
        r, heads = g.header([["pfacode", "code", "areacode"]])
        code_col = pick(heads, "pfa_code", "code", "Area Code")
        if "midyear" in heads and "population" in heads:
            raise NotImplementedError("long layout not used by these collections")
        pop_col = pick(heads, f"Population mid-{year}", f"MYE{year}")
        for rr in range(r + 1, g.max_row + 1):
            code = g.text(rr, code_col).strip()
            if re.fullmatch(r"(E23|W15)\d{6}", code):
                self.pop[code] = self.number(g, rr, pop_col, rel, code)
        for f in self.forces.all:
            if f["code"] not in self.pop:
                self.find("warning", "coverage.population-missing", rel, "", f["code"])

    # Home Office workforce: sheet Data
    def workforce(self, rel):
        as_at = datetime.date.fromisoformat(self.m["indicators"]["officers-per-1000"])
        book = read_book(os.path.join(self.folder, rel))
        g = Grid("Data", book["Data"])
        r, heads = g.header([["asat31march"], ["forcename"], ["workertype"], ["totalfte", "totalfte"]])
        c_year = pick(heads, "As at 31 March")
        c_code = pick(heads, "Geocode", "Geo code")
        c_name = pick(heads, "Force name")
        c_type = pick(heads, "Worker type")
        c_fte = pick(heads, "Total (FTE)", "Total FTE")
        sums = {f["code"]: Decimal(0) for f in self.forces.all}
        for rr in range(r + 1, g.max_row + 1):
            if hkey(g.text(rr, c_type)) != "policeofficer":
                continue
            code = self.force_of(g, rr, c_code, c_name, rel)
            if code is None:
                continue
            v = self.number(g, rr, c_fte, rel, code)
            if int(Decimal(g.text(rr, c_year))) != as_at.year or as_at.month != 3 or as_at.day != 31:
                continue
            sums[code] = None if v is None or sums[code] is None else sums[code] + v
        self.officers = sums

    # Home Office stop and search: either era
    def stop_search(self, rel):
        fy = fy_start(self.m["indicators"]["stop-search-per-1000"])
        book = read_book(os.path.join(self.folder, rel))
        found = None
        for sheet in sorted(book, key=lambda s: s != "S&S_OD"):
            g = Grid(sheet, book[sheet])
            r, heads = g.header([["financialyear"], ["forcename", "policeforcearea"], ["legislation"],
                                 ["searches", "numberofsearches"]])
            if r:
                found = (g, r, heads)
                break
        g, r, heads = found
        c_year = pick(heads, "Financial Year", "financial_year")
        c_code = pick(heads, "Geocode", "geocode")
        c_name = pick(heads, "Force Name", "police_force_area")
        c_leg = pick(heads, "Legislation")
        c_s = pick(heads, "Searches", "number_of_searches")
        c_a = pick(heads, "Resultant arrests", "number_of_arrests")
        totals = {f["code"]: {"searches": Decimal(0), "arrests": Decimal(0), "first": None} for f in self.forces.all}
        for rr in range(r + 1, g.max_row + 1):
            if not re.fullmatch(r"section 1 \(pace\)( and associated legislation)?", squash(g.text(rr, c_leg)).lower()):
                continue
            code = self.force_of(g, rr, c_code, c_name, rel)
            if code is None:
                continue
            s = self.number(g, rr, c_s, rel, code)
            a = self.number(g, rr, c_a, rel, code)
            if fy_start(g.text(rr, c_year)) != fy:
                continue
            t = totals[code]
            t["first"] = t["first"] or g.loc(rr, c_a)
            t["searches"] = None if s is None or t["searches"] is None else t["searches"] + s
            t["arrests"] = None if a is None or t["arrests"] is None else t["arrests"] + a
        for code, t in totals.items():
            if t["searches"] is not None and t["arrests"] is not None and t["arrests"] > t["searches"]:
                self.find("error", "value.part-exceeds-whole", rel, t["first"], code, "stop-search-arrest-rate")
                self.part_exceeds.add((code, "stop-search-arrest-rate"))
        self.ss = totals

    # Home Office funding: sheet Table_4a, year headings above Government Funding | Precept | Total
    def funding_table(self, rel):
        fy = fy_start(self.m["indicators"]["funding-per-1000"])
        book = read_book(os.path.join(self.folder, rel))
        g = Grid("Table_4a", book["Table_4a"])
        r = next(rr for rr in range(1, g.max_row + 1)
                 if {"governmentfunding", "precept", "total"} <= {hkey(g.text(rr, c)) for c in range(1, g.max_col + 1)})
        groups = []  # (year start, precept col, total col)
        for c in range(1, g.max_col + 1):
            if hkey(g.text(r, c)) != "governmentfunding":
                continue
            label = next(g.text(rr, c) for rr in range(r - 1, 0, -1) if g.text(rr, c).strip())
            groups.append((fy_start(label), c + 1, c + 2))
            assert hkey(g.text(r, c + 1)) == "precept" and hkey(g.text(r, c + 2)) == "total"
        million = Decimal(1_000_000)
        for rr in range(r + 1, g.max_row + 1):
            code = g.text(rr, 1).strip()
            if not re.fullmatch(r"(E23|W15)\d{6}", code):
                continue  # countries, regions, footnotes
            kind, code = self.forces.match(code, g.text(rr, 2))
            assert kind == "force"
            for year, c_p, c_t in groups:
                total = self.number(g, rr, c_t, rel, code)
                precept = self.number(g, rr, c_p, rel, code)
                if year == fy:
                    self.funding[code] = {"total": None if total is None else total * million,
                                          "precept": None if precept is None else precept * million}

    # police.uk 999 calls
    def calls_999(self, rel):
        g = Grid("", read_book(os.path.join(self.folder, rel))[""])
        r, heads = g.header([["month"], ["force"], ["totalcalls"], ["callsansweredinunder10seconds"]])
        c_m, c_f = heads["month"], heads["force"]
        c_t, c_a = heads["totalcalls"], heads["callsansweredinunder10seconds"]
        for rr in range(r + 1, g.max_row + 1):
            code = self.force_of(g, rr, None, c_f, rel)
            if code is None:
                continue
            t, a = self.number(g, rr, c_t, rel, code), self.number(g, rr, c_a, rel, code)
            if t is not None and a is not None and a > t:
                self.find("error", "value.part-exceeds-whole", rel, g.loc(rr, 1), code, "calls-999-answered-within-10s")
                self.part_exceeds.add((code, "calls-999-answered-within-10s"))
            self.calls.setdefault(code, {})[g.text(rr, c_m).strip()] = (t, a)
        for ind in ("calls-999-answered-within-10s", "calls-999-per-1000"):
            if ind in self.m["indicators"]:
                for f in self.forces.all:
                    if any(mo not in self.calls.get(f["code"], {}) for mo in months_of(self.m["indicators"][ind])):
                        self.find("warning", "coverage.month-missing", rel, "", f["code"], ind)

    # force returns (Cover + Return)
    def force_returns(self, rel):
        folder = os.path.join(self.folder, rel)
        for fn in sorted(os.listdir(folder)):
            if not fn.lower().endswith((".xlsx", ".ods")):
                continue
            src = rel.rstrip("/") + "/" + fn
            book = read_book(os.path.join(folder, fn))
            cover = Grid("Cover", book["Cover"])
            labels = {hkey(cover.text(rr, 1)): rr for rr in range(1, cover.max_row + 1)}
            code = cover.text(labels["forcecode"], 2).strip()
            assert self.forces.match(code, cover.text(labels["force"], 2)) == ("force", code), src
            assert self.forces.codes[code]["police_uk_slug"] == fn.rsplit(".", 1)[0], src
            assert cover.text(labels["periodstart"], 2) == "2021-04-01" and cover.text(labels["periodend"], 2) == "2022-03-31"
            g = Grid("Return", book["Return"])
            r, heads = g.header([["measurecode"], ["value"]])
            values = {}
            for rr in range(r + 1, g.max_row + 1):
                measure = g.text(rr, heads["measurecode"]).strip()
                if not measure:
                    continue
                kind, text = g.kind(rr, heads["value"]), g.text(rr, heads["value"])
                if kind is None or not text.strip():
                    self.find("warning", "value.not-supplied", src, g.loc(rr, heads["value"]), code)
                    values[measure] = None
                elif kind == "n" and Decimal(text) >= 0 and Decimal(text) == Decimal(text).to_integral_value():
                    values[measure] = int(Decimal(text))
                else:
                    raise ValueError(f"{src}: an invalid value was not planted here")
            rec, ab = values.get("CALLS_101_RECEIVED"), values.get("CALLS_101_ABANDONED")
            if rec is not None and ab is not None and ab > rec:
                self.find("error", "value.part-exceeds-whole", src, "", code, "calls-101-abandonment-rate")
                self.part_exceeds.add((code, "calls-101-abandonment-rate"))
            self.returns[code] = values
        for f in self.forces.all:
            if f["code"] not in self.returns:
                self.find("warning", "coverage.no-return", rel if rel.endswith("/") else rel + "/", "", f["code"])

    # ---------------------------------------------------------------- indicators

    def parts(self, ind, code):
        """(numerator, denominator) as Decimal or None (unknown)."""
        pop = self.pop.get(code)
        pop = None if pop is None else Decimal(pop)
        if ind.startswith("calls-999"):
            months = self.calls.get(code, {})
            period = months_of(self.m["indicators"][ind])
            got = [months.get(mo) for mo in period]
            total = None if None in got or any(x[0] is None for x in got) else sum(x[0] for x in got)
            if ind == "calls-999-per-1000":
                return total, pop
            answered = None if None in got or any(x[1] is None for x in got) else sum(x[1] for x in got)
            return answered, total
        r = self.returns.get(code, {})
        if ind == "asb-civil-order-ratio":
            orders = [r.get(k) for k in ("ASB_CRIMINAL_BEHAVIOUR_ORDERS", "ASB_COMMUNITY_PROTECTION_NOTICES",
                                         "ASB_CIVIL_INJUNCTIONS", "ASB_S34_DISPERSALS")]
            return (None if None in orders else sum(orders)), r.get("ASB_INCIDENTS")
        if ind == "calls-101-abandonment-rate":
            return r.get("CALLS_101_ABANDONED"), r.get("CALLS_101_RECEIVED")
        if ind == "stop-search-per-1000":
            return self.ss[code]["searches"], pop
        if ind == "stop-search-arrest-rate":
            return self.ss[code]["arrests"], self.ss[code]["searches"]
        if ind == "officers-per-1000":
            return self.officers.get(code), pop
        if ind == "funding-per-1000":
            return self.funding.get(code, {}).get("total"), pop
        if ind == "precept-share":
            fu = self.funding.get(code, {})
            return fu.get("precept"), fu.get("total")
        raise ValueError(ind)

    def rows(self):
        out = []
        for ind, period in self.m["indicators"].items():
            unit = UNIT[ind]
            per = []
            for f in self.forces.all:
                num, den = self.parts(ind, f["code"])
                value = None
                if num is not None and den is not None and den > 0 and (f["code"], ind) not in self.part_exceeds:
                    value = float(num) / float(den) * unit
                else:
                    self.find("info", "indicator.force-without-value", "", "", f["code"], ind)
                per.append((f, num, den, value))
            vals = [v for *_, v in per if v is not None]
            mean, sd = statistics.fmean(vals), statistics.stdev(vals)
            lower, upper = mean - sd, mean + sd
            ew = float(sum(n for _, n, _, v in per if v is not None)) / float(sum(d for _, _, d, v in per if v is not None)) * unit
            rng = plausible_range(ind)
            for i, (f, num, den, value) in enumerate(per):
                band = "missing" if value is None else "above" if value > upper else "below" if value < lower else "within"
                out.append([ind, period, f["code"], f["name"], fmt(num), fmt(den), fmt(value), band, fmt(mean), fmt(sd),
                            fmt(lower), fmt(upper), str(len(vals)), fmt(ew)])
                if value is None:
                    continue
                if rng and (value < rng[0] or value > rng[1]):
                    self.find("warning", "plausibility.out-of-range", "", "", f["code"], ind)
                others = [v for j, (*_, v) in enumerate(per) if j != i and v is not None]
                if len(others) >= 3:
                    om, osd = statistics.fmean(others), statistics.stdev(others)
                    if osd > 0 and abs(value - om) > 3 * osd:
                        self.find("warning", "plausibility.outlier-3sd", "", "", f["code"], ind)
        return out


def fmt(x):
    if x is None:
        return ""
    if isinstance(x, Decimal):
        return format(x.normalize(), "f") if x != x.to_integral_value() else str(int(x))
    return str(x) if isinstance(x, int) else repr(x)


def write_csv(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def finding_order(f):
    loc = f[3]
    n = int(re.sub(r"\D", "", loc.split("!")[-1]) or 0)
    return (f[2] == "", f[2], n, loc, f[1], f[4], f[5])


def run(folder, planted_csv=None):
    r = Run(folder)
    rows = r.rows()
    write_csv(os.path.join(folder, "expected-indicators.csv"), OUT_COLUMNS, rows)
    write_csv(os.path.join(folder, "expected-findings.csv"),
              ["severity", "rule", "source_file", "location", "force_code", "indicator_id"],
              sorted(r.findings, key=finding_order))
    print(f"{os.path.relpath(folder, ROOT)}: {len(rows)} indicator rows, {len(r.findings)} findings")
    if not planted_csv:
        return True
    with open(planted_csv, encoding="utf-8", newline="") as f:
        planted = {tuple(row) for row in list(csv.reader(f))[1:]}
    detected = {x for x in r.findings if x[1] not in DERIVED_RULES}
    if planted != detected:
        for x in sorted(planted - detected):
            print("  planted but not detected:", x)
        for x in sorted(detected - planted):
            print("  detected but not planted:", x)
        return False
    print(f"  source findings agree with {os.path.relpath(planted_csv, ROOT)} ({len(planted)} rows)")
    return True


def main(argv):
    if argv:
        jobs = [(argv[0], argv[1] if len(argv) > 1 else None)]
    else:
        jobs = [(os.path.join(COLL, j), os.path.join(PLANTED, j + ".csv")) for j in JOBS]
    ok = all([run(*j) for j in jobs])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv[1:])
