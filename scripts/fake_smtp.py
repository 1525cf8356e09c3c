"""A tiny SMTP server for the load test: records every message, can refuse for a while.

Only what Django's SMTP backend uses: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
``down()`` closes the listening socket so connections are *refused*, as when a
mail server is stopped; ``up()`` listens again on the same port.
"""

import socket
import socketserver
import threading
from email import message_from_bytes, policy


class _Handler(socketserver.StreamRequestHandler):
    def _reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self._reply("220 fake-smtp ready")
        recipients = []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self._reply("250-fake-smtp")
                self._reply("250 8BITMIME")
            elif verb == "HELO":
                self._reply("250 fake-smtp")
            elif verb == "MAIL":
                recipients = []
                self._reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                data = bytearray()
                while True:
                    chunk = self.rfile.readline()
                    if chunk in (b".\r\n", b".\n", b""):
                        break
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                self.server.owner.record(recipients, bytes(data))
                self._reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self._reply("250 OK")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class FakeSMTP:
    """Start with ``up()``; ``messages`` lists ``(recipients, subject, body)``."""

    def __init__(self, port, host="127.0.0.1"):
        self.address = (host, port)
        self.messages = []
        self._lock = threading.Lock()
        self._server = None

    def record(self, recipients, data):
        message = message_from_bytes(data, policy=policy.default)
        body = message.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        with self._lock:
            self.messages.append((tuple(recipients), str(message["Subject"]), text))

    def up(self):
        if self._server is None:
            self._server = _Server(self.address, _Handler)
            self._server.owner = self
            threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def down(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def is_refusing(self):
        try:
            socket.create_connection(self.address, timeout=1).close()
        except OSError:
            return True
        return False
