/// What a program's participants are expected to achieve (`programs[].outcomes`): the rates and
/// wage a partnership reports, with their source. Expected values, not promises: a plan's
/// completions are Σ completion rate over the people it serves.
public struct ProgramOutcomes: Sendable, Equatable {
    /// The share of participants who complete (0...1).
    public let completionRate: Double
    /// The share of completers placed in a job (0...1).
    public let placementRate: Double
    /// The placed completers' hourly wage, in dollars.
    public let hourlyWage: Double
    /// Hours a year a placement is paid for (default 2,080: full time; an assumption).
    public let annualHours: Double
    /// Where the figures come from (free text: a report, a case study, "ASSUMPTION: …").
    public let source: String?

    public init(completionRate: Double, placementRate: Double, hourlyWage: Double, annualHours: Double, source: String?)
    {
        self.completionRate = completionRate
        self.placementRate = placementRate
        self.hourlyWage = hourlyWage
        self.annualHours = annualHours
        self.source = source
    }

    /// Expected completions per participant served.
    public var completions: Double { completionRate }
    /// Expected placements per participant served (completion × placement).
    public var placements: Double { completionRate * placementRate }
    /// Expected first-year earnings per participant served, in dollars.
    public var earnings: Double { placements * hourlyWage * annualHours }
}
