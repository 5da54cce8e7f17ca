import Foundation

/// An exclusive lock on a file in a folder (`flock`), held until ``unlock()``: between processes, and
/// between threads of one process (each lock opens the file anew).
final class FolderLock {
    private var descriptor: Int32

    /// Waits for the lock on `folder/name`, making the folder and the file when missing.
    init(folder: String, name: String) throws(FileSystemError) {
        try Folders.create(folder)
        let path = "\(folder)/\(name)"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: FileSystemError.reason(errno)) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(descriptor)
                throw .cannotWrite(path: path, reason: FileSystemError.reason(code))
            }
        }
    }

    func unlock() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { unlock() }
}
