import Foundation

/// Waits for files in some folders to change: with inotify, woken by the file system as soon as a file
/// is written, moved in or removed (editors that save by rename included); where inotify is not
/// available, by sleeping. Either way the wait ends after at most the given number of seconds, so a
/// caller that compares modification times never misses a change.
public final class ChangeWatcher {
    private let descriptor: Int32
    private var watched: Set<String> = []

    public init() {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Whether file-system events are used (else the waits are plain sleeps).
    public var usesEvents: Bool { descriptor >= 0 }

    /// Watches `folders` too (folders already watched, or missing, are skipped).
    public func watch(_ folders: [String]) {
        guard descriptor >= 0 else { return }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB)
        for folder in folders where !watched.contains(folder) {
            if inotify_add_watch(descriptor, folder, mask) >= 0 { watched.insert(folder) }
        }
    }

    /// Returns when something changed in a watched folder (after a short pause that lets a save
    /// finish), or after `seconds`.
    public func wait(upTo seconds: Double) {
        guard descriptor >= 0 else {
            Thread.sleep(forTimeInterval: seconds)
            return
        }
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(min(seconds * 1000, Double(Int32.max)).rounded(.up)))
        guard ready > 0 else { return }
        Thread.sleep(forTimeInterval: 0.05)
        drain()
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 16384)
        while read(descriptor, &buffer, buffer.count) > 0 {}
    }
}
