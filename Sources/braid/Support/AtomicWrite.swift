import Foundation

/// Writing an output file failed.
public struct FileWriteError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}

/// The files a command read, which no output may replace (`--output` onto the scenario, its
/// roster, a what-if, a policy or the result being verified is refused).
enum ProtectedInputs {
    nonisolated(unsafe) private static var paths: Set<String> = []
    nonisolated(unsafe) private static var folders: Set<String> = []

    /// Marks a file the command reads.
    static func add(_ path: String) { paths.insert(realPath(path)) }
    /// Marks a folder whose files the command reads (the policies).
    static func addFolder(_ path: String) { folders.insert(realPath(path)) }

    static func protects(_ path: String) -> Bool {
        let real = realPath(path)
        return paths.contains(real) || folders.contains { real.hasPrefix($0 + "/") }
    }

    /// The path with symlinks and `..` resolved (as far as it exists).
    static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

/// Writes a file safely:
/// - never over an input of the command (``ProtectedInputs``), never over a folder;
/// - a device or FIFO (`/dev/stdout`, a named pipe) is written directly, never replaced;
/// - through a symlink only to a regular file, which is the one replaced;
/// - otherwise atomically: a temporary file this code creates (its name known to the interrupt
///   handler, so Ctrl-C removes it), every byte checked, flushed to disk, given the replaced
///   file's permissions (a new file 0600: outputs hold participants' data), then renamed over
///   the target. A failure leaves the old file as it was.
public func writeAtomically(_ text: String, to path: String) throws(FileWriteError) {
    try writeAtomically(to: path) { descriptor in writeAll(descriptor, Array(text.utf8)) }
}

/// Writes with `write`, which gets an open descriptor and returns nil or why it failed.
public func writeAtomically(to path: String, _ write: (Int32) -> String?) throws(FileWriteError) {
    if ProtectedInputs.protects(path) {
        throw FileWriteError(path: path, reason: "it is one of the command's inputs; choose another output file")
    }
    let target = ProtectedInputs.realPath(path)
    var status = stat()
    let exists = stat(target, &status) == 0
    if exists && (status.st_mode & S_IFMT) == S_IFDIR { throw FileWriteError(path: path, reason: "is a folder") }
    if exists && (status.st_mode & S_IFMT) != S_IFREG {
        // A device, FIFO or socket: write to it, never replace it.
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileWriteError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        if let reason = write(descriptor) { throw FileWriteError(path: path, reason: reason) }
        return
    }
    let url = URL(fileURLWithPath: target)
    let folder = url.deletingLastPathComponent().path
    // The temporary file's name keeps at most 200 bytes of the target's, so that a target name
    // near the 255-byte limit still leaves room for the suffix.
    var stem = url.lastPathComponent
    while stem.utf8.count > 200 { stem.removeLast() }
    var template = Array((folder as NSString).appendingPathComponent(".\(stem).braid-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard descriptor >= 0 else { throw FileWriteError(path: path, reason: String(cString: strerror(errno))) }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    Interrupt.setTemporaryFile(temporary)
    defer { Interrupt.setTemporaryFile(nil) }
    func fail(_ reason: String) -> FileWriteError {
        close(descriptor)
        unlink(temporary)
        return FileWriteError(path: path, reason: reason)
    }
    if exists {
        fchmod(descriptor, status.st_mode & 0o7777)
        if getuid() == 0 { fchown(descriptor, status.st_uid, status.st_gid) }
    } else {
        fchmod(descriptor, 0o600)
    }
    if let reason = write(descriptor) { throw fail(reason) }
    guard fsync(descriptor) == 0 else { throw fail(String(cString: strerror(errno))) }
    guard close(descriptor) == 0 else {
        unlink(temporary)
        throw FileWriteError(path: path, reason: String(cString: strerror(errno)))
    }
    if rename(temporary, target) != 0 {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw FileWriteError(path: path, reason: reason)
    }
}

/// Writes every byte to a descriptor (nil), or says why it could not.
func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> String? {
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
        if n < 0 {
            if errno == EINTR { continue }
            return String(cString: strerror(errno))
        }
        offset += n
    }
    return nil
}
