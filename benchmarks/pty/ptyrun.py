#!/usr/bin/env python3
"""Runs a program in a 200x50 pseudo-terminal for the benchmarks.

  ptyrun.py bytes CMD...   prints the bytes the program wrote until its
                           output was quiet for 1 s (startup and the first
                           frame: for the dense-redraw comparison)
  ptyrun.py idle CMD...    lets the program start, then leaves it idle for
                           10 s and prints, as JSON, the CPU ticks
                           (utime+stime of all threads, /proc/PID/task/*/stat)
                           and context switches (voluntary + involuntary,
                           /proc/PID/task/*/status) spent while idle
"""
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

ROWS, COLS = 50, 200


def spawn(cmd):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", COLORTERM="truecolor")
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    return pid, fd


def drain(fd, quiet, limit):
    """Reads until nothing came for `quiet` seconds (or `limit` passed)."""
    total, start, last = 0, time.time(), time.time()
    while time.time() - start < limit:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            total += len(data)
            last = time.time()
        elif time.time() - last >= quiet:
            break
    return total


def usage(pid):
    ticks = switches = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
        with open(f"/proc/{pid}/task/{tid}/status") as f:
            for line in f:
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    switches += int(line.split()[1])
    return ticks, switches


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGTERM)
        drain(fd, 0.2, 2)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


def main():
    mode, cmd = sys.argv[1], sys.argv[2:]
    pid, fd = spawn(cmd)
    if mode == "bytes":
        print(drain(fd, 1.0, 20))
    else:
        drain(fd, 1.0, 10)
        t0, s0 = usage(pid)
        # Keep reading output (there should be none) without waking it.
        drain(fd, 10.0, 10.0)
        t1, s1 = usage(pid)
        print(json.dumps({"seconds": 10, "cpu_ticks": t1 - t0, "context_switches": s1 - s0,
                          "ticks_per_second": os.sysconf("SC_CLK_TCK")}))
    stop(pid, fd)


if __name__ == "__main__":
    main()
