import Foundation

/// Deterministic number formatting without Foundation's locale.
public enum NumberText {
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let n = Int64((x * scale).rounded())
        let whole = n / Int64(scale), frac = abs(n % Int64(scale))
        var f = String(frac)
        while f.count < digits { f = "0" + f }
        return (n < 0 && whole == 0 ? "-" : "") + "\(whole)" + (digits > 0 ? "." + f : "")
    }

    /// A share (0...1) as a percentage without trailing zeros: 0.85 → "85%", 0.125 → "12.5%".
    public static func percent(_ share: Double) -> String {
        var text = fixed(share * 100, 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }

    /// Two significant digits, e.g. 0.00018.
    public static func significant(_ x: Double) -> String { String(format: "%.2g", x) }
}

/// Formats a number without a trailing ".0" for whole values.
public func formatNumber(_ n: Double) -> String {
    if n.isFinite && n == n.rounded() && abs(n) < 1e15 { return String(Int64(n)) }
    return String(n)
}
