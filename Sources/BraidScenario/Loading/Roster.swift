import BraidPolicy

/// Reads the participant CSV (docs/CONTRACTS.md).
enum Roster {
    /// Loads and validates the roster; every problem is recorded with line and column.
    static func load(_ file: String, programs: Set<String>, _ d: Diagnostics) -> [Person] {
        let text: String
        do { text = try readTextFile(file) } catch {
            d.add(error)
            return []
        }
        let rows: [CSVReader.Row]
        do { rows = try CSVReader.parse(text, file: file) } catch {
            d.add(error)
            return []
        }
        guard let header = rows.first else {
            d.add(InputError(file: file, reason: "the roster is empty (a header row is required)"))
            return []
        }
        guard let columns = RosterColumns(header, file: file, d) else { return [] }
        // Each row parsed alone (in two halves on both cores for a large roster), then checked
        // against the others in order, so the problems come out in the same order either way.
        let body = Array(rows.dropFirst())
        let parsed = inHalves(body, from: Parallel.halvesFrom, columns.parse)
        var people: [Person] = []
        var ids: [String: Int] = [:]
        for (row, (parsedPerson, problems)) in zip(body, parsed) {
            for problem in problems { d.add(problem) }
            guard let person = parsedPerson else { continue }
            if person.id.isEmpty { continue }
            if let first = ids[person.id] {
                d.add(
                    InputError(
                        file: file, line: row.line, key: "id",
                        reason: "duplicate participant id '\(person.id)' (first on line \(first))"))
                continue
            }
            ids[person.id] = row.line
            if !programs.contains(person.program) {
                d.add(
                    InputError(
                        file: file, line: row.line, key: "program",
                        reason: "unknown program '\(person.program)'"
                            + suggestion(for: person.program, in: programs.sorted())))
            }
            if person["age"] == .missing && person["birth_year"] == .missing && person["birth_date"] == .missing {
                d.add(InputError(file: file, line: row.line, key: "age", reason: "give age, birth_date or birth_year"))
            }
            people.append(person)
        }
        return people
    }
}

/// What each column of a roster holds, from its header.
struct RosterColumns {
    enum Column {
        case id, program
        case field(Int)
        case need(Int)
        case ignored
    }

    let file: String
    let names: [String]
    let kinds: [Column]

    /// Reads the header; nil (with the problems recorded) when `id` or `program` is missing.
    init?(_ header: CSVReader.Row, file: String, _ d: Diagnostics) {
        self.file = file
        let columns = header.fields.map { $0.trimmingWhitespace }
        var kinds: [Column] = []
        let known = ["id", "program"] + PersonField.all.map(\.name) + CostCategory.participant.map { "need_\($0)" }
        var seenColumns = Set<String>()
        for name in columns {
            if !seenColumns.insert(name).inserted {
                d.add(InputError(file: file, line: header.line, key: name, reason: "column '\(name)' appears twice"))
            }
            if name == "id" {
                kinds.append(.id)
            } else if name == "program" {
                kinds.append(.program)
            } else if let i = PersonField.index[name] {
                kinds.append(.field(i))
            } else if name.hasPrefix("need_"), let c = CostCategory(rawValue: String(name.dropFirst(5))),
                let i = CostCategory.participant.firstIndex(of: c)
            {
                kinds.append(.need(i))
            } else if name.hasPrefix("x_") {
                kinds.append(.ignored)
            } else {
                let hint =
                    name.hasPrefix("need_") ? " (program categories belong in the scenario's programs.costs)" : ""
                d.add(
                    InputError(
                        file: file, line: header.line, key: name,
                        reason: "unknown column '\(name)'" + suggestion(for: name, in: known) + hint
                            + "; prefix your own columns with x_"))
                kinds.append(.ignored)
            }
        }
        for required in ["id", "program"] where !columns.contains(required) {
            d.add(
                InputError(
                    file: file, line: header.line, key: required, reason: "missing required column '\(required)'"))
        }
        if !columns.contains("id") || !columns.contains("program") { return nil }
        names = columns
        self.kinds = kinds
    }

    /// One row as a participant (nil for a blank row or a wrong field count), with its problems.
    func parse(_ row: CSVReader.Row) -> (person: Person?, problems: [InputError]) {
        if row.fields.allSatisfy({ $0.trimmingWhitespace.isEmpty }) { return (nil, []) }
        if row.fields.count != names.count {
            return (
                nil,
                [
                    InputError(
                        file: file, line: row.line,
                        reason: "has \(row.fields.count) fields, the header has \(names.count)")
                ]
            )
        }
        var problems: [InputError] = []
        var person = Person(id: "", program: "")
        for (k, raw) in zip(kinds, row.fields) {
            let value = raw.trimmingWhitespace
            switch k {
            case .id:
                if value.isEmpty {
                    problems.append(InputError(file: file, line: row.line, key: "id", reason: "id is blank"))
                }
                person.id = value
            case .program: person.program = value
            case .field(let i):
                switch PersonField.all[i].parse(value) {
                case .success(let v): person.values[i] = v
                case .failure(let f):
                    problems.append(
                        InputError(file: file, line: row.line, key: PersonField.all[i].name, reason: f.reason))
                }
            case .need(let i):
                if value.isEmpty { continue }
                switch parseMoney(value) {
                case .success(let cents): person.needs[i] = cents
                case .failure(let f):
                    problems.append(
                        InputError(
                            file: file, line: row.line, key: "need_\(CostCategory.participant[i])", reason: f.reason))
                }
            case .ignored: break
            }
        }
        return (person, problems)
    }
}
