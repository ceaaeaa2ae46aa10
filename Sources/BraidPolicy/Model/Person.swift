import Foundation

/// One participant field: its CSV column and rule name, its type, and its default.
public struct PersonField: Sendable {
    public let name: String
    public let type: ValueType
    /// Allowed values of a text field.
    public let choices: [String]
    public let defaultValue: Value
    /// What a blank cell means when a roster has the column. Nil: the field decides
    /// eligibility, so a blank is an error unless the scenario names the column in
    /// `roster_defaults:` (then the field's default is used, and `check` says so).
    public let blankMeans: String?
    /// A dollar amount: `$52,000.00` and `52,000` are read as 52000.
    public let money: Bool
    /// ``wholeRanges``' range for this field, looked up once (a roster parses millions of cells).
    let wholeRange: ClosedRange<Double>?
    /// The Student Aid Index, which alone may be negative.
    let isStudentAidIndex: Bool

    init(
        name: String, type: ValueType, choices: [String], defaultValue: Value, blankMeans: String? = nil,
        money: Bool = false
    ) {
        self.name = name
        self.type = type
        self.choices = choices
        self.defaultValue = defaultValue
        self.blankMeans = blankMeans
        self.money = money
        wholeRange = Self.wholeRanges[name]
        isStudentAidIndex = name == "pell_sai"
    }

    /// Every field a roster or test case may give, in the contract's order (docs/CONTRACTS.md), then the optional
    /// fields. Needs (`need_<category>`) are separate. A field whose default is blank
    /// (`.missing`) makes every rule that reads it fail until it is given: no default grants
    /// eligibility (Policies/FORMAT.md, "Participant fields").
    public static let all: [PersonField] = [
        .init(name: "age", type: .number, choices: [], defaultValue: .missing, blankMeans: alternativeAge),
        .init(name: "birth_year", type: .number, choices: [], defaultValue: .missing, blankMeans: alternativeAge),
        .init(name: "sex", type: .text, choices: ["F", "M", "X"], defaultValue: .missing),
        .init(name: "household_size", type: .number, choices: [], defaultValue: .number(1)),
        .init(name: "annual_income", type: .number, choices: [], defaultValue: .number(0), money: true),
        flag("snap"), flag("tanf"), flag("ssi"), flag("has_minor_child"), flag("pregnant"),
        .init(
            name: "employment", type: .text, choices: ["unemployed", "underemployed", "employed", "incumbent"],
            defaultValue: .text("unemployed")),
        flag("dislocated"),
        .init(name: "weeks_unemployed", type: .number, choices: [], defaultValue: .number(0)),
        .init(
            name: "education", type: .text,
            choices: ["none", "hs", "some_college", "associate", "bachelor", "graduate"], defaultValue: .text("hs")),
        flag("in_secondary_school"), flag("selective_service"), blankFlag("work_authorized"),
        blankFlag("citizen_or_eligible_noncitizen"), flag("veteran"), flag("basic_skills_deficient"),
        .init(name: "tanf_months_used", type: .number, choices: [], defaultValue: .number(0)),
        .init(
            name: "pell_sai", type: .number, choices: [], defaultValue: .missing,
            blankMeans: "no Student Aid Index (no FAFSA): Pell is undecided, so it pays nothing"),
        flag("disability"), flag("homeless"), flag("single_parent"), flag("english_learner"), flag("foster_care"),
        flag("justice_involved"),
        // Added by the law issue (Policies/FORMAT.md, Scenarios/FORMAT-NOTES.md).
        .init(name: "birth_date", type: .day, choices: [], defaultValue: .missing, blankMeans: alternativeAge),
        .init(name: "immigration_status", type: .text, choices: immigrationStatuses, defaultValue: .missing),
        .init(
            name: "qualified_alien_since", type: .day, choices: [], defaultValue: .missing,
            blankMeans: notApplicable),
        .init(name: "us_entry_date", type: .day, choices: [], defaultValue: .missing, blankMeans: notApplicable),
        .init(
            name: "qualifying_quarters", type: .number, choices: [], defaultValue: .missing, blankMeans: notApplicable),
        flag("active_duty"), flag("military_family"), flag("eligible_spouse"),
        blankFlag("in_postsecondary_school"), flag("free_reduced_lunch"), flag("high_poverty_area"),
        flag("public_assistance_recent"),
        blankFlag("prior_work_experience"),
        .init(
            name: "other_grant_aid", type: .number, choices: [], defaultValue: .missing, blankMeans: notKnown,
            money: true),
        .init(
            name: "cost_of_attendance", type: .number, choices: [], defaultValue: .missing, blankMeans: notKnown,
            money: true),
        .init(
            name: "own_income", type: .number, choices: [], defaultValue: .missing, blankMeans: notKnown,
            money: true),
    ]

    /// Counts that are whole numbers within what a person can have; outside them a cell is a typo
    /// (age 200, birth year 3000, a household of 0 or 2.5), not a value to round or clamp.
    static let wholeRanges: [String: ClosedRange<Double>] = [
        "age": 0...130, "birth_year": 1880...2200, "household_size": 1...1_000, "tanf_months_used": 0...1_200,
        "qualifying_quarters": 0...400,
    ]

    /// Fields whose default can pass a rule that the person's real value would fail (income
    /// $0, unemployed, a diploma, not in school, no TANF months used, a household of one): a
    /// roster without the column must say it wants the default (`roster_defaults:`).
    public static let grantingDefaults = [
        "household_size", "annual_income", "employment", "education", "in_secondary_school", "tanf_months_used",
    ]

    private static let alternativeAge = "not given: age, birth_date or birth_year must give the age"
    private static let notApplicable = "not applicable (a citizen), or not known: rules that read it stay undecided"
    private static let notKnown = "not known: the rules that read it stay undecided, which never grants"

    /// The values of `immigration_status` (Policies/FORMAT.md explains each).
    public static let immigrationStatuses = [
        "citizen", "lpr", "refugee", "asylee", "withholding", "cuban_haitian_entrant", "amerasian", "parolee",
        "conditional_entrant", "battered", "refugee_like", "other_lawful", "undocumented",
    ]

    private static func blankFlag(_ name: String) -> PersonField {
        PersonField(name: name, type: .bool, choices: [], defaultValue: .missing)
    }

    private static func flag(_ name: String, _ value: Bool = false) -> PersonField {
        PersonField(name: name, type: .bool, choices: [], defaultValue: .bool(value))
    }

    /// Field index by name.
    public static let index: [String: Int] = Dictionary(
        uniqueKeysWithValues: all.enumerated().map { ($1.name, $0) })

    /// Parses a cell or YAML scalar for this field. Blank gives the default (a roster checks
    /// blanks first: ``blankMeans``). Money fields take `$` and thousands separators; text
    /// choices and booleans any case.
    /// - Returns: the value, or an error reason.
    public func parse(_ raw: String) -> Result<Value, FieldError> {
        var text = raw.trimmedOfWhitespace
        if text.isEmpty { return .success(defaultValue) }
        if money {
            if text.hasPrefix("(") && text.hasSuffix(")") {
                return .failure(FieldError("must not be negative (a negative amount in parentheses), got '\(raw)'"))
            }
            if text.hasPrefix("$") { text.removeFirst() }
            if text.utf8.contains(UInt8(ascii: ",")) { text = text.filter { $0 != "," } }
        }
        switch type {
        case .bool:
            if let b = parseBool(text) { return .success(.bool(b)) }
            return .failure(FieldError("must be true or false (also yes/no, 1/0), got '\(raw)'"))
        case .number:
            guard let n = DecimalText.number(text) else {
                return .failure(FieldError("must be a number, got '\(raw)'"))
            }
            if isStudentAidIndex {
                // The Student Aid Index is a whole number from -1,500 to 999,999 (FAFSA Simplification Act).
                guard n == n.rounded(), n >= -1_500, n <= 999_999 else {
                    return .failure(
                        FieldError(
                            "must be a whole number from -1500 to 999999 (the Student Aid Index range), got '\(raw)'"))
                }
            } else if n < 0 {
                return .failure(FieldError("must not be negative, got '\(raw)'"))
            }
            if let range = wholeRange, !(range.contains(n) && n == n.rounded()) {
                return .failure(
                    FieldError(
                        "must be a whole number from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound)), got '\(raw)'"
                    ))
            }
            return .success(.number(n == 0 ? 0 : n))
        case .text:
            if choices.isEmpty || choices.contains(text) { return .success(.text(text)) }
            if let choice = choices.first(where: { $0.lowercased() == text.lowercased() }) {
                return .success(.text(choice))
            }
            return .failure(
                FieldError(
                    "must be one of \(choices.joined(separator: ", ")), got '\(raw)'"
                        + suggestion(for: text, in: choices)))
        case .day:
            guard let day = Day(text) else { return .failure(FieldError("must be a date YYYY-MM-DD, got '\(raw)'")) }
            return .success(.day(day))
        case .list:
            return .failure(FieldError("unsupported field type"))
        }
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
    /// Fields (indices into ``PersonField/all``) whose roster cell was blank and took the
    /// field's default because the scenario lists the column in `roster_defaults:`.
    public var defaulted: [Int] = []

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

/// The slots of the fields the evaluator reads by name on every participant (a name looked up
/// in ``PersonField/index`` costs a hash of the name each time).
enum FieldSlot {
    static let age = PersonField.index["age"]!
    static let birthDate = PersonField.index["birth_date"]!
    static let birthYear = PersonField.index["birth_year"]!
    static let annualIncome = PersonField.index["annual_income"]!
    static let ownIncome = PersonField.index["own_income"]!
    static let householdSize = PersonField.index["household_size"]!
    static let pellSAI = PersonField.index["pell_sai"]!
}
