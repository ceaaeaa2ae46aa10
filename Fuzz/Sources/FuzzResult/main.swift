// Arbitrary bytes as a result JSON for `braid verify`: ResultReader.read (JSON, duplicate keys,
// money, every field) and then the auditor against the default scenario. Every outcome must be
// a plan and its violations, or an InputError; anything else is a bug.
import BraidPolicy
import BraidReports
import BraidScenario
import FuzzSupport

let scenario: Scenario = {
    do {
        return try Scenario.load(
            path: FuzzSupport.repository + "/Scenarios/default/scenario.yaml", policies: FuzzSupport.policies)
    } catch { fatalError("the default scenario does not load: \(error)") }
}()

FuzzSupport.run { data, size in
    guard let data else { return 0 }
    let path = FuzzSupport.write(data, size, to: "result.json")
    guard let plan = try? ResultReader.read(path) else { return 0 }
    _ = Verifier.violations(of: plan, scenario: scenario)
    return 0
}
