import BraidPolicy
import BraidScenario
import Foundation

/// One job of a batch manifest (docs/BATCH.md): a `run`, a `compare` or a `sweep`, with the
/// options its command would be given.
public struct BatchJob: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case run, compare, sweep }
    /// Its place in the manifest, from 0 (which shard runs it, and the order of every index).
    public var index: Int
    public var id: String
    public var kind: Kind
    /// The scenario (run, sweep) or what-if file (compare), as the manifest writes it.
    public var input: String
    /// compare: the baseline scenario (nil: the what-if's own `base:`).
    public var baseline: String?
    /// `--set KEY=VALUE` (the manifest's defaults first).
    public var overrides: [String]
    /// sweep: one or two `KEY=FROM:TO:STEP`.
    public var vary: [String]
    public var timeLimit: Double?
    public var gap: Double?
    public var prices: String?
    /// The manifest line the job starts on.
    public var line: Int?

    public init(
        index: Int, id: String, kind: Kind, input: String, baseline: String? = nil, overrides: [String] = [],
        vary: [String] = [], timeLimit: Double? = nil, gap: Double? = nil, prices: String? = nil, line: Int? = nil
    ) {
        self.index = index
        self.id = id
        self.kind = kind
        self.input = input
        self.baseline = baseline
        self.overrides = overrides
        self.vary = vary
        self.timeLimit = timeLimit
        self.gap = gap
        self.prices = prices
        self.line = line
    }
}

/// A batch manifest: the jobs of a national analysis, and where their results go.
public struct BatchManifest: Sendable {
    /// The file as given.
    public var file: String
    /// The folder relative paths in it resolve against.
    public var folder: String
    /// The results folder as the manifest writes it (nil: `NAME-results` beside it).
    public var output: String?
    public var jobs: [BatchJob]
    /// SHA-256 of the manifest's bytes: shards of one manifest carry it, and `merge` checks it.
    public var digest: String

    public static let jobKeys = [
        "id", "run", "compare", "sweep", "baseline", "set", "vary", "time_limit", "gap", "prices",
    ]
    public static let defaultKeys = ["set", "time_limit", "gap", "prices"]
    static let idCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")

    /// A path of the manifest resolved against its folder.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (folder as NSString).appendingPathComponent(path)
    }

    /// The results folder: `--out`, else the manifest's `output:`, else `NAME-results` beside it.
    public func outputFolder(override: String?) -> String {
        if let override { return override }
        if let output { return resolve(output) }
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        return resolve("\(name)-results")
    }

    /// Reads and checks a manifest: every problem reported at once, with line, column and key.
    public static func load(_ file: String) throws(InputErrors) -> BatchManifest {
        let text: String
        let root: YAMLValue
        do {
            text = try readTextFile(file, limitBytes: 4 << 20)
            root = try YAMLValue.parse(text, file: file)
            _ = try root.entries()
        } catch { throw InputErrors([error]) }
        let diagnostics = Diagnostics()
        root.checkKeys(["output", "defaults", "jobs"], diagnostics)
        let folder = (file as NSString).deletingLastPathComponent
        var manifest = BatchManifest(
            file: file, folder: folder.isEmpty ? "." : folder, output: nil, jobs: [],
            digest: BatchJobRun.digest(text))
        if let output = root["output"] {
            manifest.output = diagnostics.attempt { () throws(InputError) in
                let path = try output.string()
                guard !path.isEmpty else { throw output.error("expected a folder, got an empty value") }
                return path
            }
        }
        var defaults = BatchJob(
            index: -1, id: "", kind: .run, input: "", overrides: [], vary: [], line: nil)
        if let given = root["defaults"] {
            given.checkKeys(defaultKeys, diagnostics)
            readOptions(given, into: &defaults, diagnostics)
        }
        guard let list = root["jobs"] else {
            diagnostics.add(root.error("no jobs: give a list under jobs:", key: "jobs"))
            try diagnostics.check()
            return manifest
        }
        let items = diagnostics.attempt { () throws(InputError) in try list.items() } ?? []
        if items.isEmpty, diagnostics.isEmpty { diagnostics.add(list.error("the list of jobs is empty")) }
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let job = readJob(item, index: index, defaults: defaults, manifest: manifest, diagnostics) else {
                continue
            }
            if let first = seen[job.id] {
                diagnostics.add(
                    item.error(
                        "job id '\(job.id)' is also the id of job \(first + 1) (line \(manifest.jobs.first { $0.id == job.id }?.line ?? 0)): give each job its own id:",
                        key: "\(item.key).id"))
                continue
            }
            seen[job.id] = index
            manifest.jobs.append(job)
        }
        try diagnostics.check()
        return manifest
    }

    private static func readJob(
        _ item: YAMLValue, index: Int, defaults: BatchJob, manifest: BatchManifest, _ diagnostics: Diagnostics
    ) -> BatchJob? {
        guard (try? item.entries()) != nil else {
            diagnostics.add(
                item.error("expected a job (run:, compare: or sweep: and its options), got \(item.kindDescription)"))
            return nil
        }
        item.checkKeys(jobKeys, diagnostics)
        let kinds = BatchJob.Kind.allCases.filter { item[$0.rawValue] != nil }
        guard kinds.count == 1, let kind = kinds.first, let inputValue = item[kind.rawValue] else {
            diagnostics.add(
                item.error(
                    kinds.isEmpty
                        ? "give one of run:, compare: or sweep:"
                        : "give only one of run:, compare: or sweep: (this job has \(kinds.map { $0.rawValue + ":" }.joined(separator: " and ")))"
                ))
            return nil
        }
        var job = defaults
        job.index = index
        job.kind = kind
        job.line = item.line
        var ok = true
        func require(_ body: () throws(InputError) -> Void) {
            do { try body() } catch {
                diagnostics.add(error)
                ok = false
            }
        }
        require { () throws(InputError) in
            job.input = try inputValue.string()
            try exists(job.input, inputValue, manifest)
        }
        if let baseline = item["baseline"] {
            require { () throws(InputError) in
                guard kind == .compare else { throw baseline.error("baseline: is for compare jobs only") }
                job.baseline = try baseline.string()
                try exists(job.baseline!, baseline, manifest)
            }
        }
        if let vary = item["vary"] {
            require { () throws(InputError) in
                guard kind == .sweep else { throw vary.error("vary: is for sweep jobs only") }
                job.vary = try vary.strings()
                guard (1...2).contains(job.vary.count) else {
                    throw vary.error("give one or two KEY=FROM:TO:STEP, got \(job.vary.count)")
                }
                for text in job.vary {
                    do throws(InputError) { _ = try SweepAxis(text) } catch { throw vary.error(error.reason) }
                }
            }
        } else if kind == .sweep {
            diagnostics.add(item.error("a sweep needs vary: [KEY=FROM:TO:STEP]", key: "\(item.key).vary"))
            ok = false
        }
        let before = diagnostics.errors.count
        readOptions(item, into: &job, diagnostics)
        if diagnostics.errors.count > before { ok = false }
        if job.gap != nil, kind == .sweep {
            diagnostics.add(item.error("gap: is for run and compare jobs", key: "\(item.key).gap"))
            ok = false
        }
        if job.prices != nil, kind == .sweep {
            diagnostics.add(item.error("prices: is for run and compare jobs", key: "\(item.key).prices"))
            ok = false
        }
        if !readID(item, into: &job, inputRead: ok, diagnostics) { ok = false }
        return ok ? job : nil
    }

    /// The job's `id`, or one made from its input; false (with the problem recorded) when neither
    /// gives a usable one.
    private static func readID(_ item: YAMLValue, into job: inout BatchJob, inputRead: Bool, _ diagnostics: Diagnostics)
        -> Bool
    {
        if let id = item["id"] {
            do throws(InputError) {
                let text = try id.string()
                guard Self.isValidID(text) else {
                    throw id.error(
                        "expected an id of letters, digits, '.', '_' and '-' (at most 100, not starting with '.' or '-'), got '\(text)'"
                    )
                }
                job.id = text
            } catch {
                diagnostics.add(error)
                return false
            }
        } else if inputRead {
            let name = ((job.input as NSString).lastPathComponent as NSString)
            let stem =
                ["yaml", "yml"].contains(name.pathExtension.lowercased()) ? name.deletingPathExtension : name as String
            job.id =
                stem == "scenario"
                ? ((job.input as NSString).deletingLastPathComponent as NSString).lastPathComponent : stem
            if !Self.isValidID(job.id) {
                diagnostics.add(item.error("its input makes no usable id ('\(job.id)'): give it an id:"))
                return false
            }
        }
        return true
    }

    /// `set`, `time_limit`, `gap` and `prices`, over what `job` has (a job's `set` after the defaults').
    private static func readOptions(_ value: YAMLValue, into job: inout BatchJob, _ diagnostics: Diagnostics) {
        if let set = value["set"], let pairs = diagnostics.attempt({ () throws(InputError) in try set.strings() }) {
            for pair in pairs where !pair.contains("=") {
                diagnostics.add(set.error("expected KEY=VALUE, got '\(pair)'"))
            }
            job.overrides += pairs
        }
        if let limit = value["time_limit"],
            let seconds = diagnostics.attempt({ () throws(InputError) in try limit.number() })
        {
            if seconds > 0 && seconds <= 86_400 * 7 {
                job.timeLimit = seconds
            } else {
                diagnostics.add(limit.error("expected seconds above 0 and at most a week (604800), got \(seconds)"))
            }
        }
        if let gap = value["gap"], let g = diagnostics.attempt({ () throws(InputError) in try gap.number() }) {
            if g >= 0 && g < 1 {
                job.gap = g
            } else {
                diagnostics.add(gap.error("expected a gap from 0 to below 1, got \(g)"))
            }
        }
        if let prices = value["prices"],
            let text = diagnostics.attempt({ () throws(InputError) in try prices.string() })
        {
            if ["auto", "always", "never"].contains(text) {
                job.prices = text
            } else {
                diagnostics.add(prices.error("expected auto, always or never, got '\(text)'"))
            }
        }
    }

    private static func exists(_ path: String, _ value: YAMLValue, _ manifest: BatchManifest) throws(InputError) {
        guard !path.isEmpty else { throw value.error("expected a scenario or what-if path, got an empty value") }
        guard FileManager.default.fileExists(atPath: manifest.resolve(path)) else {
            throw value.error("'\(path)' not found (paths are relative to the manifest's folder)")
        }
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100 && !id.hasPrefix(".") && !id.hasPrefix("-")
            && id.allSatisfy { idCharacters.contains($0) }
    }
}
