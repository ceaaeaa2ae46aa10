import BraidPolicy

extension Scenario {
    /// Sets `STREAM.budget` or `STREAM.cap`.
    public mutating func setMoney(_ key: String, cents: Int64) {
        let isBudget = key.hasSuffix(".budget")
        let id = String(key.dropLast(isBudget ? 7 : 4))
        guard let i = streams.firstIndex(where: { $0.id == id }) else { return }
        if isBudget { streams[i].budget = cents } else { streams[i].cap = cents }
    }

    /// Why an entitlement (Pell) takes no budget: it pays every eligible participant their
    /// award, and a budget would cut awards the law grants.
    public static func entitlementHasNoBudget(_ id: String) -> String {
        "'\(id)' is an entitlement: it pays every eligible participant their award, so it takes no budget or cap"
    }
}
