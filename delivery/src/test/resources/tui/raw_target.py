"""Raw-mode terminal programs that draw input unlike a line editor, for the tmux verification tests.

  raw_target.py quiet-shell FILE   echoes nothing while input arrives; on Enter prints what a shell prints for an
                                   unknown command: "bash: <input>: command not found"
  raw_target.py placeholder FILE   shows "[Pasted text #n]" instead of a paste (as some agent TUIs do); on Enter
                                   clears its box

Both ask for bracketed paste and append each submitted text to FILE as one Base64 line (SubmittedLog's format).
"""
import base64
import os
import sys
import tty

START, END = b"\x1b[200~", b"\x1b[201~"


def main(mode, path):
    tty.setraw(0)
    os.write(1, b"\x1b[?2004h> ")
    pending, pastes = b"", 0
    with open(path, "ab", buffering=0) as log:
        while True:
            chunk = os.read(0, 65536)
            if not chunk or b"\x04" in chunk:
                return
            for byte in chunk:
                if byte == 13 and not (START in pending and END not in pending.split(START)[-1]):
                    text = pending.replace(START, b"").replace(END, b"")
                    log.write(base64.b64encode(text) + b"\n")
                    pending = b""
                    if mode == "quiet-shell":
                        os.write(1, b"\r\nbash: " + text.replace(b"\n", b"\r\n") + b": command not found\r\n> ")
                    else:
                        os.write(1, b"\r\x1b[K> ")
                    continue
                pending += bytes([byte])
                if mode == "placeholder" and pending.endswith(END):
                    pastes += 1
                    os.write(1, b"\r\x1b[K> [Pasted text #%d]" % pastes)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
