import BraidPolicy
import BraidScenario
import Foundation
import HTTPTypes
import Hummingbird

/// Uploaded rosters: written into `.braid/uploads` (0600) only for as long as the check reads
/// them, then deleted; their contents are never logged or kept.
enum Uploads {
    /// A new, unique file in `.braid/uploads`.
    static func file(in folder: WorkFolder, extension ext: String) throws -> String {
        let uploads = (folder.dataFolder as NSString).appendingPathComponent("uploads")
        try FileManager.default.createDirectory(
            atPath: uploads, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return (uploads as NSString).appendingPathComponent("\(UUID().uuidString).\(ext)")
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
        let (errors, count) = checkRoster(body, name: name, ext: ext, baseline: baseline)
        return Workbench.html(
            Pages.messages(file: name, errors: errors, participants: count),
            status: errors == nil ? .ok : .unprocessableContent)
    }

    /// The roster read with the scenario's programs and columns: its problems (nil: none) and how
    /// many participants it holds.
    func checkRoster(_ body: ByteBuffer, name: String, ext: String, baseline: Desk.Baseline) -> (InputErrors?, Int) {
        let unkept = (InputErrors([InputError(file: name, reason: "could not keep the upload for reading")]), 0)
        guard let path = try? Uploads.file(in: desk.folder, extension: ext) else { return unkept }
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(buffer: body), attributes: [.posixPermissions: 0o600])
        else { return unkept }
        do {
            let scenario = try Scenario.load(path: baseline.entry.file, policies: desk.policies, roster: path)
            return (nil, scenario.participants.count)
        } catch {
            // (Messages name the upload as the planner named it, not its temporary path.)
            var renamed = error
            renamed.errors = error.errors.map { e in
                var e = e
                if e.file == path { e.file = name }
                e.reason = e.reason.replacingOccurrences(of: path, with: name)
                return e
            }
            return (renamed, 0)
        }
    }
}
