"""Runs a command in a pseudo-terminal of a given size, for the terminal tests (see terminal.ts).

    python3 pseudo-terminal.py <columns> <rows> <stdout-file|-> <command> [args...]

The terminal's output goes to this script's stdout as it comes. Control lines go to stderr:
"pid <n>" once the command runs, "exit <code> <signal>" when it has ended (code is -1 when a
signal ended it, signal is 0 otherwise). Lines on stdin act on the terminal:
"type <hex>" types those bytes on the terminal's keyboard ("type 03" is Ctrl-C),
"kill <NAME>" sends the signal (INT, TERM, ...) to the command's process, and
"resize <columns> <rows>" resizes the terminal, as a terminal window does (the kernel then sends
SIGWINCH to the command).
With a stdout file, the command's stdout goes there instead of to the terminal (as with
`command > file` in a shell); its stderr stays on the terminal.
"""

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios

columns, rows, stdout_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
command = sys.argv[4:]

pid, master = pty.fork()
if pid == 0:
    # The child: its stdin, stdout and stderr are the terminal, which is its controlling terminal.
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    if stdout_file != "-":
        fd = os.open(stdout_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.close(fd)
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)

sys.stderr.write(f"pid {pid}\n")
sys.stderr.flush()


def copy_output():
    """Copies what the terminal shows to stdout; False once no process holds the terminal."""
    try:
        data = os.read(master, 65536)
    except OSError:  # EIO: every process that had the terminal open has closed it
        return False
    os.write(1, data)
    return bool(data)


stdin = sys.stdin.fileno()
pending = b""
status = None
master_open = stdin_open = True
while status is None:
    readers = ([master] if master_open else []) + ([stdin] if stdin_open else [])
    ready, _, _ = select.select(readers, [], [], 0.05)
    if master in ready:
        master_open = copy_output()
    if stdin in ready:
        chunk = os.read(stdin, 4096)
        stdin_open = bool(chunk)
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            verb, _, argument = line.decode().partition(" ")
            if verb == "type":
                os.write(master, bytes.fromhex(argument))
            elif verb == "kill":
                os.kill(pid, getattr(signal, "SIG" + argument))
            elif verb == "resize":
                new_columns, new_rows = (int(n) for n in argument.split())
                fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", new_rows, new_columns, 0, 0))
    done, wait_status = os.waitpid(pid, os.WNOHANG)
    if done:
        status = wait_status
# What the command wrote just before it ended.
while master_open and select.select([master], [], [], 0.2)[0]:
    master_open = copy_output()

if os.WIFSIGNALED(status):
    sys.stderr.write(f"exit -1 {os.WTERMSIG(status)}\n")
else:
    sys.stderr.write(f"exit {os.WEXITSTATUS(status)} 0\n")
sys.stderr.flush()
