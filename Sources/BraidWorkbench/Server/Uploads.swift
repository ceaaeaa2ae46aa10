import BraidPolicy
import BraidScenario
import Foundation
import HTTPTypes
import Hummingbird

/// Uploaded rosters: written into `.braid/uploads` (0600) only for as long as the check reads
/// them, then deleted — unless the planner asks to keep one that checks clean, which is then
/// moved to the scenario's `rosters/` folder to plan with. Their contents are never logged.
enum Uploads {
    /// A new, unique file in `.braid/uploads`.
    static func file(in folder: WorkFolder, extension ext: String) throws -> String {
        let uploads = (folder.dataFolder as NSString).appendingPathComponent("uploads")
        try FileManager.default.createDirectory(
            atPath: uploads, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return (uploads as NSString).appendingPathComponent("\(UUID().uuidString).\(ext)")
    }

    /// Moves a checked upload into `entry`'s `rosters/` folder as `name` (as a file name: its
    /// slug), never over another roster: the same bytes under that name are the same roster,
    /// other bytes take the next free name (`name-2.csv`). Returns the file name kept.
    static func keep(_ upload: String, as name: String, for entry: WorkFolder.Entry, in folder: WorkFolder) throws
        -> String
    {
        let ext = (name as NSString).pathExtension.lowercased()
        let slug = WorkFolder.slug((name as NSString).deletingPathExtension) ?? "roster"
        let fm = FileManager.default
        try fm.createDirectory(atPath: entry.rosterFolder, withIntermediateDirectories: true)
        let bytes = fm.contents(atPath: upload)
        var n = 1
        while true {
            let file = n == 1 ? "\(slug).\(ext)" : "\(slug)-\(n).\(ext)"
            let path = (entry.rosterFolder as NSString).appendingPathComponent(file)
            guard folder.contains(path) else { throw WorkbenchError("the roster would be kept outside the folder") }
            if !fm.fileExists(atPath: path) {
                try fm.moveItem(atPath: upload, toPath: path)
                return file
            }
            if fm.contents(atPath: path) == bytes { return file }
            n += 1
        }
    }
}

extension Routes {
    /// Checks an uploaded roster (the request's raw body, its name in `X-File-Name`) against the
    /// scenario: the same reader and messages as `braid check`, grouped by column and reason.
    func check(_ request: inout Request, _ context: WorkbenchContext) async -> Response {
        /// The upload refused before it is read, as the page shows a check's messages.
        func refused(_ file: String, _ reason: String, _ status: HTTPResponse.Status) -> Response {
            Workbench.html(
                Pages.messages(
                    file: file, errors: InputErrors([InputError(file: file, reason: reason)]), participants: 0),
                status: status)
        }
        guard Workbench.carries(token, request) else {
            return refused("upload", "the page is out of date: reload it", .forbidden)
        }
        let given = request.headers[Workbench.fileNameHeader].flatMap { $0.removingPercentEncoding } ?? "roster"
        let name = (given as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension.lowercased()
        guard ext == "csv" || ext == "xlsx" else {
            return refused(name, "a roster is a .csv or .xlsx file", .unprocessableContent)
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            return refused(name, "larger than \(Workbench.uploadLimit >> 20) MB", .contentTooLarge)
        }
        let baseline: Desk.Baseline
        do {
            baseline = try await desk.baseline(context.parameters.get("id") ?? "")
        } catch {
            return problem(error)
        }
        let keep = request.uri.queryParameters.get("keep") == "1"
        let (errors, count, kept) = checkRoster(body, name: name, ext: ext, baseline: baseline, keep: keep)
        return Workbench.html(
            Pages.messages(file: name, errors: errors, participants: count, kept: kept, id: baseline.entry.id),
            status: errors == nil ? .ok : .unprocessableContent)
    }

    /// The roster read with the scenario's programs and columns: its problems (nil: none), how
    /// many participants it holds and, when `keep` and it has no problems, the name it is kept
    /// under in the scenario's `rosters/` folder.
    func checkRoster(_ body: ByteBuffer, name: String, ext: String, baseline: Desk.Baseline, keep: Bool)
        -> (InputErrors?, Int, String?)
    {
        let unkept = (
            InputErrors([InputError(file: name, reason: "could not keep the upload for reading")]), 0, nil as String?
        )
        guard let path = try? Uploads.file(in: desk.folder, extension: ext) else { return unkept }
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(buffer: body), attributes: [.posixPermissions: 0o600])
        else { return unkept }
        do {
            let scenario = try Scenario.load(path: baseline.entry.file, policies: desk.policies, roster: path)
            guard keep else { return (nil, scenario.participants.count, nil) }
            do {
                let kept = try Uploads.keep(path, as: name, for: baseline.entry, in: desk.folder)
                return (nil, scenario.participants.count, kept)
            } catch {
                return (
                    InputErrors([InputError(file: name, reason: "checked, but could not be kept: \(error)")]), 0, nil
                )
            }
        } catch {
            // (Messages name the upload as the planner named it, not its temporary path.)
            var renamed = error
            renamed.errors = error.errors.map { e in
                var e = e
                if e.file == path { e.file = name }
                e.reason = e.reason.replacingOccurrences(of: path, with: name)
                return e
            }
            return (renamed, 0, nil)
        }
    }
}
