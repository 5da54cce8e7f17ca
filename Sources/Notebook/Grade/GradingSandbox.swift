import Foundation

/// Where `folio grade` runs a submission's program: a scratch working folder, resource limits, and,
/// where the system allows it, namespaces of its own.
///
/// What each level isolates (checked by `GradeEndToEndTests`):
/// - ``Level/full`` (folio runs as root) and ``Level/userNamespace`` (an unprivileged user namespace):
///   a network namespace with no interface up (a connect, even to 127.0.0.1, fails), a mount namespace
///   in which every mount is read-only except the scratch folder (a write anywhere else fails with
///   "Read-only file system"), IPC and host-name namespaces of its own, and no capabilities (it cannot
///   remount or change the kernel's settings).
/// - ``Level/limitsOnly``: only the limits and the scratch working folder.
///
/// Every level limits the address space, the size of a file written and core dumps; the runner's
/// time limit kills the whole process group. Not isolated: processes (no PID namespace: the program
/// sees the machine's processes), reading (every file the user running folio may read, the key
/// chapter too, is readable; the compiled program holds the key's in-code checks), and CPU share.
public struct GradingSandbox: Sendable, Equatable {
    /// How much of the system the program is kept from.
    public enum Level: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Network, mount, IPC and UTS namespaces made by root; file system read-only but the scratch folder.
        case full
        /// The same inside an unprivileged user namespace (for a teacher who is not root).
        case userNamespace = "user-namespace"
        /// Resource limits and the scratch working folder only.
        case limitsOnly = "limits-only"

        /// The name `--sandbox` takes.
        public var description: String { rawValue }
    }

    /// Limits put on every program.
    public struct Limits: Sendable, Equatable {
        /// The largest address space, in MiB (`ulimit -v`).
        public var memoryMiB: Int
        /// The largest file the program may write, in MiB (`ulimit -f`).
        public var fileMiB: Int

        /// 8 GiB of address space (the BLAS threads reserve much more than they use) and 256 MiB files.
        public init(memoryMiB: Int = 8192, fileMiB: Int = 256) {
            self.memoryMiB = memoryMiB
            self.fileMiB = fileMiB
        }
    }

    /// How much is isolated.
    public var level: Level
    /// The resource limits.
    public var limits: Limits
    /// Files the program must not read (the key chapter): in ``Level/full`` and
    /// ``Level/userNamespace`` each cannot be read as it was (`/dev/null` is mounted over it).
    public var concealed: [String]

    /// A sandbox of `level` with `limits`, hiding the files `concealed`.
    public init(level: Level, limits: Limits = Limits(), concealed: [String] = []) {
        self.level = level
        self.limits = limits
        self.concealed = concealed
    }

    /// The most isolating level this system allows, found by trying each.
    public static func strongestAvailable() -> Level {
        for level in [Level.full, .userNamespace] where works(level) { return level }
        return .limitsOnly
    }

    /// Whether `level` can be set up here: a trial run of `true` inside it.
    public static func works(_ level: Level) -> Bool {
        let scratch = NSTemporaryDirectory() + "folio-sandbox-probe-\(getpid())-\(UUID().uuidString)"
        guard (try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let probe = GradingSandbox(level: level)
        guard let ending = try? ChildProcess(arguments: probe.launchPrefix(scratch: scratch) + ["/bin/true"]).run(onData: { _, _ in }) else { return false }
        return ending == .exited(0)
    }

    /// The words that start a program inside the sandbox, with `scratch` as its working folder: the
    /// program's path and arguments follow them.
    public func launchPrefix(scratch: String) -> [String] {
        let namespaces = ["--net", "--mount", "--ipc", "--uts", "--propagation", "private"]
        let shell = ["/bin/sh", "-c", script, "folio-sandbox", scratch]
        switch level {
        case .full: return ["/usr/bin/unshare"] + namespaces + ["--"] + shell
        case .userNamespace: return ["/usr/bin/unshare", "--user", "--map-root-user"] + namespaces + ["--"] + shell
        case .limitsOnly: return shell
        }
    }

    /// The shell that sets the sandbox up and then becomes the program (`exec`, so the process id, the
    /// process group and the side channel stay the runner's). `$1` is the scratch folder.
    var script: String {
        var lines = ["set -e", "scratch=\"$1\"; shift"]
        if level != .limitsOnly {
            lines += [
                // The scratch folder becomes a mount of its own, which stays writable…
                "mount --bind \"$scratch\" \"$scratch\"",
            ] + concealed.map { "mount --bind /dev/null \(shellQuoted($0))" } + [
                // …and every other mount is made read-only (names with white space are skipped).
                "awk '{print $5}' /proc/self/mountinfo | sort -u | while read -r point; do",
                "  [ \"$point\" = \"$scratch\" ] || mount -o remount,bind,ro \"$point\" 2>/dev/null || true",
                "done",
            ]
        }
        lines += [
            "ulimit -v \(limits.memoryMiB * 1024)",
            // dash counts -v in KiB and -f in blocks of 512 bytes.
            "ulimit -f \(limits.fileMiB * 2048)",
            "ulimit -c 0",
            "cd \"$scratch\"",
        ]
        lines.append(level == .limitsOnly ? "exec \"$@\""
            : "exec /usr/bin/setpriv --bounding-set=-all --inh-caps=-all --no-new-privs -- \"$@\"")
        return lines.joined(separator: "\n")
    }
}

