import BraidPolicy
import BraidScenario

/// The compare and sweep reports: the headline sentence first, then the pictures a board reads.
extension HTMLReport {
    /// The report of a comparison: headline, budgets and use on both sides, eligibility pools,
    /// served by group, where the what-if's money goes, and who gains or loses service.
    public static func compare(_ c: Comparison) -> String { page("Compare", compareBody(c)) }

    /// The comparison without its page (the workbench shows it in its own).
    public static func compareBody(_ c: Comparison) -> String {
        var names = streamNames(c.baselineScenario)
        names.merge(streamNames(c.whatIfScenario)) { a, _ in a }
        var body =
            "<h1>Compare: \(escape(c.whatIf.scenario))</h1>\n<p class=\"muted\">Baseline: \(escape(c.baseline.scenario))"
        if !c.settingsChanged.isEmpty {
            body += "<br>What-if settings: \(escape(c.settingsChanged.joined(separator: ", ")))"
        }
        body += "</p>\n" + lede(c.headline) + "<p>\(escape(c.yardstickLine))</p>\n"
        let delta = c.whatIf.served.count - c.baseline.served.count
        body += headline([
            ("served, baseline", "\(c.baseline.served.count)"), ("served, what-if", "\(c.whatIf.served.count)"),
            ("change", delta > 0 ? "+\(delta)" : "\(delta)"),
            ("gain / lose service", "\(c.gained.count) / \(c.lost.count)"),
        ])
        body += "<h2>Dollars by stream: used against budget, baseline and what-if</h2>\n"
        body += bars(
            c.streamIDs.map { id in
                let a = c.baseline.streams.first { $0.id == id }, b = c.whatIf.streams.first { $0.id == id }
                func side(_ s: StreamUse?) -> String {
                    guard let s else { return "—" }
                    return formatDollars(s.used) + (s.budget.map { " of " + formatDollars($0) } ?? "")
                }
                return (
                    streamName(id, names), id,
                    [
                        Bar(used: a?.used ?? 0, budget: a?.budget, color: "#7f8f9c"),
                        Bar(used: b?.used ?? 0, budget: b?.budget, color: "#e07a1f"),
                    ], "\(side(a)) → \(side(b))"
                )
            }, legend: [("baseline used", "#7f8f9c"), ("what-if used", "#e07a1f"), ("budget (dashed)", "#eef1f4")])
        body +=
            "<h2>Applicants eligible by stream</h2>\n<table><tr><th>stream</th><th class=\"num\">baseline</th><th class=\"num\">what-if</th><th class=\"num\">change</th></tr>\n"
        for pool in c.eligible {
            let change = (pool.whatIf ?? 0) - (pool.baseline ?? 0)
            body +=
                "<tr><td>\(escape(streamName(pool.id, names)))</td><td class=\"num\">\(pool.baseline.map(String.init) ?? "—")</td><td class=\"num\">\(pool.whatIf.map(String.init) ?? "—")</td><td class=\"num\">\(change > 0 ? "+" : "")\(change)</td></tr>\n"
        }
        body += "</table>\n" + groupTable(c.baseline, c.whatIf) + yearTable(c)
        body += "<h2>Where the money goes (what-if)</h2>\n" + sankey(flows(c.whatIf), names: names)
        body +=
            "<h2>Who gains or loses service</h2>\n<table><tr><th>participant</th><th>change</th><th>reason</th></tr>\n"
        for g in c.gained {
            body += "<tr><td>\(escape(g.id))</td><td>gains</td><td>before: \(escape(g.reason))</td></tr>\n"
        }
        for l in c.lost { body += "<tr><td>\(escape(l.id))</td><td>loses</td><td>\(escape(l.reason))</td></tr>\n" }
        return body + "</table>\n"
    }

    /// Served by group (priority tiers, veterans, weights, targets, child care, work-based
    /// learning) on both sides, each side against its own applicants (a what-if may plan another
    /// roster), groups of either side.
    static func groupTable(_ a: Plan, _ b: Plan) -> String {
        var groups = a.review.groups.filter { $0.applicants > 0 }.map { ($0.kind, $0.label) }
        for g in b.review.groups where g.applicants > 0 && !groups.contains(where: { $0 == (g.kind, g.label) }) {
            groups.append((g.kind, g.label))
        }
        guard groups.count > 1 else { return "" }
        var out =
            "<h2>Served by group</h2>\n<table><tr><th>group</th><th class=\"num\">baseline: served of applicants</th><th class=\"num\">what-if: served of applicants</th></tr>\n"
        for (kind, label) in groups {
            func rate(_ plan: Plan) -> String {
                guard let r = plan.review.groups.first(where: { $0.kind == kind && $0.label == label }),
                    r.applicants > 0
                else { return "—" }
                return "\(r.served) of \(r.applicants) (\(NumberText.percent((r.rate * 1000).rounded() / 1000)))"
            }
            out +=
                "<tr><td>\(escape(label))</td><td class=\"num\">\(rate(a))</td><td class=\"num\">\(rate(b))</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// The report of a sweep: the headline, people served (a line per value of a second axis,
    /// and a heat map for two), what each extra $10,000 buys, and the points.
    public static func sweep(_ axes: [SweepAxis], _ points: [SweepPoint], names: [String: String] = [:]) -> String {
        guard let first = points.first else { return page("Sweep", "<p>No points.</p>") }
        var body =
            "<h1>Sweep of \(escape(axes.map(\.key).joined(separator: " × ")))</h1>\n<p class=\"muted\">\(escape(first.plan.scenario))</p>\n"
        body += lede(Headline.sweep(axes, points))
        let served = points.map(\.plan.served.count)
        body += headline([
            ("points", "\(points.count)"), ("served, lowest", "\(served.min()!)"),
            ("served, highest", "\(served.max()!)"),
        ])
        let xFormat: AxisFormat = axes[0].isMoney ? .dollars : .plain
        if axes.count == 2 {
            body += "<h2>People served</h2>\n" + heatMap(axes, points)
        }
        let series: [(String, [SweepPoint])] =
            axes.count == 2
            ? axes[1].values.map { v in
                ("\(axes[1].key) \(Headline.value(axes[1], v))", points.filter { $0.values[1] == v })
            }
            : [("people served", points)]
        body +=
            "<h2>People served\(axes.count == 2 ? ", by \(escape(axes[1].key))" : "")</h2>\n"
            + line(
                series.map { ($0.0, $0.1.map { ($0.values[0], Double($0.plan.served.count)) }) }, x: axes[0].key,
                y: "people served", xFormat: xFormat, yFormat: .people)
        let ids = first.plan.streams.filter { $0.budget != nil }.map(\.id)
        body += "<h2>What each extra $10,000 of a budget serves (LP rate)</h2>\n"
        body += line(
            ids.map { id in
                (
                    streamName(id, names),
                    (axes.count == 2 ? series[0].1 : points).map {
                        ($0.values[0], 10_000 * ($0.plan.streams.first { $0.id == id }?.marginalValue ?? 0))
                    }
                )
            }, x: axes[0].key, y: "people per extra $10,000", xFormat: xFormat, yFormat: .rate)
        let pools = SweepReport.movingPools(points)
        body +=
            "<h2>Points</h2>\n<table><tr>" + axes.map { "<th class=\"num\">\(escape($0.key))</th>" }.joined()
            + "<th class=\"num\">served</th>" + pools.map { "<th class=\"num\">\(escape($0)) eligible</th>" }.joined()
            + ids.map { "<th class=\"num\">\(escape(streamName($0, names))) used</th>" }.joined() + "</tr>\n"
        for p in points {
            body +=
                "<tr>" + zip(axes, p.values).map { "<td class=\"num\">\(escape(Headline.value($0, $1)))</td>" }.joined()
                + "<td class=\"num\">\(p.plan.served.count)</td>"
                + pools.map { "<td class=\"num\">\(p.eligible[$0] ?? 0)</td>" }.joined()
                + ids.map { id in
                    "<td class=\"num\">\(formatDollars(p.plan.streams.first { $0.id == id }?.used ?? 0))</td>"
                }.joined() + "</tr>\n"
        }
        return page("Sweep", body + "</table>\n")
    }
}
