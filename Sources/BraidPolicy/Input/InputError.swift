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
    /// Problems found but not kept (past ``Diagnostics/kept``).
    public var more = 0
    public init(_ errors: [InputError], more: Int = 0) {
        self.errors = errors
        self.more = more
    }
    /// The problems, at most ``shown`` of them, then how many more there are.
    public var description: String {
        let total = errors.count + more
        let hidden = total - min(errors.count, Self.shown)
        return errors.prefix(Self.shown).map(\.description).joined(separator: "\n")
            + (hidden > 0 ? "\n… and \(hidden) more problems" : "")
            + (total > 1 ? "\n\(total) problems found" : "")
    }
    /// How many problems are printed.
    public static let shown = 100
}
