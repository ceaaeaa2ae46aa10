/// The closest names to `name` among `candidates` (edit distance), for "did you mean" hints.
public func closestNames(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
    let scored = candidates.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    let threshold = max(2, name.count / 3)
    return scored.filter { $0.1 <= threshold || $0.0.hasPrefix(name) || name.hasPrefix($0.0) }
        .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        .prefix(limit).map(\.0)
}

/// A " (did you mean 'x'?)" suffix, or "".
public func suggestion(for name: String, in candidates: [String]) -> String {
    let close = closestNames(to: name, in: candidates)
    if close.isEmpty { return "" }
    return " (did you mean " + close.map { "'\($0)'" }.joined(separator: " or ") + "?)"
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
