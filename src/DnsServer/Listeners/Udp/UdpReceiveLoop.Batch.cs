using System.Net.Sockets;
using System.Runtime.InteropServices;
using static SplitDns.Server.Listeners.Udp.LinuxMessageCalls;

namespace SplitDns.Server.Listeners.Udp;

/// <summary>
/// The Linux loop: one recvmmsg takes every datagram waiting (up to the batch size, blocking
/// only for the first), each is answered in turn, and one sendmmsg sends the answers of the
/// whole batch. Per query that is a fraction of a system call each way instead of two full
/// calls, which is most of a small query's CPU (the kernel entry and the socket lock, not the
/// copy). Answers wait at most for the rest of their batch to be answered.
/// </summary>
internal sealed unsafe partial class UdpReceiveLoop
{
    private void RunBatched()
    {
        int batch = _batchSize;
        var slots = new UdpSlot[batch];
        var received = (MultiMessageHeader*)NativeMemory.AllocZeroed((nuint)batch, (nuint)sizeof(MultiMessageHeader));
        var receiveVectors = (IoVec*)NativeMemory.AllocZeroed((nuint)batch, (nuint)sizeof(IoVec));
        var answers = (MultiMessageHeader*)NativeMemory.AllocZeroed((nuint)batch, (nuint)sizeof(MultiMessageHeader));
        var answerVectors = (IoVec*)NativeMemory.AllocZeroed((nuint)batch, (nuint)sizeof(IoVec));
        SafeSocketHandle handle = _socket.SafeHandle;
        bool referenced = false;
        try
        {
            // Keeps the descriptor number ours until the loop ends, even if the socket is disposed.
            handle.DangerousAddRef(ref referenced);
            int fd = (int)handle.DangerousGetHandle();
            SetReceiveTimeout(ReceivePollMs);
            for (int i = 0; i < batch; i++)
            {
                slots[i] = new UdpSlot(_socket, _listenerIndex);
                Aim(received, receiveVectors, i, slots[i]);
            }

            while (!_stopping)
            {
                int count = ReceiveMessages(fd, received, (uint)batch, MsgWaitForOne, null);
                if (count <= 0)
                {
                    if (!WaitAfterEmptyReceive(fd, count))
                    {
                        break;
                    }

                    continue;
                }

                int toSend = 0;
                for (int i = 0; i < count; i++)
                {
                    UdpSlot slot = slots[i];
                    slot.Client.Size = (int)received[i].Header.NameLength;
                    // The kernel shrank the address length to the sender's; room again for the next receive.
                    received[i].Header.NameLength = (uint)slot.ClientCapacity;
                    int length = Answer(slot, (int)received[i].Length);
                    if (length < 0)
                    {
                        // The slot now belongs to the pending query; receive into another one.
                        slots[i] = TakeSpare();
                        Aim(received, receiveVectors, i, slots[i]);
                    }
                    else if (length > 0)
                    {
                        answerVectors[toSend] = new IoVec { Base = slot.ResponsePointer, Length = (nuint)length };
                        answers[toSend].Header = new MessageHeader
                        {
                            Name = slot.ClientPointer,
                            NameLength = (uint)slot.Client.Size,
                            Iov = &answerVectors[toSend],
                            IovLength = 1,
                        };
                        toSend++;
                    }
                }

                SendAll(fd, answers, toSend);
            }
        }
        catch (ObjectDisposedException)
        {
            // Socket closed before the loop started: shutting down.
        }
        finally
        {
            if (referenced)
            {
                handle.DangerousRelease();
            }

            NativeMemory.Free(received);
            NativeMemory.Free(receiveVectors);
            NativeMemory.Free(answers);
            NativeMemory.Free(answerVectors);
            _exited.TrySetResult();
        }
    }

    /// <summary>Points receive header <paramref name="i"/> at the slot's request buffer and address.</summary>
    private static void Aim(MultiMessageHeader* received, IoVec* vectors, int i, UdpSlot slot)
    {
        vectors[i] = new IoVec { Base = slot.RequestPointer, Length = UdpSlot.BufferSize };
        received[i].Header = new MessageHeader
        {
            Name = slot.ClientPointer,
            NameLength = (uint)slot.ClientCapacity,
            Iov = &vectors[i],
            IovLength = 1,
        };
    }

    /// <summary>
    /// After a receive that returned nothing: false when the loop should end. A timeout (the
    /// socket's receive timeout, or a descriptor another user of the socket made non-blocking)
    /// waits in poll so the loop notices shutdown; transient errors (ICMP unreachable from an
    /// earlier answer, a signal) go on.
    /// </summary>
    private bool WaitAfterEmptyReceive(int fd, int count)
    {
        if (_stopping)
        {
            return false;
        }

        int error = count < 0 ? Marshal.GetLastPInvokeError() : 0;
        switch (error)
        {
            case EAgain:
                var wait = new PollDescriptor { Fd = fd, Events = PollIn };
                Poll(&wait, 1, ReceivePollMs);
                return true;
            case EIntr:
                return true;
            case EBadF:
                return false;
            case 0:
                // No datagram and no error: the socket was shut down under us (disposal).
                return !_socket.SafeHandle.IsClosed;
            default:
                Log.UdpReceiveErrno(_logger, error);
                return true;
        }
    }

    /// <summary>Sends the batch's answers; a datagram the kernel refuses is logged and skipped.</summary>
    private void SendAll(int fd, MultiMessageHeader* answers, int count)
    {
        int sent = 0;
        while (sent < count)
        {
            int n = SendMessages(fd, answers + sent, (uint)(count - sent), 0);
            if (n > 0)
            {
                sent += n;
                continue;
            }

            int error = Marshal.GetLastPInvokeError();
            if (error == EIntr)
            {
                continue;
            }

            if (error == EAgain)
            {
                // The socket's send buffer is full (the descriptor was made non-blocking): wait for room once.
                var wait = new PollDescriptor { Fd = fd, Events = PollOut };
                if (Poll(&wait, 1, ReceivePollMs) > 0)
                {
                    continue;
                }
            }

            Log.UdpSendErrno(_logger, error);
            sent++;
        }
    }

    /// <summary>SO_RCVTIMEO, so a blocking recvmmsg wakes to notice shutdown.</summary>
    private void SetReceiveTimeout(int milliseconds)
    {
        Span<byte> timeval = stackalloc byte[2 * sizeof(long)];
        if (nint.Size == 8)
        {
            MemoryMarshal.Write(timeval, (long)(milliseconds / 1000));
            MemoryMarshal.Write(timeval[sizeof(long)..], (long)(milliseconds % 1000 * 1000));
            _socket.SetRawSocketOption(1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, timeval);
        }
        else
        {
            MemoryMarshal.Write(timeval, milliseconds / 1000);
            MemoryMarshal.Write(timeval[sizeof(int)..], milliseconds % 1000 * 1000);
            _socket.SetRawSocketOption(1, 20, timeval[..(2 * sizeof(int))]);
        }
    }
}
