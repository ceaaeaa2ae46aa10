extension Formulation {
    /// The step between feasible objective values: the gcd of the weights (in hundredths), or 0.
    var objectiveStep: Double {
        var g = 0
        for a in analyses {
            let scaled = a.weight * 100
            guard abs(scaled - scaled.rounded()) < Tolerance.objective, scaled >= 1 else { return 0 }
            g = Self.gcd(g, Int(scaled.rounded()))
        }
        return g == 0 ? 0 : Double(g) / 100
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
