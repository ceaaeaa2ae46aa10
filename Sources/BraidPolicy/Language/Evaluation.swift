/// Everything rules read that is the same for all participants of a scenario: the period,
/// the state, the parameter values in force (after overrides), definitions and the poverty table.
public struct PolicyEnvironment: Sendable {
    public let period: Period
    public let state: String
    /// Values by parameter slot.
    public var parameterValues: [Value]
    /// `--set` keys by parameter slot (for explanations).
    public let parameterKeys: [String]
    let definitions: [CompiledExpression]
    let poverty: PovertyGuidelines.Year?
}

/// The state of one evaluation: a participant, their program and the environment. Definitions
/// are evaluated once per participant and cached.
public final class EvaluationContext {
    public let person: Person
    public let program: ProgramInfo
    public let environment: PolicyEnvironment
    private var definitionCache: [Value?]
    /// A birth date chosen at one end of an uncertain range (see ``CompiledExpression/evaluate(_:)``).
    private let fixedBirth: Day?
    private var birthCache: (earliest: Day, latest: Day)??
    private var endsCache: (EvaluationContext, EvaluationContext)?

    /// A context for expressions about a program, the period or parameters only (no participant).
    public static func withoutParticipant(program: ProgramInfo = ProgramInfo(id: ""), environment: PolicyEnvironment)
        -> EvaluationContext
    {
        EvaluationContext(person: Person(id: "", program: program.id), program: program, environment: environment)
    }

    public convenience init(person: Person, program: ProgramInfo, environment: PolicyEnvironment) {
        self.init(person: person, program: program, environment: environment, fixedBirth: nil)
    }

    private init(person: Person, program: ProgramInfo, environment: PolicyEnvironment, fixedBirth: Day?) {
        self.person = person
        self.program = program
        self.environment = environment
        self.fixedBirth = fixedBirth
        definitionCache = Array(repeating: nil, count: environment.definitions.count)
    }

    /// The same participant with the birth date taken as `day`.
    func fixingBirth(_ day: Day) -> EvaluationContext {
        EvaluationContext(person: person, program: program, environment: environment, fixedBirth: day)
    }

    /// The participant born at each end of an uncertain birth range (``uncertainBirth``), made
    /// once: every rule that reads the age is decided in the same two, with their definitions
    /// cached there.
    var birthEnds: (EvaluationContext, EvaluationContext)? {
        if let endsCache { return endsCache }
        guard let (earliest, latest) = uncertainBirth else { return nil }
        let ends = (fixingBirth(earliest), fixingBirth(latest))
        endsCache = .some(ends)
        return ends
    }

    func read(_ source: NameSource) -> Value {
        switch source {
        case .personField(let i): return person.values[i]
        case .need(let i): return .number(Double(person.needs[i]) / 100)
        case .totalNeed: return .number(Double(person.totalNeed) / 100)
        case .programField(let i): return program.value(i)
        case .periodStart: return .day(environment.period.start)
        case .periodEnd: return .day(environment.period.end)
        case .state: return .text(environment.state)
        case .age: return age
        case .birthDate: return birthDate
        case .birthYear: return birthYear
        case .fplPercent:
            guard let income = person.values[FieldSlot.annualIncome].number, let g = guideline, g > 0 else {
                return .missing
            }
            return .number(100 * income / g)
        case .ownFplPercent:
            // (A person's own income against the guideline for a household of one.)
            guard let income = person.values[FieldSlot.ownIncome].number, let table = environment.poverty,
                case let g = PovertyGuidelines.guideline(table, state: environment.state, householdSize: 1), g > 0
            else { return .missing }
            return .number(100 * income / g)
        case .povertyGuideline: return guideline.map(Value.number) ?? .missing
        case .fafsaFiled: return .bool(person.values[FieldSlot.pellSAI] != .missing)
        case .parameter(let slot): return environment.parameterValues[slot]
        case .definition(let slot):
            if let cached = definitionCache[slot] { return cached }
            let value = environment.definitions[slot].evaluate(self)
            definitionCache[slot] = value
            return value
        }
    }

    /// The range of possible birth dates from `birth_date` (exact), `birth_year` (1 Jan to 31 Dec)
    /// and `age` at the period start, intersected; nil when none is given or they disagree.
    public var birthRange: (earliest: Day, latest: Day)? {
        if let birthCache { return birthCache }
        let range = possibleBirthDates(person, at: environment.period.start)
        birthCache = .some(range)
        return range
    }

    /// The birth range when it is wider than a day and no birth date was fixed: rules that read
    /// the age or birth date are then decided at both ends.
    var uncertainBirth: (Day, Day)? {
        guard fixedBirth == nil, let (a, b) = birthRange, a != b else { return nil }
        return (a, b)
    }

    /// Age at the start of the period: the `age` column, or whole years from the birth date.
    /// Blank when it is not known to the year (a `birth_year` alone spans two ages).
    public var age: Value {
        if case .number = person.values[FieldSlot.age] { return person.values[FieldSlot.age] }
        if let fixedBirth { return .number(Double(fixedBirth.wholeYears(until: environment.period.start))) }
        guard let (earliest, latest) = birthRange else { return .missing }
        let a = earliest.wholeYears(until: environment.period.start),
            b = latest.wholeYears(until: environment.period.start)
        return a == b ? .number(Double(a)) : .missing
    }

    /// The birth date, blank when only a range is known.
    public var birthDate: Value {
        if let fixedBirth { return .day(fixedBirth) }
        guard let (earliest, latest) = birthRange, earliest == latest else { return .missing }
        return .day(earliest)
    }

    /// The birth year, blank when the range spans two years.
    public var birthYear: Value {
        if let fixedBirth { return .number(Double(fixedBirth.year)) }
        guard let (earliest, latest) = birthRange, earliest.year == latest.year else { return .missing }
        return .number(Double(earliest.year))
    }

    /// The names (participant fields, parameters, derived values) this expression reads that are
    /// blank or uncertain for this participant, each with why: what an analyst must supply.
    public func blankInputs(of expression: CompiledExpression) -> [String] {
        var out: [String] = []
        func add(_ s: String) { if !out.contains(s) { out.append(s) } }
        expression.tree.visit(self) { source in
            switch source {
            case .personField(let i) where person.values[i] == .missing:
                add("\(PersonField.all[i].name) is blank")
            case .parameter(let slot) where environment.parameterValues[slot] == .missing:
                add("parameter \(environment.parameterKeys[slot]) is not set")
            case .age, .birthDate, .birthYear:
                if let (a, b) = birthRange, a != b, fixedBirth == nil, read(source) == .missing {
                    let start = environment.period.start
                    add(
                        "age uncertain: born between \(a) and \(b), so \(b.wholeYears(until: start)) or \(a.wholeYears(until: start))"
                            + " on \(start); decided only where both agree (give birth_date)")
                } else if birthRange == nil, read(source) == .missing {
                    add("age is blank (give age, birth_date or birth_year)")
                }
            case .fplPercent, .ownFplPercent, .povertyGuideline:
                if environment.poverty == nil {
                    add("no poverty-guideline table is in force on \(environment.period.start)")
                }
            default: break
            }
        }
        return out
    }

    private var guideline: Double? {
        guard let table = environment.poverty else { return nil }
        let size = Int(person.values[FieldSlot.householdSize].number ?? 1)
        return PovertyGuidelines.guideline(table, state: environment.state, householdSize: size)
    }
}

/// The possible birth dates of a person on `day` from the fields given, or nil.
func possibleBirthDates(_ person: Person, at day: Day) -> (earliest: Day, latest: Day)? {
    var lo: Day? = nil, hi: Day? = nil
    func narrow(_ a: Day, _ b: Day) {
        lo = lo.map { max($0, a) } ?? a
        hi = hi.map { min($0, b) } ?? b
    }
    if case .day(let d) = person.values[FieldSlot.birthDate] { narrow(d, d) }
    if let y = person.values[FieldSlot.birthYear].number, y == y.rounded(), y >= 1, y <= 9999 {
        narrow(Day(year: Int(y), month: 1, day: 1), Day(year: Int(y), month: 12, day: 31))
    }
    if let a = person.values[FieldSlot.age].number, a >= 0, a <= 200 {
        // Age A on `day`: born after day - (A+1) years and on or before day - A years.
        let whole = Int(a.rounded(.down))
        narrow(day.adding(years: -(whole + 1)).next, day.adding(years: -whole))
    }
    guard let lo, let hi, lo <= hi else { return nil }
    return (lo, hi)
}

/// Why the fields giving a person's age disagree on `day`, or nil.
public func birthInconsistency(_ person: Person, at day: Day) -> String? {
    let given = ["birth_date", "birth_year", "age"].filter { person[$0] != .missing }
    guard given.count > 1, possibleBirthDates(person, at: day) == nil else { return nil }
    return given.map { "\($0) \(person[$0])" }.joined(separator: ", ") + " disagree on \(day)"
}
