/// What the plan maximises (`objective.maximize`), each participant counted at their weight.
public enum ObjectiveMeasure: String, Sendable, CaseIterable {
    /// People served.
    case people
    /// Expected completions: Σ completion rate over those served.
    case completions
    /// Expected placements: Σ completion rate × placement rate.
    case placements
    /// Expected first-year earnings: Σ placements × hourly wage × annual hours (dollars).
    case earnings

    /// The measure's value for one participant of a program (nil when it needs outcomes the
    /// program does not give).
    public func value(_ outcomes: ProgramOutcomes?) -> Double? {
        switch self {
        case .people: return 1
        case .completions: return outcomes?.completions
        case .placements: return outcomes?.placements
        case .earnings: return outcomes?.earnings
        }
    }

    /// The unit in reports ("people", "completions", …; earnings in dollars).
    public var unit: String { self == .earnings ? "dollars of earnings" : rawValue }
}
