import BraidSolver
import Testing

@testable import BraidPlanner

/// The gap reported after a time limit (hostile-input finding F21): never more than serving
/// everyone who can be served allows.
@Suite struct TimeLimitGapTests {
    func outcome(objective: Double, gap: Double?) -> Phase1Outcome {
        Phase1Outcome(values: [], status: .timeLimit(gap: gap), objective: objective, bound: .infinity, relaxation: nil)
    }

    /// 14,136 of 20,000 served with a search gap of 62: the plain bound (20,000) gives 0.415.
    @Test func anEarlyBoundIsCappedByServingEveryone() throws {
        let (status, gap) = try PlanningRun.status(
            of: outcome(objective: 14_136, gap: 62.0067), ceiling: 20_000, step: 0)
        #expect(status == .timeLimit)
        #expect(abs(gap - 5_864.0 / 14_136) < 1e-12)
        // A search bound better than the plain one is kept.
        #expect(try PlanningRun.status(of: outcome(objective: 14_136, gap: 0.01), ceiling: 20_000, step: 0).1 == 0.01)
        // No plan: the gap stays 1 (nothing found).
        #expect(try PlanningRun.status(of: outcome(objective: 0, gap: nil), ceiling: 20_000, step: 0).1 == 1)
    }

    /// Plans come in steps (whole people; weights 1.5 and 1: halves): a proven plan's gap is
    /// measured against the best value a step below the bound, so "optimal" never reads "within
    /// 6% of the best" (9 served, bound 9.55).
    @Test func aProvenPlansGapIsMeasuredInTheObjectivesSteps() throws {
        func proven(_ objective: Double, bound: Double) -> Phase1Outcome {
            Phase1Outcome(values: [], status: .optimal, objective: objective, bound: bound, relaxation: nil)
        }
        #expect(try PlanningRun.status(of: proven(9, bound: 9.55), ceiling: 12, step: 1) == (.optimal, 0))
        #expect(try PlanningRun.status(of: proven(9, bound: 9.55), ceiling: 12, step: 0.5) == (.optimal, 0.5 / 9))
        // Within a requested gap (1%): 300 served, bound 302.7, so at most 302.
        let (status, gap) = try PlanningRun.status(of: proven(300, bound: 302.7), ceiling: 400, step: 1)
        #expect(status == .optimal && abs(gap - 2.0 / 300) < 1e-12)
        // Unknown steps: the bound as it is.
        #expect(abs(try PlanningRun.status(of: proven(9, bound: 9.55), ceiling: 12, step: 0).1 - 0.55 / 9) < 1e-12)
        // After a time limit, the stepped bound too: 100 served, bound 100.9 → 0.
        let cut = Phase1Outcome(
            values: [], status: .timeLimit(gap: 0.009), objective: 100, bound: 100.9, relaxation: nil)
        #expect(try PlanningRun.status(of: cut, ceiling: 150, step: 1) == (.timeLimit, 0))
    }

    /// The bound from variable bounds alone, in both senses.
    @Test func boundFromVariableBounds() {
        var model = LinearModel()
        let y = model.addVariable("y", kind: .binary)
        let z = model.addVariable("z", lower: 2, upper: 5)
        let free = model.addVariable("free", lower: 0)
        model.setObjective(.maximize, [(y, 3), (z, -1), (free, 0)])
        #expect(model.boundFromVariableBounds == 1)
        model.setObjective(.minimize, [(y, 3), (z, -1)])
        #expect(model.boundFromVariableBounds == -5)
        model.setObjective(.maximize, [(free, 1)])
        #expect(model.boundFromVariableBounds == .infinity)
    }
}
