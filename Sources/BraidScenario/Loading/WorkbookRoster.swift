import BraidPolicy
import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A roster kept as an Excel workbook (`.xlsx`): one sheet (the first, or the one named) read
/// as rows of text, as the CSV reader gives them. The zip is read by ZIPFoundation and each
/// part by Foundation's XMLParser; numbers come as Excel stores them, and a date column's serial
/// numbers become YYYY-MM-DD (the 1900 or 1904 date system the workbook declares).
enum WorkbookRoster {
    /// The sheet's rows; each row's `line` is its Excel row number, its fields one per column
    /// from A to the header's last.
    static func rows(_ file: String, sheet wanted: String?) throws(InputError) -> [CSVReader.Row] {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: file), accessMode: .read) } catch {
            throw InputError(file: file, reason: "is not a readable .xlsx workbook (\(error))")
        }
        func part(_ path: String) throws(InputError) -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize < 256 << 20 else {
                throw InputError(file: file, reason: "\(path) is larger than 256 MB")
            }
            var data = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { data.append($0) } } catch {
                throw InputError(file: file, reason: "cannot read \(path) (\(error))")
            }
            return data
        }
        guard let workbook = try part("xl/workbook.xml"), let relations = try part("xl/_rels/workbook.xml.rels") else {
            throw InputError(file: file, reason: "is not an Excel workbook (no xl/workbook.xml)")
        }
        let book = try XMLElements(workbook, part: "xl/workbook.xml", file: file)
        let sheets = book.all("sheet")
        let date1904 = book.all("workbookPr").first?["date1904"].map { $0 == "1" || $0 == "true" } ?? false
        guard !sheets.isEmpty else { throw InputError(file: file, reason: "has no sheets") }
        let names = sheets.compactMap { $0["name"] }
        let chosen = wanted.map { w in sheets.first { $0["name"] == w } } ?? sheets.first
        guard let sheet = chosen else {
            throw InputError(
                file: file,
                reason: "has no sheet '\(wanted ?? "")'" + suggestion(for: wanted ?? "", in: names)
                    + " (its sheets: \(names.joined(separator: ", ")))")
        }
        let id = sheet["r:id"] ?? sheet["id"] ?? ""
        guard
            var target = try XMLElements(relations, part: "xl/_rels/workbook.xml.rels", file: file).all("Relationship")
                .first(where: { $0["Id"] == id })?["Target"]
        else { throw InputError(file: file, reason: "sheet '\(sheet["name"] ?? "")' has no part") }
        target = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        let shared =
            try part("xl/sharedStrings.xml").map { data throws(InputError) in try sharedStrings(data, file: file) }
            ?? []
        guard let data = try part(target) else { throw InputError(file: file, reason: "\(target) is missing") }
        return try cells(data, shared: shared, file: file, date1904: date1904)
    }

    /// A part whose XML does not parse: the workbook is damaged, and a partial read would lose rows.
    static func malformed(_ part: String, _ parser: XMLParser, file: String) -> InputError {
        InputError(
            file: file,
            reason: "is damaged: \(part) is not well-formed XML (line \(parser.lineNumber)): "
                + (parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"))
    }

    /// The shared strings: each `si`'s text (rich text runs joined).
    static func sharedStrings(_ data: Data, file: String) throws(InputError) -> [String] {
        let reader = SharedStringsParser()
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = reader
        guard parser.parse() else { throw malformed("xl/sharedStrings.xml", parser, file: file) }
        return reader.strings
    }

    /// The sheet's cells as rows of text (missing cells blank).
    static func cells(_ data: Data, shared: [String], file: String, date1904: Bool) throws(InputError)
        -> [CSVReader.Row]
    {
        let reader = SheetParser(shared: shared)
        // From a stream, parsed in chunks: given as one block, libxml2 (under Foundation's
        // parser on Linux) refuses a sheet over about 10 MB (a roster of ~7,000 rows).
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = reader
        guard parser.parse() else {
            throw InputError(
                file: file, reason: "the sheet is not valid XML (\(parser.parserError.map { "\($0)" } ?? "?"))")
        }
        guard let header = reader.rows.first else { return [] }
        let width = header.cells.keys.max().map { $0 + 1 } ?? 0
        let headerNames = (0..<width).map { header.cells[$0] ?? "" }
        let dateColumns = Set(
            headerNames.indices.filter { i in
                PersonField.index[headerNames[i].trimmingCharacters(in: .whitespaces)].map {
                    PersonField.all[$0].type == .day
                }
                    ?? false
            })
        return reader.rows.map { row in
            CSVReader.Row(
                line: row.number,
                fields: (0..<max(width, (row.cells.keys.max() ?? -1) + 1)).map { c in
                    let text = row.cells[c] ?? ""
                    if row.number != header.number, dateColumns.contains(c), let serial = Double(text) {
                        return Self.date(serial, date1904: date1904)
                    }
                    return text
                })
        }
    }

    /// An Excel date serial as YYYY-MM-DD.
    static func date(_ serial: Double, date1904: Bool) -> String {
        // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was,
        // so serials from 61 on are one day ahead; 1899-12-30 is day 0 for them.
        let days = Int(serial.rounded(.down))
        let epoch =
            date1904 ? DateComponents(year: 1904, month: 1, day: 1) : DateComponents(year: 1899, month: 12, day: 30)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: epoch)!
        let offset = !date1904 && days < 61 ? days + 1 : days
        let day = calendar.date(byAdding: .day, value: offset, to: start)!
        let c = calendar.dateComponents([.year, .month, .day], from: day)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}

/// The elements of a small XML part, each with its attributes (names with their prefixes).
struct XMLElements {
    struct Element {
        let name: String
        let attributes: [String: String]
        subscript(_ key: String) -> String? { attributes[key] }
    }

    let elements: [Element]

    init(_ data: Data, part: String, file: String) throws(InputError) {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [Element] = []
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                elements.append(Element(name: name, attributes: attributes))
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { throw WorkbookRoster.malformed(part, parser, file: file) }
        elements = collector.elements
    }

    func all(_ name: String) -> [Element] {
        elements.filter { $0.name == name || $0.name.hasSuffix(":" + name) }
    }
}

/// `xl/sharedStrings.xml`: the text of each `si`.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" { strings.append(current) }
    }
}

/// A worksheet part: each row's number and its cells' text by column (0 = A).
final class SheetParser: NSObject, XMLParserDelegate {
    struct Row {
        var number: Int
        var cells: [Int: String] = [:]
    }

    let shared: [String]
    var rows: [Row] = []
    private var column = 0
    private var type = ""
    private var text = ""
    private var inValue = false
    private var nextRow = 1

    init(shared: [String]) { self.shared = shared }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? nextRow
            rows.append(Row(number: number))
            nextRow = number + 1
        case "c":
            type = attributes["t"] ?? "n"
            column = attributes["r"].map(Self.column) ?? ((rows.last?.cells.keys.max() ?? -1) + 1)
            text = ""
        case "v", "t": inValue = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inValue { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": inValue = false
        case "c":
            guard !rows.isEmpty else { return }
            var value = text
            switch type {
            case "s": value = Int(text).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
            case "b": value = text == "1" ? "true" : "false"
            case "n": value = Self.plainNumber(text)
            default: break
            }
            rows[rows.count - 1].cells[column] = value
        default: break
        }
    }

    /// "B12" → 1 (the column letters, 0-based).
    static func column(_ reference: String) -> Int {
        var n = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            n = n * 26 + Int(scalar.value - 64)
        }
        return n - 1
    }

    /// Excel's number as Excel shows it and a person typed it: 52000, not 52000.0 or 5.2E4, and
    /// 709.82, not the 709.8200000000001 a workbook may store. Excel keeps 15 significant
    /// digits; the digits past them are binary noise from arithmetic, not cents.
    static func plainNumber(_ text: String) -> String {
        guard let x = Double(text), x.isFinite else { return text }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        let shown = String(format: "%.15g", x)
        guard let y = Double(shown) else { return text }
        if y == y.rounded() && abs(y) < 1e15 { return String(Int64(y)) }
        return shown.contains("e") ? String(y) : shown
    }
}
