using System.Runtime.InteropServices;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// The Linux calls that move many datagrams per system call (recvmmsg(2), sendmmsg(2)) and
/// poll(2), with the C structures they take. The layouts are glibc's and musl's on 32- and
/// 64-bit little-endian targets (pointer-sized fields as <see cref="nuint"/>; musl's narrower
/// fields are followed by zeroed padding).
/// </summary>
internal static unsafe partial class LinuxMessageCalls
{
    public const int MsgWaitForOne = 0x10000;
    public const short PollIn = 0x1;
    public const short PollOut = 0x4;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int EBadF = 9;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MessageHeader
    {
        public byte* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    /// <summary>struct mmsghdr: a header and, on return, the bytes received or sent.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MultiMessageHeader
    {
        public MessageHeader Header;
        public uint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    public static partial int ReceiveMessages(int fd, MultiMessageHeader* messages, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    public static partial int SendMessages(int fd, MultiMessageHeader* messages, uint count, int flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMs);
}
