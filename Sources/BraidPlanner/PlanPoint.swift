/// A plan of phase 1 as a point of the monolithic model (every variable's value) and its
/// objective value: what one search hands the next.
struct PlanPoint {
    var values: [Double]
    var value: Double
}

/// A plan of phase 1 over the decomposition's patterns: its objective value, each pattern's
/// weight (`lambda`, in the order of ``ColumnGeneration/columns``) and the run and program-cost
/// variables' values.
struct PatternPlan {
    var value: Double
    var lambda: [Double]
    var extras: [Double]
}
