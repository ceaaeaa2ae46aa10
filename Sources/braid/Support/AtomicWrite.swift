import Foundation

/// Writing an output file failed.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}

/// Writes a file atomically: a temporary file in the same folder, then a rename, so that an
/// interrupted run never leaves a half-written file. While the temporary file exists, Ctrl-C
/// (see ``Interrupt``) removes it before the process exits.
public func writeAtomically(_ text: String, to path: String) throws(FileWriteError) {
    try writeAtomically(to: path) { temporary in
        FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8))
            ? nil : String(cString: strerror(errno))
    }
}

/// Writes a file atomically with `write`, which creates the temporary path it is given and
/// returns nil, or the reason it could not.
public func writeAtomically(to path: String, _ write: (String) -> String?) throws(FileWriteError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw FileWriteError(path: path, reason: "is a folder")
    }
    let temporary = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).braid-\(getpid()).tmp")
    Interrupt.setTemporaryFile(temporary)
    defer { Interrupt.setTemporaryFile(nil) }
    if let reason = write(temporary) {
        unlink(temporary)
        throw FileWriteError(path: path, reason: reason)
    }
    if rename(temporary, path) != 0 {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw FileWriteError(path: path, reason: reason)
    }
}
