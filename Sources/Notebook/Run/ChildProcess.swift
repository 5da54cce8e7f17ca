import Foundation

/// Runs a program in its own process group, feeding what it writes to standard output and standard
/// error to a handler as it arrives, and killing the whole group when a deadline passes.
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

    enum Stream { case output, error }

    /// Failure to start the program at all.
    struct LaunchError: Error, CustomStringConvertible {
        var program: String
        var code: Int32
        var description: String { "cannot run \(program): \(String(cString: strerror(code)))" }
    }

    var arguments: [String]
    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Looks the program up in PATH when it has no slash.
    var searchPath = false

    /// Runs the program to its end.
    /// - Parameters:
    ///   - deadline: asked before each wait; a monotonic time in seconds (``monotonicSeconds()``) after
    ///     which the group is killed, or nil for none.
    ///   - onData: called on the calling thread with each chunk read.
    func run(deadline: () -> Double? = { nil }, onData: (Stream, [UInt8]) -> Void) throws -> Ending {
        var outputPipe: [Int32] = [0, 0], errorPipe: [Int32] = [0, 0]
        // Pipes are made close-on-exec under one lock with the spawn, so that children started by
        // other threads never inherit (and hold open) this child's pipes.
        spawnLock.lock()
        guard pipe(&outputPipe) == 0, pipe(&errorPipe) == 0 else {
            spawnLock.unlock()
            throw LaunchError(program: arguments[0], code: errno)
        }
        for fd in outputPipe + errorPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
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
        sigaddset(&defaults, SIGPIPE)
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
        close(outputPipe[1])
        close(errorPipe[1])
        if status == 0 { Interruption.started(group: pid) }
        spawnLock.unlock()
        guard status == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw LaunchError(program: arguments[0], code: status)
        }

        var open: [(fd: Int32, stream: Stream)] = [(outputPipe[0], .output), (errorPipe[0], .error)]
        var killed = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            var timeout: Int32 = -1
            if !killed, let limit = deadline() {
                let remaining = limit - monotonicSeconds()
                if remaining <= 0 {
                    kill(-pid, SIGKILL)
                    killed = true
                } else {
                    timeout = Int32(min(remaining * 1000, 1000).rounded(.up))
                }
            }
            var fds = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), killed ? 1000 : timeout)
            if ready < 0 && errno == EINTR { continue }
            var stillOpen: [(fd: Int32, stream: Stream)] = []
            for (index, entry) in open.enumerated() {
                if fds[index].revents != 0 {
                    let count = read(entry.fd, &buffer, buffer.count)
                    if count > 0 {
                        onData(entry.stream, Array(buffer[0..<count]))
                        stillOpen.append(entry)
                    } else if count < 0 && errno == EINTR {
                        stillOpen.append(entry)
                    } else {
                        close(entry.fd)
                    }
                } else {
                    stillOpen.append(entry)
                }
            }
            open = stillOpen
        }
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
        Interruption.ended(group: pid)
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
}

private let spawnLock = NSLock()

/// Seconds on a monotonic clock.
func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}
