using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using SplitDns.Forwarders;
using SplitDns.Protocol.Records;
using SplitDns.Protocol.Wire;
using SplitDns.Server.Networking;
using SplitDns.Server.Resolution;

namespace SplitDns.Server.QueryLog;

/// <summary>
/// The answering path's side of the query log: called once per answered query where its response
/// is encoded (<see cref="Processing.QueryProcessor"/>), it samples, copies the query's facts into
/// a reserved ring slot and returns. No lock, no await, no allocation; a full ring drops the entry.
/// </summary>
public sealed class QueryLogRecorder
{
    private readonly QueryLogRing _ring;
    private readonly QueryLogMetrics _metrics;
    private readonly double _sampleRate;

    public QueryLogRecorder(QueryLogSettings settings)
    {
        _ring = new QueryLogRing(settings.QueueCapacity);
        _sampleRate = settings.SampleRate;
        _metrics = new QueryLogMetrics(() => _ring.Count);
    }

    public QueryLogMetrics Metrics => _metrics;

    internal QueryLogRing Ring => _ring;

    /// <summary>Logs the query of <paramref name="ctx"/>, answered with <paramref name="responseSize"/> bytes.</summary>
    public void Record(QueryContext ctx, int responseSize)
    {
        if (_sampleRate < 1.0 && Random.Shared.NextDouble() >= _sampleRate)
        {
            _metrics.AddSampledOut();
            return;
        }

        ref QueryLogEntry entry = ref _ring.TryReserve(out long ticket);
        if (Unsafe.IsNullRef(ref entry))
        {
            _metrics.AddDropped();
            return;
        }

        Fill(ref entry, ctx, responseSize);
        _ring.Publish(ticket);
    }

    private static void Fill(ref QueryLogEntry entry, QueryContext ctx, int responseSize)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(ctx.ReceivedAt);
        entry.ReceivedTicks = DateTime.UtcNow.Ticks - elapsed.Ticks;
        entry.DurationMicroseconds = (int)Math.Min(int.MaxValue, elapsed.Ticks / TimeSpan.TicksPerMicrosecond);
        FillClient(ref entry, ctx);
        entry.Transport = ctx.Transport;
        ReadOnlySpan<byte> name = ctx.QuestionName.Wire;
        int length = Math.Min(name.Length, 255);
        name[..length].CopyTo(entry.Name);
        entry.NameLength = (byte)length;
        entry.QType = (ushort)ctx.QuestionType;
        entry.QClass = (ushort)ctx.QuestionClass;
        entry.Rcode = (ushort)ctx.Rcode;
        entry.ResponseSize = (ushort)Math.Clamp(responseSize, 0, ushort.MaxValue);
        entry.ExtendedError = ctx.ExtendedErrors.Count > 0 ? (int)ctx.ExtendedErrors[0].Code : -1;
        entry.View = ctx.ViewName;
        entry.BlockedList = ctx.BlockedList;
        AnswerSource source = SourceOf(ctx);
        entry.Source = source;
        entry.Upstream = source is AnswerSource.Forwarded or AnswerSource.Stale or AnswerSource.ForwardFailed ? ctx.ForwardGroup : null;
    }

    private static void FillClient(ref QueryLogEntry entry, QueryContext ctx)
    {
        entry.ClientLength = 0;
        entry.ClientPort = 0;
        if (ctx.ClientSocketAddress is { } socket)
        {
            if (NetworkList.TryGetAddressBytes(socket, out ReadOnlySpan<byte> bytes))
            {
                bytes.CopyTo(entry.Client);
                entry.ClientLength = (byte)bytes.Length;
                // sockaddr_in/sockaddr_in6: the port follows the 2-byte family, in network order.
                entry.ClientPort = BinaryPrimitives.ReadUInt16BigEndian(socket.Buffer.Span[2..]);
            }
        }
        else if (ctx.HasClientEndPoint)
        {
            IPEndPoint client = ctx.ClientEndPoint;
            if (client.Address.TryWriteBytes(entry.Client, out int written))
            {
                entry.ClientLength = (byte)written;
                entry.ClientPort = (ushort)client.Port;
            }
        }
    }

    /// <summary>What answered, from what the chain left in the context.</summary>
    internal static AnswerSource SourceOf(QueryContext ctx)
    {
        if (ctx.BlockedList is not null)
        {
            return AnswerSource.Blocked;
        }

        if (ctx.HasForwarded)
        {
            return ctx.Forwarded.Source switch
            {
                ForwardSource.Cache => AnswerSource.Cached,
                ForwardSource.Stale => AnswerSource.Stale,
                _ => AnswerSource.Forwarded,
            };
        }

        if (ctx.QuestionClass == DnsClass.CH && ctx.Rcode != DnsRcode.FormErr)
        {
            return AnswerSource.Chaos;
        }

        if (ctx.Rcode == DnsRcode.Refused)
        {
            return AnswerSource.Refused;
        }

        return ctx.Target switch
        {
            QueryTarget.Zone when ctx.Rcode != DnsRcode.ServFail => AnswerSource.Authoritative,
            QueryTarget.Conditional or QueryTarget.Upstream when ctx.Rcode == DnsRcode.ServFail => AnswerSource.ForwardFailed,
            _ => AnswerSource.Error,
        };
    }
}
