import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation
import HTTPTypes
import Hummingbird

/// The workbench's changes (POST): re-plan a what-if, save it as a file, download a plan, check
/// a roster, run and cancel a sweep. Each reads its form only after the CSRF token is checked.
extension Routes {
    func registerChanges(on router: Router<WorkbenchContext>) {
        router.post("/s/:id/plan") { request, context in
            var request = request
            let fragment = request.headers[Workbench.fragmentHeader] != nil
            return await change(&request, context) { baseline, form in
                let draft: Draft
                do {
                    draft = try Self.draft(form.fields, baseline)
                } catch {
                    let result = Pages.result(baseline, nil, problem: "\(error)")
                    return fragment
                        ? Workbench.html(result, status: .unprocessableContent)
                        : Workbench.html(Pages.scenario(baseline, draft: Draft(), result: result, csrf: token))
                }
                let result: String
                var status = HTTPResponse.Status.ok
                do {
                    let outcome = draft.isEmpty ? nil : try await desk.whatIf(baseline.entry.id, draft)
                    result = Pages.result(baseline, outcome)
                } catch is Desk.Superseded {
                    return Workbench.text("superseded by a newer edit", status: .conflict)
                } catch {
                    result = Pages.result(baseline, nil, problem: "\(error)")
                    status = .unprocessableContent
                }
                return fragment
                    ? Workbench.html(result, status: status)
                    : Workbench.html(
                        Pages.scenario(baseline, draft: draft, result: result, csrf: token), status: status)
            }
        }
        router.post("/s/:id/whatifs") { request, context in
            var request = request
            return await change(&request, context) { baseline, form in
                let draft = try Self.draft(form.fields, baseline)
                return Workbench.html(try save(baseline, draft, name: form.first("name") ?? ""))
            }
        }
        router.post("/s/:id/download") { request, context in
            var request = request
            return await change(&request, context) { baseline, form in
                let draft = try Self.draft(form.fields, baseline)
                let format = form.first("format") ?? "json"
                guard !draft.isEmpty else {
                    return try download(baseline.plan, baseline.scenario, format: format, baseline: baseline)
                }
                let outcome = try await desk.whatIf(baseline.entry.id, draft, record: false)
                return try download(outcome.plan, outcome.scenario, format: format, baseline: baseline)
            }
        }
        router.post("/s/:id/roster") { request, context in
            var request = request
            return await check(&request, context)
        }
        router.post("/s/:id/sweeps") { request, context in
            var request = request
            return await change(&request, context) { baseline, form in
                let draft = try Self.draft(form.fields, baseline)
                let axis = try Self.axis(form, baseline)
                let key = try await desk.startSweep(baseline.entry.id, draft: draft, axis: axis)
                return Workbench.json(["sweep": key])
            } failed: { error in
                Workbench.json(["error": "\(error)"], status: .unprocessableContent)
            }
        }
        router.post("/s/:id/sweeps/:sweep/cancel") { request, context in
            guard Workbench.carries(token, request) else {
                return Workbench.json(["error": "the page is out of date: reload it"], status: .forbidden)
            }
            guard let run = await desk.sweep(context.parameters.get("sweep") ?? "") else {
                return Workbench.json(["error": "no such sweep"], status: .notFound)
            }
            run.cancel()
            return Workbench.json(["cancelled": true])
        }
    }

    /// A change to scenario `:id`: the form read (CSRF checked), then `body`; errors as a page
    /// (or as `failed` says).
    func change(
        _ request: inout Request, _ context: WorkbenchContext,
        _ body: (Desk.Baseline, FormBody) async throws -> Response,
        failed: ((any Error) -> Response)? = nil
    ) async -> Response {
        do {
            let form = try await FormBody(&request, context: context, token: token)
            let baseline = try await desk.baseline(context.parameters.get("id") ?? "")
            return try await body(baseline, form)
        } catch let error as WorkbenchError where error.description.hasPrefix("the page is out of date") {
            return failed?(error) ?? problem(error, status: .forbidden)
        } catch {
            return failed?(error) ?? problem(error)
        }
    }

    /// The draft a submitted form describes, against the rosters kept for the scenario now.
    static func draft(_ fields: [(String, String)], _ baseline: Desk.Baseline) throws(WorkbenchError) -> Draft {
        try Draft(form: fields, settings: baseline.settings, rules: baseline.rules, rosters: baseline.entry.rosters)
    }

    /// Saves the draft as `what-if/NAME.yaml` beside the scenario (never over another file).
    func save(_ baseline: Desk.Baseline, _ draft: Draft, name: String) throws -> String {
        guard let slug = WorkFolder.slug(name) else { throw WorkbenchError("give the what-if a name") }
        guard !draft.isEmpty else { throw WorkbenchError("nothing is changed: the what-if would be the baseline") }
        let folder = desk.folder
        var path = folder.whatIfPath(baseline.entry, slug: slug)
        var n = 2
        while FileManager.default.fileExists(atPath: path) {
            path = folder.whatIfPath(baseline.entry, slug: "\(slug)-\(n)")
            n += 1
        }
        guard folder.contains(path) else { throw WorkbenchError("the what-if would be written outside the folder") }
        let text = draft.yaml(
            base: folder.base(of: baseline.entry), name: "\(baseline.scenario.name) — \(name)",
            note: "Saved from braid serve: \(draft.summary).", rosterFolder: "../" + WorkFolder.rosterFolderName)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o644])
        else { throw WorkbenchError("could not write \(path)") }
        let shown = String(path.dropFirst(folder.root.count + 1))
        return Pages.page(
            "Saved", csrf: token, scenario: baseline.entry, name: baseline.scenario.name,
            Templates.render(
                "saved", ["id": baseline.entry.id, "path": shown, "command": "braid compare \(Self.quoted(shown))"]))
    }

    static func quoted(_ s: String) -> String {
        s.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
            ? s : "'\(s.replacingOccurrences(of: "'", with: "'\\''"))'"
    }

    /// The plan in a format, as a file to download.
    func download(_ plan: Plan, _ scenario: Scenario, format: String, baseline: Desk.Baseline) throws -> Response {
        let name = WorkFolder.slug(baseline.entry.id) ?? "plan"
        switch format {
        case "json":
            return Workbench.download(
                Data(ResultJSON.encode(plan).utf8), name: "\(name).json", type: "application/json")
        case "csv": return Workbench.download(Data(ResultCSV.encode(plan).utf8), name: "\(name).csv", type: "text/csv")
        case "html":
            return Workbench.download(
                Data(HTMLReport.run(plan, scenario).utf8), name: "\(name).html", type: "text/html; charset=utf-8")
        case "xlsx":
            let temporary = try Uploads.file(in: desk.folder, extension: "xlsx")
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            try WorkbookReport.run(plan, scenario).write(to: temporary)
            return Workbench.download(
                try Data(contentsOf: URL(fileURLWithPath: temporary)), name: "\(name).xlsx",
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        default: throw WorkbenchError("format: \"\(format)\" is not one of xlsx, html, json, csv")
        }
    }

    /// The sweep a form asks for: `sweep.key` from `sweep.from` to `sweep.to` in `sweep.points` points.
    static func axis(_ form: FormBody, _ baseline: Desk.Baseline) throws -> SweepAxis {
        let key = form.first("sweep.key") ?? ""
        guard let setting = baseline.settings.first(where: { $0.key == key }) else {
            throw WorkbenchError("sweep: \"\(key)\" is not a setting of this scenario")
        }
        guard let from = Double(form.first("sweep.from") ?? ""), let to = Double(form.first("sweep.to") ?? ""),
            let points = Int(form.first("sweep.points") ?? ""), (2...101).contains(points), to > from
        else { throw WorkbenchError("sweep: give numbers from < to and 2 to 101 points") }
        var step = (to - from) / Double(points - 1)
        if setting.kind == .money { step = max(0.01, (step * 100).rounded() / 100) }
        let start = setting.kind == .money ? (from * 100).rounded() / 100 : from
        return try SweepAxis("\(key)=\(formatNumber(start)):\(formatNumber(to)):\(formatNumber(step))")
    }
}
