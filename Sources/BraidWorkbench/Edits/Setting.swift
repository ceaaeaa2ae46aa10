import BraidPolicy
import BraidScenario
import Foundation

/// A value the planner may change in the browser — a stream's budget (or one year's), its cap,
/// a policy parameter — as the `--set` key a what-if file's `set:` takes.
struct Setting: Sendable, Equatable {
    enum Kind: String, Sendable { case money, parameter }
    let key: String
    let label: String
    let kind: Kind
    /// The scenario's value (dollars for money), as `--set` writes it.
    let value: Double
    let minimum: Double
    let maximum: Double
    let step: Double
    let unit: String
    /// The citation and its status (law, regulation, guidance, …); nil for a scenario's money.
    let citation: String?

    var valueText: String { formatNumber(value) }

    /// Every setting of a scenario: each stream's budget (by year when its money comes by year)
    /// and cap, then the numeric policy parameters of its streams and the shared ones.
    static func all(for scenario: Scenario) -> [Setting] {
        var out: [Setting] = []
        for stream in scenario.streams {
            let name = stream.policy?.name ?? stream.id
            let years = stream.allotments.filter { $0.year != nil }
            if !years.isEmpty {
                for a in years {
                    out.append(money("\(stream.id).budget.\(a.year!)", "\(name): \(a.label) budget", a.cents))
                }
            } else if let budget = stream.budget {
                out.append(money("\(stream.id).budget", "\(name): budget", budget))
            }
            if let cap = stream.cap { out.append(money("\(stream.id).cap", "\(name): cap", cap)) }
        }
        let streams = Set(scenario.streams.map(\.id))
        for p in scenario.policies.parameters where p.stream.map(streams.contains) ?? true {
            guard p.unit.type == .number, case .number(let value) = scenario.environment.parameterValues[p.slot]
            else { continue }
            let top = p.maximum ?? max(value * 2, value + 1)
            out.append(
                Setting(
                    key: p.key, label: p.description, kind: .parameter, value: value, minimum: p.minimum ?? 0,
                    maximum: top, step: step(for: p.unit, top), unit: p.unit.rawValue,
                    citation: "\(p.citation.text) (\(p.citation.status.rawValue))"))
        }
        return out
    }

    private static func money(_ key: String, _ label: String, _ cents: Int64) -> Setting {
        let dollars = Double(cents) / 100
        let top = max(dollars * 2, 1000)
        return Setting(
            key: key, label: label, kind: .money, value: dollars, minimum: 0, maximum: top,
            step: top >= 100_000 ? 1000 : 100, unit: "usd", citation: nil)
    }

    private static func step(for unit: ParameterUnit, _ top: Double) -> Double {
        switch unit {
        case .percent: return 1
        case .ratio: return 0.01
        case .usd: return top >= 10_000 ? 100 : 10
        default: return 1
        }
    }
}
