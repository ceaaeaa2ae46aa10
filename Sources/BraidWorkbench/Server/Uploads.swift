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
        guard request.headers[HTTPField.Name("X-CSRF-Token")!].map({ Workbench.same($0, token) }) == true else {
            return Workbench.html(
                Pages.messages(
                    file: "upload",
                    errors: InputErrors([InputError(file: "upload", reason: "the page is out of date: reload it")]),
                    participants: 0), status: .forbidden)
        }
        let given = request.headers[HTTPField.Name("X-File-Name")!].flatMap { $0.removingPercentEncoding } ?? "roster"
        let name = (given as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension.lowercased()
        guard ext == "csv" || ext == "xlsx" else {
            return Workbench.html(
                Pages.messages(
                    file: name,
                    errors: InputErrors([InputError(file: name, reason: "a roster is a .csv or .xlsx file")]),
                    participants: 0), status: .unprocessableContent)
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            let large = InputErrors([InputError(file: name, reason: "larger than \(Workbench.uploadLimit >> 20) MB")])
            return Workbench.html(
                Pages.messages(file: name, errors: large, participants: 0), status: .contentTooLarge)
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
        let path: String
        do {
            path = try Uploads.file(in: desk.folder, extension: ext)
        } catch {
            return (InputErrors([InputError(file: name, reason: "could not keep the upload for reading")]), 0)
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(buffer: body), attributes: [.posixPermissions: 0o600])
        else { return (InputErrors([InputError(file: name, reason: "could not keep the upload for reading")]), 0) }
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
