/// HHS poverty guidelines by year and region.
public struct PovertyGuidelines: Sendable {
    public struct Entry: Sendable {
        public let base: Double
        public let perAdditional: Double
    }
    public struct Year: Sendable {
        public let year: Int
        public let effective: Day?
        public let contiguous: Entry
        public let alaska: Entry
        public let hawaii: Entry
        /// The day the table takes effect.
        public var start: Day { effective ?? Day(year: year, month: 1, day: 1) }
    }
    public let years: [Year]
    public let citation: Citation

    /// The table in force on a day: the latest whose effective date (1 January of its year when
    /// none is given) is on or before it; nil before the earliest table.
    public func table(for day: Day) -> Year? {
        years.filter { $0.start <= day }.max { $0.start < $1.start }
    }

    /// The guideline for a household in a state.
    public static func guideline(_ year: Year, state: String, householdSize: Int) -> Double {
        let entry = state == "AK" ? year.alaska : state == "HI" ? year.hawaii : year.contiguous
        return entry.base + entry.perAdditional * Double(max(1, householdSize) - 1)
    }
}
