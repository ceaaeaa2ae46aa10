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
        let (status, gap) = try PlanningRun.status(of: outcome(objective: 14_136, gap: 62.0067), ceiling: 20_000)
        #expect(status == .timeLimit)
        #expect(abs(gap - 5_864.0 / 14_136) < 1e-12)
        // A search bound better than the plain one is kept.
        #expect(try PlanningRun.status(of: outcome(objective: 14_136, gap: 0.01), ceiling: 20_000).1 == 0.01)
        // No plan: the gap stays 1 (nothing found).
        #expect(try PlanningRun.status(of: outcome(objective: 0, gap: nil), ceiling: 20_000).1 == 1)
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
