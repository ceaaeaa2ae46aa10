import BraidScenario

/// The generator's SplitMix64 as a `RandomNumberGenerator`, so every case is reproducible.
public struct SeededGenerator: RandomNumberGenerator {
    var random: ScenarioGenerator.Random
    public init(seed: UInt64) { random = ScenarioGenerator.Random(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1) }
    public mutating func next() -> UInt64 { random.next() }
}

/// A random scenario of varied shape: 4–24 applicants, one or two programs (minimum enrollment,
/// program costs), Pell, WIOA Adult, TANF, SNAP E&T 50/50 matching a college fund, an employer.
public func randomScenario(seed: UInt64) -> (yaml: String, rows: [String], budgets: [String]) {
    var g = SeededGenerator(seed: seed)
    func money(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &g) }
    let twoPrograms = Bool.random(using: &g)
    var programs =
        "{id: p, clock_hours: \(money(100...900)), weeks: \(money(6...30)), cte: true, min_enrollment: \(money(1...3)), costs: {equipment: \(money(0...3) * 1000)}}"
    if twoPrograms {
        programs +=
            "\n  - {id: q, clock_hours: \(money(100...700)), weeks: \(money(6...20)), min_enrollment: \(money(1...4))}"
    }
    var streams =
        "  pell: {}\n  wioa-adult: {budget: \(money(0...20) * 500)}\n  college: {kind: nonfederal, budget: \(money(0...20) * 500), allowable: [tuition, books_supplies, transportation, equipment]}\n"
    streams +=
        "  snap-et-50-50: {cap: \(money(0...10) * 500), reimburses: [college]}\n  employer: {kind: private, budget: \(money(0...20) * 500), allowable: [ojt_wages, tools_uniforms, equipment]}\n"
    var budgets = ["wioa-adult", "college", "employer", "snap-et-50-50"]
    if Bool.random(using: &g) {
        streams += "  tanf: {budget: \(money(0...10) * 500)}\n"
        budgets.append("tanf")
    }
    let weights =
        Bool.random(using: &g)
        ? "weights:\n    - {when: snap or tanf, weight: 2, label: public assistance}" : "weights: default"
    let yaml = """
        name: random \(seed)
        state: \(["GA", "OR", "AK", "HI"][money(0...3)])
        period: {start: 2026-07-01, end: 2027-06-30}
        streams:
        \(streams)
        programs:
          - \(programs)
        participants: participants.csv
        objective:
          \(weights)
        """
    let rows = (0..<money(4...24)).map { i -> String in
        let cents = { (max: Int) -> String in Bool.random(using: &g) ? "" : "\(money(0...max)).\(money(0...99))" }
        return row(
            "r\(i)", program: twoPrograms && Bool.random(using: &g) ? "q" : "p", age: money(16...64),
            sex: Bool.random(using: &g) ? "F" : "M",
            household: money(1...6), income: money(0...60_000), snap: money(0...2) == 0, tanf: money(0...5) == 0,
            employment: ["unemployed", "underemployed", "employed", "incumbent"][money(0...3)],
            sai: Bool.random(using: &g) ? "" : "\(money(-1500...9000))",
            tuition: cents(5000), transportation: cents(800), childCare: cents(3000), ojt: cents(6000))
    }
    return (yaml, rows, budgets)
}
