import BraidPolicy

/// One point of a sweep.
public struct SweepPoint: Sendable {
    public let values: [Double]
    public let plan: Plan

    public init(values: [Double], plan: Plan) {
        self.values = values
        self.plan = plan
    }
}
