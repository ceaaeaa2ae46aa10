// UTF-8 text as a rule expression → ExpressionParser.parse, then compile (name binding and type
// check) in the shared scope and in two streams' scopes, then evaluate what compiles, with and
// without a participant. Every outcome must be a value or an ExpressionError; anything else is a bug.
import BraidPolicy
import FuzzSupport

let environment = FuzzSupport.policies.environment(
    period: Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30)), state: "GA")
nonisolated(unsafe) var person = Person(id: "p1", program: "welding")
for (field, raw) in [("birth_year", "1990"), ("annual_income", "18000"), ("household_size", "3"), ("snap", "true")] {
    if case .success(let value) = PersonField.all[PersonField.index[field]!].parse(raw) { person[field] = value }
}
person.needs[0] = 450_000
nonisolated(unsafe) var program = ProgramInfo(id: "welding")
program.clockHours = 600
program.weeks = 16

FuzzSupport.run { data, size in
    guard let data, let source = FuzzSupport.text(data, size) else { return 0 }
    guard (try? ExpressionParser.parse(source)) != nil else { return 0 }
    for stream in [nil, "wioa-adult", "pell"] as [String?] {
        for type in [nil, ValueType.bool] {
            guard let compiled = try? FuzzSupport.policies.compile(source, stream: stream, expecting: type) else {
                continue
            }
            _ = compiled.evaluate(.withoutParticipant(program: program, environment: environment))
            _ = compiled.evaluate(EvaluationContext(person: person, program: program, environment: environment))
        }
    }
    return 0
}
