import Foundation

/// The live reload of `folio watch --serve`: each served page gets a small script that opens a
/// websocket to the server and reloads the page when the server says a render finished. The script is
/// added to the page as it is served; the files on disk stay without it (a report needs no script).
public enum LiveReload {
    /// The websocket's path on the server.
    public static let socketPath = "/_folio/live"
    /// What the server sends after each render.
    public static let reloadMessage = "reload"

    /// The script (reconnects after the server restarts, by reloading once it is back).
    public static let script = """
    <script data-folio-live-reload>
    (function () {
      var opened = false;
      function connect() {
        var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "\(socketPath)");
        socket.onopen = function () { if (opened) { location.reload(); } opened = true; };
        socket.onmessage = function (event) { if (event.data === "\(reloadMessage)") { location.reload(); } };
        socket.onclose = function () { setTimeout(connect, 1000); };
      }
      connect();
    })();
    </script>
    """

    /// `html` with the script before its `</body>` (at the end when it has none).
    public static func inject(into html: String) -> String {
        guard let body = html.range(of: "</body>", options: .backwards) else { return html + script + "\n" }
        var page = html
        page.insert(contentsOf: script + "\n", at: body.lowerBound)
        return page
    }
}
