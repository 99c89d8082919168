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
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
