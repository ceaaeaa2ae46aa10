import BraidPolicy
import Foundation

/// Reads the participant CSV (docs/CONTRACTS.md).
enum Roster {
    /// An id as compared: Unicode compatibility form, case folded.
    static func identity(_ id: String) -> String {
        // (An ASCII id has no other Unicode form, and folding its case is lowercasing: the
        // Foundation calls cost more than the rest of reading its row.)
        if id.utf8.allSatisfy({ $0 < 0x80 }) { return id.lowercased() }
        return id.precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: nil)
    }

    /// A character that shows nothing: a control or format character (zero-width spaces and
    /// joiners, bidi overrides, byte-order marks).
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        // (ASCII's only invisible characters are its controls.)
        if scalar.isASCII { return scalar.value < 0x20 || scalar.value == 0x7F }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }

    /// Loads and validates the roster; every problem is recorded with line and column.
    /// - Parameter defaults: columns whose blank cells take the field's documented default (the
    ///   scenario's `roster_defaults:`); a blank anywhere else in a column that decides
    ///   eligibility is an error.
    /// - Parameter sheet: for an `.xlsx` roster, the sheet to read (nil: the first).
    static func load(
        _ file: String, programs: Set<String>, defaults: Set<String> = [], sheet: String? = nil, _ d: Diagnostics
    ) -> [Person] {
        var reading = RosterReading(file: file, programs: programs, defaults: defaults)
        defer { reading.finish(d) }
        do {
            if (file as NSString).pathExtension.lowercased() == "xlsx" {
                guard FileManager.default.fileExists(atPath: file) else {
                    throw InputError(file: file, reason: "file not found")
                }
                // (A workbook's sheet is read whole: its rows are taken in one batch.)
                _ = reading.take(try WorkbookRoster.rows(file, sheet: sheet)[...], d)
            } else {
                try CSVReader.parse(
                    try readTextFile(file), file: file, batch: RosterReading.batch,
                    maxFields: RosterReading.maxColumns
                ) { reading.take($0[...], d) }
            }
        } catch let error as InputError {
            d.add(error)
            return []
        } catch {
            d.add(InputError(file: file, reason: "\(error)"))
            return []
        }
        guard reading.sawHeader else {
            d.add(InputError(file: file, reason: "the roster is empty (a header row is required)"))
            return []
        }
        return reading.people.sorted { listedBefore($0.id, $1.id) }
    }
}

/// A roster read a batch of records at a time: each batch becomes participants (parsed in two
/// halves on both cores when large, then checked against the rows before in order, so the
/// problems come out in the same order either way) before the next is read, so the records
/// themselves are never all held.
struct RosterReading {
    /// Records parsed at a time.
    static let batch = 50_000
    /// The most participants a roster may hold (a national WIOA and SNAP E&T population): beyond
    /// it reading stops with an error, so memory stays bounded (docs: RELIABILITY.md, "Limits").
    static let participantLimit = 1_000_000
    /// The most columns a roster may have (the contract's fields, needs and `x_` columns).
    static let maxColumns = 1_000

    let file: String
    let programs: Set<String>
    let defaults: Set<String>
    var sawHeader = false
    var columns: RosterColumns? = nil
    var people: [Person] = []
    var ids: [String: Int] = [:]
    var problems: [InputError] = []
    var records = 0

    init(file: String, programs: Set<String>, defaults: Set<String>) {
        self.file = file
        self.programs = programs
        self.defaults = defaults
    }

    /// Takes a batch of records (the header first); false when reading should stop.
    mutating func take(_ rows: ArraySlice<CSVReader.Row>, _ d: Diagnostics) -> Bool {
        var body = rows
        if !sawHeader, let header = body.first {
            sawHeader = true
            columns = RosterColumns(header, file: file, defaults: defaults, d)
            body = body.dropFirst()
        }
        guard let columns else { return false }
        let before = records
        records += body.count
        if records > Self.participantLimit {
            // The first record past the limit names the line.
            let first = body[body.startIndex + (Self.participantLimit - before)]
            problems.append(
                InputError(
                    file: file, line: first.line,
                    reason:
                        "has more than \(formatNumber(Double(Self.participantLimit))) rows of participants, the most a "
                        + "roster may hold; split it by region or program"))
            return false
        }
        ids.reserveCapacity(records)
        people.reserveCapacity(records)
        let parsed = inHalves(body, from: Parallel.halvesFrom, columns.parse)
        for (row, (parsedPerson, rowProblems)) in zip(body, parsed) {
            problems += rowProblems
            guard let person = parsedPerson else { continue }
            check(person, line: row.line)
        }
        return true
    }

    /// Records the problems, grouped by column and reason.
    func finish(_ d: Diagnostics) {
        for problem in RowProblems.grouped(problems) { d.add(problem) }
    }

    /// Checks a participant against the rows before (ids) and the scenario (programs), and keeps it.
    private mutating func check(_ person: Person, line: Int) {
        if person.id.isEmpty { return }
        if let hidden = person.id.unicodeScalars.first(where: Roster.isInvisible) {
            problems.append(
                InputError(
                    file: file, line: line, key: "id",
                    reason:
                        "the id contains an invisible character (U+\(String(hidden.value, radix: 16, uppercase: true)))"
                ))
            return
        }
        // Two ids that differ only by case or Unicode form are one person.
        let identity = Roster.identity(person.id)
        if let first = ids[identity] {
            problems.append(
                InputError(
                    file: file, line: line, key: "id",
                    reason: "duplicate participant id '\(person.id)' (the same as the id on line \(first) "
                        + "once case and Unicode forms are set aside)"))
            return
        }
        ids[identity] = line
        if person.program.isEmpty {
            problems.append(InputError(file: file, line: line, key: "program", reason: "program is blank"))
        } else if !programs.contains(person.program) {
            problems.append(
                InputError(
                    file: file, line: line, key: "program",
                    reason: "unknown program '\(person.program)'"
                        + suggestion(for: person.program, in: programs.sorted())))
        }
        if person["age"] == .missing && person["birth_year"] == .missing && person["birth_date"] == .missing {
            problems.append(
                InputError(file: file, line: line, key: "age", reason: "give age, birth_date or birth_year"))
        }
        people.append(person)
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
    /// Columns whose blanks take the field's default (the scenario's `roster_defaults:`).
    let defaults: Set<String>

    /// Reads the header; nil (with the problems recorded) when `id` or `program` is missing.
    init?(_ header: CSVReader.Row, file: String, defaults: Set<String>, _ d: Diagnostics) {
        self.file = file
        self.defaults = defaults
        let columns = header.fields.map { $0.trimmingWhitespace }
        // A file that is not a roster at all (a scenario naming /etc/passwd, say) is refused
        // without echoing its first line.
        guard columns.contains("id") || columns.contains("program") else {
            d.add(
                InputError(
                    file: file, line: header.line,
                    reason: "is not a roster: its first line names neither an id nor a program column"))
            return nil
        }
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
        for name in PersonField.grantingDefaults where !columns.contains(name) && !defaults.contains(name) {
            let field = PersonField.all[PersonField.index[name]!]
            d.add(
                InputError(
                    file: file, line: header.line, key: name,
                    reason: "missing column '\(name)', which decides eligibility: its default "
                        + "(\(Self.describe(field.defaultValue))) could make someone eligible who is not; add the "
                        + "column, or list it under roster_defaults: in the scenario to use the default"))
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
                let field = PersonField.all[i]
                if value.isEmpty && field.blankMeans == nil {
                    if defaults.contains(field.name) {
                        person.defaulted.append(i)
                    } else {
                        problems.append(
                            InputError(
                                file: file, line: row.line, column: column(of: field.name), key: field.name,
                                reason: "is blank, and \(field.name) decides eligibility: fill it in, or list it under "
                                    + "roster_defaults: in the scenario to use its default (\(Self.describe(field.defaultValue)))"
                            ))
                    }
                }
                switch field.parse(value) {
                case .success(let v): person.values[i] = v
                case .failure(let f):
                    problems.append(
                        InputError(
                            file: file, line: row.line, column: column(of: field.name), key: field.name,
                            reason: f.reason))
                }
            case .need(let i):
                if value.isEmpty { continue }
                switch parseMoney(value) {
                case .success(let cents): person.needs[i] = cents
                case .failure(let f):
                    let name = "need_\(CostCategory.participant[i])"
                    problems.append(
                        InputError(file: file, line: row.line, column: column(of: name), key: name, reason: f.reason))
                }
            case .ignored: break
            }
        }
        return (person, problems)
    }
}

extension RosterColumns {
    /// The 1-based column number of a header name (a spreadsheet's column).
    func column(of name: String) -> Int? { names.firstIndex(of: name).map { $0 + 1 } }

    static func describe(_ value: Value) -> String {
        switch value {
        case .missing: return "blank: rules that read it stay undecided"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return formatNumber(n)
        case .text(let t): return t
        default: return "\(value)"
        }
    }
}

/// A roster's problems, one message per column and kind of problem when many rows share it:
/// "annual_income: rows 2–25 (24 rows) must be a number; got '$52,000.00' on line 2".
enum RowProblems {
    /// Problems of three or more rows with the same column and reason (what follows "got" set
    /// aside) become one; the others stay as they are, in order.
    static func grouped(_ problems: [InputError]) -> [InputError] {
        func kind(_ e: InputError) -> String? {
            guard e.line != nil, !e.key.isEmpty else { return nil }
            let key = e.key
            let reason = e.reason.components(separatedBy: ", got '").first ?? e.reason
            return "\(e.file)|\(key)|\(reason)"
        }
        var groups: [String: [InputError]] = [:]
        for e in problems { if let k = kind(e) { groups[k, default: []].append(e) } }
        var out: [InputError] = []
        var done = Set<String>()
        for e in problems {
            guard let k = kind(e), let group = groups[k], group.count >= 3 else {
                out.append(e)
                continue
            }
            guard done.insert(k).inserted else { continue }
            let lines = group.compactMap(\.line)
            let first = group[0]
            let reason = first.reason.components(separatedBy: ", got '").first ?? first.reason
            let example =
                first.reason.contains(", got '")
                ? "; got '" + (first.reason.components(separatedBy: ", got '").dropFirst().joined(separator: ", got '"))
                    + " on line \(lines[0])" : ""
            out.append(
                InputError(
                    file: first.file, line: first.line, column: first.column, key: first.key,
                    reason: "rows \(ranges(lines)) (\(lines.count) rows): \(reason)\(example)"))
        }
        return out
    }

    /// "2–25, 30, 41–43".
    static func ranges(_ lines: [Int]) -> String {
        var parts: [String] = []
        var start = lines[0], last = lines[0]
        for line in lines.dropFirst() {
            if line == last + 1 {
                last = line
                continue
            }
            parts.append(start == last ? "\(start)" : "\(start)–\(last)")
            (start, last) = (line, line)
        }
        parts.append(start == last ? "\(start)" : "\(start)–\(last)")
        return parts.count > 6 ? parts.prefix(6).joined(separator: ", ") + ", …" : parts.joined(separator: ", ")
    }
}
