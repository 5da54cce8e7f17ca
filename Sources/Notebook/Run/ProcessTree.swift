import Foundation
import FolioProtocol

/// Everything one child of folio started, directly or not, so that folio can stop all of it.
///
/// The child runs in a process group of its own, but what it starts may leave that group (Foundation's
/// `Process` gives each child a group of its own; `setsid` leaves the session). So every child gets a
/// token in its environment (``ProtocolEnvironment/processTree``), which what it starts inherits; and
/// while the child lives, its descendants are found through their parent ids as well. The tokens are
/// random per folio run: no process another folio started, and nothing else on the machine, matches.
struct ProcessTree: Sendable {
    /// This folio run's part of every token.
    static let sessionToken = String(ProtocolMarker.newToken().prefix(16))

    /// `<session>.<child>`: this child's token.
    let token: String

    init() {
        token = "\(Self.sessionToken).\(ProtocolMarker.newToken().prefix(12))"
    }

    /// `environment` with this tree's token added to those it already carries (a folio run by a chapter
    /// program keeps its parent's token, so the parent stops its children too).
    func environment(_ environment: [String: String]) -> [String: String] {
        var result = environment
        let inherited = environment[ProtocolEnvironment.processTree].map { $0 + "," } ?? ""
        result[ProtocolEnvironment.processTree] = inherited + token
        return result
    }

    /// Kills the group `group` (the child's own), the descendants of `root` and every process that
    /// carries this tree's token, until none is left (processes may start others while they die).
    func kill(group: pid_t, root: pid_t) {
        Self.kill(group: group, root: root) { $0.contains(token) }
    }

    /// Kills every process any child of this folio run started (for Ctrl-C).
    static func killSession(groups: Set<pid_t>) {
        for group in groups { Foundation.kill(-group, SIGKILL) }
        kill(group: nil, root: nil) { tokens in tokens.contains { $0.hasPrefix(sessionToken + ".") } }
    }

    private static func kill(group: pid_t?, root: pid_t?, matching: ([String]) -> Bool) {
        let me = getpid()
        // What the root (or this folio) started cannot be older than it: only younger processes are
        // asked for their environment.
        let born = ProcessTable.read().entries.first { $0.pid == (root ?? me) }?.started ?? 0
        for round in 0..<50 {
            // The table first: once the root dies, its children belong to another parent.
            let table = ProcessTable.read()
            var victims = Set(table.filter { $0.pid != me && !$0.isZombie && $0.started >= born && matching($0.tokens()) }.map(\.pid))
            if let root { victims.formUnion(table.descendants(of: root).filter { $0 != me }) }
            if let group { Foundation.kill(-group, SIGKILL) }
            if victims.isEmpty && round > 0 { return }
            for pid in victims { Foundation.kill(pid, SIGKILL) }
            usleep(2_000)
        }
    }
}

/// A snapshot of `/proc`: each process's id, parent, state and start time.
struct ProcessTable {
    struct Entry {
        var pid: pid_t
        var parent: pid_t
        var isZombie: Bool
        /// When it started, in clock ticks since boot.
        var started: UInt64

        /// The tokens in its `FOLIO_PROCESS_TREE` (empty when it has none or its environment cannot be read).
        func tokens() -> [String] {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/environ") else { return [] }
            let key = Array("\(ProtocolEnvironment.processTree)=".utf8)
            for entry in data.split(separator: 0) where entry.starts(with: key) {
                return String(decoding: entry.dropFirst(key.count), as: UTF8.self).split(separator: ",").map(String.init)
            }
            return []
        }
    }

    var entries: [Entry]

    static func read() -> ProcessTable {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return ProcessTable(entries: names.compactMap { name in
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            // `pid (command) state parent …`: the command may hold spaces and parentheses.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 19, let parent = pid_t(fields[1]) else { return nil }
            return Entry(pid: pid, parent: parent, isZombie: fields[0] == "Z" || fields[0] == "X", started: UInt64(fields[19]) ?? 0)
        })
    }

    func filter(_ keep: (Entry) -> Bool) -> [Entry] { entries.filter(keep) }

    /// The living descendants of `root`, and `root` itself when it lives.
    func descendants(of root: pid_t) -> Set<pid_t> {
        var children: [pid_t: [pid_t]] = [:]
        for entry in entries where !entry.isZombie { children[entry.parent, default: []].append(entry.pid) }
        var found: Set<pid_t> = entries.contains { $0.pid == root && !$0.isZombie } ? [root] : []
        var queue = [root]
        while let next = queue.popLast() {
            for child in children[next] ?? [] where found.insert(child).inserted { queue.append(child) }
        }
        return found
    }
}
