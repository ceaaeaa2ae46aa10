#!/usr/bin/env python3
"""Write the participants.csv of every example scenario in Scenarios/.

Deterministic: every roster has its own fixed seed and uses only `random.Random(seed)`,
so running this script twice gives byte-identical files. Standard library only.

    python3 Scenarios/tools/make_rosters.py            # writes all five rosters
    python3 Scenarios/tools/make_rosters.py atlanta    # writes one (name = folder prefix)

The applicants are synthetic. Their distributions follow the case studies of the NSC brief
(summarised with their sources in Scenarios/README.md); every dollar figure below
names its source or says ASSUMPTION. The scenario.yaml header of each folder repeats them.

Conventions (see Scenarios/README.md):
- `age` is the age on the period start, 2026-07-01; `birth_year` = 2026 - age (birthday
  taken to fall on or before July 1, so the two always agree).
- `selective_service` means "registered or exempt" (docs/CONTRACTS.md): women, and men who are not
  required to register, are `true`; some men 18+ are unregistered (`false`).
- `pell_sai` is blank when no FAFSA was filed (about 40%), otherwise an integer SAI from
  -1500 up to about 20,000, mostly low because the applicants are mostly low-income.
- Needs are the dollars the participant needs in the period, per category; blank = 0.
- Columns the law issue added (Scenarios/FORMAT-NOTES.md) are derived after the draws, from
  a separate generator or from drawn fields, so every drawn value is the same as before:
  `birth_date` (a day of `birth_year` on or before July 1, so `age` on 2026-07-01 agrees),
  `immigration_status` (citizen when citizen_or_eligible_noncitizen, else other_lawful when
  work-authorized, else undocumented: ASSUMPTION, the synthetic pools have no LPR split),
  `in_postsecondary_school` false (applicants are not attending school at determination),
  `prior_work_experience` (true when employed or unemployed for some weeks: a job before),
  `other_grant_aid` 0 (no grant aid from outside the scenario), `eligible_spouse` false.
"""

from __future__ import annotations

import csv
import datetime
import os
import random
import sys

PERIOD_YEAR = 2026  # period.start = 2026-07-01 in every scenario

# HHS poverty guideline 2026, 48 states + DC: $15,960 + $5,680 per additional person
# (FR Doc 2026-00755; ASPE) — POLICY-NOTES.md §8.
FPL_FIRST = 15960
FPL_EACH_ADDITIONAL = 5680


def poverty_guideline(household_size: int) -> int:
    return FPL_FIRST + FPL_EACH_ADDITIONAL * (household_size - 1)


COLUMNS = [
    "id", "program", "age", "birth_year", "sex", "household_size", "annual_income",
    "snap", "tanf", "ssi", "has_minor_child", "pregnant", "employment", "dislocated",
    "weeks_unemployed", "education", "in_secondary_school", "selective_service",
    "work_authorized", "citizen_or_eligible_noncitizen", "veteran", "basic_skills_deficient",
    "tanf_months_used", "pell_sai", "single_parent", "homeless", "disability", "english_learner",
    "birth_date", "immigration_status", "in_postsecondary_school", "prior_work_experience",
    "other_grant_aid", "eligible_spouse",
    "need_tuition", "need_books_supplies", "need_tools_uniforms", "need_transportation",
    "need_child_care", "need_ojt_wages", "need_coaching",
]
NEED_CATEGORIES = [
    "tuition", "books_supplies", "tools_uniforms", "transportation", "child_care",
    "ojt_wages", "coaching",
]

# ---------------------------------------------------------------------------------------
# Figures (dollars). Source or ASSUMPTION for each; SCENARIO-DATA.md section in brackets.
# ---------------------------------------------------------------------------------------

# Georgia CAPS max weekly rates, Zone 1 licensed center, full time, eff. Mar 2, 2026 [§1]:
# $260 infant / $248 toddler / $221 preschool / $185 school-age.
GA_CAPS_WEEKLY = {"infant": 260.00, "toddler": 248.00, "preschool": 221.00, "school": 185.00}
# MARTA 30-day pass $95 — ASSUMPTION (commonly published fare, not verified) [§1].
MARTA_30_DAY = 95.00
# Transportation $50/week for drivers — ASSUMPTION (SNAP Works / local WIOA cap mirror) [§1, §5].
GA_TRANSPORT_WEEKLY = 50.00
# EVS uniforms (scrubs, non-slip shoes, PPE) $75 — ASSUMPTION [§1].
EVS_UNIFORMS = 75.00
# Per-trainee EVS training price billed to the funder: 240 h x $10/h = $2,400 — ASSUMPTION
# (the trainee pays $0 [§1]; the price per trainee to the funder was not found).
EVS_TRAINING_PRICE = 2400.00
# Goodwill career coaching during training and 10 months after (brief) priced at $500 —
# ASSUMPTION (no figure found).
EVS_COACHING = 500.00
# Hospital EVS OJT wage $16.14/h — ASSUMPTION (health-system EVS posting in a later year
# [§1]; no Atlanta figure), 8 weeks x 40 h = 320 h.
EVS_WAGE = 16.14
EVS_OJT_HOURS = 320

# Default scenario welding certificate at a Georgia technical college (600 clock hours,
# 16 weeks): tuition+fees $3,000, books $300 — ASSUMPTION (no TCSG figure in SCENARIO-DATA);
# welding PPE/tool kit $350 — ASSUMPTION (>$200 kit + ~$150 boots) [§2].
GA_WELDING_TUITION = 3000.00
GA_WELDING_BOOKS = 300.00
WELDING_KIT = 350.00

# PCC: 30 credits x $133 + 30 x $10.75 fees ($3.40 activity + $7.35 technology) + 2 x $15
# service fee = $4,342.50 (derived) [§2]. Shipfitting certificate 12 credits, one term:
# 12 x $133 + 12 x $10.75 + $15 = $1,740.00 (derived, same schedule).
PCC_WELDING_TUITION = 30 * 133.00 + 30 * 10.75 + 2 * 15.00
PCC_SHIPFITTING_TUITION = 12 * 133.00 + 12 * 10.75 + 15.00
# Books $75 per course (PCC "$50 to $100" per course), 3 courses per term — ASSUMPTION [§2].
PCC_BOOKS_PER_COURSE = 75.00
# TriMet adult monthly pass $100 — ASSUMPTION [§2].
TRIMET_MONTH = 100.00
# Oregon ERDC max monthly rate, Area A standard center, Jan 2026 [§2]:
# $1,562 infant / $1,490 toddler / $1,173 preschool / $1,189 school-age.
OR_ERDC_MONTHLY = {"infant": 1562.00, "toddler": 1490.00, "preschool": 1173.00, "school": 1189.00}
# STEP career coaching $150/month — ASSUMPTION (no figure found).
STEP_COACHING_MONTH = 150.00

# Houston: trainee wage $15/h — ASSUMPTION [§3]; OJT contract covers the first 8 weeks
# at 40 h/week = 320 h — ASSUMPTION [§3].
SB_WAGE = 15.00
SB_OJT_HOURS = 320
# Pipefitter-helper PPE/tools $250 — ASSUMPTION [§3]; welder-helper kit $350 — ASSUMPTION [§2].
SB_PIPEFITTER_GEAR = 250.00
# Workforce Solutions personal transportation aid $0.17/mile [§3].
GULF_COAST_PER_MILE = 0.17
# TWC Gulf Coast BCY2026 max daily rates, licensed center, full time [§3]:
# $47.00 (0-11 mo) / $45.20 (18-23 mo) / $44.60 (2 yr) / $43.80 (3 yr) / $42.60 (4 yr) /
# $41.40 (6-13 yr). 12-17 months and age 5 are not listed: priced at $45.20 and $42.60.
TX_CCS_DAILY = {0: 47.00, 1: 45.20, 2: 44.60, 3: 43.80, 4: 42.60, 5: 42.60, "school": 41.40}
# 12 weeks x 5 days = 60 days of care — ASSUMPTION (full-time hire-then-learn) [§3].
SB_CARE_DAYS = 60
# United Way THRIVE financial coaching $600 — ASSUMPTION (no figure found).
THRIVE_COACHING = 600.00

# Indiana: RAMP pre-employment classroom about $2,500 per trainee to the grant —
# ASSUMPTION [§4]. Ivy Tech flat tuition for 12+ credits $2,243.25 per semester (2021-23)
# [§4], taken as still current — ASSUMPTION. Ivy+ textbooks $16.50/credit x 16 = $264 [§4].
RAMP_CLASSROOM = 2500.00
IVY_TUITION = 2243.25
IVY_BOOKS = 16 * 16.50
# Internship/OJT wage $14/h (brief, average starting wage); 8 weeks x 40 h = 320 h —
# ASSUMPTION [§4].
IN_WAGE = 14.00
IN_OJT_HOURS = 320
# Worksite gear (boots, safety glasses, gloves) $150 — ASSUMPTION (no figure found).
IN_GEAR = 150.00
# Mileage $0.35/mile, at most $300/month — ASSUMPTION [§4, §5].
IN_PER_MILE = 0.35
IN_MILEAGE_MONTH_CAP = 300.00
# Indiana CCDF licensed-center base weekly rates FY2023 ($416 / $327 / $231 / $218) less
# the Oct 5, 2025 cuts (-10% infant/toddler, -15% preschool, -35% school-age) [§4] (derived).
IN_CCDF_WEEKLY = {
    "infant": round(416 * 0.90, 2), "toddler": round(327 * 0.90, 2),
    "preschool": round(231 * 0.85, 2), "school": round(218 * 0.65, 2),
}
# WorkOne case management $500 per participant — ASSUMPTION (no figure found).
IN_COACHING = 500.00


# ---------------------------------------------------------------------------------------
# Demographic profiles
# ---------------------------------------------------------------------------------------

class Profile:
    """Distributions for one applicant pool. Shares are of all applicants unless noted."""

    def __init__(self, **kw):
        self.age = (18, 60, 32)           # triangular (low, high, mode)
        self.female = 0.5
        self.sex_x = 0.0
        self.parent = 0.35                # has a minor child
        self.single_among_parents = 0.6
        self.snap = 0.4
        self.snap_max_ratio = 1.3         # SNAP gross income test as a share of the guideline
        self.tanf = 0.05                  # of all applicants (drawn among low-income parents)
        self.ssi = 0.02
        self.employment = {"unemployed": 0.6, "underemployed": 0.3, "employed": 0.1}
        self.dislocated = 0.1             # of the unemployed
        self.long_term_unemployed = 0.3   # of the unemployed: 27+ weeks
        self.education = {"none": 0.15, "hs": 0.6, "some_college": 0.18, "associate": 0.04,
                          "bachelor": 0.03}
        self.veteran = 0.05
        self.english_learner = 0.06
        self.homeless = 0.05
        self.disability = 0.07
        self.noncitizen = 0.04            # work-authorized but not a Pell-eligible noncitizen
        self.no_work_authorization = 0.005
        self.fafsa = 0.6                  # filed a FAFSA (pell_sai not blank)
        self.pregnant = 0.03              # of women 18-40
        for key, value in kw.items():
            if not hasattr(self, key):
                raise KeyError(key)
            setattr(self, key, value)


def weighted(rng: random.Random, table: dict):
    r = rng.random() * sum(table.values())
    for key, w in table.items():
        r -= w
        if r < 0:
            return key
    return key


def child_band(age: int) -> str:
    if age < 1:
        return "infant"
    if age < 3:
        return "toddler"
    if age < 6:
        return "preschool"
    return "school"


def make_person(rng: random.Random, prof: Profile, force: dict | None = None) -> dict:
    """One applicant's demographics. `force` pins fields before the dependent ones are drawn."""
    force = force or {}
    p: dict = {}
    lo, hi, mode = prof.age
    p["age"] = force.get("age", int(round(rng.triangular(lo, hi, mode))))
    p["birth_year"] = PERIOD_YEAR - p["age"]
    u = rng.random()
    p["sex"] = force.get("sex", "X" if u < prof.sex_x else ("F" if u < prof.sex_x + prof.female else "M"))

    # Family.
    parent_p = prof.parent * (0.3 if p["age"] < 21 else 1.0) * (0.4 if p["age"] > 55 else 1.0)
    is_parent = force.get("has_minor_child", rng.random() < parent_p)
    kids: list[int] = []
    partnered = False
    if is_parent:
        n = weighted(rng, {1: 0.5, 2: 0.33, 3: 0.17})
        oldest_possible = max(0, min(17, p["age"] - 17))
        for _ in range(n):
            # Younger children are more common in these pools (parents 18-45).
            kids.append(min(oldest_possible, int(rng.triangular(0, 18, 3))))
        partnered = rng.random() >= prof.single_among_parents
    else:
        partnered = rng.random() < (0.25 if p["age"] >= 25 else 0.08)
    other_adult = rng.random() < 0.12
    p["household_size"] = 1 + int(partnered) + len(kids) + int(other_adult)
    p["has_minor_child"] = bool(kids)
    p["single_parent"] = force.get("single_parent", bool(kids) and not partnered)
    p["_kids"] = sorted(kids)
    p["pregnant"] = (p["sex"] == "F" and 18 <= p["age"] <= 40 and rng.random() < prof.pregnant)

    # Work.
    p["employment"] = force.get("employment", weighted(rng, prof.employment))
    if p["employment"] == "unemployed":
        if rng.random() < prof.long_term_unemployed:
            p["weeks_unemployed"] = int(rng.triangular(27, 130, 40))
        else:
            p["weeks_unemployed"] = int(rng.triangular(1, 26, 8))
        p["dislocated"] = force.get("dislocated", rng.random() < prof.dislocated)
    else:
        p["weeks_unemployed"] = 0
        p["dislocated"] = force.get("dislocated", False)
    # Nobody has been out of work longer than since age 17.
    p["weeks_unemployed"] = min(p["weeks_unemployed"], max(1, (p["age"] - 17) * 52))
    if p["employment"] != "unemployed":
        p["weeks_unemployed"] = 0
    if "weeks_unemployed" in force:
        p["weeks_unemployed"] = force["weeks_unemployed"]

    # Benefits and income (ratio to the 2026 poverty guideline for the household).
    fpl = poverty_guideline(p["household_size"])
    tanf_p = prof.tanf / max(prof.parent, 0.01)
    p["tanf"] = force.get("tanf", bool(kids or p["pregnant"]) and rng.random() < tanf_p * 0.9)
    p["snap"] = force.get("snap", p["tanf"] and rng.random() < 0.85 or
                          (not p["tanf"] and rng.random() < prof.snap))
    p["disability"] = rng.random() < prof.disability
    p["ssi"] = p["disability"] and rng.random() < min(1.0, prof.ssi / max(prof.disability, 0.01))
    if p["tanf"]:
        ratio = rng.uniform(0.0, 0.35)
    elif p["snap"] or p["ssi"]:
        ratio = rng.triangular(0.0, prof.snap_max_ratio, 0.5)
    elif p["employment"] == "unemployed":
        ratio = rng.triangular(0.0, 3.0, 0.9)
    else:
        ratio = rng.triangular(0.6, 3.5, 1.5)
    if p["employment"] == "unemployed" and not partnered and not other_adult and rng.random() < 0.25:
        ratio = 0.0
    if "income_ratio" in force:
        ratio = force["income_ratio"]
    p["annual_income"] = int(round(ratio * fpl / 10.0) * 10)
    p["_ratio"] = ratio

    if p["tanf"]:
        p["tanf_months_used"] = rng.randint(55, 60) if rng.random() < 0.1 else rng.randint(1, 40)
    elif kids and ratio < 1.0 and rng.random() < 0.25:
        p["tanf_months_used"] = rng.randint(1, 24)
    else:
        p["tanf_months_used"] = 0

    # Education and barriers.
    p["education"] = force.get("education", weighted(rng, prof.education))
    p["in_secondary_school"] = force.get("in_secondary_school", False)
    p["english_learner"] = rng.random() < prof.english_learner
    p["homeless"] = force.get("homeless", rng.random() < prof.homeless)
    bsd = 0.6 if p["education"] == "none" else (0.5 if p["english_learner"] else 0.15)
    p["basic_skills_deficient"] = rng.random() < bsd
    p["veteran"] = force.get("veteran", p["age"] >= 21 and rng.random() < prof.veteran)

    # Legal status. SNAP and SSI recipients are citizens or qualified noncitizens here.
    u = rng.random()
    if p["snap"] or p["ssi"] or p["veteran"]:
        p["citizen_or_eligible_noncitizen"], p["work_authorized"] = True, True
    elif u < prof.no_work_authorization:
        p["citizen_or_eligible_noncitizen"], p["work_authorized"] = False, False
    elif u < prof.no_work_authorization + prof.noncitizen:
        p["citizen_or_eligible_noncitizen"], p["work_authorized"] = False, True
    else:
        p["citizen_or_eligible_noncitizen"], p["work_authorized"] = True, True
    p["citizen_or_eligible_noncitizen"] = force.get("citizen_or_eligible_noncitizen",
                                                    p["citizen_or_eligible_noncitizen"])
    p["work_authorized"] = force.get("work_authorized", p["work_authorized"])

    # Selective Service: "registered or exempt". Men born on or after 1960 are required to
    # register between 18 and 26; a few men here never did.
    if p["sex"] == "M" and p["age"] >= 18:
        p["selective_service"] = rng.random() < (0.90 if p["age"] < 26 else 0.95)
    else:
        p["selective_service"] = True
    p["selective_service"] = force.get("selective_service", p["selective_service"])

    # FAFSA and Student Aid Index.
    if rng.random() < prof.fafsa:
        if ratio < 1.0 and rng.random() < 0.75:
            sai = -1500
        else:
            sai = int(round((p["annual_income"] - 1.25 * fpl) * 0.5 + rng.gauss(0, 900)))
            sai = max(-1500, min(20000, sai))
        p["pell_sai"] = sai
    else:
        p["pell_sai"] = None
    if "pell_sai" in force:
        p["pell_sai"] = force["pell_sai"]
    return p


def kids_needing_care(rng: random.Random, p: dict, share: float) -> list[int]:
    """Children under 13 whose care the parent cannot arrange for free (share of families)."""
    young = [k for k in p["_kids"] if k < 13]
    if not young or rng.random() >= share:
        return []
    return young


# ---------------------------------------------------------------------------------------
# Needs, per scenario and program
# ---------------------------------------------------------------------------------------

def cents(x: float) -> float:
    return round(x + 1e-9, 2)


def needs_ga_welding(rng, p):
    n = {"tuition": GA_WELDING_TUITION, "books_supplies": GA_WELDING_BOOKS,
         "tools_uniforms": WELDING_KIT}
    # 16 weeks: 4 MARTA 30-day passes, or $50/week driving.
    mode = weighted(rng, {"marta": 0.6, "car": 0.3, "none": 0.1})
    n["transportation"] = {"marta": 4 * MARTA_30_DAY, "car": 16 * GA_TRANSPORT_WEEKLY, "none": 0}[mode]
    kids = kids_needing_care(rng, p, 0.8)
    n["child_care"] = sum(16 * GA_CAPS_WEEKLY[child_band(k)] for k in kids)
    return n


def needs_evs_ojt(rng, p):
    n = {"ojt_wages": EVS_WAGE * EVS_OJT_HOURS, "tools_uniforms": EVS_UNIFORMS}
    if rng.random() < 0.6:
        n["transportation"] = 2 * MARTA_30_DAY
    kids = kids_needing_care(rng, p, 0.6)
    n["child_care"] = sum(8 * GA_CAPS_WEEKLY[child_band(k)] for k in kids)
    return n


def needs_evs(rng, p):
    n = {"tuition": EVS_TRAINING_PRICE, "tools_uniforms": EVS_UNIFORMS, "coaching": EVS_COACHING}
    mode = weighted(rng, {"marta": 0.70, "car": 0.20, "none": 0.10})
    # 8 weeks: two MARTA 30-day passes, or $50/week for drivers.
    n["transportation"] = {"marta": 2 * MARTA_30_DAY, "car": 8 * GA_TRANSPORT_WEEKLY, "none": 0}[mode]
    kids = kids_needing_care(rng, p, 0.75)
    n["child_care"] = sum(8 * GA_CAPS_WEEKLY[child_band(k)] for k in kids)
    return n


def needs_pcc(terms: int, courses: int, tuition: float):
    months = 5 if terms == 2 else 3  # 22 weeks ~ 5 months; 11 weeks ~ 3 months

    def needs(rng, p):
        n = {"tuition": tuition, "books_supplies": PCC_BOOKS_PER_COURSE * courses,
             "tools_uniforms": WELDING_KIT, "coaching": STEP_COACHING_MONTH * months}
        if rng.random() < 0.8:
            n["transportation"] = TRIMET_MONTH * months
        # Classes run 20 h/week (5 h x 4 days); half of parents with young children
        # need paid care for those hours, priced at the full-time ERDC maximum.
        kids = kids_needing_care(rng, p, 0.5)
        n["child_care"] = sum(months * OR_ERDC_MONTHLY[child_band(k)] for k in kids)
        return n
    return needs


def tx_daily_rate(age: int) -> float:
    return TX_CCS_DAILY[age] if age <= 5 else TX_CCS_DAILY["school"]


def needs_sb(gear: float):
    def needs(rng, p):
        n = {"ojt_wages": SB_WAGE * SB_OJT_HOURS, "tools_uniforms": gear, "coaching": THRIVE_COACHING}
        # Round-trip commute 20-80 miles (plant sites east of Houston) x 60 work days.
        miles = rng.randint(10, 40) * 2
        n["transportation"] = miles * 60 * GULF_COAST_PER_MILE
        kids = kids_needing_care(rng, p, 0.8)
        n["child_care"] = sum(SB_CARE_DAYS * tx_daily_rate(k) for k in kids)
        return n
    return needs


def needs_indiana(program: str):
    def needs(rng, p):
        if program == "ramp":
            n = {"tuition": RAMP_CLASSROOM, "tools_uniforms": IN_GEAR, "coaching": IN_COACHING}
            ojt_share = 0.35
        else:
            n = {"tuition": IVY_TUITION, "books_supplies": IVY_BOOKS, "tools_uniforms": IN_GEAR,
                 "coaching": IN_COACHING}
            ojt_share = 0.15
        if rng.random() < ojt_share:
            n["ojt_wages"] = IN_WAGE * IN_OJT_HOURS
        # 16 weeks (4 months) x 20 days; round trip 10-80 miles to Lafayette/Kokomo.
        if rng.random() < 0.85:
            miles = rng.randint(5, 40) * 2
            per_month = min(IN_MILEAGE_MONTH_CAP, miles * 20 * IN_PER_MILE)
            n["transportation"] = 4 * per_month
        kids = kids_needing_care(rng, p, 0.6)
        n["child_care"] = sum(16 * IN_CCDF_WEEKLY[child_band(k)] for k in kids)
        return n
    return needs


# ---------------------------------------------------------------------------------------
# Scenarios
# ---------------------------------------------------------------------------------------

def atlanta():
    prof = Profile(age=(18, 62, 30), female=0.70, parent=0.40, single_among_parents=0.7,
                   snap=0.75, snap_max_ratio=1.3, tanf=0.05, ssi=0.03,
                   employment={"unemployed": 0.6, "underemployed": 0.3, "employed": 0.1},
                   dislocated=0.10, long_term_unemployed=0.35,
                   education={"none": 0.20, "hs": 0.58, "some_college": 0.17, "associate": 0.03,
                              "bachelor": 0.02},
                   veteran=0.04, english_learner=0.06, homeless=0.08, disability=0.08)
    cohorts = ["evs-aug-2026", "evs-nov-2026", "evs-feb-2027", "evs-apr-2027"]
    plan = [(cohorts[i % 4], {}) for i in range(60)]
    return "atlanta-healthcare", "atl", 20260701, prof, plan, {c: needs_evs for c in cohorts}


def oregon():
    prof = Profile(age=(18, 58, 28), female=0.18, sex_x=0.01, parent=0.35,
                   single_among_parents=0.55, snap=0.65, snap_max_ratio=1.85, tanf=0.04,
                   ssi=0.02,
                   employment={"unemployed": 0.55, "underemployed": 0.35, "employed": 0.10},
                   dislocated=0.10, long_term_unemployed=0.35,
                   education={"none": 0.10, "hs": 0.55, "some_college": 0.25, "associate": 0.06,
                              "bachelor": 0.04},
                   veteran=0.08, english_learner=0.10, homeless=0.06, disability=0.08,
                   noncitizen=0.05)
    plan = [("maritime-welding", {}) for _ in range(80)] + \
           [("maritime-shipfitting", {}) for _ in range(40)]
    rng = random.Random(4242)
    rng.shuffle(plan)
    needs = {"maritime-welding": needs_pcc(2, 6, PCC_WELDING_TUITION),
             "maritime-shipfitting": needs_pcc(1, 3, PCC_SHIPFITTING_TUITION)}
    return "oregon-maritime-welding", "orw", 20260702, prof, plan, needs


def houston():
    prof = Profile(age=(18, 55, 30), female=1.0, parent=0.55, single_among_parents=0.85,
                   snap=0.30, snap_max_ratio=1.65, tanf=0.08, ssi=0.02,
                   employment={"unemployed": 0.55, "underemployed": 0.40, "employed": 0.05},
                   dislocated=0.08, long_term_unemployed=0.3,
                   education={"none": 0.15, "hs": 0.60, "some_college": 0.18, "associate": 0.04,
                              "bachelor": 0.03},
                   veteran=0.10, english_learner=0.12, homeless=0.04, disability=0.05,
                   noncitizen=0.06, no_work_authorization=0.0)
    plan = [("sb-pipefitter-helper", {}) for _ in range(45)] + \
           [("sb-welder-helper", {}) for _ in range(35)]
    rng = random.Random(7131)
    rng.shuffle(plan)
    needs = {"sb-pipefitter-helper": needs_sb(SB_PIPEFITTER_GEAR),
             "sb-welder-helper": needs_sb(WELDING_KIT)}
    return "houston-women-construction", "hou", 20260703, prof, plan, needs


def indiana():
    prof = Profile(age=(19, 64, 38), female=0.25, parent=0.40, single_among_parents=0.45,
                   snap=0.25, snap_max_ratio=1.3, tanf=0.05, ssi=0.02,
                   employment={"unemployed": 0.95, "underemployed": 0.05},
                   dislocated=0.45, long_term_unemployed=0.93,
                   education={"none": 0.05, "hs": 0.58, "some_college": 0.22, "associate": 0.10,
                              "bachelor": 0.05},
                   veteran=0.09, english_learner=0.04, homeless=0.05, disability=0.08,
                   noncitizen=0.03)
    plan = [("ramp-purdue", {}) for _ in range(240)] + \
           [("ivytech-advanced-mfg", {}) for _ in range(160)]
    rng = random.Random(4765)
    rng.shuffle(plan)
    needs = {"ramp-purdue": needs_indiana("ramp"), "ivytech-advanced-mfg": needs_indiana("ivy")}
    return "indiana-advanced-manufacturing", "ind", 20260704, prof, plan, needs


def indiana_years():
    """Indiana Region 4 over the grant's 48 months: a RAMP and an Ivy Tech cohort each
    program year 2026-2029, 210 + 140 applicants a year (the one-year scenario's mix)."""
    _, _, _, prof, _, _ = indiana()
    plan = []
    for year in range(2026, 2030):
        cohort = [(f"ramp-purdue-{year}", {}) for _ in range(210)] + \
                 [(f"ivytech-advanced-mfg-{year}", {}) for _ in range(140)]
        random.Random(4765 + year).shuffle(cohort)
        plan += cohort
    needs = {}
    for year in range(2026, 2030):
        needs[f"ramp-purdue-{year}"] = needs_indiana("ramp")
        needs[f"ivytech-advanced-mfg-{year}"] = needs_indiana("ivy")
    return "indiana-advanced-manufacturing-multiyear", "inm", 20260705, prof, plan, needs


def default():
    prof = Profile(age=(18, 55, 29), female=0.5, parent=0.4, snap=0.4, snap_max_ratio=1.3,
                   tanf=0.0, veteran=0.05)
    w, o = "welding-certificate", "evs-ojt"
    # Pinned traits make sure the small roster exercises each rule the scenario is for.
    plan = [
        (w, {"snap": True, "tanf": False, "pell_sai": -1500, "has_minor_child": True,
             "sex": "F", "age": 31, "education": "hs"}),
        (w, {"snap": True, "tanf": False, "pell_sai": None, "sex": "M", "age": 24,
             "selective_service": True, "education": "hs"}),
        (w, {"snap": False, "tanf": False, "pell_sai": 3200, "sex": "F", "age": 38,
             "income_ratio": 1.9, "education": "some_college"}),
        (w, {"snap": False, "tanf": False, "pell_sai": None, "sex": "M", "age": 45,
             "selective_service": True, "dislocated": True, "employment": "unemployed",
             "education": "hs"}),
        (w, {"snap": True, "tanf": False, "pell_sai": 800, "sex": "M", "age": 22,
             "selective_service": True, "education": "hs"}),
        # Never registered, 29: not WIOA-eligible; Pell has no Selective Service test.
        (w, {"snap": False, "tanf": False, "pell_sai": 1500, "sex": "M", "age": 29,
             "selective_service": False, "education": "hs", "income_ratio": 1.4}),
        # SAI above twice the maximum Pell: no Pell.
        (w, {"snap": False, "tanf": False, "pell_sai": 16500, "sex": "F", "age": 42,
             "income_ratio": 3.2, "education": "associate", "employment": "underemployed"}),
        (o, {"snap": True, "tanf": False, "pell_sai": None, "sex": "F", "age": 27,
             "has_minor_child": True, "employment": "unemployed"}),
        (o, {"snap": False, "tanf": False, "pell_sai": None, "sex": "M", "age": 35,
             "selective_service": True, "employment": "unemployed"}),
        (o, {"snap": True, "tanf": False, "pell_sai": -1500, "sex": "F", "age": 50,
             "employment": "underemployed"}),
        # Already on the hospital payroll: WIOA OJT does not pay for incumbent workers.
        (o, {"snap": False, "tanf": False, "pell_sai": None, "sex": "F", "age": 33,
             "employment": "incumbent"}),
        (o, {"snap": False, "tanf": False, "pell_sai": 2400, "sex": "M", "age": 19,
             "selective_service": True, "employment": "unemployed", "education": "hs"}),
    ]
    needs = {w: needs_ga_welding, o: needs_evs_ojt}
    return "default", "dft", 20260700, prof, plan, needs


SCENARIOS = [default, atlanta, oregon, houston, indiana, indiana_years]


# ---------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------

def fmt_money(x: float) -> str:
    if not x:
        return ""
    x = cents(x)
    return str(int(x)) if x == int(x) else f"{x:.2f}"


def fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def add_law_columns(dates: random.Random, p: dict) -> None:
    """Columns added for the law issue, derived without touching the main generator."""
    # A birthday on or before July 1 of birth_year (day of year 1..182), so age on 2026-07-01 holds.
    first = datetime.date(p["birth_year"], 1, 1)
    p["birth_date"] = (first + datetime.timedelta(days=dates.randrange(0, 182))).isoformat()
    if p["citizen_or_eligible_noncitizen"]:
        p["immigration_status"] = "citizen"
    elif p["work_authorized"]:
        p["immigration_status"] = "other_lawful"
    else:
        p["immigration_status"] = "undocumented"
    p["in_postsecondary_school"] = False
    p["prior_work_experience"] = p["employment"] != "unemployed" or p["weeks_unemployed"] > 0
    p["other_grant_aid"] = 0
    p["eligible_spouse"] = False


def build(spec) -> tuple[str, list[dict]]:
    folder, prefix, seed, prof, plan, needs = spec()
    rng = random.Random(seed)
    dates = random.Random(seed + 1_000_000)
    rows = []
    for i, (program, force) in enumerate(plan, start=1):
        p = make_person(rng, prof, force)
        n = needs[program](rng, p)
        add_law_columns(dates, p)
        row = {"id": f"{prefix}-{i:03d}" if len(plan) < 1000 else f"{prefix}-{i:04d}", "program": program}
        for col in COLUMNS[2:]:
            if col.startswith("need_"):
                row[col] = fmt_money(n.get(col[len("need_"):], 0.0))
            else:
                row[col] = fmt(p[col])
        rows.append(row)
    return folder, rows


def write(folder: str, rows: list[dict], root: str) -> str:
    path = os.path.join(root, folder, "participants.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def main(argv: list[str]) -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    wanted = set(argv[1:])
    for spec in SCENARIOS:
        folder, rows = build(spec)
        if wanted and not any(folder.startswith(x) for x in wanted):
            continue
        path = write(folder, rows, root)
        total = sum(float(r[c] or 0) for r in rows for c in COLUMNS if c.startswith("need_"))
        print(f"{os.path.relpath(path, root)}: {len(rows)} applicants, total need ${total:,.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
