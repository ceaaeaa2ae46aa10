import BraidSolver

/// What phase 1 (who is served) found, by either search: a point of the monolithic model, its
/// status, value and proven bound, and what it cost.
struct Phase1Outcome {
    var values: [Double]
    var status: SolveStatus
    var objective: Double
    var bound: Double
    var relaxation: Solution?
    var nodes = 0
    var iterations = 0
    var seconds = 0.0
    var rounds = 0

    /// Out of time before any plan was found.
    static func noPlan(_ f: Formulation, relaxation: Solution?) -> Phase1Outcome {
        Phase1Outcome(
            values: Array(repeating: 0, count: f.model.variableCount), status: .timeLimit(gap: nil), objective: 0,
            bound: .infinity,
            relaxation: relaxation)
    }

    /// Out of time with `point` the best plan found, its bound unknown.
    static func timedOut(at point: PlanPoint) -> Phase1Outcome {
        Phase1Outcome(
            values: point.values, status: .timeLimit(gap: .infinity), objective: point.value, bound: .infinity,
            relaxation: nil)
    }
}
