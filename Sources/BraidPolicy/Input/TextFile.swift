import Foundation

/// Reads a text file, with errors for missing files, folders, size and encoding.
public func readTextFile(_ path: String, limitBytes: Int = 512 << 20) throws(InputError) -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(file: path, reason: "file not found")
    }
    if isDirectory.boolValue { throw InputError(file: path, reason: "is a folder, expected a file") }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size > limitBytes {
        throw InputError(file: path, reason: "is \(size) bytes; the limit for this kind of file is \(limitBytes) bytes")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: path, reason: "cannot be read")
    }
    guard var text = String(data: data, encoding: .utf8) else {
        throw InputError(file: path, reason: "is not valid UTF-8 text")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
}
