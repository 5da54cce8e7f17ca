import Foundation

/// A test client for the server of `folio watch --serve` on 127.0.0.1: raw requests over a socket, so
/// that a path is sent exactly as written (`/../x` is not tidied away as URL libraries do).
enum LoopbackHTTP {
    struct Response {
        var status: Int
        var body: String
    }

    /// `GET target` (sent as written); the status code and the body.
    static func get(port: UInt16, _ target: String, timeout: Double = 10) throws -> Response {
        let socket = try connect(port: port, timeout: timeout)
        defer { close(socket) }
        try send(socket, "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(socket, &buffer, buffer.count)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: data, as: UTF8.self)
        let statusLine = text.prefix(while: { $0 != "\r" })
        let parts = statusLine.split(separator: " ")
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return Response(status: parts.count > 1 ? Int(parts[1]) ?? 0 : 0, body: body)
    }

    /// Opens a websocket at `path`; the socket after the server's `101` answer.
    static func openWebSocket(port: UInt16, _ path: String, timeout: Double = 10) throws -> Int32 {
        let socket = try connect(port: port, timeout: timeout)
        try send(socket, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        var head = Data()
        var byte: UInt8 = 0
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]), read(socket, &byte, 1) == 1 { head.append(byte) }
        guard String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101") else {
            close(socket)
            throw LoopbackError.failed("no websocket: \(String(decoding: head, as: UTF8.self))")
        }
        return socket
    }

    /// The next text frame the server sends (unmasked, short), or nil when none comes in time.
    static func readTextFrame(_ socket: Int32, timeout: Double) -> String? {
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var header = [UInt8](repeating: 0, count: 2)
        guard read(socket, &header, 2) == 2, header[0] & 0x0F == 1, header[1] < 126 else { return nil }
        var payload = [UInt8](repeating: 0, count: Int(header[1]))
        guard payload.isEmpty || read(socket, &payload, payload.count) == payload.count else { return nil }
        return String(decoding: payload, as: UTF8.self)
    }

    private static func connect(port: UInt16, timeout: Double) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw LoopbackError.failed("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(socket); throw LoopbackError.failed("connect to 127.0.0.1:\(port)") }
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        return socket
    }

    private static func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard write(socket, bytes, bytes.count) == bytes.count else { throw LoopbackError.failed("write") }
    }
}

enum LoopbackError: Error { case failed(String) }
