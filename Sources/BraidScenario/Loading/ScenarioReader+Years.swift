import BraidPolicy

/// Money by year and programs in time: `budget: {YEAR: amount}`, `available: {from, to}`, a
/// scenario's own stream's `availability:`, `programs[].start` and `months`, `cost_timing:`.
extension ScenarioReader {
    /// A stream's budget: one amount, or one per year (then the total, with the allotments); an
    /// `available: {from, to}` window makes one amount an award with its period of performance.
    static func readMoney(_ id: String, _ value: YAMLValue, years: StreamYears?, _ d: Diagnostics)
        -> (budget: Int64?, allotments: [Allotment])
    {
        let window = value["available"].flatMap { readWindow($0, d) }
        guard let node = value["budget"] else {
            if let w = value["available"], window != nil {
                d.add(w.error("available: dates for an award need its amount in 'budget'"))
            }
            return (nil, [])
        }
        guard node.isMapping else {
            guard let cents = d.attempt({ () throws(InputError) in try node.cents() }) else { return (nil, []) }
            guard let window else { return (cents, []) }
            return (cents, [Allotment(label: "award", year: nil, cents: cents, from: window.from, until: window.to)])
        }
        if let w = value["available"] {
            d.add(w.error("give either a budget by year or one budget with available: {from, to}, not both"))
        }
        guard let years, years.year != .periodOfPerformance else {
            let why =
                years == nil
                ? "no period of availability is given (a shipped stream's policy availability:, or a scenario stream's availability: {year, years})"
                : "its money is one award with a period of performance"
            d.add(
                node.error(
                    "'\(id)' cannot take a budget by year: \(why); give one budget and available: {from: YYYY-MM-DD, to: YYYY-MM-DD}"
                ))
            return (nil, [])
        }
        var allotments: [Allotment] = []
        for (key, amount) in d.attempt({ () throws(InputError) in try node.entries() }) ?? [] {
            guard let y = years.year.parse(key) else {
                d.add(
                    amount.error(
                        "'\(key)' is not a \(years.year.rawValue.replacingOccurrences(of: "_", with: " ")) of '\(id)': write \(years.year.label(2026)) or 2026"
                    ))
                continue
            }
            guard let cents = d.attempt({ () throws(InputError) in try amount.cents() }) else { continue }
            if allotments.contains(where: { $0.year == y }) {
                d.add(amount.error("\(years.year.label(y)) is given twice"))
                continue
            }
            allotments.append(years.allotment(y, cents: cents))
        }
        if allotments.isEmpty { d.add(node.error("a budget by year needs at least one year")) }
        allotments.sort { $0.year! < $1.year! }
        return (allotments.reduce(0) { $0 + $1.cents }, allotments)
    }

    /// `available: {from: YYYY-MM-DD, to: YYYY-MM-DD}` (to not before from).
    static func readWindow(_ node: YAMLValue, _ d: Diagnostics) -> (from: Day, to: Day)? {
        guard node.isMapping, node["from"] != nil, node["to"] != nil else {
            d.add(node.error("available must be {from: YYYY-MM-DD, to: YYYY-MM-DD}: the days the money may pay costs"))
            return nil
        }
        node.checkKeys(["from", "to"], d)
        guard let from = d.attempt({ () throws(InputError) in try node["from"]!.day() }),
            let to = d.attempt({ () throws(InputError) in try node["to"]!.day() })
        else { return nil }
        if to < from {
            d.add(node.error("available ends (\(to)) before it starts (\(from))"))
            return nil
        }
        return (from, to)
    }

    /// A scenario's own stream's `availability: {year, years, source}` (what its grant letter
    /// says), needed for a budget by year.
    static func ownYears(_ value: YAMLValue, _ d: Diagnostics) -> StreamYears? {
        guard let a = value["availability"] else { return nil }
        a.checkKeys(["year", "years", "source"], d)
        let kinds = FundingYear.allCases.filter { $0 != .periodOfPerformance }.map(\.rawValue)
        guard let text = a["year"].flatMap({ n in d.attempt { () throws(InputError) in try n.string() } }),
            let year = FundingYear(rawValue: text), year != .periodOfPerformance
        else {
            d.add(a.error("availability needs 'year': one of \(kinds.joined(separator: ", "))", key: a.key + ".year"))
            return nil
        }
        let given = a["years"].flatMap { n in d.attempt { () throws(InputError) in try n.string() } }
        var years: Int? = nil
        if given != "unlimited" {
            guard let given, let n = Int(given), (1...50).contains(n) else {
                d.add(
                    (a["years"] ?? a).error(
                        "availability needs 'years': how many years each year's money may be spent (1 to 50), or 'unlimited'",
                        key: a.key + ".years"))
                return nil
            }
            years = n
        }
        // (`source:` is for the reader of the file: text, not read further.)
        _ = a["source"].flatMap { n in d.attempt { () throws(InputError) in try n.string() } }
        return StreamYears(year: year, years: years)
    }

    /// A program's `start:` and `months:` (its cohort's first day and length).
    static func readSchedule(_ item: YAMLValue, _ d: Diagnostics) -> (start: Day?, months: Int?) {
        let start = item["start"].flatMap { n in d.attempt { () throws(InputError) in try n.day() } }
        var months: Int? = nil
        if let m = item["months"], let v = d.attempt({ () throws(InputError) in try m.number() }) {
            if v != v.rounded() || v < 1 || v > 120 {
                d.add(m.error("months must be a whole number from 1 to 120, got \(formatNumber(v))"))
            } else {
                months = Int(v)
            }
        }
        if (item["start"] == nil) != (item["months"] == nil) {
            d.add(item.error("a program's schedule needs both start (its first day) and months (its length)"))
        }
        return (start, months)
    }

    /// `cost_timing: {CATEGORY: start | monthly}` over the default (``CostTiming/standard(_:)``).
    mutating func readCostTiming() {
        guard let node = root["cost_timing"] else { return }
        for (name, value) in diagnostics.attempt({ () throws(InputError) in try node.entries() }) ?? [] {
            guard let category = CostCategory(rawValue: name), category.isParticipantLevel || category.isProgramLevel
            else {
                diagnostics.add(
                    value.error(
                        "unknown cost category '\(name)'"
                            + suggestion(
                                for: name, in: (CostCategory.participant + CostCategory.program).map(\.rawValue))))
                continue
            }
            guard let text = diagnostics.attempt({ () throws(InputError) in try value.string() }),
                let timing = CostTiming(rawValue: text)
            else {
                diagnostics.add(
                    value.error("cost_timing.\(name) must be 'start' (all in the first month) or 'monthly'"))
                continue
            }
            costTiming[category] = timing
        }
    }

    /// When money is given by year or with dates, every program needs its schedule, inside the
    /// period (a participant is funded to completion, so the plan must see the whole program);
    /// one amount for a period longer than a year is one pot, which `check` says.
    mutating func checkSchedules() {
        let timeline = Timeline(period: period, streams: streams)
        self.timeline = timeline
        if timeline.isTimed, let node = root["shared_costs"] {
            diagnostics.add(
                node.error(
                    "shared_costs with money by year or with dates is not modelled yet: give the shared costs' years' streams as one budget, or leave shared_costs out"
                ))
        }
        if timeline.isTimed, let node = root["indirect"] {
            diagnostics.add(
                node.error(
                    "indirect costs with money by year or with dates are not modelled yet: leave indirect out of a scenario with money by year"
                ))
        }
        let node = root["programs"]
        for program in programs {
            let item = (try? node?.items())?.first { ($0["id"].flatMap { try? $0.string() }) == program.info.id }
            let at = item ?? root
            guard let start = program.start, let months = program.months else {
                if timeline.isTimed {
                    let timed = streams.filter { !$0.allotments.isEmpty }.map(\.id).joined(separator: ", ")
                    diagnostics.add(
                        at.error(
                            "program '\(program.info.id)' needs start and months: money is given by year or with dates (\(timed)), so its costs must fall in time"
                        ))
                }
                continue
            }
            let end = start.adding(months: months).previous
            if start < period.start || period.end < end {
                diagnostics.add(
                    at.error(
                        "program '\(program.info.id)' runs \(start) to \(end), outside the period \(period.start) to \(period.end): a participant is funded to completion, so the period must hold the whole program"
                    ))
            }
        }
        let days = period.start.daysUntil(period.end) + 1
        guard days > 366 else { return }
        for stream in streams where stream.allotments.isEmpty && stream.policy?.entitlement != true {
            warnings.append(
                "\(file): streams.\(stream.id).budget is one amount for a period of \(days) days: it is one pot available throughout; give it by year (budget: {2026: …}) or with available: {from, to} to model when it may be spent"
            )
        }
    }
}

extension Day {
    /// Days from this day to `other` (negative when earlier).
    public func daysUntil(_ other: Day) -> Int { other.dayNumber - dayNumber }

    /// Days since a fixed epoch (proleptic Gregorian).
    var dayNumber: Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }
}
