import Foundation
import FolioProtocol

/// Runs a program in its own process group, feeding what it writes to standard output, standard error
/// and (optionally) a side-channel pipe to a handler as it arrives.
///
/// The program's end is its exit, not the end of its pipes: when it exits, or when the deadline
/// passes, everything it started is killed (``ProcessTree``), what is left in the pipes is read for at
/// most ``drainSeconds``, and the run is over, whatever still holds the pipes open.
struct ChildProcess {
    /// How the child ended.
    enum Ending: Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it (a trap is SIGILL or SIGTRAP).
        case signaled(Int32)
        /// The deadline passed and folio killed it.
        case killedAtDeadline
    }

    enum Stream { case output, error, sideChannel }

    /// Failure to start the program at all.
    struct LaunchError: Error, CustomStringConvertible {
        var program: String
        var code: Int32
        var description: String { "cannot run \(program): \(String(cString: strerror(code)))" }
    }

    /// The file descriptor the side-channel pipe has in the child.
    static let sideChannelDescriptor: Int32 = 3
    /// How long the pipes are read after the program ended.
    static let drainSeconds = 2.0

    var arguments: [String]
    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Looks the program up in PATH when it has no slash.
    var searchPath = false
    /// Gives the child a pipe at ``sideChannelDescriptor`` whose bytes arrive as `.sideChannel`.
    var sideChannel = false

    /// Runs the program to its end.
    /// - Parameters:
    ///   - deadline: asked before each wait; a monotonic time in seconds (``monotonicSeconds()``) after
    ///     which everything is killed, or nil for none.
    ///   - started: called with the child's process id once it runs.
    ///   - onData: called on the calling thread with each chunk read.
    func run(deadline: () -> Double? = { nil }, started: (pid_t) -> Void = { _ in },
             onData: (Stream, [UInt8]) -> Void) throws -> Ending {
        let tree = ProcessTree()
        let (pid, pipes) = try spawn(tree: tree)
        started(pid)
        var open = pipes
        var exited = false, killed = false
        var drainDeadline = Double.infinity
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty && monotonicSeconds() < drainDeadline {
            if !exited, Self.hasExited(pid) {
                exited = true
                tree.kill(group: pid, root: pid)
                drainDeadline = monotonicSeconds() + Self.drainSeconds
            }
            var timeout: Int32 = 100
            if !exited, !killed, let limit = deadline() {
                let remaining = limit - monotonicSeconds()
                if remaining <= 0 {
                    tree.kill(group: pid, root: pid)
                    killed = true
                } else {
                    timeout = Int32(min(remaining * 1000, 100).rounded(.up))
                }
            }
            open = Self.readReady(open, timeout: timeout, buffer: &buffer, onData: onData)
        }
        for entry in open { close(entry.fd) }
        if !exited { tree.kill(group: pid, root: pid) }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
        Interruption.ended(group: pid)
        Interruption.haltIfInterrupted()
        if killed { return .killedAtDeadline }
        let signal = waitStatus & 0x7f
        return signal == 0 ? .exited((waitStatus >> 8) & 0xff) : .signaled(signal)
    }

    /// Runs the program and collects both streams as text.
    func runCollecting(deadline: () -> Double? = { nil }) throws -> (ending: Ending, output: String, error: String) {
        var output: [UInt8] = [], error: [UInt8] = []
        let ending = try run(deadline: deadline) { stream, bytes in
            if stream == .output { output += bytes } else { error += bytes }
        }
        return (ending, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    /// Whether the child has exited (it stays a zombie, so its process id and group stay its own).
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_signo == SIGCHLD
    }

    /// Waits up to `timeout` ms for data, reads what is ready; returns the pipes still open.
    private static func readReady(_ open: [(fd: Int32, stream: Stream)], timeout: Int32, buffer: inout [UInt8],
                                  onData: (Stream, [UInt8]) -> Void) -> [(fd: Int32, stream: Stream)] {
        var fds = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        let ready = poll(&fds, nfds_t(fds.count), timeout)
        guard ready > 0 else { return open }
        var stillOpen: [(fd: Int32, stream: Stream)] = []
        for (index, entry) in open.enumerated() {
            guard fds[index].revents != 0 else {
                stillOpen.append(entry)
                continue
            }
            let count = read(entry.fd, &buffer, buffer.count)
            if count > 0 {
                onData(entry.stream, Array(buffer[0..<count]))
                stillOpen.append(entry)
            } else if count < 0 && (errno == EINTR || errno == EAGAIN) {
                stillOpen.append(entry)
            } else {
                close(entry.fd)
            }
        }
        return stillOpen
    }

    /// Starts the program with its pipes; returns its process id and the read ends.
    private func spawn(tree: ProcessTree) throws -> (pid_t, [(fd: Int32, stream: Stream)]) {
        // Pipes are made close-on-exec under one lock with the spawn, so that children started by
        // other threads never inherit (and hold open) this child's pipes.
        spawnLock.lock()
        defer { spawnLock.unlock() }
        Interruption.haltIfInterrupted()
        let streams: [Stream] = sideChannel ? [.output, .error, .sideChannel] : [.output, .error]
        var pipes: [[Int32]] = []
        for _ in streams {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else {
                let code = errno
                pipes.flatMap { $0 }.forEach { close($0) }
                throw LaunchError(program: arguments[0], code: code)
            }
            // Close-on-exec, and above the descriptors they are put at in the child (a `dup2` onto
            // itself would keep the flag).
            pipes.append(ends.map { fd in
                let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
                guard moved >= 0 else { _ = fcntl(fd, F_SETFD, FD_CLOEXEC); return fd }
                close(fd)
                return moved
            })
        }
        var environment = tree.environment(self.environment)
        if sideChannel { environment[ProtocolEnvironment.sideChannelDescriptor] = String(Self.sideChannelDescriptor) }
        let targets: [Int32] = [1, 2, Self.sideChannelDescriptor]
        let status = Self.spawnProgram(arguments, environment: environment, searchPath: searchPath,
                                       writeEnds: zip(pipes, targets).map { ($0[1], $1) })
        for ends in pipes { close(ends[1]) }
        guard case .success(let pid) = status else {
            for ends in pipes { close(ends[0]) }
            if case .failure(let code) = status { throw LaunchError(program: arguments[0], code: code) }
            throw LaunchError(program: arguments[0], code: EINVAL)
        }
        Interruption.started(group: pid)
        return (pid, zip(pipes, streams).map { ($0[0], $1) })
    }

    private enum SpawnResult { case success(pid_t), failure(Int32) }

    /// `posix_spawn` in a new process group, standard input from /dev/null, default signals, the
    /// write ends of the pipes at their descriptors.
    private static func spawnProgram(_ arguments: [String], environment: [String: String], searchPath: Bool,
                                     writeEnds: [(fd: Int32, target: Int32)]) -> SpawnResult {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for end in writeEnds { posix_spawn_file_actions_adddup2(&actions, end.fd, end.target) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = searchPath
            ? posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
            : posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        return status == 0 ? .success(pid) : .failure(status)
    }
}

private let spawnLock = NSLock()

/// Seconds on a monotonic clock.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}
