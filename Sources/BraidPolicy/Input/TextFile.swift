import Foundation

/// Reads a text file, with errors for missing files, folders, size and encoding.
public func readTextFile(_ path: String, limitBytes: Int = 512 << 20) throws(InputError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        var status = stat()
        if stat(path, &status) != 0, errno == ELOOP {
            throw InputError(file: path, reason: "is a loop of symbolic links")
        }
        if lstat(path, &status) == 0 {
            throw InputError(file: path, reason: "is a symbolic link to a file that does not exist")
        }
        throw InputError(file: path, reason: "file not found")
    }
    if isDirectory.boolValue { throw InputError(file: path, reason: "is a folder, expected a file") }
    var status = stat()
    if stat(path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
        throw InputError(file: path, reason: "is not a regular file (a device, pipe or socket), expected a file")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size > limitBytes {
        throw InputError(file: path, reason: "is \(size) bytes; the limit for this kind of file is \(limitBytes) bytes")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: path, reason: "cannot be read")
    }
    return try decodeText(data, file: path)
}

/// A file's bytes as text: UTF-8 (a byte-order mark dropped), or UTF-16 with its byte-order
/// mark (Excel's "Unicode Text"); anything else is refused with the line of the first byte that
/// is not UTF-8 and how to save the file from Excel.
public func decodeText(_ data: Data, file path: String) throws(InputError) -> String {
    if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
        throw InputError(
            file: path,
            reason: "is a zip file (an Excel .xlsx workbook?), not text: name it with .xlsx (Braid reads "
                + "workbooks), or save the sheet as \"CSV UTF-8 (Comma delimited)\" (Excel: File › Save As)")
    }
    if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
        guard var text = String(data: data, encoding: .utf16) else {
            throw InputError(file: path, reason: "starts as UTF-16 text but is not valid UTF-16")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }
    guard var text = String(data: data, encoding: .utf8) else {
        // The line of the first byte that does not decode.
        var line = 1
        var i = data.startIndex
        while i < data.endIndex {
            let byte = data[i]
            let length =
                byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = i + max(length, 1)
            if length == 0 || end > data.endIndex || String(data: data[i..<end], encoding: .utf8) == nil { break }
            if byte == 0x0A { line += 1 }
            i = end
        }
        throw InputError(
            file: path, line: line,
            reason: "is not UTF-8 text (Excel's \"CSV (Comma delimited)\" saves Windows-1252): save it as "
                + "\"CSV UTF-8 (Comma delimited)\" (Excel: File › Save As)")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
}
