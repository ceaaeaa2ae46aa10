/// Everything rules read that is the same for all participants of a scenario: the period,
/// the state, the parameter values in force (after overrides), definitions and the poverty table.
public struct PolicyEnvironment: Sendable {
    public let period: Period
    public let state: String
    /// Values by parameter slot.
    public var parameterValues: [Value]
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
    private var ageCache: Value?

    /// A context for expressions about a program, the period or parameters only (no participant).
    public static func withoutParticipant(program: ProgramInfo = ProgramInfo(id: ""), environment: PolicyEnvironment) -> EvaluationContext {
        EvaluationContext(person: Person(id: "", program: program.id), program: program, environment: environment)
    }

    public init(person: Person, program: ProgramInfo, environment: PolicyEnvironment) {
        self.person = person
        self.program = program
        self.environment = environment
        definitionCache = Array(repeating: nil, count: environment.definitions.count)
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
        case .fplPercent:
            guard let income = person["annual_income"].number, let g = guideline, g > 0 else { return .missing }
            return .number(100 * income / g)
        case .povertyGuideline: return guideline.map(Value.number) ?? .missing
        case .fafsaFiled: return .bool(person["pell_sai"] != .missing)
        case .parameter(let slot): return environment.parameterValues[slot]
        case .definition(let slot):
            if let cached = definitionCache[slot] { return cached }
            let value = environment.definitions[slot].evaluate(self)
            definitionCache[slot] = value
            return value
        }
    }

    /// Age at the start of the period: the `age` column, or the period's year minus `birth_year`.
    public var age: Value {
        if let ageCache { return ageCache }
        let value: Value
        if case .number = person["age"] {
            value = person["age"]
        } else if let year = person["birth_year"].number {
            value = .number(Double(environment.period.start.year) - year)
        } else {
            value = .missing
        }
        ageCache = value
        return value
    }

    private var guideline: Double? {
        guard let table = environment.poverty else { return nil }
        let size = Int(person["household_size"].number ?? 1)
        return PovertyGuidelines.guideline(table, state: environment.state, householdSize: size)
    }
}
