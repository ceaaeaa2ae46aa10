extension Formulation {
    /// The step between feasible objective values: the gcd of the participants' values (weight ×
    /// measure) at the coarsest decimal scale (hundredths to millionths) that holds them all
    /// whole; 0 when none does (the search then relies on the gap alone).
    var objectiveStep: Double {
        var scale = 100.0
        while scale <= 1_000_000 {
            if let g = Self.gcd(of: analyses.map(\.value), at: scale) { return g == 0 ? 0 : Double(g) / scale }
            scale *= 10
        }
        return 0
    }

    /// The gcd of `values × scale` when each is whole (zeros left out), or nil.
    static func gcd(of values: [Double], at scale: Double) -> Int? {
        var g = 0
        for value in values where value != 0 {
            let scaled = value * scale
            guard abs(scaled - scaled.rounded()) < Tolerance.objective * max(1, abs(scaled)), scaled >= 1 else {
                return nil
            }
            g = gcd(g, Int(scaled.rounded()))
        }
        return g
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
