/// The unit of a parameter, which fixes its type and what `--set` accepts.
public enum ParameterUnit: String, Sendable, CaseIterable {
    case usd, percent, ratio, count, years, months, weeks, hours, bool, date, text
    public var type: ValueType {
        switch self {
        case .bool: return .bool
        case .date: return .day
        case .text: return .text
        default: return .number
        }
    }
}

/// A policy parameter with dated values.
public struct Parameter: Sendable {
    /// `ita_cap`.
    public let name: String
    /// The stream id, or nil for a shared parameter of `definitions.yaml`.
    public let stream: String?
    public let description: String
    public let unit: ParameterUnit
    public let citation: Citation
    public let minimum: Double?
    public let maximum: Double?
    /// Values by the day they take effect, sorted. A `null` value is blank ("not set").
    public let values: [(since: Day, value: Value)]
    /// Allowed values of a text or bool parameter (empty: any).
    public let allowed: [Value]
    /// The last day the newest value is known to be in force (e.g. the end of an award year);
    /// a period starting after it is refused unless the parameter is set.
    public let until: Day?
    /// Before the first dated value: `refuse` the period (default) or read it as blank (a
    /// parameter that is not in force yet by law, e.g. Workforce Pell before 2026-07-01).
    public let blankBeforeFirst: Bool
    /// The global slot of the value in ``PolicyEnvironment/parameterValues``.
    public let slot: Int
    /// Where it is defined.
    public let file: String
    public let line: Int?

    /// The value in force on a day (the latest that took effect on or before it), or `.missing`.
    public func value(on day: Day) -> Value {
        values.last { $0.since <= day }?.value ?? .missing
    }

    /// The key used by `--set`: `stream.name`, or `name` for a shared parameter.
    public var key: String { stream.map { "\($0).\(name)" } ?? name }
}
