import BraidPlanner
import BraidPolicy
import BraidReports
import BraidScenario
import Foundation
import Hummingbird

/// The workbench's pages (GET) — every change is a POST in ``Routes`` (Routes+Changes.swift).
/// A handler catches its own errors and shows them as a page: nothing reaches Hummingbird's
/// log, where a path could carry a participant id.
struct Routes: Sendable {
    let desk: Desk
    let token: String

    func register(on router: Router<WorkbenchContext>) {
        router.get("/") { _, _ in await index() }
        router.get("/static/:file") { _, context in asset(context.parameters.get("file") ?? "") }
        router.get("/s/:id") { request, context in
            await page(context) { baseline in
                let query = request.uri.queryParameters
                if let roster = query.get("roster") {
                    return try await plan(baseline, Self.draft([("roster", roster)], baseline))
                }
                guard let run = query.get("run", as: Int64.self) else {
                    return Pages.scenario(baseline, draft: Draft(), result: Pages.result(baseline, nil), csrf: token)
                }
                return try await reopen(baseline, run)
            }
        }
        router.get("/s/:id/participants/:participant") { _, context in
            await page(context) { baseline in
                let id = context.parameters.get("participant") ?? ""
                guard baseline.analyses.contains(where: { $0.person.id == id }) else {
                    throw WorkbenchError("no participant '\(id)' in this scenario's roster")
                }
                let text = ExplainReport.explain(id, baseline.scenario, baseline.plan, analyses: baseline.analyses)
                return Pages.explain(baseline, participant: id, text: text, csrf: token)
            }
        }
        router.get("/s/:id/eligibility") { request, context in
            await page(context) { baseline in
                let number = request.uri.queryParameters.get("page", as: Int.self) ?? 1
                return Pages.eligibility(baseline, page: number, csrf: token)
            }
        }
        router.get("/s/:id/roster") { _, context in
            await page(context) { baseline in
                Pages.page(
                    "Roster", csrf: token, scenario: baseline.entry, name: baseline.scenario.name,
                    Templates.render(
                        "roster",
                        ["id": baseline.entry.id, "csrf": token, "limit": "\(Workbench.uploadLimit >> 20) MB"]))
            }
        }
        router.get("/s/:id/history") { _, context in
            await page(context) { baseline in
                let runs = try desk.history?.runs(of: baseline.entry.id) ?? []
                return Pages.history(baseline, runs: runs, csrf: token)
            }
        }
        router.get("/s/:id/history/compare") { request, context in
            await page(context) { baseline in
                let query = request.uri.queryParameters
                guard let a = query.get("a", as: Int64.self), let b = query.get("b", as: Int64.self) else {
                    throw WorkbenchError("pick two runs to compare (A and B)")
                }
                return try await compareRuns(baseline, a, b)
            }
        }
        router.get("/s/:id/sweeps/:sweep") { _, context in
            guard let run = await desk.sweep(context.parameters.get("sweep") ?? "") else {
                return Workbench.json(["error": "no such sweep"], status: .notFound)
            }
            return Workbench.json(run.status)
        }
        registerChanges(on: router)
    }

    func index() async -> Response {
        let folder = desk.folder
        if folder.entries.count == 1 {
            return Response(status: .seeOther, headers: [.location: "/s/\(Pages.percent(folder.entries[0].id))"])
        }
        return Workbench.html(Pages.index(folder, csrf: token))
    }

    func asset(_ name: String) -> Response {
        guard let file = Assets.files[name] else { return Workbench.text("not found", status: .notFound) }
        return Response(
            status: .ok, headers: [.contentType: file.type], body: .init(byteBuffer: ByteBuffer(string: file.text)))
    }

    /// A page of scenario `:id`: its baseline solved (on first use), then `body`; any error
    /// becomes a page that says what went wrong.
    func page(_ context: WorkbenchContext, _ body: (Desk.Baseline) async throws -> String) async -> Response {
        do {
            let baseline = try await desk.baseline(context.parameters.get("id") ?? "")
            return Workbench.html(try await body(baseline))
        } catch {
            return problem(error)
        }
    }

    func problem(_ error: any Error, status: HTTPResponse.Status = .unprocessableContent) -> Response {
        let notFound = (error as? WorkbenchError)?.description.hasPrefix("no ") ?? false
        return Workbench.html(
            Pages.problem("Something needs attention", "\(error)", csrf: token), status: notFound ? .notFound : status)
    }

    /// Two past runs side by side (run A as the base, run B planned close to it).
    func compareRuns(_ baseline: Desk.Baseline, _ a: Int64, _ b: Int64) async throws -> String {
        let (runA, draftA) = try pastRun(baseline, a)
        let (runB, draftB) = try pastRun(baseline, b)
        let comparison = try await desk.comparing(baseline.entry.id, draftA, draftB)
        let content = Templates.render(
            "runs",
            [
                "id": baseline.entry.id, "a": a, "b": b, "changesA": runA.changes, "changesB": runB.changes,
                "report": HTMLReport.compareBody(comparison),
            ])
        return Pages.page(
            "Runs \(a) and \(b)", csrf: token, scenario: baseline.entry, name: baseline.scenario.name, content)
    }

    /// A run of this scenario from the history, and its edits.
    func pastRun(_ baseline: Desk.Baseline, _ run: Int64) throws -> (run: RunHistory.Run, draft: Draft) {
        guard let past = try desk.history?.run(run), past.scenario == baseline.entry.id else {
            throw WorkbenchError("no run \(run) of this scenario in the history")
        }
        return (
            past,
            try Draft(
                whatIfText: past.draft, settings: baseline.settings, rules: baseline.rules,
                rosters: baseline.entry.rosters)
        )
    }

    /// A past run, solved anew from its edits.
    func reopen(_ baseline: Desk.Baseline, _ run: Int64) async throws -> String {
        try await plan(baseline, try pastRun(baseline, run).draft, record: false)
    }

    /// The plan page with `draft` planned beside the baseline.
    func plan(_ baseline: Desk.Baseline, _ draft: Draft, record: Bool = true) async throws -> String {
        if draft.isEmpty {
            return Pages.scenario(baseline, draft: draft, result: Pages.result(baseline, nil), csrf: token)
        }
        let outcome = try await desk.whatIf(baseline.entry.id, draft, record: record)
        return Pages.scenario(baseline, draft: draft, result: Pages.result(baseline, outcome), csrf: token)
    }
}
