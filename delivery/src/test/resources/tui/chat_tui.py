"""A real raw-mode chat TUI for the tmux tests, built on prompt_toolkit (Debian python3-prompt-toolkit).

Like agent TUIs (Claude Code, Codex) it keeps the terminal in raw mode with bracketed paste on for its whole
life: one input box, where Enter submits and a bracketed paste is inserted whole, new lines included, without
submitting. A submitted text is appended to the file given as the first argument as one Base64 (UTF-8) line
(the format of SubmittedLog, so the test can check every text byte for byte) and the box is emptied. Ctrl+D
exits. Run it with /usr/bin/python3: Debian installs prompt_toolkit for that interpreter only.
"""
import base64
import os
import sys

from prompt_toolkit.application import Application
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import BufferControl, Layout, Window


def main(path):
    log = open(path, "ab", buffering=0)

    def submit(buffer):
        if buffer.text:
            log.write(base64.b64encode(buffer.text.encode("utf-8")) + b"\n")
            os.fsync(log.fileno())
        return False  # empty the box

    box = Buffer(multiline=False, accept_handler=submit)
    keys = KeyBindings()

    @keys.add("c-d")
    def _exit(event):
        event.app.exit()

    window = Window(BufferControl(buffer=box), wrap_lines=True,
                    get_line_prefix=lambda line, wrap: "chat> " if line == 0 and not wrap else "")
    Application(layout=Layout(window), key_bindings=keys, full_screen=False).run()
    log.close()


if __name__ == "__main__":
    main(sys.argv[1])
