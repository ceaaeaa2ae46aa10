import Foundation

/// Ctrl-C handling: exit with status 130 and leave no partial output file.
public enum Interrupt {
    // Read from the signal handler: only a C string and async-signal-safe calls (unlink, _exit).
    nonisolated(unsafe) private static var temporaryPath: UnsafeMutablePointer<CChar>? = nil

    /// Installs the SIGINT and SIGTERM handlers.
    public static func install() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            if let path = Interrupt.temporaryPath { unlink(path) }
            _exit(signal == SIGINT ? 130 : 128 + signal)
        }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A parent (e.g. Foundation's Process) may have started us with these signals blocked.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func setTemporaryFile(_ path: String?) {
        let old = temporaryPath
        temporaryPath = path.map { strdup($0) }
        free(old)
    }
}
