import BraidPolicy
import Foundation

/// Synthetic scenarios of any size for benchmarks and stress tests, deterministic for a seed.
///
/// Shape (assumptions, not data): four programs (a 600-hour CTE certificate, a 240-hour
/// Workforce Pell program, an OJT track, an H-1B-occupation program); ages 16–64 centred near
/// 35; households of 1–6; incomes spread around the poverty line; SNAP 30%, TANF 8%, SSI 3%;
/// about 60% filed a FAFSA; budgets sized so that roughly 60% of applicants can be served.
public enum ScenarioGenerator {
    /// SplitMix64: the generator's random numbers, reproducible from a seed.
    public struct Random: Sendable {
        var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        mutating func chance(_ p: Double) -> Bool { unit() < p }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        /// Roughly normal (sum of uniforms).
        mutating func normal(_ mean: Double, _ sd: Double) -> Double {
            mean + sd * ((0..<6).reduce(0.0) { acc, _ in acc + unit() } - 3) / 0.7071
        }
    }

    /// The scenario YAML and participant CSV for `participants` applicants.
    /// - Parameter years: program years from PY2026 (1: the one-year scenario). With more, each
    ///   program runs a cohort a year (`cte-certificate-2027`, …; applicant `i` in cohort `i`
    ///   mod `years`, so the draws stay those of the one-year roster), money is given by year,
    ///   and the H-1B grant's period of performance ends half a year before the plan does.
    public static func generate(participants count: Int, seed: UInt64, years: Int = 1) -> (yaml: String, csv: String) {
        var r = Random(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678)
        let programs = ["cte-certificate", "workforce-pell", "ojt-track", "h1b-manufacturing"]
        var csv =
            "id,program,age,sex,household_size,annual_income,snap,tanf,ssi,has_minor_child,pregnant,employment,dislocated,weeks_unemployed,education,in_secondary_school,selective_service,work_authorized,citizen_or_eligible_noncitizen,veteran,basic_skills_deficient,tanf_months_used,pell_sai,single_parent,homeless,disability,english_learner,need_tuition,need_books_supplies,need_tools_uniforms,need_transportation,need_child_care,need_ojt_wages,need_coaching,immigration_status,in_postsecondary_school,prior_work_experience,other_grant_aid\n"
        var totalNeed = 0.0
        let width = String(count).count
        for i in 0..<count {
            let program = programs[r.int(0...3)]
            let age = min(64, max(16, Int(r.normal(35, 11))))
            let male = r.chance(0.45)
            let household = 1 + min(5, Int(abs(r.normal(0, 1.6))))
            let guideline = 15_960.0 + 5_680.0 * Double(household - 1)
            let income = max(0, (r.normal(1.3, 0.8) * guideline).rounded())
            let snap = income < 1.3 * guideline && r.chance(0.55)
            let minor = household > 1 && r.chance(0.6)
            let tanf = minor && income < guideline && r.chance(0.35)
            let employment = ["unemployed", "unemployed", "underemployed", "employed", "incumbent"][r.int(0...4)]
            let weeks = employment == "unemployed" ? r.int(0...78) : 0
            let education = ["none", "hs", "hs", "hs", "some_college", "associate", "bachelor"][r.int(0...6)]
            let sai = r.chance(0.6) ? String(r.chance(0.5) ? r.int(-1500...0) : r.int(0...16_000)) : ""
            func money(_ mean: Double, _ p: Double) -> String {
                guard r.chance(p) else { return "" }
                return String(format: "%.2f", max(1, r.normal(mean, mean * 0.3)))
            }
            let ojt = program == "ojt-track" ? money(6_000, 1) : ""
            let tuition =
                program == "ojt-track" ? money(800, 0.5) : money(program == "workforce-pell" ? 2_400 : 4_200, 0.95)
            let cohort = years > 1 ? "\(program)-\(2026 + i % years)" : program
            let fields: [String] = [
                "g\(String(repeating: "0", count: width - String(i).count))\(i)", cohort, "\(age)", male ? "M" : "F",
                "\(household)",
                String(format: "%.0f", income), "\(snap)", "\(tanf)", "\(r.chance(0.03))", "\(minor)",
                "\(!male && r.chance(0.03))", employment,
                "\(r.chance(0.12))", "\(weeks)", education, "\(age < 19 && r.chance(0.3))",
                "\(male ? r.chance(0.9) : false)",
                "\(r.chance(0.97))", "\(r.chance(0.95))", "\(r.chance(0.06))", "\(r.chance(0.2))",
                "\(tanf ? r.int(0...40) : 0)", sai,
                "\(minor && r.chance(0.4))", "\(r.chance(0.02))", "\(r.chance(0.08))", "\(r.chance(0.1))", tuition,
                money(300, 0.6),
                money(250, 0.5), money(600, 0.7), minor ? money(3_500, 0.5) : "", ojt, money(500, 0.4),
            ]
            totalNeed += fields[27...].compactMap { Double($0) }.reduce(0, +)
            // Columns of the law issue, derived from the fields drawn above (no draw of their own,
            // so every drawn value stays the same): status from the citizenship and work-
            // authorization draws, not in school, work experience unless never employed, no
            // outside grant aid.
            let status = fields[18] == "true" ? "citizen" : fields[17] == "true" ? "other_lawful" : "undocumented"
            let experience = employment != "unemployed" || weeks > 0
            csv += (fields + [status, "false", "\(experience)", "0"]).joined(separator: ",") + "\n"
        }
        func budget(_ share: Double) -> Int { max(1000, Int((totalNeed * share / 1000).rounded()) * 1000) }
        guard years > 1 else { return (oneYear(count, seed, budget) + "\n", csv) }
        return (multiYear(count, seed, years, totalNeed) + "\n", csv)
    }

    static func oneYear(_ count: Int, _ seed: UInt64, _ budget: (Double) -> Int) -> String {
        """
        # Synthetic scenario from `braid generate --participants \(count) --seed \(seed)`: every figure is an
        # assumption for benchmarks and stress tests, not data.
        name: Synthetic \(count) applicants (seed \(seed))
        state: GA
        period: {start: 2026-07-01, end: 2027-06-30}
        policies: all
        streams:
        \(streams({ "\(budget($0))" }, cap: budget(0.05), h1b: "{budget: \(budget(0.06))}", own: ""))programs:
          - {id: cte-certificate, clock_hours: 600, weeks: 16, cte: true, title_iv_eligible: true, etpl: true, min_enrollment: 1, costs: {equipment: \(budget(0.005))}}
          - {id: workforce-pell, clock_hours: 240, weeks: 10, cte: true, title_iv_eligible: true, etpl: true, workforce_pell_approved: true, min_enrollment: 1}
          - {id: ojt-track, clock_hours: 480, weeks: 12, title_iv_eligible: false, min_enrollment: 1}
          - {id: h1b-manufacturing, clock_hours: 320, weeks: 12, h1b_occupation: true, title_iv_eligible: false, etpl: true, min_enrollment: 1, costs: {instruction: \(budget(0.005))}}
        participants: participants.csv
        objective:
          weights: default
        """
    }

    /// The scenario over `years` program years (see ``generate(participants:seed:years:)``).
    static func multiYear(_ count: Int, _ seed: UInt64, _ years: Int, _ totalNeed: Double) -> String {
        let first = 2026
        func perYear(_ share: Double) -> Int {
            max(1000, Int((totalNeed * share / Double(years) / 1000).rounded()) * 1000)
        }
        func byYear(_ share: Double) -> String {
            "{" + (0..<years).map { "\(first + $0): \(perYear(share))" }.joined(separator: ", ") + "}"
        }
        let total = { (share: Double) in max(1000, Int((totalNeed * share / 1000).rounded()) * 1000) }
        let h1b = "{budget: \(total(0.06)), available: {from: \(first)-07-01, to: \(first + years - 1)-12-31}}"
        var programs = ""
        for y in first..<(first + years) {
            programs += """
                  - {id: cte-certificate-\(y), clock_hours: 600, weeks: 16, cte: true, title_iv_eligible: true, etpl: true, min_enrollment: 1, start: \(y)-09-01, months: 4, costs: {equipment: \(perYear(0.005))}}
                  - {id: workforce-pell-\(y), clock_hours: 240, weeks: 10, cte: true, title_iv_eligible: true, etpl: true, workforce_pell_approved: true, min_enrollment: 1, start: \(y + 1)-01-04, months: 3}
                  - {id: ojt-track-\(y), clock_hours: 480, weeks: 12, title_iv_eligible: false, min_enrollment: 1, start: \(y + 1)-04-01, months: 4}
                  - {id: h1b-manufacturing-\(y), clock_hours: 320, weeks: 12, h1b_occupation: true, title_iv_eligible: false, etpl: true, min_enrollment: 1, start: \(y)-10-01, months: 3, costs: {instruction: \(perYear(0.005))}}

                """
        }
        return """
            # Synthetic scenario from `braid generate --participants \(count) --seed \(seed) --years \(years)`: every
            # figure is an assumption for benchmarks and stress tests, not data. A cohort of each
            # program a year; the last OJT cohort runs into the next program year, so the plan
            # ends a quarter later.
            name: Synthetic \(count) applicants over \(years) program years (seed \(seed))
            state: GA
            period: {start: \(first)-07-01, end: \(first + years)-09-30}
            policies: all
            streams:
            \(streams(byYear, cap: total(0.05), h1b: h1b, own: ", availability: {year: program_year, years: 1}"))programs:
            \(programs)participants: participants.csv
            objective:
              weights: default
            """
    }

    /// The streams block (a line each, indented), each stream's money written by `money` from its
    /// share of the total need; `own` follows a scenario stream's budget.
    static func streams(_ money: (Double) -> String, cap: Int, h1b: String, own: String) -> String {
        [
            "pell: {}", "wioa-adult: {budget: \(money(0.12))}", "wioa-dislocated-worker: {budget: \(money(0.04))}",
            "snap-et-50-50: {cap: \(cap), reimburses: [college-fund]}", "tanf: {budget: \(money(0.04))}",
            "perkins: {budget: \(money(0.02))}", "h1b-skills: \(h1b)",
            "college-fund: {kind: nonfederal, budget: \(money(0.08))\(own), allowable: [tuition, books_supplies, tools_uniforms, transportation, coaching, equipment]}",
            "employers: {kind: private, budget: \(money(0.10))\(own), allowable: [ojt_wages, tools_uniforms, equipment, instruction]}",
            "philanthropy: {kind: private, budget: \(money(0.03))\(own), allowable: [child_care, transportation, coaching]}",
        ].map { "  \($0)\n" }.joined()
    }
}
