import BraidPolicy

/// One budget row of a stream with money by year: what it spends in a run of segments is at
/// most the allotments available in any of them.
public struct BudgetRange: Sendable {
    /// The segments (indices of the timeline), consecutive.
    public let segments: ClosedRange<Int>
    /// The allotments available in at least one of them, summed (cents).
    public let cents: Int64
    /// How rows name it: the allotments' labels (PY2026, PY2026–PY2027).
    public let label: String
    /// Whether it is the row over every segment (the stream's whole budget).
    public let whole: Bool
}

extension Scenario {
    /// Stream `s`'s budget rows. Allotments are intervals of time and costs fall in segments:
    /// spending can be paid from the allotments exactly when, for every set of segments, what
    /// they spend is at most what the allotments available in any of them hold (Hall's
    /// condition for this transportation problem). A stream's allotments are windows of the
    /// same length in years (or without end), so runs of consecutive segments are enough, and of
    /// those only runs whose allotments grow when the run is extended either way (the wider run
    /// is at least as tight otherwise). One row over everything for a stream without allotments.
    /// docs/DESIGN.md, "Program years".
    public func budgetRanges(_ s: Int) -> [BudgetRange] {
        let stream = streams[s]
        let n = timeline.segments.count
        let allotments = stream.allotments
        guard !allotments.isEmpty, n > 1 else {
            return [BudgetRange(segments: 0...(n - 1), cents: stream.limit ?? 0, label: "", whole: true)]
        }
        // Which allotments cover each segment.
        let covering: [Set<Int>] = timeline.segments.map { seg in
            Set(allotments.indices.filter { allotments[$0].covers(seg.from, seg.to) })
        }
        func reach(_ a: Int, _ b: Int) -> Set<Int> { (a...b).reduce(into: Set<Int>()) { $0.formUnion(covering[$1]) } }
        var ranges: [BudgetRange] = []
        for a in 0..<n {
            for b in a..<n {
                let r = reach(a, b)
                let whole = a == 0 && b == n - 1
                if !whole {
                    if r.isEmpty { continue }
                    if a > 0 && reach(a - 1, b) == r { continue }
                    if b < n - 1 && reach(a, b + 1) == r { continue }
                }
                let labels = r.sorted().map { allotments[$0].label }
                let label = labels.count <= 1 ? (labels.first ?? "") : "\(labels.first!)–\(labels.last!)"
                ranges.append(
                    BudgetRange(
                        segments: a...b, cents: r.reduce(0) { $0 + allotments[$1].cents }, label: label, whole: whole))
            }
        }
        return ranges
    }

    /// A program cost by the segments it falls in (its timing over the program's months).
    public func programCostParts(_ program: ScenarioProgram, _ category: CostCategory, _ cost: Int64)
        -> [(segment: Int, cents: Int64)]
    {
        timeline.split(cost, start: program.start, months: program.months, timing: timing(category))
    }
}

extension Scenario {
    /// Per stream: whether it has money it may spend in the plan that is still available after
    /// the period ends. Phase 2 spends such a stream after streams whose
    /// money all expires within the plan (then `use_order`), so what can wait, waits: with FIFO
    /// spending, a stream's last dollars unspent are its latest allotments. A rule of thumb, not
    /// a minimum of expiring dollars (when a lasting stream spends less than its expiring
    /// allotments, those expire first); the year ledger reports what expires exactly.
    public func lastingMoney() -> [Bool] {
        streams.map { stream in
            let usable = stream.allotments.filter { a in timeline.segments.contains { a.covers($0.from, $0.to) } }
            return timeline.isTimed && usable.contains { a in a.until.map { period.end < $0 } ?? true }
        }
    }
}
