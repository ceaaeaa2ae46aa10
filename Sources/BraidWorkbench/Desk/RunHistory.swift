import BraidScenario
import Foundation
import GRDB

/// Every plan the workbench found, kept in SQLite (`.braid/history.sqlite` in the folder) so a
/// planner can reopen a past what-if and compare runs: the scenario, the edits (as the what-if
/// file's text), and the headline figures. No roster data: no participant id is stored.
public final class RunHistory: Sendable {
    /// One run, as the history page lists it.
    public struct Run: Sendable, Equatable {
        public let id: Int64
        public let scenario: String
        public let at: String
        public let changes: String
        public let draft: String
        public let served: Int
        public let applicants: Int
        public let spentCents: Int64
        public let status: String
        public let seconds: Double
    }

    private let db: DatabaseQueue

    public init(path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        db = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("runs") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("scenario", .text).notNull().indexed()
                t.column("at", .text).notNull()
                t.column("changes", .text).notNull()
                t.column("draft", .text).notNull()
                t.column("served", .integer).notNull()
                t.column("applicants", .integer).notNull()
                t.column("spentCents", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("seconds", .double).notNull()
            }
        }
        try migrator.migrate(db)
    }

    /// Records a plan (a failure to write is not the planner's problem: the run still shows).
    func record(scenario: String, draft: Draft?, plan: Plan, seconds: Double) {
        let at = ISO8601DateFormatter().string(from: Date())
        let changes = draft.map { $0.isEmpty ? "baseline" : $0.summary } ?? "baseline"
        let text = draft?.yaml(base: nil, name: nil, note: nil, rosterFolder: WorkFolder.rosterFolderName) ?? ""
        _ = try? db.write { db in
            try db.execute(
                sql: """
                    INSERT INTO run (scenario, at, changes, draft, served, applicants, spentCents, status, seconds)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    scenario, at, changes, text, plan.served.count, plan.served.count + plan.notServed.count,
                    plan.dollarsBraided,
                    "\(plan.status)", seconds,
                ])
        }
    }

    /// A scenario's runs, newest first.
    public func runs(of scenario: String, limit: Int = 200) throws -> [Run] {
        try db.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM run WHERE scenario = ? ORDER BY id DESC LIMIT ?", arguments: [scenario, limit]
            ).map(Self.run)
        }
    }

    public func run(_ id: Int64) throws -> Run? {
        try db.read { db in try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]).map(Self.run) }
    }

    private static func run(_ row: Row) -> Run {
        Run(
            id: row["id"], scenario: row["scenario"], at: row["at"], changes: row["changes"], draft: row["draft"],
            served: row["served"], applicants: row["applicants"], spentCents: row["spentCents"], status: row["status"],
            seconds: row["seconds"])
    }
}
