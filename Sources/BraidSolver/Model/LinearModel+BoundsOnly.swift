extension LinearModel {
    /// The best objective value the variables' bounds alone allow (every constraint dropped):
    /// a valid bound on any solution, infinite when a variable that improves the objective is
    /// unbounded. A solver's bound from early in a search can be weaker than this one; a gap
    /// reported after a time limit takes the better of the two.
    public var boundFromVariableBounds: Double {
        var total = objectiveConstant
        for j in 0..<variableCount {
            let c = sense == .maximize ? objectiveCoefficients[j] : -objectiveCoefficients[j]
            guard c != 0 else { continue }
            let best = c > 0 ? upperBounds[j] : lowerBounds[j]
            guard best.isFinite else { return sense == .maximize ? .infinity : -.infinity }
            total += (sense == .maximize ? c : -c) * best
        }
        return total
    }
}
