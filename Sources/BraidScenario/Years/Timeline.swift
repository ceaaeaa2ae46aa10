import BraidPolicy

/// A stretch of the scenario's period in which every stream's money is either available
/// throughout or not at all.
public struct TimeSegment: Sendable, Equatable {
    public let from: Day
    public let to: Day
    /// `2026-07-01/2026-09-30`, as results write it.
    public var label: String { "\(from)/\(to)" }
}

/// The scenario's period cut where any stream's money starts or stops being available, and at
/// each program year (July 1) when it is cut at all: costs fall in segments, and a stream pays a
/// segment's costs only from money available throughout it. One segment when no stream's money
/// is given by year or with dates (then the plan is the one-pot plan of a single period).
public struct Timeline: Sendable {
    public let segments: [TimeSegment]
    /// Per stream (scenario order), per segment: whether the stream has money that may pay it
    /// (empty: every stream, every segment).
    let open: [[Bool]]

    public var isTimed: Bool { segments.count > 1 }

    /// The timeline of a scenario without money by year: one segment, every stream available.
    static let single = Timeline(
        segments: [TimeSegment(from: Day(year: 1, month: 1, day: 1), to: Day(year: 9999, month: 12, day: 31))],
        available: nil)

    private init(segments: [TimeSegment], available: [[Bool]]?) {
        self.segments = segments
        open = available ?? []
    }

    /// Whether stream `s` may pay costs in segment `k`.
    public func available(_ s: Int, _ k: Int) -> Bool { open.isEmpty || open[s][k] }

    init(period: Period, streams: [ScenarioStream]) {
        var cuts = Set<Day>()
        for stream in streams {
            for a in stream.allotments {
                cuts.insert(a.from)
                if let until = a.until { cuts.insert(until.next) }
            }
        }
        cuts = cuts.filter { period.start < $0 && $0 <= period.end }
        if !cuts.isEmpty {
            var y = period.start.year
            while true {
                let july = Day(year: y, month: 7, day: 1)
                if july > period.end { break }
                if period.start < july { cuts.insert(july) }
                y += 1
            }
        }
        let starts = [period.start] + cuts.sorted()
        let cut = starts.indices.map { i in
            TimeSegment(from: starts[i], to: i + 1 < starts.count ? starts[i + 1].previous : period.end)
        }
        segments = cut
        open = streams.map { stream in
            cut.map { seg in stream.allotments.isEmpty || stream.allotments.contains { $0.covers(seg.from, seg.to) } }
        }
    }

    /// The segment that contains `day` (the last one for a day after the period).
    public func segment(of day: Day) -> Int {
        segments.lastIndex { $0.from <= day } ?? 0
    }

    /// A need of `cents` spread over a program's months from `start` (`timing`), by segment:
    /// all in the first month, or month by month (each month's share in whole cents, the
    /// remainder in the later months). Segments without any are left out.
    public func split(_ cents: Int64, start: Day?, months: Int?, timing: CostTiming) -> [(segment: Int, cents: Int64)] {
        guard isTimed, let start, let months, months > 0, cents > 0 else { return [(0, cents)] }
        var bySegment: [Int: Int64] = [:]
        if timing == .start {
            bySegment[segment(of: start)] = cents
        } else {
            let m = Int64(months)
            for i in 0..<months {
                let k = Int64(i)
                let part = (cents * (k + 1)) / m - (cents * k) / m
                bySegment[segment(of: start.adding(months: i)), default: 0] += part
            }
        }
        return bySegment.keys.sorted().compactMap { bySegment[$0]! > 0 ? ($0, bySegment[$0]!) : nil }
    }
}

extension Day {
    /// The previous calendar day.
    public var previous: Day {
        if day > 1 { return Day(year: year, month: month, day: day - 1) }
        let (y, m) = month == 1 ? (year - 1, 12) : (year, month - 1)
        return Day(year: y, month: m, day: Day.monthLength(m, y))
    }

    /// The same day `months` later (the month's last day when it has fewer days).
    public func adding(months: Int) -> Day {
        let total = year * 12 + (month - 1) + months
        let (y, m) = (total / 12, total % 12 + 1)
        return Day(year: y, month: m, day: min(day, Day.monthLength(m, y)))
    }

    static func monthLength(_ m: Int, _ y: Int) -> Int {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }
}

extension ParticipantAnalysis {
    /// The need of a category in a segment (the whole need without money by year).
    public func need(_ category: CostCategory, segment: Int) -> Int64 {
        payers.first { $0.category == category && $0.segment == segment }?.need ?? 0
    }
}
