#!/usr/bin/env python3
"""Sanity-check every Scenarios/*/participants.csv against its scenario.yaml. Stdlib only.

    python3 Scenarios/tools/check_rosters.py

Checks: header columns known; ids unique; every program exists in the scenario; numbers
non-negative and finite (pell_sai may be negative down to -1500, or blank); booleans and
enumerations valid; birth_year = 2026 - age; TANF only for families with a minor child or
a pregnancy. Prints per-scenario totals (applicants, total need, program costs, budgets).
This is a data check for the example files, not a replacement for `braid check`.
"""

from __future__ import annotations

import csv
import math
import os
import re
import sys

sys.dont_write_bytecode = True  # keep Scenarios/tools free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_rosters import COLUMNS, PERIOD_YEAR  # noqa: E402

BOOLS = {"true", "false"}
BOOL_COLUMNS = ["snap", "tanf", "ssi", "has_minor_child", "pregnant", "dislocated",
                "in_secondary_school", "selective_service", "work_authorized",
                "citizen_or_eligible_noncitizen", "veteran", "basic_skills_deficient",
                "single_parent", "homeless", "disability", "english_learner"]
ENUMS = {
    "sex": {"F", "M", "X"},
    "employment": {"unemployed", "underemployed", "employed", "incumbent"},
    "education": {"none", "hs", "some_college", "associate", "bachelor", "graduate"},
}
NUMBER_COLUMNS = ["age", "birth_year", "household_size", "annual_income", "weeks_unemployed",
                  "tanf_months_used"] + [c for c in COLUMNS if c.startswith("need_")]


def scenario_facts(path: str) -> tuple[set[str], float, float]:
    """Program ids, total program costs and total budgets, read with a small line parser."""
    text = open(path, encoding="utf-8").read()
    programs = set(re.findall(r"^\s*-\s*id:\s*([A-Za-z0-9_.-]+)\s*$", text, re.M))
    body = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    budgets = sum(float(x) for x in re.findall(r"\b(?:budget|cap):\s*([0-9.]+)", body))
    # Money by year: budget: {2026: 200000, FY2027: 20000, ...}
    for by_year in re.findall(r"\bbudget:\s*\{([^}]*)\}", body):
        budgets += sum(float(x) for x in re.findall(r":\s*([0-9.]+)", by_year))
    costs = 0.0
    for block in re.findall(r"costs:\s*\{([^}]*)\}", body):
        costs += sum(float(x) for x in re.findall(r":\s*([0-9.]+)", block))
    return programs, costs, budgets


def check(folder: str) -> tuple[list[str], dict]:
    errors: list[str] = []
    csv_path = os.path.join(folder, "participants.csv")
    programs, costs, budgets = scenario_facts(os.path.join(folder, "scenario.yaml"))
    with open(csv_path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        for col in header:
            if col not in COLUMNS and not col.startswith("x_"):
                errors.append(f"{csv_path}: unknown column {col}")
        rows = list(reader)
    seen: set[str] = set()
    total_need = 0.0
    for line, r in enumerate(rows, start=2):
        where = f"{csv_path}:{line}"
        if r["id"] in seen:
            errors.append(f"{where}: duplicate id {r['id']}")
        seen.add(r["id"])
        if r["program"] not in programs:
            errors.append(f"{where}: program {r['program']} not in scenario")
        for col in BOOL_COLUMNS:
            if r[col] not in BOOLS:
                errors.append(f"{where}: {col}={r[col]!r} is not true/false")
        for col, allowed in ENUMS.items():
            if r[col] not in allowed:
                errors.append(f"{where}: {col}={r[col]!r}")
        for col in NUMBER_COLUMNS:
            if r[col] == "" and col.startswith("need_"):
                continue
            try:
                v = float(r[col])
            except ValueError:
                errors.append(f"{where}: {col}={r[col]!r} is not a number")
                continue
            if not math.isfinite(v) or v < 0:
                errors.append(f"{where}: {col}={r[col]} is negative or not finite")
            if col.startswith("need_"):
                if round(v, 2) != v:
                    errors.append(f"{where}: {col}={r[col]} has more than cents")
                total_need += v
        if r["pell_sai"] != "":
            try:
                sai = int(r["pell_sai"])
                if sai < -1500:
                    errors.append(f"{where}: pell_sai {sai} below -1500")
            except ValueError:
                errors.append(f"{where}: pell_sai={r['pell_sai']!r} is not an integer")
        if int(r["birth_year"]) != PERIOD_YEAR - int(r["age"]):
            errors.append(f"{where}: birth_year {r['birth_year']} does not match age {r['age']}")
        if int(r["household_size"]) < 1:
            errors.append(f"{where}: household_size < 1")
        if r["tanf"] == "true" and r["has_minor_child"] != "true" and r["pregnant"] != "true":
            errors.append(f"{where}: TANF without a minor child or pregnancy")
        if r["has_minor_child"] == "true" and int(r["household_size"]) < 2:
            errors.append(f"{where}: minor child in a household of 1")
        if r["single_parent"] == "true" and r["has_minor_child"] != "true":
            errors.append(f"{where}: single parent without a minor child")
        if r["employment"] != "unemployed" and int(r["weeks_unemployed"]) != 0:
            errors.append(f"{where}: weeks_unemployed for someone at work")
    summary = {"applicants": len(rows), "need": total_need, "program_costs": costs,
               "budgets": budgets}
    return errors, summary


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    failed = False
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        if not os.path.isfile(os.path.join(folder, "scenario.yaml")):
            continue
        errors, s = check(folder)
        for e in errors:
            print(e)
        failed |= bool(errors)
        print(f"{name:32s} {s['applicants']:4d} applicants  need ${s['need']:>13,.2f}  "
              f"program costs ${s['program_costs']:>10,.2f}  budgets ${s['budgets']:>13,.2f}"
              f"  {'OK' if not errors else 'ERRORS'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
