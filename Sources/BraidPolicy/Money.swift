/// `$1,234.50`.
public func formatMoney(_ cents: Int64) -> String {
    let negative = cents < 0
    let c = abs(cents)
    var whole = String(c / 100)
    var groups: [String] = []
    while whole.count > 3 {
        groups.insert(String(whole.suffix(3)), at: 0)
        whole = String(whole.dropLast(3))
    }
    groups.insert(whole, at: 0)
    let fraction = c % 100 < 10 ? "0\(c % 100)" : "\(c % 100)"
    return (negative ? "-$" : "$") + groups.joined(separator: ",") + "." + fraction
}

/// `1234.50` (for JSON and CSV).
public func plainMoney(_ cents: Int64) -> String {
    let c = abs(cents)
    return (cents < 0 ? "-" : "") + "\(c / 100)." + (c % 100 < 10 ? "0\(c % 100)" : "\(c % 100)")
}
