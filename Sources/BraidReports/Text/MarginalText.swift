import BraidPolicy
import BraidScenario

/// A stream's marginal value in plain words, the same in the terminal table, Markdown and HTML:
/// "each extra $10,000 serves about 3 more people, up to about $60,000 more". No scientific
/// notation; a budget spent to the last cent that is not what limits the plan is said as such.
public enum MarginalText {
    /// The sentence for one stream of a plan; `measure` names what the plan maximises.
    public static func describe(_ s: StreamUse, measure: ObjectiveMeasure = .people, weighted: Bool = false)
        -> String
    {
        guard let budget = s.budget else { return "entitlement: no budget to add to" }
        guard !s.marginalValue.isNaN else { return "not computed (time limit)" }
        guard s.marginalValue > 1e-9 else {
            return s.used >= budget
                ? "fully used, but not the limit: more of it serves no one more"
                : "not the limit: \(formatDollars(budget - s.used)) left"
        }
        let what = unit(measure, weighted)
        guard let range = s.marginalRange, let average = s.marginalAverage, average > 0 else {
            let step = self.step(s.marginalValue)
            return
                "each extra \(formatDollars(step * 100)) serves about \(amount(s.marginalValue * Double(step))) more \(what) (for small changes)"
        }
        let cents = Int64((range * 100).rounded())
        let step = self.step(average)
        guard 2 * Double(step) <= range else {
            let total = average * range
            let one = measure == .people && !weighted ? "person" : what
            return total >= 0.95
                ? "about \(amount(total)) more \(amount(total) == "1" ? one : what) for up to \(formatDollars(cents)) more"
                : "the limit, but up to \(formatDollars(cents)) more buys only \(amount(total)) of one more \(one)"
        }
        return
            "each extra \(formatDollars(step * 100)) serves about \(amount(average * Double(step))) more \(what), up to about \(formatDollars(cents)) more"
    }

    /// The short form for a sweep's table: "+3 per $10,000".
    public static func short(_ s: StreamUse) -> String {
        guard s.marginalValue > 1e-9, !s.marginalValue.isNaN else { return "" }
        let step = self.step(s.marginalValue)
        return "+\(amount(s.marginalValue * Double(step))) per \(formatDollars(step * 100))"
    }

    /// The round step of extra money (1, 2 or 5 × a power of ten dollars, at least $100) that
    /// serves about two or more: a number a board can read.
    static func step(_ perDollar: Double) -> Int64 {
        let wanted = 2 / perDollar
        var base: Int64 = 100
        while true {
            for factor: Int64 in [1, 2, 5] where Double(base * factor) >= wanted { return base * factor }
            guard base < 1_000_000_000_000 else { return base }
            base *= 10
        }
    }

    /// "3", "2.5", "12": whole from 10 up, one decimal below.
    static func amount(_ x: Double) -> String {
        if x >= 10 { return NumberText.fixed(x.rounded(), 0) }
        var text = NumberText.fixed(x, 1)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    static func unit(_ measure: ObjectiveMeasure, _ weighted: Bool) -> String {
        let base: String
        switch measure {
        case .people: base = "people"
        case .completions: base = "expected completions"
        case .placements: base = "expected placements"
        case .earnings: base = "dollars of expected earnings"
        }
        return weighted ? "\(base) (weighted)" : base
    }
}
