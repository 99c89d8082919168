"""Process memory for the benchmarks (Linux): resident memory now, its peak, starting the peak over,
and giving freed memory back, so that a measurement's baseline is what the process holds."""

from __future__ import annotations

import gc
import os

MiB = 1024 * 1024


def rss_now() -> float:
    """Resident memory now, in MiB (/proc/self/statm)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MiB


def peak() -> float:
    """Peak resident memory so far, in MiB (``ru_maxrss`` is in KiB on Linux)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak() -> bool:
    """Start the peak over from now (Linux >= 4.0: writing 5 to clear_refs resets the high-water mark)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def trim() -> None:
    """Give freed memory back to the system."""
    from factcheck.workers import release_freed

    gc.collect()
    release_freed()


def used() -> float:
    """Memory in use on the whole machine, in MiB (MemTotal - MemAvailable of /proc/meminfo): what a
    process and those it forked hold together, pages they share counted once."""
    fields = {}
    with open("/proc/meminfo") as f:
        for line in f:
            key, value = line.split(":", 1)
            fields[key] = int(value.split()[0])
    return (fields["MemTotal"] - fields["MemAvailable"]) / 1024


class MachinePeak:
    """The peak of ``used()`` while it runs (a thread samples it every ``every`` seconds), as a
    context manager: ``peak`` (MiB) once it is left. On a quiet machine, the growth of a process and
    the processes it forks, shared pages once (ru_maxrss counts them in each)."""

    def __init__(self, every: float = 0.01):
        self.every, self.peak, self.start = every, 0.0, 0.0

    def __enter__(self):
        import threading

        self.start = self.peak = used()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self) -> None:
        while not self.stop.wait(self.every):
            self.peak = max(self.peak, used())

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.peak = max(self.peak, used())
