import Foundation

/// Writes files so that a reader never sees half of one: write a temporary file in the same folder,
/// then rename it over the destination. The temporary file is on the list an interrupt removes.
public enum AtomicFile {
    /// Writes `data` to `path`, creating missing parent folders.
    public static func write(_ data: Data, to path: String) throws(FileSystemError) {
        let name = (path as NSString).lastPathComponent
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        try Folders.create(folder)
        var info = stat()
        if stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            throw .cannotWrite(path: path, reason: "it is a folder")
        }
        let temporary = "\(folder)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        var descriptor: Int32 = -1
        try Interruption.temporary(temporary) { () throws(FileSystemError) in
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor < 0 { throw .cannotWrite(path: path, reason: FileSystemError.reason(errno)) }
        }
        defer { Interruption.release(temporary) }
        let written = data.withUnsafeBytes { bytes in writeAll(bytes, to: descriptor) }
        let closed = close(descriptor) == 0
        if written != 0 || !closed {
            let code = written != 0 ? written : errno
            unlink(temporary)
            throw .cannotWrite(path: path, reason: FileSystemError.reason(code))
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .cannotWrite(path: path, reason: FileSystemError.reason(code))
        }
    }

    /// Writes `text` as UTF-8 to `path`.
    public static func write(_ text: String, to path: String) throws(FileSystemError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes every byte; 0, or the `errno` of the failure.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += count
        }
        return 0
    }
}
