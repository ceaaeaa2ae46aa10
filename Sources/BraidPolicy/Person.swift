import Foundation

/// Cost categories of PRODUCT.md: seven paid per participant, three per program (cohort).
public enum CostCategory: String, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case tuition, books_supplies, tools_uniforms, transportation, child_care, ojt_wages, coaching
    case equipment, curriculum, instruction

    /// The seven participant categories, in contract order.
    public static let participant: [CostCategory] = [
        .tuition, .books_supplies, .tools_uniforms, .transportation, .child_care, .ojt_wages, .coaching,
    ]
    /// The three program categories.
    public static let program: [CostCategory] = [.equipment, .curriculum, .instruction]

    public var isProgramLevel: Bool { CostCategory.program.contains(self) }
    public var description: String { rawValue }
    var order: Int { CostCategory.allCases.firstIndex(of: self)! }
    public static func < (a: CostCategory, b: CostCategory) -> Bool { a.order < b.order }
}

/// One participant field: its CSV column and rule name, its type, and its default.
public struct PersonField: Sendable {
    public let name: String
    public let type: ValueType
    /// Allowed values of a text field.
    public let choices: [String]
    public let defaultValue: Value

    /// Every field a roster or test case may give, in PRODUCT.md's order, then the optional
    /// barrier flags. Needs (`need_<category>`) are separate.
    public static let all: [PersonField] = [
        .init(name: "age", type: .number, choices: [], defaultValue: .missing),
        .init(name: "birth_year", type: .number, choices: [], defaultValue: .missing),
        .init(name: "sex", type: .text, choices: ["F", "M", "X"], defaultValue: .text("F")),
        .init(name: "household_size", type: .number, choices: [], defaultValue: .number(1)),
        .init(name: "annual_income", type: .number, choices: [], defaultValue: .number(0)),
        flag("snap"), flag("tanf"), flag("ssi"), flag("has_minor_child"), flag("pregnant"),
        .init(
            name: "employment", type: .text, choices: ["unemployed", "underemployed", "employed", "incumbent"],
            defaultValue: .text("unemployed")),
        flag("dislocated"),
        .init(name: "weeks_unemployed", type: .number, choices: [], defaultValue: .number(0)),
        .init(
            name: "education", type: .text,
            choices: ["none", "hs", "some_college", "associate", "bachelor", "graduate"], defaultValue: .text("hs")),
        flag("in_secondary_school"), flag("selective_service"), flag("work_authorized", true),
        flag("citizen_or_eligible_noncitizen", true), flag("veteran"), flag("basic_skills_deficient"),
        .init(name: "tanf_months_used", type: .number, choices: [], defaultValue: .number(0)),
        .init(name: "pell_sai", type: .number, choices: [], defaultValue: .missing),
        flag("disability"), flag("homeless"), flag("single_parent"), flag("english_learner"), flag("foster_care"),
        flag("justice_involved"),
    ]

    private static func flag(_ name: String, _ value: Bool = false) -> PersonField {
        PersonField(name: name, type: .bool, choices: [], defaultValue: .bool(value))
    }

    /// Field index by name.
    public static let index: [String: Int] = Dictionary(
        uniqueKeysWithValues: all.enumerated().map { ($1.name, $0) })

    /// Parses a cell or YAML scalar for this field. Blank gives the default.
    /// - Returns: the value, or an error reason.
    public func parse(_ raw: String) -> Result<Value, FieldError> {
        let text = raw.trimmedOfWhitespace
        if text.isEmpty { return .success(defaultValue) }
        switch type {
        case .bool:
            if let b = parseBool(text) { return .success(.bool(b)) }
            return .failure(FieldError("must be true or false (also yes/no, 1/0), got '\(raw)'"))
        case .number:
            guard let n = Double(text), n.isFinite else {
                return .failure(FieldError("must be a number, got '\(raw)'"))
            }
            if name != "pell_sai" && n < 0 { return .failure(FieldError("must not be negative, got '\(raw)'")) }
            // The poverty guideline takes Int(household_size), which traps far beyond any table.
            if name == "household_size" && n > 1_000 { return .failure(FieldError("must be at most 1000, got '\(raw)'")) }
            return .success(.number(n == 0 ? 0 : n))
        case .text:
            if choices.isEmpty || choices.contains(text) { return .success(.text(text)) }
            return .failure(
                FieldError("must be one of \(choices.joined(separator: ", ")), got '\(raw)'" + suggestion(for: text, in: choices)))
        case .day, .list:
            return .failure(FieldError("unsupported field type"))
        }
    }
}

/// Why a field value was rejected.
public struct FieldError: Error, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// Parses true/false, yes/no, 1/0 (any case).
public func parseBool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "true", "yes", "1", "y", "t": return true
    case "false", "no", "0", "n", "f": return false
    default: return nil
    }
}

/// A participant (applicant): field values and needs in cents.
public struct Person: Sendable {
    /// The participant id.
    public var id: String
    /// The program id.
    public var program: String
    /// Field values, indexed like ``PersonField/all``.
    public var values: [Value]
    /// Need per participant category in cents, indexed like ``CostCategory/participant``.
    public var needs: [Int64]

    /// A person with every field at its default and no needs.
    public init(id: String, program: String) {
        self.id = id
        self.program = program
        values = PersonField.all.map(\.defaultValue)
        needs = Array(repeating: 0, count: CostCategory.participant.count)
    }

    /// The value of a field by name.
    public subscript(field: String) -> Value {
        get { values[PersonField.index[field]!] }
        set { values[PersonField.index[field]!] = newValue }
    }

    /// The need of a participant category, in cents.
    public func need(_ category: CostCategory) -> Int64 {
        guard let i = CostCategory.participant.firstIndex(of: category) else { return 0 }
        return needs[i]
    }

    /// The sum of all needs, in cents.
    public var totalNeed: Int64 { needs.reduce(0, +) }
}

/// A program (cohort) as the rules see it.
public struct ProgramInfo: Sendable {
    public var id: String
    public var clockHours: Double = 0
    public var weeks: Double = 0
    public var cte: Bool = false
    public var h1bOccupation: Bool = false
    public var titleIVEligible: Bool = true
    public var workforcePellApproved: Bool = false
    public var etpl: Bool = true
    public init(id: String) { self.id = id }

    /// Program fields by rule name (`program.<name>`).
    public static let fields: [(name: String, type: ValueType)] = [
        ("clock_hours", .number), ("weeks", .number), ("cte", .bool), ("h1b_occupation", .bool),
        ("title_iv_eligible", .bool), ("workforce_pell_approved", .bool), ("etpl", .bool),
    ]

    /// The value of a program field by index in ``fields``.
    func value(_ index: Int) -> Value {
        switch index {
        case 0: return .number(clockHours)
        case 1: return .number(weeks)
        case 2: return .bool(cte)
        case 3: return .bool(h1bOccupation)
        case 4: return .bool(titleIVEligible)
        case 5: return .bool(workforcePellApproved)
        default: return .bool(etpl)
        }
    }
}

/// The scenario period.
public struct Period: Sendable, Equatable {
    public var start: Day
    public var end: Day
    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }
}
