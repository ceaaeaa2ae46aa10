import Foundation

/// A program (cohort) as the rules see it.
public struct ProgramInfo: Sendable {
    public var id: String
    public var clockHours: Double = 0
    public var weeks: Double = 0
    public var cte: Bool = false
    public var h1bOccupation: Bool = false
    /// False unless the scenario says so: a program is not Pell-eligible by default.
    public var titleIVEligible: Bool = false
    public var workforcePellApproved: Bool = false
    /// False unless the scenario says so: WIOA ITA money needs a program on the state list (20 CFR 680.410).
    public var etpl: Bool = false
    /// The local board buys this training through a contract (20 CFR 680.320; youth: 681.400), not an ITA.
    public var wioaTrainingContract: Bool = false
    /// The OJT meets 20 CFR 680.710(c) (new technology, new procedures, upgrading, workplace literacy…).
    public var employedWorkerOJT: Bool = false
    /// A secondary-school CTE program (Perkins V sec. 131); false: postsecondary (sec. 132).
    public var secondaryCTE: Bool = false
    public init(id: String) { self.id = id }

    /// Program fields by rule name (`program.<name>`).
    public static let fields: [(name: String, type: ValueType)] = [
        ("clock_hours", .number), ("weeks", .number), ("cte", .bool), ("h1b_occupation", .bool),
        ("title_iv_eligible", .bool), ("workforce_pell_approved", .bool), ("etpl", .bool),
        ("wioa_training_contract", .bool), ("employed_worker_ojt", .bool), ("secondary_cte", .bool), ("id", .text),
    ]

    /// Sets a program field by rule name (`clock_hours`, `etpl`, …); unknown names are ignored.
    public mutating func set(_ name: String, _ value: Value) {
        switch name {
        case "clock_hours": clockHours = value.number ?? 0
        case "weeks": weeks = value.number ?? 0
        case "cte": cte = value.bool ?? false
        case "h1b_occupation": h1bOccupation = value.bool ?? false
        case "title_iv_eligible": titleIVEligible = value.bool ?? false
        case "workforce_pell_approved": workforcePellApproved = value.bool ?? false
        case "etpl": etpl = value.bool ?? false
        case "wioa_training_contract": wioaTrainingContract = value.bool ?? false
        case "employed_worker_ojt": employedWorkerOJT = value.bool ?? false
        case "secondary_cte": secondaryCTE = value.bool ?? false
        default: break
        }
    }

    /// The value of a program field by index in ``fields``.
    func value(_ index: Int) -> Value {
        switch index {
        case 0: return .number(clockHours)
        case 1: return .number(weeks)
        case 2: return .bool(cte)
        case 3: return .bool(h1bOccupation)
        case 4: return .bool(titleIVEligible)
        case 5: return .bool(workforcePellApproved)
        case 6: return .bool(etpl)
        case 7: return .bool(wioaTrainingContract)
        case 8: return .bool(employedWorkerOJT)
        case 9: return .bool(secondaryCTE)
        default: return .text(id)
        }
    }
}
