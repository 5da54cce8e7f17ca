import Foundation

/// Chooses OpenBLAS's kernels deliberately instead of trusting its CPU detection.
///
/// Debian's OpenBLAS 0.3.21 reads `OPENBLAS_CORETYPE` once, when the library loads, and on some
/// virtual machines with AVX-512 it misdetects the CPU as "Prescott" (slow SSE3 kernels). Setting the
/// variable inside the process is too late, so an executable calls `reexecIfNeeded()` first thing in
/// `main`: when the variable is unset and the CPU's flags include the AVX-512 subsets that the SkylakeX
/// kernels use, it sets `OPENBLAS_CORETYPE=SkylakeX` and replaces itself (`execv` of `/proc/self/exe`
/// with the same arguments). On other CPUs nothing changes: forcing SkylakeX there would crash with an
/// illegal instruction. Chapter programs call it before their first cell (`_folioBeginCell`); a process
/// that starts a child can pass `childEnvironment(_:)` instead.
public enum BLASConfiguration {
    /// The variable OpenBLAS reads at load time.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"
    /// The AVX-512 subsets OpenBLAS's SkylakeX kernels require.
    public static let skylakeXFlags: Set<String> = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]

    /// The core type to force, or `nil` to leave OpenBLAS's own choice (variable already set, or no AVX-512).
    public static func recommendedCoreType(environment: [String: String], cpuFlags: Set<String>) -> String? {
        if environment[coreTypeVariable] != nil { return nil }
        return skylakeXFlags.isSubset(of: cpuFlags) ? "SkylakeX" : nil
    }

    /// The CPU feature flags of the first processor in `/proc/cpuinfo` (empty where it cannot be read).
    public static func cpuFlags(cpuinfo path: String = "/proc/cpuinfo") -> Set<String> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }

    /// `environment` plus `OPENBLAS_CORETYPE` when this CPU should force it: for child processes.
    public static func childEnvironment(_ environment: [String: String]) -> [String: String] {
        var result = environment
        if let core = recommendedCoreType(environment: environment, cpuFlags: cpuFlags()) {
            result[coreTypeVariable] = core
        }
        return result
    }

    /// Sets `OPENBLAS_CORETYPE` and re-executes the current program when this CPU should force it.
    /// Returns normally (changing nothing) when no change is needed or `execv` fails.
    public static func reexecIfNeeded() {
        let environment = ProcessInfo.processInfo.environment
        guard let core = recommendedCoreType(environment: environment, cpuFlags: cpuFlags()) else { return }
        setenv(coreTypeVariable, core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached if execv failed: carry on with the kernels OpenBLAS picked.
        unsetenv(coreTypeVariable)
    }

    /// A one-line summary for benchmark output: kernels, threads, whether the core was forced.
    public static var summary: String {
        let forced = ProcessInfo.processInfo.environment[coreTypeVariable].map { " (\(coreTypeVariable)=\($0))" } ?? " (detected)"
        return "\(BLAS.coreName)\(forced), \(BLAS.threadCount) threads"
    }
}
