using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace SplitDns.Server.Metrics;

/// <summary>
/// Build info, process and runtime series, read from <see cref="Process"/>, <see cref="GC"/> and
/// <see cref="ThreadPool"/> when /metrics is scraped: nothing is recorded on the query path.
/// Names follow the Prometheus client libraries (<c>process_*</c> as client_golang and
/// prometheus-net write them, <c>dotnet_*</c> for the runtime) rather than the built-in
/// "System.Runtime" meter's OpenTelemetry names, so existing dashboards and alerts apply.
/// </summary>
internal static class ProcessMetrics
{
    private static readonly string s_buildInfo = BuildInfoLine();
    private static readonly double s_startTime = StartTime();

    public static void Write(StringBuilder sb)
    {
        sb.Append(s_buildInfo);
        using Process self = Process.GetCurrentProcess();
        Counter(sb, "process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", self.TotalProcessorTime.TotalSeconds);
        Gauge(sb, "process_resident_memory_bytes", "Resident memory size in bytes.", self.WorkingSet64);
        Gauge(sb, "process_virtual_memory_bytes", "Virtual memory size in bytes.", self.VirtualMemorySize64);
        Gauge(sb, "process_start_time_seconds", "Start time of the process since unix epoch in seconds.", s_startTime);
        Gauge(sb, "process_num_threads", "Number of OS threads in the process.", self.Threads.Count);
        if (OpenFds() is { } fds)
        {
            Gauge(sb, "process_open_fds", "Number of open file descriptors.", fds);
        }

        sb.Append("# HELP dotnet_gc_collections_total Garbage collections since the process started, by generation.\n");
        sb.Append("# TYPE dotnet_gc_collections_total counter\n");
        for (int gen = 0; gen <= GC.MaxGeneration; gen++)
        {
            sb.Append("dotnet_gc_collections_total{generation=\"").Append(gen).Append("\"} ")
                .Append(GC.CollectionCount(gen).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        GCMemoryInfo gc = GC.GetGCMemoryInfo();
        Gauge(sb, "dotnet_gc_heap_size_bytes", "Managed heap size after the last garbage collection, in bytes.", gc.HeapSizeBytes);
        Gauge(sb, "dotnet_gc_committed_bytes", "Memory committed by the garbage collector, in bytes.", gc.TotalCommittedBytes);
        Counter(sb, "dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since the process started.", GC.GetTotalAllocatedBytes());
        Counter(sb, "dotnet_gc_pause_seconds_total", "Time the runtime was paused for garbage collection, in seconds.", GC.GetTotalPauseDuration().TotalSeconds);
        Gauge(sb, "dotnet_threadpool_threads", "Thread-pool threads.", ThreadPool.ThreadCount);
        Gauge(sb, "dotnet_threadpool_queue_length", "Work items queued to the thread pool and not started.", ThreadPool.PendingWorkItemCount);
        Counter(sb, "dotnet_threadpool_completed_items_total", "Work items the thread pool has completed.", ThreadPool.CompletedWorkItemCount);
    }

    private static void Counter(StringBuilder sb, string name, string help, double value) => Series(sb, name, help, "counter", value);

    private static void Gauge(StringBuilder sb, string name, string help, double value) => Series(sb, name, help, "gauge", value);

    private static void Series(StringBuilder sb, string name, string help, string type, double value) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    /// <summary>Entries of /proc/self/fd (Linux); null where there is no procfs.</summary>
    private static int? OpenFds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            // The enumeration's own directory handle is one of the entries; leave it out.
            return Math.Max(0, Directory.EnumerateFileSystemEntries("/proc/self/fd").Count() - 1);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double StartTime()
    {
        using Process self = Process.GetCurrentProcess();
        return new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
    }

    /// <summary>
    /// <c>splitdns_build_info{version,revision,runtime} 1</c>. The SDK writes the informational
    /// version as "version+revision" when the build knows its git commit (SourceRevisionId).
    /// </summary>
    private static string BuildInfoLine()
    {
        string informational = typeof(ProcessMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ProcessMetrics).Assembly.GetName().Version?.ToString() ?? "unknown";
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        string version = plus < 0 ? informational : informational[..plus];
        string revision = plus < 0 ? "unknown" : informational[(plus + 1)..];
        return "# HELP splitdns_build_info The version, git revision and .NET runtime this server was built from and runs on; always 1.\n"
            + "# TYPE splitdns_build_info gauge\n"
            + $"splitdns_build_info{{version=\"{Escape(version)}\",revision=\"{Escape(revision)}\",runtime=\"{Escape(RuntimeInformation.FrameworkDescription)}\"}} 1\n";
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
