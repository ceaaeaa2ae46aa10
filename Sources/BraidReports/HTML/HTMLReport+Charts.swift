import BraidPolicy
import BraidScenario

/// The SVG charts of the HTML reports: flows, bars (with budgets), lines (with ticks a person
/// reads, markers and direct labels) and a heat map. Axes show money as `$15,000` and people in
/// whole numbers.
extension HTMLReport {
    /// How a chart's axis writes its values.
    enum AxisFormat {
        case dollars, people, plain, rate

        func text(_ v: Double) -> String {
            switch self {
            case .dollars: return formatDollars(Int64((v * 100).rounded()))
            case .people: return NumberText.fixed(v.rounded(), 0)
            case .plain: return formatNumber(v)
            case .rate: return NumberText.significant(v)
            }
        }
    }

    /// Tick values from `low` to `high` at a round step (1, 2 or 5 × a power of ten), at most
    /// about `count` of them; whole numbers only when `integer` (people).
    static func ticks(_ low: Double, _ high: Double, count: Int = 5, integer: Bool) -> [Double] {
        guard high > low else { return [low] }
        var step = 1e-12
        let raw = (high - low) / Double(max(1, count))
        var base = 1e-12
        while base * 10 <= raw { base *= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where base * factor >= raw {
            step = base * factor
            break
        }
        if integer { step = max(1, step.rounded(.up)) }
        var out: [Double] = []
        var v = (low / step).rounded(.up) * step
        while v <= high + step * 1e-9 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }

    /// A Sankey-style flow diagram from streams (left) to cost categories (right), labelled for
    /// people (stream names from the policies, categories in words).
    static func sankey(_ flows: [(from: String, to: String, cents: Int64)], names: [String: String]) -> String {
        let total = max(1, flows.reduce(Int64(0)) { $0 + $1.cents })
        var sources: [String] = [], targets: [String] = []
        for f in flows {
            if !sources.contains(f.from) { sources.append(f.from) }
            if !targets.contains(f.to) { targets.append(f.to) }
        }
        let width = 900.0, gap = 10.0
        // 400 units of flow, or more where many nodes need their gaps and a band each (past 16
        // nodes; 60 streams would otherwise leave less than nothing for the flows).
        let nodes = Double(max(sources.count, targets.count))
        let plot = max(400, nodes * (gap + 14))
        let height = 60 + plot
        let scale = (plot - gap * nodes) / Double(total)
        func amount(_ f: (from: String, to: String, cents: Int64)) -> Double { Double(f.cents) * scale }
        var y = 30.0
        var sourceY: [String: Double] = [:], sourceOffset: [String: Double] = [:]
        var svg =
            "<svg class=\"chart sankey\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"flows from streams to cost categories\">\n"
        for (i, s) in sources.enumerated() {
            let h = flows.filter { $0.from == s }.reduce(0.0) { $0 + amount($1) }
            let cents = flows.filter { $0.from == s }.reduce(Int64(0)) { $0 + $1.cents }
            sourceY[s] = y
            sourceOffset[s] = 0
            svg +=
                "<rect x=\"250\" y=\"\(n(y))\" width=\"14\" height=\"\(n(max(h, 1)))\" fill=\"\(palette[i % palette.count])\"/>"
            svg +=
                "<text class=\"label\" x=\"244\" y=\"\(n(y + h / 2 + 4))\" text-anchor=\"end\">\(escape(clip(streamName(s, names), 24))) \(escape(formatDollars(cents)))<title>\(escape(s))</title></text>\n"
            y += h + gap
        }
        y = 30
        var targetY: [String: Double] = [:], targetOffset: [String: Double] = [:]
        for t in targets {
            let h = flows.filter { $0.to == t }.reduce(0.0) { $0 + amount($1) }
            targetY[t] = y
            targetOffset[t] = 0
            let cents = flows.filter { $0.to == t }.reduce(Int64(0)) { $0 + $1.cents }
            svg += "<rect x=\"\(n(width - 200))\" y=\"\(n(y))\" width=\"14\" height=\"\(n(max(h, 1)))\" fill=\"#888\"/>"
            svg +=
                "<text class=\"label\" x=\"\(n(width - 180))\" y=\"\(n(y + h / 2 + 4))\">\(escape(categoryName(t))) \(escape(formatDollars(cents)))</text>\n"
            y += h + gap
        }
        for f in flows {
            let h = amount(f)
            let color = palette[(sources.firstIndex(of: f.from) ?? 0) % palette.count]
            let y0 = sourceY[f.from]! + sourceOffset[f.from]! + h / 2, y1 = targetY[f.to]! + targetOffset[f.to]! + h / 2
            sourceOffset[f.from]! += h
            targetOffset[f.to]! += h
            let x0 = 264.0, x1 = width - 200, mid = (x0 + x1) / 2
            svg +=
                "<path class=\"flow\" d=\"M\(n(x0)),\(n(y0)) C\(n(mid)),\(n(y0)) \(n(mid)),\(n(y1)) \(n(x1)),\(n(y1))\" stroke=\"\(color)\" stroke-opacity=\"0.45\" stroke-width=\"\(n(max(h, 1)))\" fill=\"none\"><title>\(escape(streamName(f.from, names))) → \(escape(categoryName(f.to))): \(escape(formatMoney(f.cents)))</title></path>\n"
        }
        return svg + "</svg>\n"
    }

    /// A label cut to fit the chart's label column.
    static func clip(_ s: String, _ limit: Int = 34) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }

    /// One bar of a row: what was used and, behind it, the budget it came from.
    struct Bar {
        var used: Int64
        var budget: Int64?
        var color: String
    }

    /// Horizontal bars against a common dollar scale with a `$` axis: each row one or more bars,
    /// each drawn as its budget (light, outlined) with what was used on top.
    static func bars(_ rows: [(label: String, title: String, bars: [Bar], note: String)], legend: [(String, String)])
        -> String
    {
        let maximum = max(1, rows.flatMap { $0.bars.flatMap { [$0.used, $0.budget ?? 0] } }.max() ?? 1)
        let barHeight = 14.0, rowHeight = 14.0 * Double(max(1, rows.first?.bars.count ?? 1)) + 14
        let (left, span) = (260.0, 360.0)
        let height = Double(rows.count) * rowHeight + 50 + (legend.isEmpty ? 0 : 20)
        var svg = "<svg class=\"chart bars\" viewBox=\"0 0 900 \(n(height))\" role=\"img\">\n"
        let axisY = Double(rows.count) * rowHeight + 12
        for t in ticks(0, Double(maximum) / 100, count: 4, integer: true) {
            let x = left + span * t * 100 / Double(maximum)
            svg +=
                "<line class=\"grid\" x1=\"\(n(x))\" y1=\"6\" x2=\"\(n(x))\" y2=\"\(n(axisY))\"/><text class=\"tick\" x=\"\(n(x))\" y=\"\(n(axisY + 14))\" text-anchor=\"middle\">\(escape(AxisFormat.dollars.text(t)))</text>\n"
        }
        for (i, row) in rows.enumerated() {
            let top = 10 + Double(i) * rowHeight
            svg +=
                "<text class=\"label\" x=\"\(n(left - 10))\" y=\"\(n(top + 12))\" text-anchor=\"end\">\(escape(clip(row.label)))<title>\(escape(row.title))</title></text>"
            for (j, bar) in row.bars.enumerated() {
                let y = top + Double(j) * barHeight
                if let budget = bar.budget {
                    let w = span * Double(budget) / Double(maximum)
                    svg +=
                        "<rect class=\"budget\" x=\"\(n(left))\" y=\"\(n(y))\" width=\"\(n(max(w, 0.5)))\" height=\"\(n(barHeight - 2))\" fill=\"#eef1f4\" stroke=\"\(bar.color)\" stroke-dasharray=\"3 2\"><title>budget \(escape(formatMoney(budget)))</title></rect>"
                }
                let w = span * Double(bar.used) / Double(maximum)
                svg +=
                    "<rect class=\"used\" x=\"\(n(left))\" y=\"\(n(y))\" width=\"\(n(max(w, 0.5)))\" height=\"\(n(barHeight - 2))\" fill=\"\(bar.color)\"><title>used \(escape(formatMoney(bar.used)))</title></rect>"
            }
            svg +=
                "<text x=\"\(n(left + span + 12))\" y=\"\(n(top + 12))\" class=\"small\">\(escape(row.note))</text>\n"
        }
        for (k, (label, color)) in legend.enumerated() {
            let x = left + Double(k) * 170
            svg +=
                "<rect x=\"\(n(x))\" y=\"\(n(height - 18))\" width=\"12\" height=\"12\" fill=\"\(color)\"/><text x=\"\(n(x + 16))\" y=\"\(n(height - 8))\">\(escape(label))</text>"
        }
        return svg + "</svg>\n"
    }

    /// A marker shape per series, so lines that overlap stay apart in print and in grey.
    static func marker(_ series: Int, _ x: Double, _ y: Double, _ color: String, _ title: String) -> String {
        let t = "<title>\(escape(title))</title>"
        switch series % 4 {
        case 0: return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"3.5\" fill=\"\(color)\">\(t)</circle>"
        case 1:
            return
                "<rect x=\"\(n(x - 3.5))\" y=\"\(n(y - 3.5))\" width=\"7\" height=\"7\" fill=\"\(color)\">\(t)</rect>"
        case 2:
            return
                "<polygon points=\"\(n(x)),\(n(y - 4.5)) \(n(x + 4.5)),\(n(y + 3.5)) \(n(x - 4.5)),\(n(y + 3.5))\" fill=\"\(color)\">\(t)</polygon>"
        default:
            return
                "<polygon points=\"\(n(x)),\(n(y - 4.5)) \(n(x + 4.5)),\(n(y)) \(n(x)),\(n(y + 4.5)) \(n(x - 4.5)),\(n(y))\" fill=\"\(color)\">\(t)</polygon>"
        }
    }

    /// A line chart of one or more series: round ticks in the axes' formats, a marker shape and
    /// dash per series, and each line's name written at its last point.
    static func line(
        _ series: [(String, [(Double, Double)])], x xLabel: String, y yLabel: String, xFormat: AxisFormat,
        yFormat: AxisFormat
    ) -> String {
        let all = series.flatMap(\.1)
        let (x0, x1) = (all.map(\.0).min() ?? 0, all.map(\.0).max() ?? 1)
        let yTicks = ticks(
            min(0, all.map(\.1).min() ?? 0), max(all.map(\.1).max() ?? 1, yFormat == .people ? 1 : 1e-12),
            integer: yFormat == .people)
        let (y0, y1) = (yTicks.first ?? 0, max(yTicks.last ?? 1, all.map(\.1).max() ?? 1))
        let (left, right, top, bottom) = (80.0, 700.0, 20.0, 300.0)
        func px(_ x: Double) -> Double { left + (x1 == x0 ? 0 : (x - x0) / (x1 - x0)) * (right - left) }
        func py(_ y: Double) -> Double { bottom - (y1 == y0 ? 0 : (y - y0) / (y1 - y0)) * (bottom - top) }
        var svg = "<svg class=\"chart line\" viewBox=\"0 0 900 \(n(360 + Double(series.count) * 16))\" role=\"img\">\n"
        for t in yTicks {
            svg +=
                "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(py(t)))\" x2=\"\(n(right))\" y2=\"\(n(py(t)))\"/><text class=\"tick y\" x=\"\(n(left - 6))\" y=\"\(n(py(t) + 4))\" text-anchor=\"end\">\(escape(yFormat.text(t)))</text>\n"
        }
        for t in ticks(x0, x1, integer: xFormat != .rate) {
            svg +=
                "<text class=\"tick x\" x=\"\(n(px(t)))\" y=\"\(n(bottom + 16))\" text-anchor=\"middle\">\(escape(xFormat.text(t)))</text>\n"
        }
        svg +=
            "<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\" stroke=\"#999\"/><line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(bottom))\" stroke=\"#999\"/>\n"
        svg +=
            "<text x=\"\(n((left + right) / 2))\" y=\"\(n(bottom + 34))\" text-anchor=\"middle\">\(escape(xLabel))</text>"
        svg +=
            "<text x=\"14\" y=\"\(n((top + bottom) / 2))\" transform=\"rotate(-90 14 \(n((top + bottom) / 2)))\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        let dashes = ["", "6 3", "2 3", "8 3 2 3"]
        var labelYs: [Double] = []
        for (i, (name, points)) in series.enumerated() {
            let color = palette[i % palette.count]
            let path = points.map { "\(n(px($0.0))),\(n(py($0.1)))" }.joined(separator: " ")
            svg +=
                "<polyline class=\"series\" points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"\(dashes[i % dashes.count])\"/>"
            for p in points {
                svg += marker(i, px(p.0), py(p.1), color, "\(name): \(xFormat.text(p.0)) → \(yFormat.text(p.1))")
            }
            if let last = points.last {
                // The name at the line's end, nudged down past any label already there.
                var y = py(last.1) + 4
                while labelYs.contains(where: { abs($0 - y) < 13 }) { y += 13 }
                labelYs.append(y)
                svg +=
                    "<text class=\"direct\" x=\"\(n(right + 10))\" y=\"\(n(y))\" fill=\"\(color)\">\(escape(clip(name, 28)))</text>"
            }
            svg +=
                "<line x1=\"\(n(left))\" y1=\"\(n(bottom + 51 + Double(i) * 16))\" x2=\"\(n(left + 24))\" y2=\"\(n(bottom + 51 + Double(i) * 16))\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"\(dashes[i % dashes.count])\"/>"
                + marker(i, left + 12, bottom + 51 + Double(i) * 16, color, name)
                + "<text x=\"\(n(left + 30))\" y=\"\(n(bottom + 55 + Double(i) * 16))\">\(escape(name))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// A heat map of a two-way sweep: one cell per point, shaded by people served, each with its
    /// value written in it.
    static func heatMap(_ axes: [SweepAxis], _ points: [SweepPoint]) -> String {
        let (xs, ys) = (axes[0].values, axes[1].values)
        let served = points.map(\.plan.served.count)
        let (low, high) = (served.min() ?? 0, served.max() ?? 1)
        let cellW = min(90.0, 620 / Double(max(1, xs.count))), cellH = min(40.0, 360 / Double(max(1, ys.count)))
        let (left, top) = (130.0, 20.0)
        let height = top + cellH * Double(ys.count) + 60
        var svg =
            "<svg class=\"chart heatmap\" viewBox=\"0 0 900 \(n(height))\" role=\"img\" aria-label=\"people served\">\n"
        func xFormat(_ axis: SweepAxis) -> AxisFormat { axis.isMoney ? .dollars : .plain }
        for p in points {
            guard let i = xs.firstIndex(of: p.values[0]), let j = ys.firstIndex(of: p.values[1]) else { continue }
            let share = high == low ? 1 : Double(p.plan.served.count - low) / Double(high - low)
            let light = 92 - share * 55
            let x = left + Double(i) * cellW, y = top + Double(ys.count - 1 - j) * cellH
            svg +=
                "<rect class=\"cell\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(cellW - 1))\" height=\"\(n(cellH - 1))\" fill=\"hsl(205,60%,\(n(light))%)\"><title>\(escape(axes[0].key)) \(escape(xFormat(axes[0]).text(p.values[0]))), \(escape(axes[1].key)) \(escape(xFormat(axes[1]).text(p.values[1]))): \(p.plan.served.count) served</title></rect>"
            svg +=
                "<text class=\"value\(light < 60 ? " light" : "")\" x=\"\(n(x + cellW / 2))\" y=\"\(n(y + cellH / 2 + 4))\" text-anchor=\"middle\">\(p.plan.served.count)</text>\n"
        }
        for (i, v) in xs.enumerated() {
            svg +=
                "<text class=\"tick x\" x=\"\(n(left + (Double(i) + 0.5) * cellW))\" y=\"\(n(top + cellH * Double(ys.count) + 14))\" text-anchor=\"middle\">\(escape(xFormat(axes[0]).text(v)))</text>"
        }
        for (j, v) in ys.enumerated() {
            svg +=
                "<text class=\"tick y\" x=\"\(n(left - 6))\" y=\"\(n(top + Double(ys.count - 1 - j) * cellH + cellH / 2 + 4))\" text-anchor=\"end\">\(escape(xFormat(axes[1]).text(v)))</text>"
        }
        svg +=
            "<text x=\"\(n(left + cellW * Double(xs.count) / 2))\" y=\"\(n(top + cellH * Double(ys.count) + 34))\" text-anchor=\"middle\">\(escape(axes[0].key))</text>"
        svg +=
            "<text x=\"14\" y=\"\(n(top + cellH * Double(ys.count) / 2))\" transform=\"rotate(-90 14 \(n(top + cellH * Double(ys.count) / 2)))\" text-anchor=\"middle\">\(escape(axes[1].key))</text>\n"
        return svg + "</svg>\n"
    }
}
