import BraidPolicy
import BraidTestSupport
import Foundation
import Testing

@testable import BraidPlanner
@testable import BraidReports
@testable import BraidScenario

/// Plans across program years: money by year with its period of availability, costs in the
/// months they fall in, participants funded to completion, carry-over and expiry (hand-checked).
@Suite struct ProgramYearTests {
    /// A two-program-year scenario (PY2026 and PY2027) with the given streams and programs.
    static func yaml(streams: String, programs: String, extra: String = "") -> String {
        """
        name: years
        state: GA
        period: {start: 2026-07-01, end: 2028-06-30}
        streams:
        \(streams)
        programs:
        \(programs)
        participants: participants.csv
        \(extra)
        """
    }

    /// A 20-month program from September 2026 (10 months in each program year) and a 3-month
    /// program from September 2027.
    static let programs = """
          - {id: two-year, clock_hours: 1200, weeks: 64, etpl: true, start: 2026-09-01, months: 20}
          - {id: late, clock_hours: 300, weeks: 12, etpl: true, start: 2027-09-01, months: 3}
        """

    static func fixture(_ streams: String, rows: [String], programs: String = programs, extra: String = "") throws
        -> Fixture
    {
        try Fixture(yaml: yaml(streams: streams, programs: programs, extra: extra), rows: rows)
    }

    static let threeAndOne =
        (1...3).map { row("p\($0)", program: "two-year", tuition: "4000") } + [
            row("p4", program: "late", tuition: "2000")
        ]

    /// WIOA Adult: PY2026 $6,000 (spendable to June 2028), PY2027 $3,000 (to June 2029); a fund's
    /// $2,000 award only in PY2026. Each two-year participant needs $2,000 tuition in each year,
    /// the late one $2,000 in PY2027. Year 1 can only be paid by PY2026 WIOA and the fund, so
    /// WIOA's year-2 costs are at most $9,000 less its year-1 spending. Three two-year
    /// participants cost $6,000 a year: year 1 takes at least $4,000 of WIOA, leaving $5,000
    /// for $6,000 — no. Two two-year and the late one: year 1 $4,000 (fund $2,000, WIOA $2,000),
    /// year 2 $6,000 of WIOA: $8,000 of $9,000. So three are served, and the third two-year
    /// applicant is not served at all rather than dropped in year 2.
    @Test func aTwoYearParticipantIsFundedInBothYearsOrNotAtAll() throws {
        let streams = """
              wioa-adult: {budget: {2026: 6000, PY2027: 3000}}
              fund: {kind: nonfederal, budget: 2000, allowable: [tuition], available: {from: 2026-07-01, to: 2027-06-30}}
            """
        let (plan, scenario) = try Self.fixture(streams, rows: Self.threeAndOne).plan()
        #expect(plan.served.count == 3 && plan.served.contains("p4"))
        #expect(scenario.timeline.segments.map(\.label) == ["2026-07-01/2027-06-30", "2027-07-01/2028-06-30"])
        let dropped = try #require(plan.notServed.first { $0.id.hasPrefix("p") && $0.id != "p4" })
        #expect(!plan.allocations.contains { $0.owner == dropped.id })
        // Why, year by year: the money available then is spent (PY2027's $1,000 is not there in
        // year 1).
        #expect(
            dropped.reason.contains(
                "tuition (2026-07-01 to 2027-06-30) $2,000.00 payable by wioa-adult ($0.00 left), fund ($0.00 left); tuition (2027-07-01 to 2028-06-30) $2,000.00 payable by wioa-adult ($1,000.00 left)"
            ), "\(dropped.reason)")
        for id in plan.served where id != "p4" {
            for period in scenario.timeline.segments.map(\.label) {
                let paid = plan.allocations.filter { $0.owner == id && $0.period == period }.reduce(0) { $0 + $1.cents }
                #expect(paid == 2000_00, "\(id) \(period)")
            }
        }
        // Money that expires first is spent first: the fund (gone in June 2027) pays all of
        // year 1 it can, so $1,000 of WIOA's PY2027 money is still there after the plan.
        #expect(plan.used("fund") == 2000_00 && plan.used("wioa-adult") == 8000_00)
        let years = try #require(plan.review.years)
        let py26 = try #require(years.allotments.first { $0.label == "PY2026" })
        let py27 = try #require(years.allotments.first { $0.label == "PY2027" })
        #expect(py26.spent == 6000_00 && py26.carriedOver == 4000_00 && py26.expiring == 0)
        #expect(py27.spent == 2000_00 && py27.afterPlan == 1000_00 && py27.expiring == 0)
        #expect(years.periods.map(\.participants) == [2, 3])
        #expect(years.warnings.isEmpty)
    }

    @Test func moneyThatExpiresBeforeACohortStartsCannotPayIt() throws {
        let streams = """
              fund: {kind: nonfederal, budget: 9000, allowable: [tuition], available: {from: 2026-07-01, to: 2027-06-30}}
            """
        let (plan, _) = try Self.fixture(streams, rows: [row("p4", program: "late", tuition: "2000")]).plan()
        #expect(plan.served.isEmpty)
        let reason = try #require(plan.notServed.first?.reason)
        #expect(
            reason.contains("no money that may pay tuition is available 2027-07-01 to 2028-06-30 ($2,000.00)")
                && reason.contains("fund: award 2026-07-01 to 2027-06-30"), "\(reason)")
        let years = try #require(plan.review.years)
        #expect(years.allotments.first?.expiring == 9000_00)
        #expect(years.warnings == ["fund award: $9,000.00 expires unspent on 2027-06-30"])
    }

    /// A fund by year, each year's money spendable for `years` years; two applicants each need
    /// $2,000 in PY2027 only. With one year of availability only PY2027's $3,000 can pay them
    /// (one served, though $6,000 was given); with two, PY2026's money carries over (both).
    @Test(arguments: [("1", 1, Int64(3000_00 + 1000_00), Int64(0)), ("2", 2, Int64(0), Int64(2000_00))])
    func spendingIsBoundByTheMoneyAvailableInItsYears(
        _ years: String, _ served: Int, _ expiring: Int64, _ afterPlan: Int64
    ) throws {
        let streams = """
              fund: {kind: nonfederal, budget: {2026: 3000, 2027: 3000}, availability: {year: program_year, years: \(years)}, allowable: [tuition]}
            """
        let rows = [row("a", program: "late", tuition: "2000"), row("b", program: "late", tuition: "2000")]
        let (plan, _) = try Self.fixture(streams, rows: rows).plan()
        #expect(plan.served.count == served)
        let ledger = try #require(plan.review.years)
        #expect(ledger.allotments.reduce(0) { $0 + $1.expiring } == expiring)
        #expect(ledger.allotments.reduce(0) { $0 + $1.afterPlan } == afterPlan)
        if served == 2 {
            // PY2026's $3,000 is carried into PY2027 and spent first (it expires first).
            #expect(ledger.allotments.map(\.carriedOver) == [3000_00, 2000_00])
            #expect(ledger.allotments.map(\.spent) == [3000_00, 1000_00])
        }
    }

    /// Tools fall in the program's first month, tuition month by month (cost_timing changes it).
    @Test func costsFallInTheMonthsTheyAreIncurred() throws {
        let streams = "  wioa-adult: {budget: {2026: 20000, 2027: 20000}}"
        let header = rosterHeader + ",need_tools_uniforms"
        let rows = [row("p1", program: "two-year", tuition: "3000") + ",500"]
        func parts(_ extra: String) throws -> [String: Int64] {
            let fixture = try Fixture(
                yaml: Self.yaml(streams: streams, programs: Self.programs, extra: extra), rows: rows, header: header)
            let (plan, _) = try fixture.plan()
            var out: [String: Int64] = [:]
            for a in plan.allocations { out["\(a.category)@\(a.period!.prefix(4))", default: 0] += a.cents }
            return out
        }
        // 20 months from September 2026: 10 in each program year; $3,000 is $150 a month.
        #expect(
            try parts("")
                == ["tuition@2026": 1500_00, "tuition@2027": 1500_00, "tools_uniforms@2026": 500_00])
        #expect(
            try parts("cost_timing: {tuition: start, tools_uniforms: monthly}")
                == ["tuition@2026": 3000_00, "tools_uniforms@2026": 250_00, "tools_uniforms@2027": 250_00])
    }

    @Test func aYearsBudgetIsSetFromTheCommandLine() throws {
        let streams = """
              fund: {kind: nonfederal, budget: {2026: 3000, 2027: 3000}, availability: {year: program_year, years: 1}, allowable: [tuition]}
            """
        let rows = [row("a", program: "late", tuition: "2000"), row("b", program: "late", tuition: "2000")]
        let fixture = try Self.fixture(streams, rows: rows)
        #expect(try fixture.plan(["fund.budget.2027=4000"]).0.served.count == 2)
        #expect(try fixture.plan(["fund.budget.PY2027=1999.99"]).0.served.isEmpty)
        #expect(try fixture.plan(["fund.budget.2028=4000"]).0.served.count == 1)
        for (set, expected) in [
            (
                "fund.budget=9000",
                "'fund' has its budget by year (PY2026, PY2027): set one year, e.g. fund.budget.PY2026"
            ),
            ("fund.budget.FY2027=1", "'FY2027' is not a year of 'fund': write PY2026 or 2026"),
        ] {
            #expect(throws: InputErrors.self) { try fixture.load([set]) }
            do { _ = try fixture.load([set]) } catch { #expect("\(error)".contains(expected), "\(error)") }
        }
    }

    @Test func verifyChecksEachCostsPeriod() throws {
        let streams = """
              wioa-adult: {budget: {2026: 6000, PY2027: 3000}}
              fund: {kind: nonfederal, budget: 2000, allowable: [tuition], available: {from: 2026-07-01, to: 2027-06-30}}
            """
        let (plan, scenario) = try Self.fixture(streams, rows: Self.threeAndOne).plan()
        // The fund's line moved to year 2, when its money is gone.
        var lines = plan.allocations
        let k = try #require(lines.firstIndex { $0.stream == "fund" })
        lines[k].period = "2027-07-01/2028-06-30"
        var moved = Plan(
            scenario: plan.scenario, status: plan.status, gap: plan.gap, served: plan.served,
            notServed: plan.notServed, allocations: lines, programAllocations: plan.programAllocations,
            programsRun: plan.programsRun, streams: plan.streams, statistics: plan.statistics,
            weightedServed: plan.weightedServed)
        moved.review = plan.review
        let issues = Verifier.violations(of: moved, scenario: scenario)
        #expect(
            issues.contains {
                $0.contains("fund pays tuition from 2027-07-01 to 2028-06-30, when none of its money is available")
            }, "\(issues)")
        #expect(issues.contains { $0.contains("from 2026-07-01 to 2027-06-30 needs $2,000.00, paid") }, "\(issues)")
        // A year ledger that hides expiring money.
        var hidden = plan
        hidden.review.years = YearLedger(
            streams: plan.review.years!.streams, periods: plan.review.years!.periods,
            allotments: plan.review.years!.allotments.map {
                AllotmentUse(
                    stream: $0.stream, label: $0.label, from: $0.from, until: $0.until, budget: $0.budget,
                    spent: $0.spent, carriedOver: $0.carriedOver, expiring: 0, afterPlan: 0)
            }, overdrafts: [])
        #expect(
            Verifier.violations(of: hidden, scenario: scenario).contains {
                $0.contains("the result's money by year does not match its lines")
            })
    }

    @Test(arguments: [
        (
            "  h1b-skills: {budget: {2026: 1000}}", programs,
            "'h1b-skills' cannot take a budget by year: its money is one award with a period of performance"
        ),
        (
            "  fund: {kind: nonfederal, budget: {2026: 1000}, allowable: [tuition]}", programs,
            "'fund' cannot take a budget by year"
        ),
        ("  wioa-adult: {budget: {PY26: 1000}}", programs, "'PY26' is not a program year of 'wioa-adult'"),
        ("  wioa-adult: {budget: {2026: 1000, PY2026: 5}}", programs, "PY2026 is given twice"),
        (
            "  tanf: {budget: {PY2027: 1000}}", programs,
            "'PY2027' is not a federal fiscal year of 'tanf': write FY2026 or 2026"
        ),
        (
            "  wioa-adult: {budget: 1000, available: {from: 2027-01-01, to: 2026-01-01}}", programs,
            "available ends (2026-01-01) before it starts (2027-01-01)"
        ),
        (
            "  wioa-adult: {budget: {2026: 1000, 2027: 1000}}", "  - {id: two-year, etpl: true}",
            "program 'two-year' needs start and months"
        ),
        (
            "  wioa-adult: {budget: {2026: 1000, 2027: 1000}}",
            "  - {id: two-year, etpl: true, start: 2027-09-01, months: 12}",
            "program 'two-year' runs 2027-09-01 to 2028-08-31, outside the period 2026-07-01 to 2028-06-30"
        ),
        (
            "  wioa-adult: {budget: 1000}", "  - {id: two-year, etpl: true, start: 2027-09-01, months: 0}",
            "months must be a whole number from 1 to 120"
        ),
        ("  wioa-adult: {budget: 1000}", "  - {id: two-year, etpl: true, months: 3}", "needs both start"),
    ])
    func badMoneyByYearIsRefused(_ streams: String, _ programs: String, _ expected: String) throws {
        let fixture = try Self.fixture(
            streams, rows: [row("p1", program: "two-year", tuition: "100")], programs: programs)
        do {
            _ = try fixture.load()
            Issue.record("loaded: expected \(expected)")
        } catch { #expect("\(error)".contains(expected), "\(error)") }
    }

    @Test func aSingleBudgetOverSeveralYearsIsOnePotAndCheckSaysSo() throws {
        let fixture = try Self.fixture(
            "  wioa-adult: {budget: 9000}", rows: [row("p1", program: "two-year", tuition: "100")])
        let scenario = try fixture.load()
        #expect(!scenario.timeline.isTimed)
        #expect(
            scenario.warnings.contains {
                $0.contains("streams.wioa-adult.budget is one amount for a period of 731 days: it is one pot")
            }, "\(scenario.warnings)")
    }
}

/// The year ledger in every report a planner or a script reads.
@Suite struct ProgramYearReportTests {
    @Test func everyFormatShowsTheYearsAndWarnsOfExpiringMoney() throws {
        let streams = """
              fund: {kind: nonfederal, budget: {2026: 3000, 2027: 3000}, availability: {year: program_year, years: 1}, allowable: [tuition]}
            """
        let rows = [row("a", program: "late", tuition: "2000"), row("b", program: "late", tuition: "2000")]
        let fixture = try ProgramYearTests.fixture(streams, rows: rows)
        let (plan, scenario) = try fixture.plan()
        let table = SummaryReport.table(plan, scenario)
        #expect(table.contains("Money by year") && table.contains("Spending by period"))
        #expect(
            table.contains(
                "WARNING: $4,000.00 expires unspent — fund PY2026: $3,000.00 expires unspent on 2027-06-30; fund PY2027: $1,000.00 expires unspent on 2028-06-30"
            ), "\(table)")
        let csv = ResultCSV.encode(plan)
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "kind,owner,stream,category,amount,applicants,served,rate,price,period")
        #expect(lines.contains("participant,\(plan.served[0]),fund,tuition,2000.00,,,,,2027-07-01/2028-06-30"))
        #expect(lines.contains("allotment,PY2026,fund,expiring,3000.00,,,,,"))
        #expect(lines.contains("period,2027-07-01/2028-06-30,fund,spent,2000.00,,1,,,2027-07-01/2028-06-30"))
        #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 10 })
        let html = HTMLReport.run(plan, scenario)
        #expect(html.contains("<h2>Cash flow by period</h2>") && html.contains("class=\"chart cashflow\""))
        let sheets = WorkbookReport.run(plan, scenario).sheets.map(\.name)
        #expect(sheets.contains("Years") && sheets.contains("Cash flow"))
        // A plan without money by year keeps its bytes: no period, no years.
        let (one, oneScenario) = try Fixture(
            yaml: scenarioYAML(streams: "  fund: {kind: nonfederal, budget: 3000, allowable: [tuition]}"),
            rows: [row("a", tuition: "2000")]
        ).plan()
        #expect(one.review.years == nil && !ResultJSON.encode(one).contains("\"years\""))
        #expect(!SummaryReport.table(one, oneScenario).contains("Money by year"))
    }
}

/// What-ifs across years: a year's allotment cut or added in `compare`, swept in `sweep`.
@Suite struct ProgramYearWhatIfTests {
    static let streams = """
          fund: {kind: nonfederal, budget: {2026: 3000, 2027: 3000}, availability: {year: program_year, years: 2}, allowable: [tuition]}
        """
    static let rows = [
        row("a", program: "late", tuition: "2000"), row("b", program: "late", tuition: "2000"),
        row("c", program: "late", tuition: "2000"),
    ]

    /// Next year's allotment cut from $3,000 to $1,000: PY2026's $3,000 still carries over, so
    /// two of three are served ($4,000 of $4,000) instead of three ($6,000).
    @Test func compareShowsEachYearsMoneyOnBothSides() throws {
        let fixture = try ProgramYearTests.fixture(Self.streams, rows: Self.rows)
        let (before, scenario) = try fixture.plan()
        let (after, cut) = try fixture.plan(["fund.budget.2027=1000"])
        #expect(before.served.count == 3 && after.served.count == 2)
        let comparison = Comparison(baseline: before, whatIf: after, baselineScenario: scenario, whatIfScenario: cut)
        let rows = comparison.yearRows
        #expect(rows.map { "\($0.stream) \($0.year)" } == ["fund PY2026", "fund PY2027"])
        #expect(rows[1].baseline?.budget == 3000_00 && rows[1].whatIf?.budget == 1000_00)
        #expect(rows[1].baseline?.spent == 3000_00 && rows[1].whatIf?.spent == 1000_00)
        let table = comparison.table()
        #expect(table.contains("Money by year (budget, spent, expiring unspent)"), "\(table)")
        #expect(comparison.csv().contains("year,fund PY2027,3000.00,1000.00,-2000.00"))
        #expect(comparison.json().contains("\"years\": [{\"stream\": \"fund\", \"year\": \"PY2026\""))
        #expect(comparison.headline.contains("$2,000 less"), "\(comparison.headline)")
    }

    /// A grant extended a year pays a cohort that starts after its old end date.
    @Test func anExtensionIsNamedInTheHeadline() throws {
        func plan(_ to: String) throws -> (Plan, Scenario) {
            let streams = """
                  fund: {kind: nonfederal, budget: 9000, allowable: [tuition], available: {from: 2026-07-01, to: \(to)}}
                """
            return try ProgramYearTests.fixture(streams, rows: [row("p4", program: "late", tuition: "2000")]).plan()
        }
        let (before, a) = try plan("2027-06-30")
        let (after, b) = try plan("2028-03-31")
        #expect(before.served.isEmpty && after.served == ["p4"])
        let comparison = Comparison(baseline: before, whatIf: after, baselineScenario: a, whatIfScenario: b)
        #expect(
            comparison.headline.hasPrefix("fund award available until 2028-03-31 (was 2027-06-30): +1 served"),
            "\(comparison.headline)")
        #expect(comparison.yearRows.first?.baseline?.expiring == 9000_00)
        #expect(comparison.yearRows.first?.whatIf?.expiring == 7000_00)
    }

    @Test func aSweepVariesOneYearsAllotment() throws {
        let fixture = try ProgramYearTests.fixture(Self.streams, rows: Self.rows)
        let points = try Sweeper.run(
            path: fixture.scenarioPath, policies: policies, overrides: [],
            axes: [try SweepAxis("fund.budget.2027=0:3000:1000")], options: PlanOptions())
        // $3,000 of PY2026 money serves one ($2,000, $1,000 left to expire at June 2028 unless
        // PY2027 money tops it up to the next $2,000).
        #expect(points.map(\.plan.served.count) == [1, 2, 2, 3])
        #expect(points.map { SweepReport.expiring($0.plan) } == [1000_00, 0, 0, 0])
        #expect(SweepReport.table([try SweepAxis("fund.budget.2027=0:3000:1000")], points).contains("expiring unspent"))
        #expect(throws: InputError.self) {
            try Sweeper.run(
                path: fixture.scenarioPath, policies: policies, overrides: [],
                axes: [try SweepAxis("fund.budget.2029=0:3000:1000")], options: PlanOptions())
        }
    }
}
