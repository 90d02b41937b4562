#!/usr/bin/env python3
"""Generates the published-layout test collections for issue 3 (stdlib only, fixed seed 20220331).

    python3 tools/published/generate.py [--shared ../shared]

Writes
  src/test/resources/collections/published-2022/          every published source kind in its real layout
  src/test/resources/collections/published-2022-old-era/  the same stop and search table in the to-2019/20 layout
  tools/published/planted/<collection id>.csv             the source-level findings this generator PLANTED
At the end it runs tools/published/expected.py (a separate program sharing no code with this one), which parses
the written files itself (zip + XML for XLSX and ODS), detects findings on its own, fails unless they equal the
planted ones, and writes expected-indicators.csv and expected-findings.csv into each collection.

Real inputs: ONS mid-2019 and mid-2020 populations by police force area (../shared/reference, derived from ONS
mid-year estimates), the ONS Table P3 row order and region rows, the force spellings observed in each source
(data/reference/force-name-variants-observed.csv), and the real Home Office workforce open-data rows for Avon &
Somerset at 31 March 2022 and the first 40 rows of the 2007 table (../shared/layouts/samples). Everything else
(officer numbers of the other forces, searches, arrests, funding, 999 calls, force returns) is made up with
random.Random(seed), shaped to published magnitudes.
"""
import argparse
import csv
import datetime
import math
import os
import random
import shutil
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "tools", "sample"))
import ods_write as O  # noqa: E402
import xlsx_write as X  # noqa: E402  (tools/sample's writer, used unchanged)

TEST_COLL = os.path.join(ROOT, "src", "test", "resources", "collections")
MAIN_DIR = os.path.join(TEST_COLL, "published-2022")
OLD_DIR = os.path.join(TEST_COLL, "published-2022-old-era")
PLANTED_DIR = os.path.join(HERE, "planted")
SEED = 20220331
# Every ODS is written as LibreOffice saves it, but the two large ones (workforce, S&S_OD) without each row's padding
# to 1,024 columns: the product's ODS reader (SODS 1.6.7) takes minutes on a padded 7,000-row sheet. --pad-large-ods
# writes them padded too (same numbers, same expected values) to measure that.
PAD_LARGE_ODS = False

CITY, MET = "E23000034", "E23000001"
MONTHS = [f"2021-{m:02d}" for m in range(4, 13)] + [f"2022-{m:02d}" for m in range(1, 4)]
# seasonal shape of 999 demand, April..March (summer peak)
SEASON = [0.96, 1.03, 1.07, 1.12, 1.09, 1.01, 0.99, 0.96, 1.02, 0.93, 0.86, 0.94]
OTHER_999 = [("Police Scotland", 5466000), ("Police Service of Northern Ireland", 1895500)]
HEADER_999 = ["Month", "Force", "Total calls", "Calls answered in under 10 seconds",
              "Percentage answered in under 10 seconds", "Average answer time (seconds)"]

# the planted defects
WF_SUPPRESSED = ("E23000020", "Female", "Sergeant")        # Lincolnshire: '..' in a Police Officer FTE
SS_SUPPRESSED = "E23000039"                                 # Dorset: '[c]' in an arrests cell
SS_PART_EXCEEDS = "E23000017"                               # Warwickshire: total arrests > total searches

# ---------------------------------------------------------------- reference data


def read_csv_skip_comments(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader([ln for ln in f if not ln.startswith("#")]))


def load_forces():
    forces = read_csv_skip_comments(os.path.join(ROOT, "data", "reference", "forces.csv"))
    variants = {r["pfa_code"]: r for r in
                read_csv_skip_comments(os.path.join(ROOT, "data", "reference", "force-name-variants-observed.csv"))}
    for f in forces:
        v = variants[f["code"]]
        f["label_999"] = v["news_999_nov2023"] or v["data_police_uk_label"]
        f["workforce_name"] = v["ho_workforce_open_data_2022"]
        f["p3_name"] = v["ons_pfa_tables_P3_2019"]
        f["stop_search_name"] = v["ho_stop_search_ppp_2019"]
        f["funding_name"] = v["police_grant_report_2025_26_cbl"]
    return forces


def load_population(shared):
    rows = read_csv_skip_comments(os.path.join(shared, "reference", "population-pfa-mid2001-2020-derived.csv"))
    pop = {}
    for r in rows:
        pop.setdefault(int(r["mid_year"]), {})[r["pfa_code"]] = int(r["population"])
    return pop


def load_p3_layout(shared):
    """The ONS Table P3 rows in order: (code, name) with the region / country rows, from the real mid-2018 table."""
    rows = read_csv_skip_comments(os.path.join(shared, "reference", "population-pfa-ons-table-p3-mid2018.csv"))
    return [(r["code"], r["name"]) for r in rows if r["code"].strip()]


def p3_groups(layout):
    """{aggregate code: [force codes it totals]} following the table's own nesting."""
    groups, region = {}, None
    forces = [c for c, _ in layout if c[:3] in ("E23", "W15")]
    groups["K04000001"] = forces
    groups["E92000001"] = [c for c in forces if c.startswith("E")]
    groups["W92000004"] = [c for c in forces if c.startswith("W")]
    for c, _ in layout:
        if c.startswith("E12"):
            region = c
            groups[c] = []
        elif c.startswith("E23") and region:
            groups[region].append(c)
        elif c.startswith("W"):
            region = None
    return groups


def load_real_workforce_rows(shared):
    path = os.path.join(shared, "layouts", "samples", "police_workforce_open_data_sample_rows.csv")
    return read_csv_skip_comments(path)


# ---------------------------------------------------------------- helpers


def pct1(part, whole):
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def r2(x):
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def col_letter(i):
    s, i = "", i + 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def ref(sheet, row, col):
    """A cell reference as the validation log writes it (sheet quoted where Excel would quote it)."""
    simple = sheet.replace("_", "").isalnum()
    name = sheet if simple else "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{col_letter(col)}{row}"


def write_findings(path, findings):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["severity", "rule", "source_file", "location", "force_code", "indicator_id"])
        for f in sorted(set(findings)):
            w.writerow(f)


def clean_dir(d, keep=("DEFECTS.md",)):
    if os.path.isdir(d):
        for name in os.listdir(d):
            if name in keep:
                continue
            p = os.path.join(d, name)
            shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    os.makedirs(d, exist_ok=True)


# ---------------------------------------------------------------- ONS Table P3 (ODS and XLSX, same numbers)

P3_TITLE = "Table P3: Population estimates by police force area, England and Wales, mid-2019 and mid-2020"
P3_NOTES = ["Mid-year population estimates (usual residents at 30 June), summed from local authorities to police force "
            "areas. Source: Office for National Statistics.",
            "Country and region rows are totals of the police force areas listed under them."]
P3_HEADER = ["Area Code", "Area Name", "Population mid-2020", "Population mid-2019"]
P3_FOOT = "Source: ONS mid-year population estimates (ukpopestimatesmid2020on2021geography), police force area totals"


def p3_rows(layout, forces_by_code, pop):
    groups = p3_groups(layout)
    out = []
    for code, name in layout:
        if code in groups:
            v20 = sum(pop[2020][c] for c in groups[code])
            v19 = sum(pop[2019][c] for c in groups[code])
        else:
            name = forces_by_code[code]["p3_name"]
            v20, v19 = pop[2020][code], pop[2019][code]
        out.append((code, name, v20, v19))
    return out


def write_p3_ods(path, rows):
    sh = O.Sheet("Table P3")
    sh.set(1, 0, P3_TITLE)
    sh.set(2, 0, P3_NOTES[0])
    sh.set(3, 0, P3_NOTES[1])
    sh.row(5, P3_HEADER)
    for i, r in enumerate(rows):
        sh.row(6 + i, list(r))
    sh.set(6 + len(rows) + 1, 0, P3_FOOT)
    contents = O.Sheet("Contents")
    contents.set(1, 0, "Police force area data tables: population")
    contents.set(3, 0, "Table P3")
    contents.set(3, 1, "Population estimates by police force area, mid-2019 and mid-2020")
    O.write(path, [contents, sh], title="ONS police force area data tables, Table P3")


def write_p3_xlsx(path, rows):
    sh = X.Sheet("Table P3", widths=[14, 34, 20, 20])
    sh.set(1, 0, P3_TITLE, X.STYLE_TITLE)
    sh.set(2, 0, P3_NOTES[0])
    sh.set(3, 0, P3_NOTES[1])
    for col, h in enumerate(P3_HEADER):
        sh.set(5, col, h, X.STYLE_HEADER)
    for i, (code, name, v20, v19) in enumerate(rows):
        sh.set(6 + i, 0, code)
        sh.set(6 + i, 1, name)
        sh.set(6 + i, 2, v20, X.STYLE_INT)
        sh.set(6 + i, 3, v19, X.STYLE_INT)
    sh.set(6 + len(rows) + 1, 0, P3_FOOT)
    contents = X.Sheet("Contents", widths=[14, 60])
    contents.set(1, 0, "Police force area data tables: population", X.STYLE_TITLE)
    contents.set(3, 0, "Table P3")
    contents.set(3, 1, "Population estimates by police force area, mid-2019 and mid-2020")
    X.write(path, [contents, sh], title="ONS police force area data tables, Table P3")


# ---------------------------------------------------------------- Home Office workforce open data (ODS, sheet Data)

RANKS = [  # (rank description, worker type), in the table's alphabetical order
    ("Chief Inspector", "Police Officer"), ("Chief Officer", "Police Officer"),
    ("Chief Superintendent", "Police Officer"), ("Community Support Officer", "Police Community Support Officer"),
    ("Constable", "Police Officer"), ("Designated Detention Officer (S.38)", "Designated Officer"),
    ("Designated Detention Officer (S.39)", "Designated Officer"), ("Designated Escort Officer (S.38)", "Designated Officer"),
    ("Designated Escort Officer (S.39)", "Designated Officer"),
    ("Designated Investigation Officer (S.38)", "Designated Officer"), ("Inspector", "Police Officer"),
    ("Police Staff", "Police Staff"), ("Police Support Volunteer", "Police Support Volunteer"),
    ("Sergeant", "Police Officer"), ("Special Constable", "Special Constable"), ("Superintendent", "Police Officer"),
]
WORKER_TYPE = dict(RANKS)
SEXES = ["Female", "Male", "Not stated", "Prefer not to say", "Prefer to self-describe"]
OFFICER_SHARE = {"Constable": 0.772, "Sergeant": 0.135, "Inspector": 0.052, "Chief Inspector": 0.019,
                 "Superintendent": 0.011, "Chief Superintendent": 0.006}
FEMALE_SHARE = {"Constable": 0.37, "Sergeant": 0.29, "Inspector": 0.27, "Chief Inspector": 0.25,
                "Superintendent": 0.24, "Chief Superintendent": 0.22}
WF_HEADER = ["As at 31 March", "Geo code", "Force name", "Region", "Sex", "Rank description", "Worker type",
             "Total headcount", "Total FTE"]


def gen_force_workforce(rng, officer_target):
    """{(sex, rank): [headcount, fte]} for one force at one date."""
    out = {}
    for sex in SEXES:
        for rank, _ in RANKS:
            out[(sex, rank)] = [0, 0.0]
    for rank, share in OFFICER_SHARE.items():
        fte_total = officer_target * share * rng.uniform(0.95, 1.05)
        f_share = FEMALE_SHARE[rank] * rng.uniform(0.85, 1.15)
        for sex, part, ratio in (("Female", f_share, 0.935 if rank == "Constable" else 0.965), ("Male", 1 - f_share, 0.996)):
            hc = max(0, int(round(fte_total * part / ratio)))
            fte = r2(min(hc, hc * ratio * rng.uniform(0.99, 1.01)))
            if hc <= 12 and rng.random() < 0.6:
                fte = float(hc)
            out[(sex, rank)] = [hc, fte]
    co = max(3, int(round(officer_target / 1500)) + 2)
    f_co = rng.randint(1, max(1, co // 2))
    out[("Female", "Chief Officer")] = [f_co, float(f_co)]
    out[("Male", "Chief Officer")] = [co - f_co, float(co - f_co) - (1.0 if rng.random() < 0.2 else 0.0)]
    if rng.random() < 0.35:  # a few officers record no sex
        n = rng.randint(1, 3)
        out[("Not stated", "Constable")] = [n, r2(n * rng.uniform(0.8, 1.0))]
    # the other worker types (not officers: never counted)
    staff = officer_target * rng.uniform(0.55, 0.85)
    for sex, part in (("Female", 0.62), ("Male", 0.38)):
        hc = int(round(staff * part / 0.9))
        out[(sex, "Police Staff")] = [hc, r2(hc * rng.uniform(0.86, 0.93))]
        p = int(round(officer_target * rng.uniform(0.035, 0.07) * (0.5 if sex == "Female" else 0.5)))
        out[(sex, "Community Support Officer")] = [p, r2(p * rng.uniform(0.93, 0.99))]
        out[(sex, "Special Constable")] = [int(round(officer_target * rng.uniform(0.02, 0.06) * part)), 0.0]
        out[(sex, "Police Support Volunteer")] = [int(round(officer_target * rng.uniform(0.01, 0.04) * part)), 0.0]
        d = int(round(officer_target * rng.uniform(0.0, 0.03) * part))
        out[(sex, "Designated Detention Officer (S.38)")] = [d, r2(d * 0.95)]
        i = int(round(officer_target * rng.uniform(0.0, 0.05) * part))
        out[(sex, "Designated Investigation Officer (S.38)")] = [i, r2(i * 0.93)]
    return out


def officer_fte(table):
    return sum(Decimal(repr(v[1])) for (sex, rank), v in table.items() if WORKER_TYPE[rank] == "Police Officer")


def build_workforce(rng, forces, pop, shared):
    """Rows [as_at, geo, name, region, sex, rank, worker type, headcount, fte] and the planted findings' inputs."""
    real = load_real_workforce_rows(shared)
    tables = {}
    for f in forces:
        c = f["code"]
        if c == CITY:
            target = rng.uniform(880, 960)
        elif c == MET:
            target = pop[c] * 3.72 / 1000
        else:
            target = pop[c] * min(2.8, max(1.6, rng.gauss(2.05, 0.25))) / 1000
        tables[(2022, c)] = gen_force_workforce(rng, target)
        tables[(2021, c)] = gen_force_workforce(rng, target * rng.uniform(0.93, 0.97))
    tables[(2022, "BTP")] = gen_force_workforce(rng, 3120.0)
    # Avon & Somerset at 31 March 2022: the real published rows
    avon = {}
    for r in real:
        if r["date"] == "2022-03-01":
            avon[(r["sex"], r["rank_description"])] = [int(r["total_headcount"]), r2(float(r["total_fte"]))]
    assert len(avon) == 80
    tables[(2022, "E23000036")] = avon

    rows = []
    # the first 40 rows of the real table (31 March 2007), verbatim but for the worker type's capitals
    for r in real:
        if r["date"] == "2007-03-01":
            wt = WORKER_TYPE[r["rank_description"]]
            fte = float(r["total_fte"])
            rows.append([2007, r["geo_code"], r["force_name"], r["region"], r["sex"], r["rank_description"], wt,
                         int(r["total_headcount"]), int(fte) if fte.is_integer() else fte])
    for year in (2021, 2022):
        bodies = [(f["workforce_name"], f["code"], f["region"]) for f in forces]
        if year == 2022:
            bodies.append(("British Transport Police", "", ""))
        for name, code, region in sorted(bodies, key=lambda b: b[0].lower()):
            t = tables[(year, code or "BTP")]
            for sex in SEXES:
                for rank, wt in RANKS:
                    hc, fte = t[(sex, rank)]
                    rows.append([year, code, name, region, sex, rank, wt, hc, int(fte) if fte.is_integer() else fte])
    return rows


def write_workforce(path, rows):
    sh = O.Sheet("Data")
    sh.row(1, WF_HEADER)
    planted = []
    src = "home-office/workforce.ods"
    for i, r in enumerate(rows):
        n = 2 + i
        year, code, name, _, sex, rank, wt = r[:7]
        if year == 2022 and code == WF_SUPPRESSED[0] and (sex, rank) == WF_SUPPRESSED[1:]:
            r = r[:8] + [".."]
            planted.append(("warning", "value.suppressed", src, ref("Data", n, 8), code, ""))
        if name == "British Transport Police" and wt == "Police Officer":
            planted.append(("info", "force.not-territorial", src, ref("Data", n, 0), "", ""))
        sh.row(n, [O.Num(repr(v) if isinstance(v, float) else str(v)) if isinstance(v, (int, float)) else v for v in r])
    cover = O.Sheet("Cover")
    cover.set(1, 0, "Police workforce, England and Wales: open data table")
    cover.set(3, 0, "Police workforce by force, sex, rank and worker type, as at 31 March 2007 to 31 March 2022.")
    cover.set(4, 0, "Full-time equivalent (FTE) figures are rounded to two decimal places; '..' = not available.")
    notes = O.Sheet("Notes")
    notes.row(1, ["Note", "Detail"])
    notes.row(2, ["1", "Figures include officers on career breaks and secondments where the force pays them."])
    notes.row(3, ["2", "British Transport Police figures are included for completeness; BTP is not a territorial force."])
    O.write(path, [cover, notes, sh], title="Police workforce open data table", pad_columns=PAD_LARGE_ODS)
    return planted


# ---------------------------------------------------------------- Home Office stop and search open data

REASONS_S1 = [  # (legislation as printed, reason) for section 1 searches
    ("Section 1 (PACE)", "Criminal damage"), ("Section 1 (PACE)", "Firearms"),
    ("Section 1 (PACE)", "Going equipped"), ("Section 1 (PACE)", "Offensive weapons"),
    ("Section 1 (PACE)", "Stolen property"), ("Section 1 (PACE)", "Other"),
    ("Section 1 (PACE) and associated legislation", "Drugs"),
]
REASON_SHARE = {"Criminal damage": 0.03, "Firearms": 0.02, "Going equipped": 0.06, "Offensive weapons": 0.15,
                "Stolen property": 0.10, "Other": 0.03, "Drugs": 0.61}
ETHNICITIES = [  # (group, ethnicity, share of searches)
    ("Asian or Asian British", "Asian - Bangladeshi", 0.02), ("Asian or Asian British", "Asian - Indian", 0.03),
    ("Asian or Asian British", "Asian - Pakistani", 0.05), ("Asian or Asian British", "Asian - Any other Asian background", 0.02),
    ("Black or Black British", "Black - African", 0.05), ("Black or Black British", "Black - Caribbean", 0.05),
    ("Mixed", "Mixed - Any other Mixed background", 0.04), ("Other ethnic group", "Other - Any other ethnic group", 0.03),
    ("White", "White - English/Welsh/Scottish/Northern Irish/British", 0.58),
    ("White", "White - Any other White background", 0.07), ("Not stated", "Not stated", 0.06),
]
S60 = ("Section 60 (CJPOA)", "Anticipation of violence")
TACT = ("Section 44/47a (TACT)", "Terrorism")
NEW_HEADER = ["financial_year", "geocode", "police_force_area", "region", "legislation", "reason_for_search",
              "self_defined_ethnicity_group", "self_defined_ethnicity", "number_of_searches", "number_of_arrests"]
OLD_HEADER = ["Financial Year", "Geocode", "Force Name", "Region", "Legislation", "Reason for search / arrest",
              "Ethnic Group (self-defined - new style)", "Ethnicity (self-defined)", "Searches", "Resultant arrests",
              "Weapons arrests (S60 only)", "Other arrests (S60 only)", "Persons found to be carrying a weapon (S60 only)"]


def gen_stop_search(rng, forces, pop):
    """Full grid of rows per body: dict with keys name, code, region, leg, reason, group, eth, searches, arrests,
    and for s60 rows weapons/other arrests and persons carrying; the planted defects already applied."""
    bodies = [(f["stop_search_name"], f["code"], f["region"], pop[f["code"]]) for f in forces]
    bodies.append(("British Transport Police", "", "", None))
    rows = []
    for name, code, region, p in sorted(bodies, key=lambda b: b[0].lower()):
        if code == CITY:
            total = int(round(rng.uniform(900, 1300)))
        elif code == MET:
            total = int(round(p * rng.uniform(20, 23) / 1000))
        elif p is None:  # BTP
            total = int(round(rng.uniform(9000, 12000)))
        else:
            total = int(round(p * min(20, max(4, math.exp(rng.gauss(math.log(8), 0.4)))) / 1000))
        arrest_rate = rng.uniform(0.10, 0.20)
        grid = []
        for leg, reason in REASONS_S1:
            for group, eth, share in ETHNICITIES:
                mean = total * REASON_SHARE[reason] * share
                s = max(0, int(round(mean * rng.uniform(0.7, 1.3) + rng.gauss(0, 0.6))))
                a = min(s, max(0, int(round(s * arrest_rate * rng.uniform(0.6, 1.4) + rng.gauss(0, 0.4)))))
                grid.append(dict(name=name, code=code, region=region, leg=leg, reason=reason, group=group, eth=eth,
                                 searches=s, arrests=a))
        if code in (MET, "E23000014", "E23000004", "E23000005") or p is None:
            for group, eth, share in ETHNICITIES:
                s = int(round(total * 0.015 * share * rng.uniform(0.5, 1.5)))
                if s == 0:
                    continue
                a = int(round(s * rng.uniform(0.02, 0.06)))
                w = int(round(a * rng.uniform(0.2, 0.6)))
                grid.append(dict(name=name, code=code, region=region, leg=S60[0], reason=S60[1], group=group, eth=eth,
                                 searches=s, arrests=a, weapons=w, other=a - w,
                                 carrying=int(round(s * rng.uniform(0.01, 0.04)))))
        if code == MET or p is None:
            for group, eth, _ in ETHNICITIES[:2] + ETHNICITIES[4:5] + ETHNICITIES[8:9]:
                s = rng.randint(1, 6)
                grid.append(dict(name=name, code=code, region=region, leg=TACT[0], reason=TACT[1], group=group, eth=eth,
                                 searches=s, arrests=rng.randint(0, min(1, s))))
        if code == SS_PART_EXCEEDS:
            # the first section 1 row: a figure ten times the force's searches typed into arrests
            first = grid[0]
            first["searches"] = max(first["searches"], 2)
            s1_total = sum(r["searches"] for r in grid if r["leg"].startswith("Section 1"))
            first["arrests"] = s1_total * 10 + 7
            first["planted"] = "part-exceeds"
        if code == SS_SUPPRESSED:
            small = next(r for r in grid if 2 <= r["searches"] <= 5 and r["arrests"] >= 1 and r["reason"] != "Drugs")
            small["arrests"] = None  # suppressed: a small number that could identify someone
            small["planted"] = "suppressed"
        rows.extend(grid)
    return rows


def write_stop_search_new(path, rows):
    """The 2020/21-on layout as XLSX: three title rows, then the snake_case header; rows with no searches omitted."""
    src = "home-office/stop-search.xlsx"
    sheet_name = "Data"
    sh = X.Sheet(sheet_name, widths=[12, 12, 26, 24, 40, 22, 28, 50, 18, 18])
    sh.set(1, 0, "Stop and search open data: searches and resultant arrests by police force area, "
                 "year ending 31 March 2022", X.STYLE_TITLE)
    sh.set(2, 0, "Source: Home Office, Police powers and procedures: stop and search and arrests, England and Wales.")
    sh.set(3, 0, "[c] = figure suppressed to protect confidentiality.")
    for col, h in enumerate(NEW_HEADER):
        sh.set(4, col, h, X.STYLE_HEADER)
    planted, n = [], 4
    for r in rows:
        if r["searches"] == 0:
            continue
        n += 1
        arrests = "[c]" if r["arrests"] is None else r["arrests"]
        vals = ["2021/22", r["code"], r["name"], r["region"], r["leg"], r["reason"], r["group"], r["eth"],
                r["searches"], arrests]
        for col, v in enumerate(vals):
            sh.set(n, col, v)
        planted += row_findings(r, src, sheet_name, n, 9)
    X.write(path, [sh], title="Stop and search open data 2021/22")
    return planted


def row_findings(r, src, sheet, n, arrests_col):
    out = []
    if r["name"] == "British Transport Police" and r["leg"].startswith("Section 1"):
        out.append(("info", "force.not-territorial", src, ref(sheet, n, 0), "", ""))
    if r.get("planted") == "suppressed":
        out.append(("warning", "value.suppressed", src, ref(sheet, n, arrests_col), r["code"], ""))
    if r.get("planted") == "part-exceeds":
        out.append(("error", "value.part-exceeds-whole", src, ref(sheet, n, arrests_col), r["code"],
                    "stop-search-arrest-rate"))
    return out


def write_stop_search_old(path, rows):
    """The same table in the to-2019/20 layout (sheet S&S_OD, full grid): '-' nil, '*' suppressed, '..' n/a."""
    src = "home-office/stop-search-open-data-tables-ppp.ods"
    sheet_name = "S&S_OD"
    sh = O.Sheet(sheet_name)
    sh.row(1, OLD_HEADER)
    planted = []
    for i, r in enumerate(rows):
        n = 2 + i

        def nil(v):
            return "-" if v == 0 else v
        arrests = "*" if r["arrests"] is None else nil(r["arrests"])
        s60 = r["leg"] == S60[0]
        vals = ["2021/22", r["code"], r["name"], r["region"], r["leg"], r["reason"], r["group"], r["eth"],
                nil(r["searches"]), arrests,
                nil(r["weapons"]) if s60 else "..", nil(r["other"]) if s60 else "..", nil(r["carrying"]) if s60 else ".."]
        sh.row(n, vals)
        planted += row_findings(r, src, sheet_name, n, 9)
    contents = O.Sheet("Contents")
    contents.set(1, 0, "Police powers and procedures: stop and search open data tables")
    contents.set(3, 0, "S&S_OD")
    contents.set(3, 1, "Stop and search open data, by force, legislation, reason and self-defined ethnicity")
    contents.set(5, 0, "Symbols: '-' nil; '..' not available / not applicable; '*' suppressed.")
    O.write(path, [contents, sh], title="Stop and search open data tables (police powers and procedures)",
            pad_columns=PAD_LARGE_ODS)
    return planted


# ---------------------------------------------------------------- Home Office police funding (ODS, Table_4a)

FUND_YEARS = [f"{y}-{(y + 1) % 100:02d}" for y in range(2015, 2022)]


def gen_funding(rng, forces, pop):
    """{code: {year label: (government tenths of £m, precept tenths or None)}}."""
    out = {}
    for f in forces:
        c = f["code"]
        if c == CITY:
            gov = int(round(rng.uniform(68, 76) * 10))
            prec = None
        else:
            per_head = rng.uniform(330, 345) if c == MET else rng.uniform(180, 285)
            total = pop[c] * per_head / 1e6
            share = 0.27 if c == MET else rng.uniform(0.45, 0.58) if c.startswith("W") else \
                rng.uniform(0.18, 0.26) if c in ("E23000014", "E23000007", "E23000004") else rng.uniform(0.30, 0.50)
            prec = int(round(total * share * 10))
            gov = int(round(total * 10)) - prec
        years = {}
        for k, y in enumerate(reversed(FUND_YEARS)):
            years[y] = (gov, prec)
            gov = int(round(gov / rng.uniform(1.01, 1.05)))
            prec = None if prec is None else int(round(prec / rng.uniform(1.03, 1.08)))
        out[c] = years
    return out


def tenths(t):
    """An amount in tenths of £ million as the table shows it (1 decimal place)."""
    return O.Num(f"{t // 10}.{t % 10}")


def write_funding(path, forces_by_code, layout, funding):
    src = "home-office/funding.ods"
    sheet = "Table_4a"
    sh = O.Sheet(sheet)
    sh.set(1, 0, "Table 4a: Police funding for England and Wales by police force area, 2015-16 to 2021-22 "
                 "(£ million, cash terms)")
    sh.set(2, 0, "Government funding (core grants, legacy council tax grants and other specific grants) and the "
                 "police precept on council tax. City of London precept not applicable.")
    for k, y in enumerate(FUND_YEARS):
        sh.set(4, 2 + 3 * k, y)
    sh.row(5, ["ONS code", "Police force area"] + ["Government Funding", "Precept", "Total"] * len(FUND_YEARS))
    groups = p3_groups(layout)
    planted, n = [], 5
    for code, name in layout:
        n += 1
        row = [code, name if code in groups else forces_by_code[code]["funding_name"]]
        for k, y in enumerate(FUND_YEARS):
            if code in groups:
                gov = sum(funding[c][y][0] for c in groups[code])
                prec = sum(funding[c][y][1] or 0 for c in groups[code])
                row += [tenths(gov), tenths(prec), tenths(gov + prec)]
            else:
                gov, prec = funding[code][y]
                row += [tenths(gov), "" if prec is None else tenths(prec), tenths(gov + (prec or 0))]
                if prec is None:
                    planted.append(("warning", "value.suppressed", src, ref(sheet, n, 3 + 3 * k), code, ""))
        sh.row(n, row)
    sh.set(n + 2, 0, "Source: Home Office, police funding for England and Wales 2015 to 2022.")
    sh.set(n + 3, 0, "Totals may not sum exactly because of rounding.")
    contents = O.Sheet("Contents")
    contents.set(1, 0, "Police funding for England and Wales, 2015 to 2022: tables")
    contents.set(3, 0, "Table_4a")
    contents.set(3, 1, "Funding by police force area, government funding and precept")
    O.write(path, [contents, sh], title="Police funding for England and Wales tables")
    return planted


# ---------------------------------------------------------------- 999 calls (police.uk CSV)

def gen_999(rng, forces, pop):
    bodies = [(f["label_999"], f["code"], pop[f["code"]]) for f in forces] + [(n, None, p) for n, p in OTHER_999]
    out = {}
    for label, code, p in bodies:
        per_1000 = rng.uniform(520, 640) if code == CITY else rng.uniform(135, 215)
        base = p * per_1000 / 1000 / 12
        share = min(0.975, max(0.62, rng.gauss(0.855, 0.075)))
        for i, m in enumerate(MONTHS):
            total = int(round(base * SEASON[i] * rng.uniform(0.965, 1.035)))
            s = min(0.995, max(0.5, share - (SEASON[i] - 1) * 0.25 + rng.gauss(0, 0.012)))
            answered = int(round(total * s))
            avg = round(max(1.5, 1.2 + (1 - s) * 38 + rng.gauss(0, 0.6)), 1)
            out[(label, m)] = (total, answered, avg)
    return out


def write_999(path, data):
    src = "bt/999-calls.csv"
    planted = []
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER_999)
        for n, ((label, month), (total, answered, avg)) in enumerate(
                sorted(data.items(), key=lambda kv: (kv[0][1], kv[0][0].lower())), start=2):
            w.writerow([month, label, total, answered, pct1(answered, total), avg])
            if label in {x for x, _ in OTHER_999}:
                planted.append(("info", "force.not-territorial", src, f"line {n}", "", ""))
    return planted


# ---------------------------------------------------------------- force returns (no funding rows)

MEASURES = [
    ("ASB_INCIDENTS", "Antisocial behaviour incidents recorded in the period"),
    ("ASB_CRIMINAL_BEHAVIOUR_ORDERS", "Criminal Behaviour Orders issued for antisocial behaviour"),
    ("ASB_COMMUNITY_PROTECTION_NOTICES", "Community Protection Notices issued"),
    ("ASB_CIVIL_INJUNCTIONS", "Civil injunctions obtained for antisocial behaviour"),
    ("ASB_S34_DISPERSALS", "Dispersal directions under section 34 of the Anti-social Behaviour, Crime and Policing Act 2014"),
    ("CALLS_101_RECEIVED", "101 (non-emergency) calls received"),
    ("CALLS_101_ABANDONED", "101 calls abandoned by the caller before being answered"),
    ("DVDS_RTA_APPLICATIONS", "Domestic violence disclosure scheme: right to ask applications"),
    ("DVDS_RTA_DISCLOSURES", "Domestic violence disclosure scheme: right to ask disclosures made"),
    ("DVDS_RTK_DISCLOSURES", "Domestic violence disclosure scheme: right to know disclosures made"),
]
ROLES = ["Performance team", "Corporate Development", "Business Insight and Performance",
         "Strategic Planning and Performance", "Analysis and Performance Unit", "Information Management"]


def gen_returns(rng, forces, pop):
    out = {}
    for f in forces:
        c, p = f["code"], pop[f["code"]]
        ratio = min(3.5, max(0.3, math.exp(rng.gauss(math.log(1.25), 0.5))))
        incidents = int(round(rng.uniform(900, 1400))) if c == CITY else int(round(p * rng.uniform(10, 25) / 1000))
        orders = max(8, int(round(incidents * ratio / 100)))
        cbo = int(round(orders * rng.uniform(0.01, 0.05)))
        ci = int(round(orders * rng.uniform(0.02, 0.08)))
        s34 = int(round(orders * rng.uniform(0.05, 0.22)))
        cpn = orders - cbo - ci - s34
        received = int(round(rng.uniform(30000, 45000))) if c == CITY else int(round(p * rng.uniform(150, 400) / 1000))
        abandoned = int(round(received * rng.uniform(0.05, 0.30)))
        rta = int(round(p * rng.uniform(0.5, 2.0) / 1000))
        out[c] = {"ASB_INCIDENTS": incidents, "ASB_CRIMINAL_BEHAVIOUR_ORDERS": cbo,
                  "ASB_COMMUNITY_PROTECTION_NOTICES": cpn, "ASB_CIVIL_INJUNCTIONS": ci, "ASB_S34_DISPERSALS": s34,
                  "CALLS_101_RECEIVED": received, "CALLS_101_ABANDONED": abandoned, "DVDS_RTA_APPLICATIONS": rta,
                  "DVDS_RTA_DISCLOSURES": int(round(rta * rng.uniform(0.3, 0.6))),
                  "DVDS_RTK_DISCLOSURES": int(round(p * rng.uniform(0.3, 1.2) / 1000))}
    return out


def write_return(path, force, collection_id, values, submitted_on, role):
    """The layout of data/sample/2024-spring/returns/*.xlsx (tools/sample/generate.py), FY2021/22, no funding rows."""
    cover = X.Sheet("Cover", widths=[16, 44])
    cover.set(1, 0, "PEEL data collection: force data return", X.STYLE_TITLE)
    rows = [("Force", force["name"]), ("Force code", force["code"]), ("Collection", collection_id),
            ("Period start", X.Date(datetime.date(2021, 4, 1))), ("Period end", X.Date(datetime.date(2022, 3, 31))),
            ("Submitted by", role), ("Submitted on", X.Date(submitted_on))]
    for i, (label, value) in enumerate(rows):
        cover.set(3 + i, 0, label, X.STYLE_HEADER)
        cover.set(3 + i, 1, value)
    ret = X.Sheet("Return", widths=[36, 80, 16, 60])
    ret.set(1, 0, f"{force['name']}: measures for the year ending 31 March 2022", X.STYLE_TITLE)
    for col, h in enumerate(["Measure code", "Measure", "Value", "Notes"]):
        ret.set(3, col, h, X.STYLE_HEADER)
    for i, (code, desc) in enumerate(MEASURES):
        ret.set(4 + i, 0, code)
        ret.set(4 + i, 1, desc)
        ret.set(4 + i, 2, values[code], X.STYLE_INT)
    X.write(path, [cover, ret], title=f"{force['name']} data return {collection_id}")


# ---------------------------------------------------------------- manifests

MAIN_MANIFEST = """id: published-2022
title: PEEL data collection 2022 from published tables in their real layouts (test collection, see DEFECTS.md)
population:
  mid-year: 2020
sources:
  - file: ons/pfa-tables-p3-mid2020.ods
    kind: ons-population
  - file: home-office/workforce.ods
    kind: home-office-workforce
  - file: home-office/stop-search.xlsx
    kind: home-office-stop-search
  - file: home-office/funding.ods
    kind: home-office-funding
  - file: bt/999-calls.csv
    kind: police-uk-999
  - file: returns/
    kind: force-return
indicators:
  calls-999-answered-within-10s: { period: "2021-04..2022-03" }
  calls-999-per-1000:            { period: "2021-04..2022-03" }
  asb-civil-order-ratio:         { period: "FY2021/22" }
  calls-101-abandonment-rate:    { period: "FY2021/22" }
  stop-search-per-1000:          { period: "FY2021/22" }
  stop-search-arrest-rate:       { period: "FY2021/22" }
  officers-per-1000:             { period: "2022-03-31" }
  funding-per-1000:              { period: "FY2021/22" }
  precept-share:                 { period: "FY2021/22" }
"""

OLD_MANIFEST = """id: published-2022-old-era
title: The published-2022 stop and search table in the to-2019/20 layout (S&S_OD), population as XLSX
population:
  mid-year: 2020
sources:
  - file: ons/pfa-tables-p3-mid2020.xlsx
    kind: ons-population
  - file: home-office/stop-search-open-data-tables-ppp.ods
    kind: home-office-stop-search
indicators:
  stop-search-per-1000:          { period: "FY2021/22" }
  stop-search-arrest-rate:       { period: "FY2021/22" }
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--pad-large-ods", action="store_true",
                    help="also pad every row of workforce.ods and the S&S_OD sheet to 1,024 columns (slow to read)")
    args = ap.parse_args()
    global PAD_LARGE_ODS
    PAD_LARGE_ODS = args.pad_large_ods
    rng = random.Random(SEED)
    forces = load_forces()
    assert len(forces) == 43
    by_code = {f["code"]: f for f in forces}
    popy = load_population(args.shared)
    pop = popy[2020]
    layout = load_p3_layout(args.shared)

    clean_dir(MAIN_DIR)
    clean_dir(OLD_DIR)
    for d in ("ons", "home-office", "bt", "returns"):
        os.makedirs(os.path.join(MAIN_DIR, d), exist_ok=True)
    for d in ("ons", "home-office"):
        os.makedirs(os.path.join(OLD_DIR, d), exist_ok=True)
    with open(os.path.join(MAIN_DIR, "collection.yml"), "w", encoding="utf-8") as f:
        f.write(MAIN_MANIFEST)
    with open(os.path.join(OLD_DIR, "collection.yml"), "w", encoding="utf-8") as f:
        f.write(OLD_MANIFEST)

    p3 = p3_rows(layout, by_code, popy)
    write_p3_ods(os.path.join(MAIN_DIR, "ons", "pfa-tables-p3-mid2020.ods"), p3)
    write_p3_xlsx(os.path.join(OLD_DIR, "ons", "pfa-tables-p3-mid2020.xlsx"), p3)

    planted = write_workforce(os.path.join(MAIN_DIR, "home-office", "workforce.ods"),
                              build_workforce(rng, forces, pop, args.shared))
    ss = gen_stop_search(rng, forces, pop)
    planted += write_stop_search_new(os.path.join(MAIN_DIR, "home-office", "stop-search.xlsx"), ss)
    planted_old = write_stop_search_old(os.path.join(OLD_DIR, "home-office", "stop-search-open-data-tables-ppp.ods"), ss)
    planted += write_funding(os.path.join(MAIN_DIR, "home-office", "funding.ods"), by_code, layout,
                             gen_funding(rng, forces, pop))
    planted += write_999(os.path.join(MAIN_DIR, "bt", "999-calls.csv"), gen_999(rng, forces, pop))
    values = gen_returns(rng, forces, pop)
    for f in forces:
        write_return(os.path.join(MAIN_DIR, "returns", f["police_uk_slug"] + ".xlsx"), f, "published-2022",
                     values[f["code"]], datetime.date(2022, 5, 3) + datetime.timedelta(days=rng.randrange(40)),
                     rng.choice(ROLES))
    write_findings(os.path.join(PLANTED_DIR, "published-2022.csv"), planted)
    write_findings(os.path.join(PLANTED_DIR, "published-2022-old-era.csv"), planted_old)
    print("written:", os.path.relpath(MAIN_DIR, ROOT), os.path.relpath(OLD_DIR, ROOT))
    sys.exit(subprocess.call([sys.executable, os.path.join(HERE, "expected.py")]))


if __name__ == "__main__":
    main()
