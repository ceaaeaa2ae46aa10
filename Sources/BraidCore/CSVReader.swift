import BraidPolicy

/// A small RFC 4180 reader: quoted fields with commas, doubled quotes and newlines; CRLF or LF
/// line ends; a UTF-8 byte-order mark is skipped by the file reader.
struct CSVReader {
    struct Row {
        /// The 1-based line on which the record starts.
        let line: Int
        let fields: [String]
    }

    /// Parses the whole text.
    /// - Throws: ``InputError`` for an unclosed quote or text after a closing quote.
    static func parse(_ text: String, file: String) throws(InputError) -> [Row] {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            inQuotes = false
                            afterQuote = true
                            pending = n
                        }
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
                fieldStarted = true
            case "\r":
                continue
            case "\n":
                if fieldStarted || !field.isEmpty || !fields.isEmpty || afterQuote {
                    fields.append(field)
                    rows.append(Row(line: recordLine, fields: fields))
                }
                fields = []
                field = ""
                afterQuote = false
                fieldStarted = false
                line += 1
                recordLine = line
            case "\"":
                if field.trimmingWhitespace.isEmpty && !afterQuote {
                    field = ""
                    inQuotes = true
                } else {
                    throw InputError(file: file, line: line, reason: "a quote (\") inside an unquoted field; quote the whole field")
                }
            default:
                if afterQuote {
                    if c == " " { continue }
                    throw InputError(file: file, line: line, reason: "text after a closing quote")
                }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw InputError(file: file, line: recordLine, reason: "a quoted field is not closed before the end of the file") }
        if fieldStarted || !field.isEmpty || !fields.isEmpty || afterQuote {
            fields.append(field)
            rows.append(Row(line: recordLine, fields: fields))
        }
        return rows
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
