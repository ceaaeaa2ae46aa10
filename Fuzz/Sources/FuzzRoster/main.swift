// Arbitrary bytes as a participant CSV → CSVReader.parse and Roster.load (header, columns, every field
// parser, money), then every shipped policy's eligibility for each participant read. Every outcome
// must be people and their eligibility, or InputErrors; anything else is a bug.
@testable import BraidScenario
import BraidPolicy
import FuzzSupport

// Every program id of the shipped rosters, so that seeds from them pass the program check.
let programs: Set<String> = [
    "welding-certificate", "evs-ojt", "evs-aug-2026", "evs-nov-2026", "evs-feb-2027", "evs-apr-2027",
    "ivytech-advanced-mfg", "ramp-purdue", "maritime-welding", "maritime-shipfitting", "sb-welder-helper",
    "sb-pipefitter-helper",
]

let engine = EligibilityEngine(
    policies: FuzzSupport.policies,
    environment: FuzzSupport.policies.environment(
        period: Period(start: Day(year: 2026, month: 7, day: 1), end: Day(year: 2027, month: 6, day: 30)), state: "GA"))
nonisolated(unsafe) var program = ProgramInfo(id: "")
program.clockHours = 600
program.weeks = 16

FuzzSupport.run { data, size in
    guard let data else { return 0 }
    if let text = FuzzSupport.text(data, size) { _ = try? CSVReader.parse(text, file: "fuzz.csv") }
    // Through the file reader too: byte-order mark, UTF-8 check, then the roster's own checks.
    let path = FuzzSupport.write(data, size, to: "participants.csv")
    let diagnostics = Diagnostics()
    let people = Roster.load(path, programs: programs, diagnostics)
    _ = diagnostics.errors.map(\.description)
    for person in people {
        program.id = person.program
        _ = engine.evaluate(person, program: program)
    }
    return 0
}
