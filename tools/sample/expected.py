#!/usr/bin/env python3
"""Independent expected values for a collection, straight from its files and the contract (stdlib only).

    python3 tools/sample/expected.py                     # both bundled collections (see DEFAULTS)
    python3 tools/sample/expected.py <collection> <expected-indicators.csv> [<expected-findings.csv>]

Shares no code with generate.py: it reads collection.yml, the population table (long CSV or ONS Table P3 .xlsx),
the police.uk 999 CSV and the force-return workbooks (OOXML parsed with zipfile + xml.etree), detects the
contract's findings itself, and writes expected-indicators.csv with the columns of the product's indicators.csv.
Given a findings file (what generate.py planted), it fails unless the findings it detected are exactly those.

Rules (CONTRACT.md sections 1-4a): value = numerator / denominator * 100 (percent) or * 1000 (per 1,000);
mean = unweighted mean over forces with a value; sd = sample SD (n - 1); band above if value > mean + sd, below if
value < mean - sd, else within, missing without a value; England and Wales rate = sum(num) / sum(den) * unit over
forces with a value. A missing month in a range leaves the force without a value (partial sums are never used);
a finding that removes a value removes it. Floats are written with repr() (full precision), integers plainly.
"""
import csv
import datetime
import io
import math
import os
import re
import statistics
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEST_COLL = os.path.join(ROOT, "src", "test", "resources", "collections")
DEFAULTS = [
    (os.path.join(ROOT, "data", "sample", "2024-spring"),
     os.path.join(TEST_COLL, "sample-2024-spring-expected-indicators.csv"),
     os.path.join(TEST_COLL, "sample-2024-spring-expected-findings.csv")),
    (os.path.join(TEST_COLL, "defects-2023"),
     os.path.join(TEST_COLL, "defects-2023", "expected-indicators.csv"),
     os.path.join(TEST_COLL, "defects-2023", "expected-findings.csv")),
]

SUPPRESSED = {"..", "*", "[x]", "[c]", "n/a", ""}  # compared lower-cased; N/A included
NOT_COUNTS = {"FUNDING_TOTAL_GBP", "FUNDING_PRECEPT_GBP"}
ASB_ORDERS = ["ASB_CRIMINAL_BEHAVIOUR_ORDERS", "ASB_COMMUNITY_PROTECTION_NOTICES", "ASB_CIVIL_INJUNCTIONS",
              "ASB_S34_DISPERSALS"]
INDICATOR_UNIT = {"calls-999-answered-within-10s": 100, "calls-999-per-1000": 1000,
                  "asb-civil-order-ratio": 100, "calls-101-abandonment-rate": 100}
OUT_COLUMNS = ["indicator_id", "period", "force_code", "force_name", "numerator", "denominator", "value", "band",
               "mean", "sd", "lower", "upper", "n_forces", "england_wales_rate"]


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip().lower()


# ---------------------------------------------------------------- manifest (the YAML subset collection.yml uses)

def read_manifest(path):
    m = {"sources": [], "indicators": {}}
    section = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split(" #")[0].rstrip()
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            indent = len(line) - len(line.lstrip())
            text = line.strip()
            if indent == 0:
                key, _, val = text.partition(":")
                section = key.strip()
                if val.strip():
                    m[section] = val.strip().strip('"')
                continue
            if section == "population":
                key, _, val = text.partition(":")
                m["mid-year"] = int(val.strip().strip('"'))
            elif section == "sources":
                if text.startswith("- "):
                    m["sources"].append({})
                    text = text[2:]
                key, _, val = text.partition(":")
                m["sources"][-1][key.strip()] = val.strip().strip('"')
            elif section == "indicators":
                key, _, val = text.partition(":")
                mm = re.search(r'period:\s*"?([^"}]+?)"?\s*}', val)
                m["indicators"][key.strip()] = mm.group(1).strip() if mm else None
    return m


def months_of(period):
    a, b = period.split("..")
    y, mo = int(a[:4]), int(a[5:7])
    out = []
    while f"{y:04d}-{mo:02d}" <= b:
        out.append(f"{y:04d}-{mo:02d}")
        mo += 1
        if mo == 13:
            y, mo = y + 1, 1
    return out


# ---------------------------------------------------------------- reference

def read_ref(name):
    with open(os.path.join(ROOT, "data", "reference", name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader([ln for ln in f if not ln.startswith("#")]))


class Names:
    def __init__(self):
        self.forces = read_ref("forces.csv")
        self.by_name, self.others = {}, {}
        for f in self.forces:
            for n in [f["name"], f["code"]] + [a for a in f["aliases"].split(";") if a]:
                self.by_name[norm(n)] = f["code"]
        for b in read_ref("not-territorial-forces.csv"):
            for n in [b["name"]] + [a for a in b["aliases"].split(";") if a]:
                self.others[norm(n)] = b["name"]
        self.slug = {f["police_uk_slug"]: f["code"] for f in self.forces}


# ---------------------------------------------------------------- xlsx (OOXML) reading

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
DATE_BUILTIN = set(range(14, 23)) | {45, 46, 47}


def read_xlsx(path):
    """{sheet name: {(row, col): (kind, value)}}, kind one of n (float), s (text), d (date), e (error), b."""
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels.findall("pr:Relationship", NS)}
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        date_styles = set()
        if "xl/styles.xml" in z.namelist():
            st = ET.fromstring(z.read("xl/styles.xml"))
            custom = {int(n.get("numFmtId")): n.get("formatCode") for n in st.iter(f"{{{NS['m']}}}numFmt")}
            xfs = st.find("m:cellXfs", NS)
            for i, xf in enumerate(xfs.findall("m:xf", NS) if xfs is not None else []):
                fid = int(xf.get("numFmtId", "0"))
                code = re.sub(r'"[^"]*"|\\.', "", custom.get(fid, "")).lower()
                if fid in DATE_BUILTIN or (fid in custom and re.search(r"[dy]", code)):
                    date_styles.add(i)
        out = {}
        for sh in wb.find("m:sheets", NS):
            t = target[sh.get(f"{{{NS['r']}}}id")].lstrip("/")
            part = t if t.startswith("xl/") else "xl/" + t
            cells = {}
            for c in ET.fromstring(z.read(part)).iter(f"{{{NS['m']}}}c"):
                ref = c.get("r")
                col_s = re.match(r"[A-Z]+", ref).group(0)
                col = 0
                for ch in col_s:
                    col = col * 26 + ord(ch) - 64
                row = int(ref[len(col_s):])
                typ, v = c.get("t", "n"), c.find("m:v", NS)
                if typ == "inlineStr":
                    cells[(row, col)] = ("s", "".join(x.text or "" for x in c.iter(f"{{{NS['m']}}}t")))
                elif v is None:
                    continue  # an empty (possibly styled) cell
                elif typ == "s":
                    cells[(row, col)] = ("s", shared[int(v.text)])
                elif typ in ("str",):
                    cells[(row, col)] = ("s", v.text or "")
                elif typ == "e":
                    cells[(row, col)] = ("e", v.text)
                elif typ == "b":
                    cells[(row, col)] = ("b", v.text == "1")
                elif int(c.get("s", "0")) in date_styles:
                    cells[(row, col)] = ("d", datetime.date(1899, 12, 30) + datetime.timedelta(days=int(float(v.text))))
                else:
                    cells[(row, col)] = ("n", float(v.text))
            out[sh.get("name")] = cells
    return out


def col_name(col):
    s = ""
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return s


# ---------------------------------------------------------------- the collection

class Run:
    def __init__(self, folder):
        self.folder = folder
        self.names = Names()
        self.m = read_manifest(os.path.join(folder, "collection.yml"))
        self.findings = set()
        self.pop = {}
        self.calls = {}        # code -> month -> {"total": int|None, "answered": int|None}
        self.part_999 = set()  # codes with answered > total in some month
        self.ret = {}          # code -> measure -> int|None (None: invalid or blank)
        self.part_101 = set()
        self.returned = set()
        for s in self.m["sources"]:
            kind, f = s["kind"], s["file"]
            {"ons-population": self.read_population, "police-uk-999": self.read_999,
             "force-return": self.read_returns}[kind](f)

    def find(self, severity, rule, src, loc, code="", ind=""):
        self.findings.add((severity, rule, src, loc, code or "", ind or ""))

    # population
    def read_population(self, rel):
        year = self.m["mid-year"]
        path = os.path.join(self.folder, rel)
        if rel.lower().endswith(".csv"):
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
            grid = {(r + 1, c + 1): ("s", v) for r, row in enumerate(rows) for c, v in enumerate(row)}
        else:
            book = read_xlsx(path)
            grid = next(cells for name, cells in book.items() if norm(name) == "table p3") if any(
                norm(n) == "table p3" for n in book) else next(iter(book.values()))
        max_row = max(r for r, _ in grid)
        max_col = max(c for _, c in grid)

        def text(r, c):
            k = grid.get((r, c))
            return "" if k is None else (k[1] if k[0] == "s" else repr(k[1]))
        for r in range(1, max_row + 1):
            heads = {norm(text(r, c)): c for c in range(1, max_col + 1) if text(r, c)}
            code_col = next((heads[h] for h in ("pfa_code", "code", "area code") if h in heads), None)
            if code_col is None:
                continue
            long_layout = "mid_year" in heads and "population" in heads
            pop_col = None if long_layout else next(
                (heads[h] for h in (f"mye{year}", f"population mid-{year}") if h in heads), None)
            for rr in range(r + 1, max_row + 1):
                code = text(rr, code_col).strip()
                if not re.match(r"^(E23|W15)\d{6}$", code):
                    continue  # country / region totals and anything without a PFA code
                if long_layout:
                    if int(float(text(rr, heads["mid_year"]))) != year:
                        continue
                    cell = grid.get((rr, heads["population"]))
                else:
                    cell = grid.get((rr, pop_col))
                self.pop[code] = int(float(cell[1]))
            break
        for f in self.names.forces:
            if f["code"] not in self.pop:
                self.find("warning", "coverage.population-missing", rel, "", f["code"])

    # 999 calls
    def read_999(self, rel):
        with open(os.path.join(self.folder, rel), encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [norm(h) for h in next(reader)]
            col = {h: i for i, h in enumerate(header)}
            i_m, i_f = col["month"], col["force"]
            i_t, i_a = col["total calls"], col["calls answered in under 10 seconds"]
            for row in reader:
                line = reader.line_num
                name = norm(row[i_f])
                if name in self.names.others:
                    self.find("info", "force.not-territorial", rel, f"line {line}")
                    continue
                code = self.names.by_name[name]
                vals, flagged = {}, False
                for key, i in (("total", i_t), ("answered", i_a)):
                    raw = row[i].strip()
                    if raw.lower() in SUPPRESSED:
                        vals[key] = None
                        if not flagged:
                            self.find("warning", "value.suppressed", rel, f"line {line}", code)
                            flagged = True
                    elif raw == "-":
                        vals[key] = 0
                    else:
                        v = int(raw.replace(",", ""))
                        if v < 0:
                            self.find("error", "value.negative-count", rel, f"line {line}", code)
                            v = None
                        vals[key] = v
                if vals["total"] is not None and vals["answered"] is not None and vals["answered"] > vals["total"]:
                    self.find("error", "value.part-exceeds-whole", rel, f"line {line}", code,
                              "calls-999-answered-within-10s")
                    self.part_999.add(code)
                self.calls.setdefault(code, {})[row[i_m].strip()] = vals
        for ind, period in self.m["indicators"].items():
            if ind.startswith("calls-999"):
                for f in self.names.forces:
                    have = self.calls.get(f["code"], {})
                    if any(mo not in have for mo in months_of(period)):
                        self.find("warning", "coverage.month-missing", rel, "", f["code"], ind)

    # force returns
    def read_returns(self, rel):
        folder = os.path.join(self.folder, rel)
        for fn in sorted(os.listdir(folder)):
            if not fn.lower().endswith(".xlsx"):
                continue
            src = rel.rstrip("/") + "/" + fn
            book = read_xlsx(os.path.join(folder, fn))
            cover = {norm(str(v[1])): book["Cover"].get((r, 2)) for (r, c), v in book["Cover"].items() if c == 1}
            by_name = self.names.by_name.get(norm(cover["force"][1]))
            by_code = cover["force code"][1].strip()
            by_slug = self.names.slug.get(fn[:-5])
            assert by_name == by_code == by_slug, (fn, by_name, by_code, by_slug)
            assert cover["period start"] == ("d", datetime.date(2022, 4, 1)), src
            assert cover["period end"] == ("d", datetime.date(2023, 3, 31)), src
            code = by_code
            self.returned.add(code)
            sheet = book["Return"]
            hdr_row = next(r for (r, c), v in sheet.items() if v[0] == "s" and norm(v[1]) == "measure code")
            heads = {norm(v[1]): c for (r, c), v in sheet.items() if r == hdr_row and v[0] == "s"}
            c_code, c_val = heads["measure code"], heads["value"]
            values = {}
            rows = sorted(r for (r, c) in sheet if c == c_code and r > hdr_row)
            for r in rows:
                measure = sheet[(r, c_code)][1].strip()
                loc = f"Return!{col_name(c_val)}{r}"
                cell = sheet.get((r, c_val))
                if cell is None or (cell[0] == "s" and not cell[1].strip()):
                    self.find("warning", "value.not-supplied", src, loc, code)
                    values[measure] = None
                elif cell[0] == "n":
                    v = int(cell[1]) if cell[1].is_integer() else cell[1]
                    if v < 0 and measure not in NOT_COUNTS:
                        self.find("error", "value.negative-count", src, loc, code)
                        v = None
                    values[measure] = v
                else:
                    self.find("error", "value.not-a-number", src, loc, code)
                    values[measure] = None
                values.setdefault("_row_" + measure, r)
            rec, ab = values.get("CALLS_101_RECEIVED"), values.get("CALLS_101_ABANDONED")
            if rec is not None and ab is not None and ab > rec:
                self.find("error", "value.part-exceeds-whole", src,
                          f"Return!{col_name(c_val)}{values['_row_CALLS_101_ABANDONED']}", code,
                          "calls-101-abandonment-rate")
                self.part_101.add(code)
            self.ret[code] = values
        for f in self.names.forces:
            if f["code"] not in self.returned:
                self.find("warning", "coverage.no-return", rel if rel.endswith("/") else rel + "/", "", f["code"])

    # indicators
    def numbers(self, ind, code):
        """(numerator, denominator, removed) with None for unknown."""
        period = self.m["indicators"][ind]
        if ind.startswith("calls-999"):
            months = self.calls.get(code, {})
            complete = all(mo in months for mo in months_of(period))
            totals = [months[mo]["total"] for mo in months_of(period)] if complete else [None]
            tot = None if None in totals else sum(totals)
            if ind == "calls-999-per-1000":
                return tot, self.pop.get(code), False
            answered = [months[mo]["answered"] for mo in months_of(period)] if complete else [None]
            ans = None if None in answered else sum(answered)
            return ans, tot, code in self.part_999
        r = self.ret.get(code, {})
        if ind == "asb-civil-order-ratio":
            parts = [r.get(k) for k in ASB_ORDERS]
            return (None if None in parts else sum(parts)), r.get("ASB_INCIDENTS"), False
        if ind == "calls-101-abandonment-rate":
            return r.get("CALLS_101_ABANDONED"), r.get("CALLS_101_RECEIVED"), code in self.part_101
        raise ValueError(ind)

    def rows(self):
        out = []
        for ind, period in self.m["indicators"].items():
            unit = INDICATOR_UNIT[ind]
            per = []
            for f in self.names.forces:
                num, den, removed = self.numbers(ind, f["code"])
                value = None
                if num is not None and den is not None and den > 0 and not removed:
                    value = num / den * unit
                per.append((f, num, den, value))
            vals = [v for *_, v in per if v is not None]
            mean = statistics.fmean(vals)
            sd = statistics.stdev(vals)
            lower, upper = mean - sd, mean + sd
            ew = sum(n for _, n, _, v in per if v is not None) / sum(d for _, _, d, v in per if v is not None) * unit
            for f, num, den, value in per:
                band = "missing" if value is None else "above" if value > upper else "below" if value < lower \
                    else "within"
                out.append([ind, period, f["code"], f["name"], fmt(num), fmt(den), fmt(value), band, fmt(mean),
                            fmt(sd), fmt(lower), fmt(upper), str(len(vals)), fmt(ew)])
        return out


def fmt(x):
    """Integers plainly, floats with repr() (full precision), unknown as empty."""
    if x is None:
        return ""
    return str(x) if isinstance(x, int) else repr(x)


def run(folder, out_csv, findings_csv=None):
    r = Run(folder)
    rows = r.rows()
    with open(out_csv, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(OUT_COLUMNS)
        w.writerows(rows)
    print(f"{os.path.relpath(out_csv, ROOT)}: {len(rows)} rows")
    ok = True
    if findings_csv:
        with open(findings_csv, encoding="utf-8", newline="") as f:
            planted = {tuple(row) for row in list(csv.reader(f))[1:]}
        if planted != r.findings:
            ok = False
            for x in sorted(planted - r.findings):
                print("  planted but not detected:", x)
            for x in sorted(r.findings - planted):
                print("  detected but not planted:", x)
        else:
            print(f"  findings agree with {os.path.relpath(findings_csv, ROOT)} ({len(planted)} rows)")
    return ok


def main(argv):
    jobs = DEFAULTS if len(argv) == 0 else [(argv[0], argv[1], argv[2] if len(argv) > 2 else None)]
    ok = all([run(*j) for j in jobs])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv[1:])
