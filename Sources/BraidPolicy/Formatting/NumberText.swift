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

    /// Two significant digits, never in scientific notation: 0.00018, 2.9, 45, 1200.
    public static func significant(_ x: Double) -> String {
        guard x.isFinite, x != 0 else { return x.isFinite ? "0" : "\(x)" }
        let rounded = twoSignificant(x)
        let magnitude = Int((abs(rounded)).log10Floor)
        return fixed(rounded, max(0, 1 - magnitude))
    }

    /// `x` rounded to two significant figures (0 stays 0).
    public static func twoSignificant(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        var scale = 1.0
        let magnitude = Int(abs(x).log10Floor)
        for _ in 0..<abs(magnitude - 1) { scale *= 10 }
        return magnitude - 1 >= 0 ? (x / scale).rounded() * scale : (x * scale).rounded() / scale
    }
}

/// Formats a number without a trailing ".0" for whole values.
public func formatNumber(_ n: Double) -> String {
    if n.isFinite && n == n.rounded() && abs(n) < 1e15 { return String(Int64(n)) }
    return String(n)
}

extension Double {
    /// ⌊log10 |x|⌋ for a positive finite value, without floating-point surprises at powers of ten.
    fileprivate var log10Floor: Double {
        var m = 0.0
        var v = self
        while v >= 10 {
            v /= 10
            m += 1
        }
        while v < 1 {
            v *= 10
            m -= 1
        }
        return m
    }
}
