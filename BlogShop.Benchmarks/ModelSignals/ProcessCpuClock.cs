using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace BlogShop.Benchmarks.ModelSignals;

/// <summary>
/// A BenchmarkDotNet clock that reads the CPU time this process used (CLOCK_PROCESS_CPUTIME_ID, nanoseconds) instead
/// of wall time. On a machine shared with other busy processes, wall time mostly measures waiting for a core; the
/// CPU time of the process is what the code under test costs. It includes the runtime's own threads (GC, JIT).
/// </summary>
internal sealed class ProcessCpuClock : IClock
{
    private const int ClockProcessCpuTimeId = 2;

    public static readonly ProcessCpuClock Instance = new();

    public string Title => "Process CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        if (ClockGetTime(ClockProcessCpuTimeId, out var now) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed.");
        }

        return (now.Seconds * 1_000_000_000) + now.Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
