import BraidPolicy
import Foundation

/// Finds the policy folder: `--policies DIR`, else `$BRAID_POLICIES`, else a `Policies/` folder
/// in the current directory or one above it, else next to the executable's repository.
public enum PolicyLocator {
    public static func locate(explicit: String?) throws(InputError) -> String {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["BRAID_POLICIES"], !env.isEmpty { return env }
        var starts = [FileManager.default.currentDirectoryPath]
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent().path
        starts.append(executable)
        for start in starts {
            var url = URL(fileURLWithPath: start)
            for _ in 0..<8 {
                let candidate = url.appendingPathComponent("Policies")
                if FileManager.default.fileExists(
                    atPath: candidate.appendingPathComponent("poverty-guidelines.yaml").path)
                {
                    return relative(candidate.path)
                }
                url.deleteLastPathComponent()
            }
        }
        throw InputError(
            file: "Policies",
            reason:
                "cannot find the policy folder; run braid inside its repository, or pass --policies DIR (or set BRAID_POLICIES)"
        )
    }

    /// The shipped scenario folder (next to the policies).
    public static func scenarios(policies: String) -> String {
        ((policies as NSString).deletingLastPathComponent as NSString).appendingPathComponent("Scenarios")
    }

    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
