/// A plan of phase 1 as a point of the monolithic model (every variable's value) and its
/// objective value: what one search hands the next.
struct PlanPoint {
    var values: [Double]
    var value: Double
}

/// What the decomposition hands the monolithic search when it cannot decide: its best plan,
/// whether its class proof spent its whole budget (the monolithic search then does not repeat
/// it) and the nodes it spent (which count against ``PlanOptions/nodeBudget``).
struct Phase1Handover {
    var start: PlanPoint? = nil
    var proofExhausted = false
    var nodes = 0
}

/// A plan of phase 1 over the decomposition's patterns: its objective value, each pattern's
/// weight (`lambda`, in the order of ``ColumnGeneration/columns``) and the run and program-cost
/// variables' values.
struct PatternPlan {
    var value: Double
    var lambda: [Double]
    var extras: [Double]
}
