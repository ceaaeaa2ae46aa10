import Foundation

/// The cost categories (docs/CONTRACTS.md): seven paid per participant, three per program
/// (cohort), four of shared costs (a program's or the partnership's, allocated by a basis).
public enum CostCategory: String, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case tuition, books_supplies, tools_uniforms, transportation, child_care, ojt_wages, coaching
    case equipment, curriculum, instruction
    case administration, convening, navigation, facilities

    /// The seven participant categories, in contract order.
    public static let participant: [CostCategory] = [
        .tuition, .books_supplies, .tools_uniforms, .transportation, .child_care, .ojt_wages, .coaching,
    ]
    /// The three program categories.
    public static let program: [CostCategory] = [.equipment, .curriculum, .instruction]

    /// The four shared-cost categories (`shared_costs:`).
    public static let shared: [CostCategory] = [.administration, .convening, .navigation, .facilities]

    public var isProgramLevel: Bool { CostCategory.program.contains(self) }
    public var isShared: Bool { CostCategory.shared.contains(self) }
    public var isParticipantLevel: Bool { CostCategory.participant.contains(self) }
    public var description: String { rawValue }
    /// The category as a person reads it: "Books & supplies", "OJT wages".
    public var label: String {
        switch self {
        case .tuition: return "Tuition"
        case .books_supplies: return "Books & supplies"
        case .tools_uniforms: return "Tools & uniforms"
        case .transportation: return "Transportation"
        case .child_care: return "Child care"
        case .ojt_wages: return "OJT wages"
        case .coaching: return "Coaching"
        case .equipment: return "Equipment"
        case .curriculum: return "Curriculum"
        case .instruction: return "Instruction"
        case .administration: return "Administration"
        case .convening: return "Convening"
        case .navigation: return "Navigation"
        case .facilities: return "Facilities"
        }
    }
    var order: Int {
        switch self {
        case .tuition: return 0
        case .books_supplies: return 1
        case .tools_uniforms: return 2
        case .transportation: return 3
        case .child_care: return 4
        case .ojt_wages: return 5
        case .coaching: return 6
        case .equipment: return 7
        case .curriculum: return 8
        case .instruction: return 9
        case .administration: return 10
        case .convening: return 11
        case .navigation: return 12
        case .facilities: return 13
        }
    }
    /// The category as one bit of a set of categories (``CapRule/mask``).
    public var bit: UInt32 { 1 << UInt32(order) }
    public static func < (a: CostCategory, b: CostCategory) -> Bool { a.order < b.order }
}
