import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import BraidSolver
import Foundation

/// The repository's root (Tests/Support/ is two folders below it).
public let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
public let policiesPath = repositoryRoot.appendingPathComponent("Policies").path
public let scenariosPath = repositoryRoot.appendingPathComponent("Scenarios").path
/// Small data files the tests read: `Tests/Fixtures/`.
public let fixturesPath = repositoryRoot.appendingPathComponent("Tests/Fixtures").path

/// The shipped policies, loaded once.
public let policies: PolicySet = {
    do { return try PolicySet.load(directory: policiesPath) } catch { fatalError("policies do not load: \(error)") }
}()

/// The independent auditor found violations in a plan a fixture made.
public struct VerificationFailure: Error, CustomStringConvertible {
    public let issues: [String]
    public var description: String { "verify: " + issues.joined(separator: "; ") }
}

/// The CSV header every fixture roster uses.
public let rosterHeader =
    "id,program,age,sex,household_size,annual_income,snap,tanf,employment,pell_sai,need_tuition,need_transportation,need_child_care,need_ojt_wages,"
    + "work_authorized,citizen_or_eligible_noncitizen,immigration_status,in_postsecondary_school,other_grant_aid,"
    + "education,in_secondary_school,tanf_months_used"

/// A participant row: only the fields the hand-checked scenarios vary.
public func row(
    _ id: String, program: String = "p", age: Int = 30, sex: String = "F", household: Int = 1, income: Int = 10_000,
    snap: Bool = false,
    tanf: Bool = false, employment: String = "unemployed", sai: String = "", tuition: String = "",
    transportation: String = "",
    childCare: String = "", ojt: String = ""
) -> String {
    "\(id),\(program),\(age),\(sex),\(household),\(income),\(snap),\(tanf),\(employment),\(sai),\(tuition),\(transportation),\(childCare),\(ojt),"
        + "true,true,citizen,false,0,hs,false,0"
}

/// A temporary scenario folder with scenario.yaml and participants.csv.
public struct Fixture {
    public let directory: URL

    public init(yaml: String, rows: [String], header: String = rosterHeader) throws {
        directory = try Scratch.newFolder()
        try yaml.write(to: directory.appendingPathComponent("scenario.yaml"), atomically: true, encoding: .utf8)
        try ([header] + rows).joined(separator: "\n").appending("\n")
            .write(to: directory.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
    }

    /// A random scenario of the property tests' generator (``randomScenario(seed:)``).
    public static func random(seed: UInt64) throws -> Fixture {
        let (yaml, rows, _) = randomScenario(seed: seed)
        return try Fixture(yaml: yaml, rows: rows)
    }

    /// A scenario from `braid generate`'s generator.
    public static func generated(participants: Int, seed: UInt64) throws -> Fixture {
        let (yaml, csv) = ScenarioGenerator.generate(participants: participants, seed: seed)
        let fixture = try Fixture(yaml: yaml, rows: [])
        try csv.write(
            to: fixture.directory.appendingPathComponent("participants.csv"), atomically: true, encoding: .utf8)
        return fixture
    }

    public var scenarioPath: String { directory.appendingPathComponent("scenario.yaml").path }

    public func load(_ overrides: [String] = []) throws -> Scenario {
        try Scenario.load(path: scenarioPath, policies: policies, overrides: overrides)
    }

    /// The scenario and its model, without priority of service (tests of the solve machinery;
    /// plan them with ``withoutPriority(_:_:)`` to compare like with like).
    public func loadModel(_ overrides: [String] = []) throws -> (Scenario, Formulation) {
        let scenario = try load(overrides)
        return (scenario, try Formulation(scenario: scenario, analyses: scenario.analyze(), priorities: []))
    }

    /// Plan options that waive every stream's priority of service (to match ``loadModel(_:)``).
    public static func withoutPriority(_ scenario: Scenario, _ options: PlanOptions = PlanOptions()) -> PlanOptions {
        var options = options
        options.waivedPriority = Set(scenario.streams.map(\.id))
        return options
    }

    /// Plans, and checks the plan with the independent auditor (and again after writing and
    /// reading back its result JSON).
    /// - Throws: ``VerificationFailure`` when the auditor finds a violation.
    public func plan(_ overrides: [String] = [], options: PlanOptions = PlanOptions()) throws -> (Plan, Scenario) {
        let scenario = try load(overrides)
        let plan = try Planner.plan(scenario, options: options)
        let issues = Verifier.violations(of: plan, scenario: scenario)
        guard issues.isEmpty else { throw VerificationFailure(issues: issues) }
        let path = directory.appendingPathComponent("result.json").path
        try ResultJSON.encode(plan).write(toFile: path, atomically: true, encoding: .utf8)
        let reread = Verifier.violations(of: try ResultReader.read(path), scenario: scenario)
        guard reread.isEmpty else { throw VerificationFailure(issues: reread) }
        return (plan, scenario)
    }
}

/// A scenario YAML with one program and the given streams block.
public func scenarioYAML(
    streams: String,
    program: String = "{id: p, clock_hours: 320, weeks: 10, min_enrollment: 1, etpl: true, title_iv_eligible: true}",
    extra: String = "",
    useOrder: String? = nil
) -> String {
    """
    name: fixture
    state: GA
    period: {start: 2026-07-01, end: 2027-06-30}
    streams:
    \(streams)
    programs:
      - \(program)
    participants: participants.csv
    objective:
      weights: default
    \(useOrder.map { "  use_order: \($0)" } ?? "")
    \(extra)
    """
}

extension Plan {
    /// Cents paid by a stream for a participant's category.
    public func paid(_ participant: String, _ stream: String, _ category: CostCategory) -> Int64 {
        allocations.filter { $0.owner == participant && $0.stream == stream && $0.category == category }.reduce(0) {
            $0 + $1.cents
        }
    }

    public func used(_ stream: String) -> Int64 { streams.first { $0.id == stream }?.used ?? 0 }
}

/// Solves a model with `glpsol` (exported as CPLEX LP into `folder`); the objective when it
/// reports an integer optimum, else nil.
public func glpsolOptimum(_ model: LinearModel, in folder: URL) throws -> Double? {
    let path = folder.appendingPathComponent("braid-\(UUID().uuidString).lp").path
    defer {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: path + ".out")
    }
    try GLPKSolver().write(model, to: path, format: .lp)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["glpsol", "--lp", path, "--tmlim", "120", "-o", path + ".out"]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let text = try String(contentsOfFile: path + ".out", encoding: .utf8)
    guard text.contains("INTEGER OPTIMAL"),
        let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") })
    else { return nil }
    return Double(line.split(separator: "=")[1].split(separator: " ")[0])
}

/// How many random cases a property suite runs: `fallback` in CI, or the environment variable's value.
public func caseCount(_ variable: String, _ fallback: Int) -> Int {
    Int(ProcessInfo.processInfo.environment[variable] ?? "") ?? fallback
}
