/// What a bound name reads at evaluation time.
public enum NameSource: Sendable, Equatable {
    case personField(Int)
    case need(Int)
    case totalNeed
    case programField(Int)
    case periodStart, periodEnd, state
    case age, fplPercent, ownFplPercent, povertyGuideline, fafsaFiled
    /// The day of birth, or its year, known from `birth_date`, `birth_year` or `age` (see
    /// ``EvaluationContext``: an uncertain one is decided at both ends of its range).
    case birthDate, birthYear
    /// A parameter by global slot (see ``PolicySet``).
    case parameter(Int)
    /// A definition by global slot.
    case definition(Int)
}

/// Resolves names for the compiler: every name an expression of one stream may use.
public struct NameScope: Sendable {
    /// Name → (type, source).
    var names: [String: (ValueType, NameSource)]

    /// Every name, sorted, for suggestions.
    public var allNames: [String] { names.keys.sorted() }

    /// The base scope: participant fields, needs, program, period, derived values.
    static func base() -> NameScope {
        var names: [String: (ValueType, NameSource)] = [:]
        for (i, field) in PersonField.all.enumerated() where !["age", "birth_year", "birth_date"].contains(field.name) {
            names[field.name] = (field.type, .personField(i))
        }
        names["age"] = (.number, .age)
        names["birth_date"] = (.day, .birthDate)
        names["birth_year"] = (.number, .birthYear)
        for (i, category) in CostCategory.participant.enumerated() { names["need_\(category)"] = (.number, .need(i)) }
        names["total_need"] = (.number, .totalNeed)
        for (i, field) in ProgramInfo.fields.enumerated() {
            names["program.\(field.name)"] = (field.type, .programField(i))
        }
        names["period.start"] = (.day, .periodStart)
        names["period.end"] = (.day, .periodEnd)
        names["state"] = (.text, .state)
        names["fpl_percent"] = (.number, .fplPercent)
        names["own_fpl_percent"] = (.number, .ownFplPercent)
        names["poverty_guideline"] = (.number, .povertyGuideline)
        names["fafsa_filed"] = (.bool, .fafsaFiled)
        return NameScope(names: names)
    }
}
