import BraidPolicy

extension Scenario {
    /// Sets `STREAM.budget` or `STREAM.cap`.
    public mutating func setMoney(_ key: String, cents: Int64) {
        let isBudget = key.hasSuffix(".budget")
        let id = String(key.dropLast(isBudget ? 7 : 4))
        guard let i = streams.firstIndex(where: { $0.id == id }) else { return }
        if isBudget { streams[i].budget = cents } else { streams[i].cap = cents }
    }
}
