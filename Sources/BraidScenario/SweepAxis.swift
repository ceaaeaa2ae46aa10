import BraidPolicy

/// One varied key: a scenario's money (`STREAM.budget`, `STREAM.cap`) or a policy parameter.
public struct SweepAxis: Sendable {
    public let key: String
    public let values: [Double]

    /// Parses `KEY=FROM:TO:STEP`.
    public init(_ text: String) throws(InputError) {
        guard let eq = text.firstIndex(of: "=") else {
            throw InputError(file: "--vary", key: text, reason: "expected KEY=FROM:TO:STEP")
        }
        key = String(text[..<eq])
        let texts = text[text.index(after: eq)...].split(separator: ":", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
        }
        let parts = texts.map { DecimalText.number($0) }
        guard parts.count == 3, let from = parts[0], let to = parts[1], let step = parts[2], from.isFinite, to.isFinite,
            step.isFinite
        else {
            throw InputError(
                file: "--vary", key: key,
                reason: "expected FROM:TO:STEP numbers, got '\(text[text.index(after: eq)...])'")
        }
        guard step > 0, to >= from else {
            throw InputError(file: "--vary", key: key, reason: "STEP must be positive and TO at least FROM")
        }
        // (Counted in floating point first: a range like 0:1e30:1 has more points than Int holds.)
        let points = ((to - from) / step + 1e-9).rounded(.down) + 1
        guard points.isFinite, points <= 10_000 else {
            let shown = points.isFinite && points < 1e15 ? formatNumber(points) : "more than 10,000"
            throw InputError(file: "--vary", key: key, reason: "\(shown) points is more than the limit of 10,000")
        }
        let count = Int(points)
        if MoneyKey(key) != nil {
            guard from >= 0, to <= 1e13 else {
                throw InputError(
                    file: "--vary", key: key,
                    reason: "a budget must be from $0 to $10 trillion, got \(formatNumber(from)) to \(formatNumber(to))"
                )
            }
            guard DecimalText.isWholeCents(Substring(texts[0])), DecimalText.isWholeCents(Substring(texts[2])) else {
                throw InputError(
                    file: "--vary", key: key,
                    reason: "FROM and STEP of a budget must be whole cents, got '\(texts[0])' and '\(texts[2])'")
            }
        }
        values = (0..<count).map { from + Double($0) * step }
    }

    /// Whether the key changes only a scenario's money (the eligibility analysis can be reused).
    public var isMoney: Bool { MoneyKey(key) != nil }
}
