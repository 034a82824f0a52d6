using FsCheck;
using FsCheck.Fluent;
using SplitDns.Protocol.Records;

namespace SplitDns.Protocol.Tests.Records;

/// <summary>Generates valid SVCB/HTTPS RDATA: a random subset of keys with well-formed values (RFC 9460 §7).</summary>
internal static class SvcbGenerators
{
    public static Gen<RdataCase> Svcb(RecordType type) =>
        from priority in Gen.Frequency((1, Gen.Constant((ushort)0)), (4, RdataGenerators.UInt16))
        from target in RdataGenerators.Name
        from others in Gen.Choose(0, 5).SelectMany(n => Param().ArrayOf(n))
        from mandatoryPick in Gen.Choose(0, 255)
        select new RdataCase(type, f =>
        {
            List<SvcParam> list = Distinct(others);
            AddMandatory(list, mandatoryPick);
            return type == RecordType.HTTPS
                ? new HttpsRdata(priority, f(target), list)
                : new SvcbRdata(priority, f(target), list);
        });

    private static Gen<SvcParam> Param() => Gen.OneOf(
        Gen.Choose(1, 3).SelectMany(n => RdataGenerators.Bytes(1, 8).ArrayOf(n)).Select(ids =>
        {
            var wire = new List<byte>();
            foreach (byte[] id in ids)
            {
                wire.Add((byte)id.Length);
                wire.AddRange(id);
            }

            return new SvcParam(SvcParamKey.Alpn, [.. wire]);
        }),
        Gen.Constant(new SvcParam(SvcParamKey.NoDefaultAlpn, [])),
        RdataGenerators.UInt16.Select(p => new SvcParam(SvcParamKey.Port, RdataGenerators.UInt16Bytes(p))),
        Gen.Choose(1, 3).SelectMany(n => RdataGenerators.Bytes(4 * n, 4 * n)).Select(b => new SvcParam(SvcParamKey.Ipv4Hint, b)),
        RdataGenerators.Bytes(0, 24).Select(b => new SvcParam(SvcParamKey.Ech, b)),
        Gen.Choose(1, 2).SelectMany(n => RdataGenerators.Bytes(16 * n, 16 * n)).Select(b => new SvcParam(SvcParamKey.Ipv6Hint, b)),
        Gen.Zip(Gen.Choose(7, 65535), RdataGenerators.Bytes(0, 20), (k, b) => new SvcParam((SvcParamKey)k, b)));

    private static List<SvcParam> Distinct(SvcParam[] all)
    {
        var list = new List<SvcParam>();
        foreach (SvcParam p in all)
        {
            if (!list.Exists(q => q.Key == p.Key))
            {
                list.Add(p);
            }
        }

        return list;
    }

    /// <summary>Adds "mandatory" naming the present keys picked by the bits of <paramref name="pick"/>.</summary>
    private static void AddMandatory(List<SvcParam> list, int pick)
    {
        var keys = new List<ushort>();
        for (int i = 0; i < list.Count && i < 8; i++)
        {
            if ((pick & (1 << i)) != 0)
            {
                keys.Add((ushort)list[i].Key);
            }
        }

        if (keys.Count == 0)
        {
            return;
        }

        keys.Sort();
        var wire = new List<byte>();
        foreach (ushort k in keys)
        {
            wire.AddRange(RdataGenerators.UInt16Bytes(k));
        }

        list.Add(new SvcParam(SvcParamKey.Mandatory, [.. wire]));
    }
}
