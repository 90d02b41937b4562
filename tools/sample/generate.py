#!/usr/bin/env python3
"""Generates the bundled sample collection and the defects test collection (stdlib only, fixed seeds).

    python3 tools/sample/generate.py [--shared ../shared]

Writes
  data/sample/2024-spring/                        the sample a newcomer runs (warnings and info only)
  src/test/resources/collections/defects-2023/    a second collection with planted defects
  src/test/resources/collections/sample-2024-spring-expected-findings.csv
  src/test/resources/collections/defects-2023/expected-findings.csv
The findings files list what this generator PLANTED. At the end it runs tools/sample/expected.py (a separate
program sharing no code with this one), which detects findings on its own from the written files, writes both
expected-indicators.csv files, and fails if its findings differ from the planted ones.

Real inputs (from ../shared/reference): ONS populations by police force area (the long mid-2001..2020 file and
Table P3 mid-2018), forces.csv and force-name-variants-observed.csv (from data/reference). Everything else
(999 calls, force returns) is made up with random.Random(seed), shaped to be realistic, with Norfolk pinned to
the published PEEL figures: 285 civil orders in 9,950 ASB incidents (FY2022/23) and 87.1% of 999 calls answered
within 10 seconds (calendar 2023).
"""
import argparse
import csv
import datetime
import math
import os
import random
import shutil
import sys
from decimal import Decimal, ROUND_HALF_UP

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xlsx_write as X  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLE_DIR = os.path.join(ROOT, "data", "sample", "2024-spring")
TEST_COLL = os.path.join(ROOT, "src", "test", "resources", "collections")
DEFECTS_DIR = os.path.join(TEST_COLL, "defects-2023")

NORFOLK = "E23000024"
MONTHS_2023 = [f"2023-{m:02d}" for m in range(1, 13)]
# seasonal shape of 999 demand (summer peak), January..December
SEASON = [0.93, 0.86, 0.94, 0.96, 1.03, 1.07, 1.12, 1.09, 1.01, 0.99, 0.96, 1.02]

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
    ("FUNDING_TOTAL_GBP", "Total funding in pounds (government funding plus precept)"),
    ("FUNDING_PRECEPT_GBP", "Council tax precept in pounds"),
]
ROW_OF = {code: 4 + i for i, (code, _) in enumerate(MEASURES)}  # Return sheet row of each measure

HEADER_999 = ["Month", "Force", "Total calls", "Calls answered in under 10 seconds",
              "Percentage answered in under 10 seconds", "Average answer time (seconds)"]

# bodies outside England and Wales that the police.uk 999 table carries; populations (mid-2020, rounded)
# are used only to size their made-up rows
OTHER_999 = [("Police Scotland", 5466000), ("Police Service of Northern Ireland", 1895500)]

NOTES = {
    "ASB_INCIDENTS": ["Incidents closed with an ASB opening or closing code (command and control)",
                      "Personal, nuisance and environmental ASB combined"],
    "ASB_COMMUNITY_PROTECTION_NOTICES": ["Excludes community protection warnings",
                                         "CPNs issued by officers and PCSOs; council-issued CPNs excluded"],
    "ASB_S34_DISPERSALS": ["Directions given, not authorisations"],
    "CALLS_101_RECEIVED": ["Switchboard figure, calls presented to the contact centre"],
    "CALLS_101_ABANDONED": ["Abandoned after the IVR message"],
    "FUNDING_TOTAL_GBP": ["Net revenue budget 2022/23", "Per the PCC's budget report"],
}
ROLES = ["Performance team", "Corporate Development", "Business Insight and Performance",
         "Strategic Planning and Performance", "Analysis and Performance Unit", "Information Management"]


# ---------------------------------------------------------------- reference data

def read_csv_skip_comments(path):
    with open(path, newline="", encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def load_forces():
    forces = read_csv_skip_comments(os.path.join(ROOT, "data", "reference", "forces.csv"))
    variants = {r["pfa_code"]: r for r in
                read_csv_skip_comments(os.path.join(ROOT, "data", "reference", "force-name-variants-observed.csv"))}
    for f in forces:
        v = variants[f["code"]]
        f["label_999"] = v["news_999_nov2023"] or v["data_police_uk_label"]
    return forces


def load_long_population(shared):
    rows = read_csv_skip_comments(os.path.join(shared, "reference", "population-pfa-mid2001-2020-derived.csv"))
    return [(r["pfa_code"], r["pfa_name"], int(r["mid_year"]), int(r["population"])) for r in rows]


def load_p3(shared):
    rows = read_csv_skip_comments(os.path.join(shared, "reference", "population-pfa-ons-table-p3-mid2018.csv"))
    return [r for r in rows if r["code"].strip()]  # drop ",Beds Cambs Herts" (added by a third party, not ONS)


# ---------------------------------------------------------------- made-up data

def pct1(part, whole):
    return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def gen_999(rng, forces, pop, pin_norfolk=True):
    """{(label, month): [total, answered, avg_seconds]} for the 43 forces and Scotland / NI."""
    bodies = [(f["label_999"], f["code"], pop[f["code"]]) for f in forces]
    bodies += [(name, None, p) for name, p in OTHER_999]
    out = {}
    for label, code, p in bodies:
        if code == "E23000034":  # City of London: ~11k residents, a daytime population of hundreds of thousands
            annual_per_1000 = rng.uniform(520, 640)
        else:
            annual_per_1000 = rng.uniform(135, 215)
        base = p * annual_per_1000 / 1000 / 12
        share = min(0.975, max(0.62, rng.gauss(0.855, 0.075)))
        if code == NORFOLK and pin_norfolk:
            share = 0.871
        for i, m in enumerate(MONTHS_2023):
            total = int(round(base * SEASON[i] * rng.uniform(0.965, 1.035)))
            # answer rates dip in the summer peak
            s = share - (SEASON[i] - 1) * 0.25 + rng.gauss(0, 0.012)
            s = min(0.995, max(0.5, s))
            answered = int(round(total * s))
            out[(label, m)] = [total, answered, None]
        if code == NORFOLK and pin_norfolk:  # pin the published 87.1% on the year's totals
            tot = sum(out[(label, m)][0] for m in MONTHS_2023)
            ans = sum(out[(label, m)][1] for m in MONTHS_2023)
            target = int(Decimal(tot * 871) / 1000)
            out[(label, "2023-12")][1] += target - ans
            ans = sum(out[(label, m)][1] for m in MONTHS_2023)
            assert pct1(ans, tot) == "87.1", (ans, tot)
    for k, v in out.items():
        total, answered, _ = v
        miss = 1 - answered / total
        v[2] = round(max(1.5, 1.2 + miss * 38 + rng.gauss(0, 0.6)), 1)
    return out


def write_999(path, data, bom, crlf):
    """Rows sorted by month then force name (as police.uk lists them). Returns {(label, month): line number}."""
    rows = sorted(data.items(), key=lambda kv: (kv[0][1], kv[0][0].lower()))
    lines = {}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n" if crlf else "\n")
        w.writerow(HEADER_999)
        for n, ((label, month), (total, answered, avg)) in enumerate(rows, start=2):
            if isinstance(answered, str):  # a suppression symbol: the percentage is suppressed too
                pct = answered
            else:
                pct = pct1(answered, total)
            w.writerow([month, label, total, answered, pct, avg])
            lines[(label, month)] = n
    return lines


def split_orders(rng, total):
    cbo = int(round(total * rng.uniform(0.01, 0.05)))
    ci = int(round(total * rng.uniform(0.02, 0.08)))
    s34 = int(round(total * rng.uniform(0.05, 0.22)))
    cpn = total - cbo - ci - s34
    assert cpn > 0
    return cbo, cpn, ci, s34


def gen_returns(rng, forces, pop, pin_norfolk=True, target_mean_ratio=1.30):
    """{code: {measure: value}}; ratios shaped so the unweighted mean civil-order ratio is about 1.3%."""
    ratios = {}
    for f in forces:
        ratios[f["code"]] = min(3.5, max(0.3, math.exp(rng.gauss(math.log(1.05), 0.5))))
    pinned = [NORFOLK] if pin_norfolk else []
    if pin_norfolk:
        ratios[NORFOLK] = 285 / 9950 * 100
    others = [c for c in ratios if c not in pinned]
    scale = (target_mean_ratio * len(ratios) - sum(ratios[c] for c in pinned)) / sum(ratios[c] for c in others)
    for c in others:
        ratios[c] = min(3.5, max(0.3, ratios[c] * scale))
    out = {}
    for f in forces:
        c, p = f["code"], pop[f["code"]]
        if c == NORFOLK and pin_norfolk:
            incidents = 9950
            cbo, cpn, ci, s34 = 9, 241, 14, 21
        else:
            incidents = int(round(p * rng.uniform(10, 25) / 1000))
            if c == "E23000034":
                incidents = int(round(rng.uniform(900, 1400)))  # many more visitors than residents
            cbo, cpn, ci, s34 = split_orders(rng, max(8, int(round(incidents * ratios[c] / 100))))
        received = int(round(p * rng.uniform(150, 400) / 1000))
        if c == "E23000034":
            received = int(round(rng.uniform(30000, 45000)))
        abandoned = int(round(received * rng.uniform(0.05, 0.30)))
        rta_app = int(round(p * rng.uniform(0.5, 2.0) / 1000))
        rta_disc = int(round(rta_app * rng.uniform(0.3, 0.6)))
        rtk = int(round(p * rng.uniform(0.3, 1.2) / 1000))
        if c == "E23000034":
            funding = int(round(rng.uniform(95e6, 115e6)))  # far more per resident: a national lead force
        else:
            funding = int(round(p * rng.uniform(180, 300)))
        precept = int(round(funding * rng.uniform(0.30, 0.55)))
        out[c] = {
            "ASB_INCIDENTS": incidents, "ASB_CRIMINAL_BEHAVIOUR_ORDERS": cbo,
            "ASB_COMMUNITY_PROTECTION_NOTICES": cpn, "ASB_CIVIL_INJUNCTIONS": ci, "ASB_S34_DISPERSALS": s34,
            "CALLS_101_RECEIVED": received, "CALLS_101_ABANDONED": abandoned,
            "DVDS_RTA_APPLICATIONS": rta_app, "DVDS_RTA_DISCLOSURES": rta_disc, "DVDS_RTK_DISCLOSURES": rtk,
            "FUNDING_TOTAL_GBP": funding, "FUNDING_PRECEPT_GBP": precept,
        }
    return out


def gen_notes(rng, forces):
    notes = {}
    for f in forces:
        n = {}
        for code, options in NOTES.items():
            if rng.random() < 0.12:
                n[code] = rng.choice(options)
        notes[f["code"]] = n
    return notes


def write_return(path, force, collection_id, values, notes, submitted_on, role):
    """values: {measure: int | str (text as typed) | X.Blank()}."""
    cover = X.Sheet("Cover", widths=[16, 44])
    cover.set(1, 0, "PEEL data collection: force data return", X.STYLE_TITLE)
    rows = [("Force", force["name"]), ("Force code", force["code"]), ("Collection", collection_id),
            ("Period start", X.Date(datetime.date(2022, 4, 1))), ("Period end", X.Date(datetime.date(2023, 3, 31))),
            ("Submitted by", role), ("Submitted on", X.Date(submitted_on))]
    for i, (label, value) in enumerate(rows):
        cover.set(3 + i, 0, label, X.STYLE_HEADER)
        cover.set(3 + i, 1, value)
    ret = X.Sheet("Return", widths=[36, 80, 16, 60])
    ret.set(1, 0, f"{force['name']}: measures for the year ending 31 March 2023", X.STYLE_TITLE)
    for col, h in enumerate(["Measure code", "Measure", "Value", "Notes"]):
        ret.set(3, col, h, X.STYLE_HEADER)
    for code, desc in MEASURES:
        r = ROW_OF[code]
        ret.set(r, 0, code)
        ret.set(r, 1, desc)
        v = values[code]
        ret.set(r, 2, v, X.STYLE_INT if not isinstance(v, str) else None)
        if notes.get(code):
            ret.set(r, 3, notes[code])
    X.write(path, [cover, ret], title=f"{force['name']} data return {collection_id}")


def submitted_dates(rng, forces, start, days):
    return {f["code"]: start + datetime.timedelta(days=rng.randrange(days)) for f in forces}


def manifest(cid, title, mid_year, pop_file):
    return (f"id: {cid}\n"
            f"title: {title}\n"
            "population:\n"
            f"  mid-year: {mid_year}\n"
            "sources:\n"
            f"  - file: {pop_file}\n"
            "    kind: ons-population\n"
            "  - file: bt/999-calls-2023.csv\n"
            "    kind: police-uk-999\n"
            "  - file: returns/\n"
            "    kind: force-return\n"
            "indicators:\n"
            '  calls-999-answered-within-10s: { period: "2023-01..2023-12" }\n'
            '  asb-civil-order-ratio:         { period: "FY2022/23" }\n'
            '  calls-101-abandonment-rate:    { period: "FY2022/23" }\n'
            '  calls-999-per-1000:            { period: "2023-01..2023-12" }\n')


def write_findings(path, findings):
    def key(f):
        loc = f[3]
        if loc.startswith("line "):
            n = int(loc[5:])
        elif "!" in loc:
            n = int("".join(ch for ch in loc.split("!")[1] if ch.isdigit()))
        else:
            n = 0
        return (f[2], n, f[1], f[5])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["severity", "rule", "source_file", "location", "force_code", "indicator_id"])
        for f in sorted(findings, key=key):
            w.writerow(f)


def info_rows(lines, labels, src):
    return [("info", "force.not-territorial", src, f"line {n}", "", "")
            for (label, _), n in lines.items() if label in labels]


# ---------------------------------------------------------------- the two collections

def build_sample(shared, forces):
    rng = random.Random(20240401)
    cid = "2024-spring"
    if os.path.isdir(SAMPLE_DIR):
        shutil.rmtree(SAMPLE_DIR)
    os.makedirs(os.path.join(SAMPLE_DIR, "ons"))
    with open(os.path.join(SAMPLE_DIR, "collection.yml"), "w", encoding="utf-8") as f:
        f.write(manifest(cid, "PEEL data collection, spring 2024", 2020, "ons/pfa-population.csv"))

    long_rows = load_long_population(shared)
    with open(os.path.join(SAMPLE_DIR, "ons", "pfa-population.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["pfa_code", "pfa_name", "mid_year", "population"])
        for r in long_rows:
            w.writerow(r)
    pop2020 = {c: p for c, _, y, p in long_rows if y == 2020}

    data = gen_999(rng, forces, pop2020)
    src999 = "bt/999-calls-2023.csv"
    lines = write_999(os.path.join(SAMPLE_DIR, src999), data, bom=False, crlf=False)
    findings = info_rows(lines, {n for n, _ in OTHER_999}, src999)

    values = gen_returns(rng, forces, pop2020)
    notes = gen_notes(rng, forces)
    dates = submitted_dates(rng, forces, datetime.date(2024, 1, 15), 45)
    os.makedirs(os.path.join(SAMPLE_DIR, "returns"))
    # imperfections a newcomer should see logged: Gwent sends nothing, Cumbria leaves 101 abandoned blank
    findings.append(("warning", "coverage.no-return", "returns/", "", "W15000002", ""))
    values["E23000002"]["CALLS_101_ABANDONED"] = X.Blank()
    notes["E23000002"]["CALLS_101_ABANDONED"] = "Not available: telephony platform changed in November 2022"
    findings.append(("warning", "value.not-supplied", "returns/cumbria.xlsx",
                     f"Return!C{ROW_OF['CALLS_101_ABANDONED']}", "E23000002", ""))
    for f in forces:
        if f["code"] == "W15000002":
            continue
        write_return(os.path.join(SAMPLE_DIR, "returns", f["police_uk_slug"] + ".xlsx"), f, cid,
                     values[f["code"]], notes[f["code"]], dates[f["code"]], rng.choice(ROLES))
    write_findings(os.path.join(TEST_COLL, "sample-2024-spring-expected-findings.csv"), findings)


def build_defects(shared, forces):
    rng = random.Random(20230917)
    cid = "defects-2023"
    by_code = {f["code"]: f for f in forces}
    if os.path.isdir(DEFECTS_DIR):
        for name in os.listdir(DEFECTS_DIR):
            if name != "DEFECTS.md":
                p = os.path.join(DEFECTS_DIR, name)
                shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    os.makedirs(os.path.join(DEFECTS_DIR, "ons"), exist_ok=True)
    pop_file = "ons/pfa-tables-p3-mid2018.xlsx"
    with open(os.path.join(DEFECTS_DIR, "collection.yml"), "w", encoding="utf-8") as f:
        f.write(manifest(cid, "Defects test collection 2023 (planted defects, see DEFECTS.md)", 2018, pop_file))

    # population: ONS Table P3 layout, mid-2018, real published figures (rounded to 100)
    p3 = load_p3(shared)
    sheet = X.Sheet("Table P3", widths=[14, 34, 12, 12])
    sheet.set(1, 0, "Table P3: Population and household estimates, police force areas, England and Wales, mid-2018",
              X.STYLE_TITLE)
    sheet.set(2, 0, "Population estimates for mid-2018 and household projections for 2017, rounded to the nearest "
                    "hundred. Source: Office for National Statistics.")
    sheet.set(3, 0, "Police force areas are listed under their region; country and region rows are totals.")
    for col, h in enumerate(["Area Code", "Area Name", "MYE2018", "SNHP2017"]):
        sheet.set(5, col, h, X.STYLE_HEADER)
    for i, r in enumerate(p3):
        sheet.set(6 + i, 0, r["code"])
        sheet.set(6 + i, 1, r["name"])
        sheet.set(6 + i, 2, int(r["MYE2018"]), X.STYLE_INT)
        sheet.set(6 + i, 3, int(r["SNHP2017"]), X.STYLE_INT)
    X.write(os.path.join(DEFECTS_DIR, pop_file), [sheet], title="Table P3 mid-2018")
    pop2018 = {r["code"]: int(r["MYE2018"]) for r in p3 if r["code"] in by_code}
    assert len(pop2018) == 43

    data = gen_999(rng, forces, pop2018, pin_norfolk=False)
    label = {c: f["label_999"] for c, f in by_code.items()}
    # a couple of other real spellings of force names (aliases in forces.csv): not defects
    for old, new in (("E23000030", "Hampshire and Isle of Wight Constabulary"), ("W15000004", "Dyfed Powys Police")):
        for m in MONTHS_2023:
            data[(new, m)] = data.pop((label[old], m))
        label[old] = new
    # (d) Merseyside June: digits transposed, answered > total
    k = (label["E23000004"], "2023-06")
    t = data[k][0]
    digits = str(t)
    swapped = int(digits[0] + digits[2] + digits[1] + digits[3:]) if digits[1] < digits[2] else None
    data[k][1] = swapped if swapped and swapped > t else t + 1384
    assert data[k][1] > t
    # (e) Dyfed-Powys September missing
    del data[(label["W15000004"], "2023-09")]
    # (h) a stray British Transport Police row
    data[("British Transport Police", "2023-03")] = [287, 259, 4.1]
    # (i) Cleveland February: answered suppressed
    data[(label["E23000013"], "2023-02")][1] = ".."
    src999 = "bt/999-calls-2023.csv"
    lines = write_999(os.path.join(DEFECTS_DIR, src999), data, bom=True, crlf=True)

    findings = info_rows(lines, {n for n, _ in OTHER_999}, src999)
    findings.append(("error", "value.part-exceeds-whole", src999, f"line {lines[k]}", "E23000004",
                     "calls-999-answered-within-10s"))
    for ind in ("calls-999-answered-within-10s", "calls-999-per-1000"):
        findings.append(("warning", "coverage.month-missing", src999, "", "W15000004", ind))
    findings.append(("info", "force.not-territorial", src999,
                     f"line {lines[('British Transport Police', '2023-03')]}", "", ""))
    findings.append(("warning", "value.suppressed", src999, f"line {lines[(label['E23000013'], '2023-02')]}",
                     "E23000013", ""))

    values = gen_returns(rng, forces, pop2018, pin_norfolk=False)
    notes = gen_notes(rng, forces)
    dates = submitted_dates(rng, forces, datetime.date(2023, 5, 2), 60)
    os.makedirs(os.path.join(DEFECTS_DIR, "returns"), exist_ok=True)

    def cell(code):
        return f"Return!C{ROW_OF[code]}"
    # (a) Lancashire: "n/a" typed where the CBO count belongs
    values["E23000003"]["ASB_CRIMINAL_BEHAVIOUR_ORDERS"] = "n/a"
    notes["E23000003"]["ASB_CRIMINAL_BEHAVIOUR_ORDERS"] = "CBOs are recorded by the courts, not by us"
    findings.append(("error", "value.not-a-number", "returns/lancashire.xlsx",
                     cell("ASB_CRIMINAL_BEHAVIOUR_ORDERS"), "E23000003", ""))
    # (b) Essex: a minus sign typed before the 101 abandoned count
    values["E23000028"]["CALLS_101_ABANDONED"] = -values["E23000028"]["CALLS_101_ABANDONED"]
    findings.append(("error", "value.negative-count", "returns/essex.xlsx", cell("CALLS_101_ABANDONED"),
                     "E23000028", ""))
    # (c) West Yorkshire: an extra digit typed, abandoned > received
    wy = values["E23000010"]
    wy["CALLS_101_ABANDONED"] = int(round(wy["CALLS_101_RECEIVED"] * 0.17)) * 10 + 3
    assert wy["CALLS_101_ABANDONED"] > wy["CALLS_101_RECEIVED"]
    findings.append(("error", "value.part-exceeds-whole", "returns/west-yorkshire.xlsx", cell("CALLS_101_ABANDONED"),
                     "E23000010", "calls-101-abandonment-rate"))
    # (f) Surrey: no return
    findings.append(("warning", "coverage.no-return", "returns/", "", "E23000031", ""))
    # (g) Thames Valley: s34 dispersals left blank
    values["E23000029"]["ASB_S34_DISPERSALS"] = X.Blank()
    notes["E23000029"]["ASB_S34_DISPERSALS"] = "Awaiting figure from the partnership team"
    findings.append(("warning", "value.not-supplied", "returns/thames-valley.xlsx", cell("ASB_S34_DISPERSALS"),
                     "E23000029", ""))
    for f in forces:
        if f["code"] == "E23000031":
            continue
        write_return(os.path.join(DEFECTS_DIR, "returns", f["police_uk_slug"] + ".xlsx"), f, cid,
                     values[f["code"]], notes[f["code"]], dates[f["code"]], rng.choice(ROLES))
    write_findings(os.path.join(DEFECTS_DIR, "expected-findings.csv"), findings)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"),
                    help="the shared/ folder holding reference/ (default: ../shared beside the repo)")
    args = ap.parse_args()
    forces = load_forces()
    assert len(forces) == 43
    os.makedirs(TEST_COLL, exist_ok=True)
    build_sample(args.shared, forces)
    build_defects(args.shared, forces)
    print("written:", os.path.relpath(SAMPLE_DIR, ROOT), os.path.relpath(DEFECTS_DIR, ROOT))
    # the expected values come from a separate program that reads only the written files
    import subprocess
    sys.exit(subprocess.call([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.py")]))


if __name__ == "__main__":
    main()
