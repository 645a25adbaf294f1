"""A persistent chdb engine serving queries on stdin/stdout, for testkit's ChdbEngine.

Protocol (binary-safe, one request at a time):
  request:  b"QUERY <format> <n>\n" followed by n bytes of UTF-8 SQL
  response: b"OK <n>\n" + n bytes of the result in <format>, or
            b"ERR <n>\n" + n bytes of the engine's error message
End of input closes the session. The engine's own output goes to stderr, never into the protocol.
"""

import os
import sys


def main(path):
    protocol = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)  # anything the engine prints must not corrupt the protocol
    import chdb

    os.makedirs(path, exist_ok=True)
    connection = chdb.connect("file:" + path)
    requests = sys.stdin.buffer
    while True:
        header = requests.readline()
        if not header:
            break
        verb, fmt, size = header.decode("ascii").split()
        if verb != "QUERY":
            raise SystemExit("unknown request " + verb)
        sql = requests.read(int(size)).decode("utf-8")
        try:
            body = connection.query(sql, fmt).bytes()
            status = b"OK"
        except Exception as error:  # the engine's message is the answer
            body = str(error).encode("utf-8")
            status = b"ERR"
        protocol.write(status + b" " + str(len(body)).encode("ascii") + b"\n" + body)
    connection.close()


if __name__ == "__main__":
    main(sys.argv[1])
