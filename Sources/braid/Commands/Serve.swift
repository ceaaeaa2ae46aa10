import ArgumentParser
import BraidPolicy
import BraidScenario
import BraidWorkbench
import Dispatch
import Foundation

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the planner's workbench: a local web app to explore a scenario.",
        discussion: """
            Serves SCENARIO_OR_FOLDER (a scenario, or a folder of scenario folders; default: the shipped \
            scenarios) at http://127.0.0.1:PORT. It reads and writes only inside that folder (saved what-ifs \
            in what-if/, its run history in .braid/). Listening beyond this machine needs --host and \
            --allow-remote. Stop it with Ctrl-C. See docs/WORKBENCH.md.
            """)
    @Argument(help: "A scenario (its folder or YAML) or a folder of scenario folders.", completion: .file())
    var scenario: String?
    @OptionGroup var policyOptions: PolicyOptions
    @Option(help: "The port (0: any free port, printed).") var port: Int = 8080
    @Option(help: "The address to listen on; other than loopback only with --allow-remote.") var host = "127.0.0.1"
    @Flag(
        name: .customLong("allow-remote"),
        help: "Listen beyond this machine (no login: anyone who can reach it can use it).")
    var allowRemote = false
    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: "Seconds for each plan.")
    var timeLimit: Double = 60
    @Option(help: "Relative gap at which each plan's search stops (as run's --gap; 0 proves every plan).")
    var gap: Double = 0.005

    func validate() throws {
        try TimeLimit.check(timeLimit)
        try TimeLimit.check(gap: gap)
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        if !Workbench.isLoopback(host) && !allowRemote {
            throw ValidationError(
                "--host \(host) listens beyond this machine: add --allow-remote if that is meant (anyone who can reach it can use it)"
            )
        }
    }

    func run() throws {
        let policies = try policyOptions.load(near: scenario)
        let path = scenario ?? PolicyLocator.scenarios(policies: policies.directory)
        let folder: WorkFolder
        do { folder = try WorkFolder(opening: path) } catch { throw ValidationError("\(error)") }
        var settings = Workbench.Settings()
        settings.host = host
        settings.port = port
        settings.timeLimit = timeLimit
        settings.gap = gap
        settings.allowRemote = allowRemote
        if !Workbench.isLoopback(host) {
            FileHandle.standardError.write(
                Data(
                    "warning: listening on \(host): anyone who can reach this machine can read and change these scenarios\n"
                        .utf8))
        }
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let shown = host.contains(":") ? "[\(host)]" : host
        Task {
            do {
                try await Workbench.serve(folder: folder, policies: policies, settings: settings) { port in
                    FileHandle.standardOutput.write(
                        Data("Braid workbench on \(folder.root): http://\(shown):\(port)/  (Ctrl-C stops it)\n".utf8))
                }
            } catch {
                failure.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = failure.error { throw error }
    }

    final class FailureBox: @unchecked Sendable { var error: (any Error)? }
}
