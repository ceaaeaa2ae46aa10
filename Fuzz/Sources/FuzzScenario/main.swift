// Scenario YAML text → YAMLValue.parse → Scenario.load(root:), with a valid roster beside it.
// Every outcome must be a Scenario or InputErrors; a trap, a hang or a sanitizer report is a bug.
import BraidScenario
import BraidPolicy
import Foundation
import FuzzSupport

// The default scenario's roster, so that seeds taken from it load all the way through.
let rosterPath = FuzzSupport.repository + "/Scenarios/default/participants.csv"
let roster = Array(FileManager.default.contents(atPath: rosterPath)!)
_ = FuzzSupport.write(roster, roster.count, to: "participants.csv")
let scenarioFile = FuzzSupport.scratch + "/scenario.yaml"
_ = FuzzSupport.policies

FuzzSupport.run { data, size in
    guard let data, let text = FuzzSupport.text(data, size) else { return 0 }
    do {
        let root = try YAMLValue.parse(text, file: scenarioFile)
        _ = try Scenario.load(root: root, policies: FuzzSupport.policies, overrides: ["wioa-adult.budget=1000"])
    } catch {
        _ = "\(error)"
    }
    return 0
}
