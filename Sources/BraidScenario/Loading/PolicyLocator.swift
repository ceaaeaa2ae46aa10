import BraidPolicy
import Foundation

/// Finds the policy folder: `--policies DIR`, else `$BRAID_POLICIES`, else a `Policies/` folder
/// in the current directory or one above it, else next to the executable's repository.
public enum PolicyLocator {
    /// The policy folder: `--policies`, else `$BRAID_POLICIES`, else a `Policies/` (holding
    /// `poverty-guidelines.yaml`) beside the scenario or in a folder above it, above the working
    /// folder, or above the executable, else the installed copy (`PREFIX/share/braid/Policies`
    /// for `PREFIX/bin/braid`, written by `make install`).
    public static func locate(explicit: String?, near scenario: String? = nil) throws(InputError) -> String {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["BRAID_POLICIES"], !env.isEmpty { return env }
        var starts: [String] = []
        if let scenario {
            var isDirectory: ObjCBool = false
            let isFolder =
                FileManager.default.fileExists(atPath: scenario, isDirectory: &isDirectory) && isDirectory.boolValue
            starts.append(isFolder ? scenario : (scenario as NSString).deletingLastPathComponent)
        }
        starts.append(FileManager.default.currentDirectoryPath)
        let executable = executableFolder()
        starts.append(executable)
        for start in starts {
            var url = URL(fileURLWithPath: start.isEmpty ? "." : start).standardizedFileURL
            for _ in 0..<8 {
                if let found = policies(in: url) { return relative(found) }
                url.deleteLastPathComponent()
            }
        }
        let installed = URL(fileURLWithPath: executable).deletingLastPathComponent()
            .appendingPathComponent("share/braid")
        if let found = policies(in: installed) { return found }
        throw InputError(
            file: "Policies",
            reason:
                "cannot find the policy folder; install braid with make install, run it inside its repository, or pass --policies DIR (or set BRAID_POLICIES)"
        )
    }

    /// `folder/Policies` when it holds the policies.
    static func policies(in folder: URL) -> String? {
        let candidate = folder.appendingPathComponent("Policies")
        let marker = candidate.appendingPathComponent("poverty-guidelines.yaml").path
        return FileManager.default.fileExists(atPath: marker) ? candidate.path : nil
    }

    /// The folder of the running executable (through symlinks: an installed link finds its
    /// real place).
    static func executableFolder() -> String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().path
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
