namespace Monitor.Bench;

/// <summary>The process's peak resident memory (VmHWM), which Linux lets a process reset (clear_refs 5).</summary>
public static class PeakMemory
{
    public static void Reset()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static long CurrentMiB() => Read("VmRSS:");

    public static long PeakMiB() => Read("VmHWM:");

    private static long Read(string field)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line[field.Length..].Trim().Split(' ')[0]) / 1024;
    }
}
