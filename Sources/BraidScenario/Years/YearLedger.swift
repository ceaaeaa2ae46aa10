import BraidPolicy

/// One allotment of a stream in the plan: what it held, what the plan spent from it (earliest
/// expiring money first), what it carried past its own year, and what is left when it expires
/// or when the plan ends.
public struct AllotmentUse: Sendable, Equatable {
    public let stream: String
    /// PY2026, FY2027, award, or "period" for a stream with one budget for the period.
    public let label: String
    public let from: Day?
    public let until: Day?
    public let budget: Int64
    public let spent: Int64
    /// Unspent at the end of its own year but still available (0 for an award or one budget).
    public let carriedOver: Int64
    /// Unspent when it expires within the plan's period.
    public let expiring: Int64
    /// Unspent and still available after the plan's period ends.
    public let afterPlan: Int64

    public init(
        stream: String, label: String, from: Day?, until: Day?, budget: Int64, spent: Int64, carriedOver: Int64,
        expiring: Int64, afterPlan: Int64
    ) {
        self.stream = stream
        self.label = label
        self.from = from
        self.until = until
        self.budget = budget
        self.spent = spent
        self.carriedOver = carriedOver
        self.expiring = expiring
        self.afterPlan = afterPlan
    }
}

/// What the plan spends in one segment of the timeline, by stream, and how many it funds then.
public struct PeriodSpending: Sendable, Equatable {
    public let from: Day
    public let to: Day
    /// Per scenario stream (scenario order), cents.
    public let byStream: [Int64]
    /// Participants with a cost paid in the segment.
    public let participants: Int

    public init(from: Day, to: Day, byStream: [Int64], participants: Int) {
        self.from = from
        self.to = to
        self.byStream = byStream
        self.participants = participants
    }
}

/// The plan across program years: spending by segment and stream, and each allotment's use.
public struct YearLedger: Sendable, Equatable {
    public let streams: [String]
    public let periods: [PeriodSpending]
    public let allotments: [AllotmentUse]
    /// Money a stream spends in a segment with none of its money available then (a plan that
    /// breaks its budgets in time); empty for a sound plan.
    public let overdrafts: [String]

    public init(streams: [String], periods: [PeriodSpending], allotments: [AllotmentUse], overdrafts: [String]) {
        self.streams = streams
        self.periods = periods
        self.allotments = allotments
        self.overdrafts = overdrafts
    }

    /// The warnings a planner must see: money that expires unspent (a dollar or more: the cents
    /// that rounding leaves are in the figures, not the warnings).
    public var warnings: [String] {
        allotments.filter { $0.expiring >= 100 }.map {
            "\($0.stream) \($0.label): \(formatMoney($0.expiring)) expires unspent on \($0.until.map(\.description) ?? "")"
        }
    }

    /// The ledger of a plan, or nil when the scenario has no money by year. Spending is drawn
    /// from the allotments available in each segment, the one that expires first first (which
    /// pays whatever any order could, for windows like these); lines without a known segment
    /// are left out.
    public init?(allocations: [Allocation], programAllocations: [Allocation], scenario: Scenario) {
        let timeline = scenario.timeline
        guard timeline.isTimed else { return nil }
        let index = Dictionary(uniqueKeysWithValues: timeline.segments.enumerated().map { ($1.label, $0) })
        let streamIndex = Dictionary(uniqueKeysWithValues: scenario.streams.enumerated().map { ($1.id, $0) })
        var spend = [[Int64]](
            repeating: [Int64](repeating: 0, count: scenario.streams.count), count: timeline.segments.count)
        var people = [Set<String>](repeating: [], count: timeline.segments.count)
        for line in allocations + programAllocations {
            guard let period = line.period, let k = index[period], let s = streamIndex[line.stream] else { continue }
            spend[k][s] += line.cents
        }
        for line in allocations {
            if let period = line.period, let k = index[period] { people[k].insert(line.owner) }
        }
        streams = scenario.streams.map(\.id)
        periods = timeline.segments.indices.map {
            PeriodSpending(
                from: timeline.segments[$0].from, to: timeline.segments[$0].to, byStream: spend[$0],
                participants: people[$0].count)
        }
        var uses: [AllotmentUse] = []
        var overdrafts: [String] = []
        for (s, stream) in scenario.streams.enumerated() {
            let spentInPeriod = spend.reduce(Int64(0)) { $0 + $1[s] }
            guard !stream.allotments.isEmpty else {
                guard let limit = stream.limit else { continue }
                uses.append(
                    AllotmentUse(
                        stream: stream.id, label: "period", from: scenario.period.start, until: scenario.period.end,
                        budget: limit, spent: spentInPeriod, carriedOver: 0, expiring: 0,
                        afterPlan: max(0, limit - spentInPeriod)))
                continue
            }
            let a = stream.allotments
            var left = a.map(\.cents)
            var drawn = [Int64](repeating: 0, count: a.count)
            var carried = [Int64](repeating: 0, count: a.count)
            // (The order money is drawn in: the one that expires first, then the older.)
            let order = a.indices.sorted {
                (a[$0].until ?? Day(year: 9999, month: 12, day: 31), $0) < (
                    a[$1].until ?? Day(year: 9999, month: 12, day: 31), $1
                )
            }
            for (k, seg) in timeline.segments.enumerated() {
                var need = spend[k][s]
                for j in order where need > 0 && a[j].covers(seg.from, seg.to) {
                    let take = min(need, left[j])
                    left[j] -= take
                    drawn[j] += take
                    need -= take
                }
                if need > 0 {
                    overdrafts.append(
                        "\(stream.id) spends \(formatMoney(spend[k][s])) from \(seg.from) to \(seg.to), \(formatMoney(need)) more than its money available then holds"
                    )
                }
                // Carried over: what is left at the end of an allotment's own year, still available after it.
                for j in a.indices {
                    guard let year = a[j].year, let years = stream.years, seg.to == years.year.end(year),
                        a[j].until.map({ seg.to < $0 }) ?? true
                    else { continue }
                    carried[j] = left[j]
                }
            }
            for j in a.indices {
                let expires = a[j].until.map { $0 <= scenario.period.end } ?? false
                uses.append(
                    AllotmentUse(
                        stream: stream.id, label: a[j].label, from: a[j].from, until: a[j].until, budget: a[j].cents,
                        spent: drawn[j], carriedOver: carried[j], expiring: expires ? left[j] : 0,
                        afterPlan: expires ? 0 : left[j]))
            }
        }
        allotments = uses
        self.overdrafts = overdrafts
    }
}
