using SharpFuzz;
using SplitDns.Fuzz.Targets;

// splitdns-fuzz TARGET            run TARGET under AFL++ (afl-fuzz starts this process)
// splitdns-fuzz TARGET FILE...    run TARGET once over each FILE (replay a crash, no fuzzer)
if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } entry)
{
    Console.Error.WriteLine("usage: SplitDns.Fuzz TARGET [FILE...]; targets:");
    foreach ((string name, _) in FuzzTargets.All)
    {
        Console.Error.WriteLine("  " + name);
    }

    return 2;
}

if (args.Length > 1)
{
    foreach (string file in args[1..])
    {
        entry(File.ReadAllBytes(file));
        Console.WriteLine("ok " + file);
    }

    return 0;
}

// AFL++ mode: SharpFuzz's forkserver loop hands each input over as a stream (persistent mode:
// one process runs them all). The buffer is reused; inputs above 64 KiB are cut, as a DNS
// message (and every seed) is smaller.
var buffer = new byte[65536];
Fuzzer.Run(stream =>
{
    int length = 0;
    int read;
    while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
    {
        length += read;
    }

    entry(buffer.AsSpan(0, length));
});
return 0;
