/// A problem with an input file (policy, scenario, participant roster, test case), located by
/// file, line, column and key. Its description reads like a compiler diagnostic:
/// `Policies/tanf.yaml:12:11: rules[2].when: unknown name 'fpl_percnt' (did you mean 'fpl_percent'?)`.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, as given by the user.
    public var file: String
    /// 1-based line, or nil when the problem is with the whole file.
    public var line: Int?
    /// 1-based column, or nil.
    public var column: Int?
    /// The key path or CSV column (e.g. `streams.tanf.budget`), or empty.
    public var key: String
    /// What is wrong, in lower case, naming what was found.
    public var reason: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String = "", reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.reason = reason
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return key.isEmpty ? "\(location): \(reason)" : "\(location): \(key): \(reason)"
    }
}

/// Every problem found in an input, so that `braid check` can list them all at once.
public struct InputErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
            + (errors.count > 1 ? "\n\(errors.count) problems found" : "")
    }
}

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
