import BraidPolicy

/// A small RFC 4180 reader: quoted fields with commas, doubled quotes and newlines; CRLF or LF
/// line ends; a UTF-8 byte-order mark is skipped by the file reader.
struct CSVReader {
    struct Row {
        /// The 1-based line on which the record starts.
        let line: Int
        let fields: [String]
    }

    /// Parses the whole text (byte by byte: every character that matters is ASCII, and no byte
    /// of a multi-byte UTF-8 sequence is).
    /// - Throws: ``InputError`` for an unclosed quote or text after a closing quote.
    static func parse(_ text: String, file: String) throws(InputError) -> [Row] {
        var rows: [Row] = []
        try parse(text, file: file, batch: Int.max) {
            rows += $0
            return true
        }
        return rows
    }

    /// Parses the text and hands its records to `take` in batches of `batch` (the last one
    /// shorter), so a caller that turns records into something smaller never holds them all;
    /// `take` returns false to stop reading.
    /// - Throws: also when a record has more than `maxFields` fields.
    static func parse(
        _ text: String, file: String, batch: Int, maxFields: Int = .max, _ take: ([Row]) -> Bool
    ) throws(InputError) {
        var text = text
        let parsed = text.withUTF8 { bytes -> Result<Void, InputError> in
            do throws(InputError) {
                try parse(bytes, file: file, batch: batch, maxFields: maxFields, take)
                return .success(())
            } catch { return .failure(error) }
        }
        try parsed.get()
    }

    /// Long because the reader is one state machine over the bytes (quotes, separators, line
    /// ends, batches): split, its state would pass between functions on every byte.
    private static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, file: String, batch: Int, maxFields: Int, _ take: ([Row]) -> Bool
    ) throws(InputError) {
        let (quote, comma, cr, lf, space, tab): (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (
            0x22, 0x2C, 0x0D, 0x0A, 0x20, 0x09
        )
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var fieldStarted = false
        func text(_ field: [UInt8]) -> String { String(decoding: field, as: UTF8.self) }
        var k = 0
        while k < bytes.count {
            let c = bytes[k]
            k += 1
            if inQuotes {
                if c == quote {
                    if k < bytes.count, bytes[k] == quote {
                        field.append(quote)
                        k += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case comma:
                guard fields.count < maxFields - 1 else {
                    throw InputError(
                        file: file, line: recordLine, reason: "has more than \(formatNumber(Double(maxFields))) fields")
                }
                fields.append(text(field))
                field.removeAll(keepingCapacity: true)
                afterQuote = false
                fieldStarted = true
            case cr:
                continue
            case lf:
                if fieldStarted || !field.isEmpty || !fields.isEmpty || afterQuote {
                    fields.append(text(field))
                    rows.append(Row(line: recordLine, fields: fields))
                    if rows.count >= batch {
                        guard take(rows) else { return }
                        rows.removeAll(keepingCapacity: true)
                    }
                }
                // (The next record is as wide as this one, most likely: room for it at once.)
                let width = fields.count
                fields = []
                fields.reserveCapacity(width)
                field.removeAll(keepingCapacity: true)
                afterQuote = false
                fieldStarted = false
                line += 1
                recordLine = line
            case quote:
                if field.allSatisfy({ $0 == space || $0 == tab }) && !afterQuote {
                    field.removeAll(keepingCapacity: true)
                    inQuotes = true
                } else {
                    throw InputError(
                        file: file, line: line, reason: "a quote (\") inside an unquoted field; quote the whole field")
                }
            default:
                if afterQuote {
                    if c == space { continue }
                    throw InputError(file: file, line: line, reason: "text after a closing quote")
                }
                // The run of ordinary bytes this one starts, at once.
                var end = k
                while end < bytes.count, case let d = bytes[end], d != comma, d != cr, d != lf, d != quote { end += 1 }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(k - 1)..<end]))
                k = end
            }
        }
        if inQuotes {
            throw InputError(
                file: file, line: recordLine, reason: "a quoted field is not closed before the end of the file")
        }
        if fieldStarted || !field.isEmpty || !fields.isEmpty || afterQuote {
            fields.append(text(field))
            rows.append(Row(line: recordLine, fields: fields))
        }
        if !rows.isEmpty { _ = take(rows) }
    }
}

extension String {
    /// Without leading and trailing spaces and tabs (the bounds found in the UTF-8 bytes: the
    /// first kept byte starts a character and the byte after the last kept one is a space or the end).
    var trimmingWhitespace: String {
        let u = utf8
        guard let first = u.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return "" }
        let end = u.index(after: u.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })!)
        return first == u.startIndex && end == u.endIndex ? self : String(self[first..<end])
    }
}
