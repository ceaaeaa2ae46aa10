/// Numbers as people write them, and only those: `12`, `-3.5`, `.25`, `1e6`. Swift's
/// `Double(String)` also reads hexadecimal (`0x10`, `0x1p20`), `inf` and `nan`, and a C string
/// stops at a NUL, so every number Braid reads goes through this grammar first.
public enum DecimalText {
    /// The value of a plain decimal number, or nil when the text is anything else (hexadecimal,
    /// a NUL or other character, an empty exponent) or its value is not finite.
    public static func number(_ text: Substring) -> Double? {
        guard isDecimal(text.utf8) else { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    public static func number(_ text: String) -> Double? { number(Substring(text)) }

    /// Whether the text is `[+-]digits[.digits][e[+-]digits]` (digits on one side of the point
    /// at least).
    static func isDecimal(_ bytes: Substring.UTF8View) -> Bool {
        var i = bytes.startIndex
        func digits() -> Int {
            var n = 0
            while i < bytes.endIndex, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                n += 1
                i = bytes.index(after: i)
            }
            return n
        }
        func take(_ c: Character) -> Bool {
            guard i < bytes.endIndex, bytes[i] == c.asciiValue! else { return false }
            i = bytes.index(after: i)
            return true
        }
        _ = take("+") || take("-")
        var mantissa = digits()
        if take(".") { mantissa += digits() }
        guard mantissa > 0 else { return false }
        if take("e") || take("E") {
            _ = take("+") || take("-")
            guard digits() > 0 else { return false }
        }
        return i == bytes.endIndex
    }

    /// Whether a decimal number has no digit below the cent: `12.50`, `12.500` and `1.2e3` do,
    /// `12.505` does not. Decided on the text, not the binary value, so that it holds at any size.
    public static func isWholeCents(_ text: Substring) -> Bool {
        guard isDecimal(text.utf8) else { return false }
        let lower = text.lowercased()
        let parts = lower.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].filter { $0 != "+" && $0 != "-" }
        let point = mantissa.firstIndex(of: ".")
        let fraction = point.map { mantissa[mantissa.index(after: $0)...] } ?? ""
        // Digits after the point, shifted by the exponent: those past the second must be zeros.
        let significant = fraction.reversed().drop { $0 == "0" }.count
        return significant - exponent <= 2
    }
}
