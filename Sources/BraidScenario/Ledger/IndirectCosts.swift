import BraidPolicy

/// Indirect costs (`indirect:`): the recipient's rate (negotiated, or the de minimis rate of
/// 2 CFR 200.414(f)) charged to each stream named on its spending in the base categories (the
/// categories of modified total direct costs, 2 CFR 200.1, as the scenario lists them). A
/// stream's indirect cost is rate × base, in cents rounded down; its budget pays direct and
/// indirect costs together.
public struct IndirectCosts: Sendable, Equatable {
    public let rate: Double
    /// The rule text of the rate as written (`de_minimis_indirect_rate`, `0.12`).
    public let rateText: String
    public let base: [CostCategory]
    /// The streams (ids) that pay it.
    public let streams: [String]

    public init(rate: Double, rateText: String, base: [CostCategory], streams: [String]) {
        self.rate = rate
        self.rateText = rateText
        self.base = base
        self.streams = streams
    }

    /// The indirect cost of a stream whose spending on the base categories is `base` cents.
    public func charge(onBase base: Int64) -> Int64 { Int64((rate * Double(base) + 1e-6).rounded(.down)) }

    /// Each stream's base (cents) and indirect cost in a plan with these lines.
    public func charges(_ lines: [Allocation]) -> [String: (base: Int64, indirect: Int64)] {
        var base: [String: Int64] = [:]
        for line in lines where streams.contains(line.stream) && self.base.contains(line.category) {
            base[line.stream, default: 0] += line.cents
        }
        return base.mapValues { ($0, charge(onBase: $0)) }
    }
}

extension ScenarioReader {
    /// `indirect: {rate: EXPR, base: [categories], streams: [ids]}`; read after the streams.
    mutating func readIndirect() {
        guard let node = root["indirect"] else { return }
        let d = diagnostics
        guard node.isMapping else {
            d.add(node.error("indirect is {rate, base, streams}"))
            return
        }
        node.checkKeys(["rate", "base", "streams", "note"], d)
        var rate: Double? = nil
        var rateText = ""
        if let r = node["rate"], let source = d.attempt({ () throws(InputError) in try r.string() }) {
            rateText = source
            do {
                let compiled = try policies.compile(source, stream: nil, expecting: .number)
                if let environment {
                    rate = compiled.evaluate(.withoutParticipant(environment: environment)).number
                }
                if rate == nil || !(0...1).contains(rate!) {
                    d.add(r.error("an indirect rate is a share between 0 and 1, got '\(source)'"))
                    rate = nil
                }
            } catch {
                d.add(
                    InputError(
                        file: r.file, line: r.line, column: r.textColumn.map { $0 + error.offset }, key: r.key,
                        reason: error.reason))
            }
        } else if node["rate"] == nil {
            d.add(node.error("indirect needs 'rate' (a number, or de_minimis_indirect_rate)", key: "indirect.rate"))
        }
        var base: [CostCategory] = []
        if let b = node["base"] {
            base = Self.readCategories(b, d)
        } else {
            d.add(node.error("indirect needs 'base' (the categories of its base)", key: "indirect.base"))
        }
        var ids: [String] = []
        if let l = node["streams"], let names = d.attempt({ () throws(InputError) in try l.strings() }) {
            for id in names {
                guard let stream = streams.first(where: { $0.id == id }) else {
                    d.add(l.error("unknown stream '\(id)'" + suggestion(for: id, in: streams.map(\.id))))
                    continue
                }
                if stream.policy?.entitlement == true {
                    d.add(l.error("'\(id)' is student aid paid to the student: it pays no indirect costs"))
                    continue
                }
                ids.append(id)
            }
        } else {
            ids = streams.filter { $0.policy?.entitlement != true }.map(\.id)
        }
        guard let rate else { return }
        indirect = IndirectCosts(rate: rate, rateText: rateText, base: base, streams: ids)
    }
}
