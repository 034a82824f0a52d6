namespace SplitDns.Fuzz.Targets;

/// <summary>
/// One fuzz target's entry point: feeds <paramref name="data"/> to the code under test and
/// returns normally for any input the code handles, including input it rejects with its
/// documented format exception. Anything else escaping is a bug (the fuzzer records a crash).
/// </summary>
public delegate void FuzzEntry(ReadOnlySpan<byte> data);
