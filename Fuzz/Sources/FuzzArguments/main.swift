// UTF-8 text as the what-if arguments of `sweep` and `compare`: the first line is a `--vary`
// axis (SweepAxis), each further line a `--set KEY=VALUE`. The axis, when it parses, is applied
// at its first and last value as `setMoney` (a budget or cap) or as one more `--set`, on the
// default scenario. Every outcome must be a scenario or an InputError; anything else is a bug.
import BraidPolicy
import BraidScenario
import FuzzSupport

let scenario = FuzzSupport.repository + "/Scenarios/default/scenario.yaml"

FuzzSupport.run { data, size in
    guard let data, let text = FuzzSupport.text(data, size) else { return 0 }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let overrides = Array(lines.dropFirst().prefix(8))
    guard var base = try? Scenario.load(path: scenario, policies: FuzzSupport.policies, overrides: overrides) else {
        return 0
    }
    guard let axis = try? SweepAxis(lines.first ?? "") else { return 0 }
    for value in [axis.values.first, axis.values.last].compactMap({ $0 }) {
        if axis.isMoney {
            let id = String(axis.key.dropLast(axis.key.hasSuffix(".budget") ? 7 : 4))
            guard base.stream(id) != nil, value.isFinite, value >= 0, value < 1e13 else { continue }
            base.setMoney(axis.key, cents: Int64((value * 100).rounded()))
            _ = base.analyze()
        } else {
            _ = try? Scenario.load(
                path: scenario, policies: FuzzSupport.policies, overrides: overrides + ["\(axis.key)=\(value)"])
        }
    }
    return 0
}
