/// Dollars to cents, rounding down (a cap never grows by rounding), tolerant of binary noise.
/// At most $10 trillion (the largest amount Braid reads), so that Int64() cannot trap.
public func centsFloor(_ dollars: Double) -> Int64 {
    guard dollars.isFinite, dollars > 0 else { return 0 }
    return Int64((min(dollars, 1e13) * 100 + 1e-6).rounded(.down))
}

// MARK: - Overrides

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

/// `$1,235`: whole dollars (rounded), for headlines and chart axes.
public func formatDollars(_ cents: Int64) -> String {
    let rounded = (abs(cents) + 50) / 100 * 100
    let text = formatMoney(rounded)
    return (cents < 0 && rounded > 0 ? "-" : "") + text.dropFirst(text.hasPrefix("-") ? 1 : 0).dropLast(3)
}

/// `1234.50` (for JSON and CSV).
public func plainMoney(_ cents: Int64) -> String {
    let c = abs(cents)
    return (cents < 0 ? "-" : "") + "\(c / 100)." + (c % 100 < 10 ? "0\(c % 100)" : "\(c % 100)")
}

/// Parses a dollar amount: `1200`, `1200.5`, `1,200.50`, `$1,200.50`. Rejects negative,
/// non-finite and sub-cent amounts.
public func parseMoney(_ raw: String) -> Result<Int64, FieldError> {
    if let cents = plainCents(raw) { return .success(cents) }
    var text = raw.trimmedOfWhitespace
    if text.hasPrefix("(") && text.hasSuffix(")") {
        return .failure(FieldError("must not be negative (a negative amount in parentheses), got '\(raw)'"))
    }
    if text.hasPrefix("$") { text.removeFirst() }
    if text.contains(where: { $0 == "," || $0 == "_" }) { text = text.filter { $0 != "," && $0 != "_" } }
    if text.contains(where: \.isLetter),
        ["inf", "+inf", "-inf", "infinity", ".inf", "-.inf", "+.inf", "nan", ".nan"].contains(text.lowercased())
    {
        return .failure(FieldError("must be a finite dollar amount, got '\(raw)'"))
    }
    guard !text.isEmpty, let value = DecimalText.number(text) else {
        return .failure(FieldError("must be a dollar amount, got '\(raw)'"))
    }
    guard value >= 0 else { return .failure(FieldError("must not be negative, got '\(raw)'")) }
    guard value < 1e13 else { return .failure(FieldError("is too large (over $10 trillion), got '\(raw)'")) }
    guard DecimalText.isWholeCents(Substring(text)) else {
        return .failure(FieldError("must be whole cents, got '\(raw)'"))
    }
    return .success(Int64((value * 100).rounded()))
}

/// The cents of the amount almost every roster cell holds, `1363.17`, `250` or `.5`: digits with
/// at most two after a point, nothing else, below $10 trillion. nil for anything else (spaces,
/// `$`, separators, signs, exponents, more decimals), which ``parseMoney(_:)`` reads and checks in
/// full; the two agree on every text this one reads (exact integer arithmetic, where the full
/// path's `Double` is exact to well under half a cent below $10 trillion).
func plainCents(_ text: String) -> Int64? {
    var whole: Int64 = 0
    var fraction: Int64 = 0
    var wholeDigits = 0
    var fractionDigits = 0
    var point = false
    for c in text.utf8 {
        if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
            let digit = Int64(c &- UInt8(ascii: "0"))
            if point {
                guard fractionDigits < 2 else { return nil }
                fraction = fraction * 10 + digit
                fractionDigits += 1
            } else {
                guard wholeDigits < 13 else { return nil }
                whole = whole * 10 + digit
                if whole > 0 { wholeDigits += 1 }
            }
        } else if c == UInt8(ascii: "."), !point {
            point = true
        } else {
            return nil
        }
    }
    // (`wholeDigits` counts from the first nonzero digit: leading zeros are allowed.)
    guard !text.isEmpty, text != "." else { return nil }
    return whole * 100 + (fractionDigits == 1 ? fraction * 10 : fraction)
}
