import FlyingFox
import FlyingSocks
import Foundation
import Notebook

/// The HTTP server of `folio watch --serve`, on 127.0.0.1 only: the output folder's files (pages get
/// the live-reload script as they are served, see `LiveReload`), and a websocket that says `reload`
/// to every open page after each render. Built on FlyingFox.
final class LiveServer: @unchecked Sendable {
    private let server: HTTPServer
    private let clients = ReloadClients()

    private let folder: String

    /// A server for `folder` on `port` (0: a free port).
    init(folder: String, port: UInt16) throws {
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        self.folder = folder
    }

    /// Starts listening; returns the port once it listens.
    func start() throws -> UInt16 {
        let server = server, root = folder, clients = clients
        Task {
            // The websocket's route first: routes are tried in order.
            await server.appendRoute(HTTPRoute(stringLiteral: "GET \(LiveReload.socketPath)"),
                                     to: WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: clients)))
            await server.appendRoute("GET *") { request in Self.file(for: request, root: root) }
            try await server.run()
        }
        let result = LockedResult()
        Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                if case .ip4(_, let port) = await server.listeningAddress { result.set(.success(port)) } else { result.set(.failure(ServeError.noAddress)) }
            } catch {
                result.set(.failure(error))
            }
        }
        return try result.wait().get()
    }

    /// Tells every open page to reload.
    func reload() {
        let clients = clients
        Task { await clients.send(LiveReload.reloadMessage) }
    }

    /// A file of the output folder, or 404. Pages get the live-reload script.
    private static func file(for request: HTTPRequest, root: String) -> HTTPResponse {
        guard let path = ServedPath.resolve(request.target.path(percentEncoded: true), root: root),
              let data = FileManager.default.contents(atPath: path) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("not found\n".utf8))
        }
        let type = ServedPath.contentType(of: path)
        let body = type.hasPrefix("text/html") ? Data(LiveReload.inject(into: String(decoding: data, as: UTF8.self)).utf8) : data
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-store"], body: body)
    }
}

/// The open live-reload websockets.
actor ReloadClients: WSMessageHandler {
    private var continuations: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    nonisolated func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        await add(id, continuation)
        Task {
            for await _ in client {}  // the page says nothing; the stream ends when it goes
            await self.remove(id)
        }
        return stream
    }

    private func add(_ id: UUID, _ continuation: AsyncStream<WSMessage>.Continuation) { continuations[id] = continuation }

    private func remove(_ id: UUID) { continuations.removeValue(forKey: id)?.finish() }

    func send(_ text: String) {
        for continuation in continuations.values { continuation.yield(.text(text)) }
    }
}

/// Why the server could not start.
enum ServeError: Error, CustomStringConvertible {
    case noAddress
    var description: String { "the server did not report its address" }
}

/// A result handed from a task to a waiting thread.
final class LockedResult: @unchecked Sendable {
    private var value: Result<UInt16, Error>?
    private let condition = NSCondition()

    func set(_ result: Result<UInt16, Error>) {
        condition.lock()
        value = result
        condition.broadcast()
        condition.unlock()
    }

    func wait() -> Result<UInt16, Error> {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}
