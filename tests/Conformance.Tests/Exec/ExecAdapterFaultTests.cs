using System.Diagnostics;
using Conformance.Adapters;
using Conformance.Adapters.Exec;

namespace Conformance.Tests.Exec;

/// <summary>
/// Each fault class, provoked by a small hostile adapter (hostile-adapter.sh, bash only): the exact
/// fault is reported, naming the request and the adapter, and results received earlier are kept.
/// </summary>
public sealed class ExecAdapterFaultTests
{
    private static ExecAdapterOptions Hostile(string mode, int at = 1, int bits = 64, int protocol = 1) =>
        new("bash", [RepoPaths.HostileAdapter, mode, at.ToString(System.Globalization.CultureInfo.InvariantCulture),
            bits.ToString(System.Globalization.CultureInfo.InvariantCulture), protocol.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RequestTimeout = TimeSpan.FromSeconds(5),
        };

    private static Request[] Converts(int count) =>
        Enumerable.Range(0, count).Select(i => new ConvertRequest(ValueKind.Uint16, (ulong)i)).ToArray();

    private static void AssertFault(ExecFault expected, AdapterException? e, string? requestPart = null)
    {
        Assert.NotNull(e);
        Assert.True(ExecFaults.Of(e) == expected, $"expected fault {expected}, got {ExecFaults.Of(e)}: {e.Message}");
        Assert.StartsWith($"adapter fault [{ExecFaults.Name(expected)}]", e.Message, StringComparison.Ordinal);
        Assert.Contains("hostile-adapter.sh", e.Message, StringComparison.Ordinal);
        if (requestPart is not null)
        {
            Assert.Contains(requestPart, e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>Asserts replies [0, firstBad) are results and returns the first bad reply.</summary>
    private static ExecReply AssertKeptUntil(IReadOnlyList<ExecReply> replies, int firstBad)
    {
        for (var i = 0; i < firstBad; i++)
        {
            Assert.True(replies[i].IsOk, $"reply {i} should have been kept: {replies[i].Fault?.Message}");
            Assert.Equal(0x1000UL + (8UL * (ulong)(i + 1)), ((PointedResult)replies[i].GetResult()).Pointer.Value);
        }
        for (var i = firstBad + 1; i < replies.Count; i++)
        {
            AssertFault(ExecFault.Aborted, replies[i].Fault);
        }
        return replies[firstBad];
    }

    /// <summary>Well behaved: All replies in order.</summary>

    [Fact]
    public void WellBehaved_AllRepliesInOrder()
    {
        using var a = ExecAdapter.Start(Hostile("ok"));
        var replies = a.Submit(Converts(20));
        AssertKeptUntil(replies, 20 - 1);
        Assert.True(replies[^1].IsOk);
        Assert.Equal("hostile", a.Info.Name);
        Assert.Equal(new Arch(64, false), a.Info.Arch);
    }

    /// <summary>Hang: Reports hang after request timeout and keeps earlier results.</summary>

    [Fact]
    public void Hang_ReportsHangAfterRequestTimeoutAndKeepsEarlierResults()
    {
        using var a = ExecAdapter.Start(Hostile("hang", 3) with { RequestTimeout = TimeSpan.FromSeconds(1) });
        var clock = Stopwatch.StartNew();
        var replies = a.Submit(Converts(5));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        var bad = AssertKeptUntil(replies, 2);
        AssertFault(ExecFault.Hang, bad.Fault, "convert(uint16, 0x2)");
        Assert.Contains("no reply within 00:00:01", bad.Fault!.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An adapter that stops reading its stdin yet answers (it forges the ids of requests it never read): once the pipe
    /// is full the client's requests stay unwritten. The wait for a reply with requests still unwritten is given the
    /// request timeout, then the process is killed, and the request is a hang naming why.
    /// </summary>
    [Fact]
    public void DeafAdapter_AWriteThatWaitsPastTheTimeout_IsAHang()
    {
        const string Forger = """
            read -r line
            printf '{"id":1,"ok":true,"result":{"protocol":1,"runtime":{"name":"deaf","version":"1"},"arch":{"wordBits":64,"byteOrder":"little"},"features":["core"]}}\n'
            for ((id = 2; id <= 3000; id++)); do
              printf '{"id":%s,"ok":true,"result":{"pointer":"0x1000","allocated":{"objects":"0x0","bytes":"0x0"}}}\n' "$id"
            done
            sleep 1000
            """;
        using var a = ExecAdapter.Start(new ExecAdapterOptions("bash", ["-c", Forger]) { RequestTimeout = TimeSpan.FromSeconds(1), MaxRestarts = 0 });
        var clock = Stopwatch.StartNew();
        int answered = 0;
        var e = Assert.Throws<AdapterException>(() =>
        {
            for (; answered < 10_000; answered++)
            {
                a.Convert(ValueKind.Uint16, 0);
            }
        });
        Assert.True(ExecFaults.Of(e) == ExecFault.Hang, e.Message);
        Assert.Contains("stopped reading its stdin (earlier requests unread): a write of requests waited 00:00:01; killed", e.Message, StringComparison.Ordinal);
        Assert.Equal(2999, answered); // every forged answer was taken, the one after them was not
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// A batch larger than a pipe holds, to an adapter that writes a long reply to each request before it reads the next:
    /// the adapter soon waits on its full stdout while the client still has requests to write. The client reads replies
    /// while it writes (one poll over both pipes, no thread of its own for either), so every reply arrives.
    /// </summary>
    [Fact]
    public async Task BatchLargerThanThePipe_ToAnAdapterWithLongReplies_EveryReplyArrives()
    {
        const string Padder = """
            read -r line
            printf '{"id":1,"ok":true,"result":{"protocol":1,"runtime":{"name":"padder","version":"1"},"arch":{"wordBits":64,"byteOrder":"little"},"features":["core"]}}\n'
            pad=$(printf '%*s' 10000 '')
            while read -r line; do
              id=${line#*\"id\":}; id=${id%%[,\}]*}
              printf '{"id":%s,"ok":true,"result":{"pointer":"0x1000","allocated":{"objects":"0x0","bytes":"0x0"}}}%s\n' "$id" "$pad"
            done
            """;
        using var a = ExecAdapter.Start(new ExecAdapterOptions("bash", ["-c", Padder]) { RequestTimeout = TimeSpan.FromSeconds(20), MaxRestarts = 0 });
        var requests = Converts(2000); // about 100 KB of requests; 20 MB of replies
        var submitted = Task.Run(() => a.Submit(requests));
        Assert.True(await Task.WhenAny(submitted, Task.Delay(TimeSpan.FromSeconds(120))) == submitted, "the client and the adapter wait on each other: no reply in 2 minutes");
        var replies = await submitted;
        Assert.All(replies, r => Assert.True(r.IsOk, r.Fault?.Message));
        Assert.Equal(2000, replies.Count);
    }

    /// <summary>Crash mid batch: Reports crash with status and keeps earlier results.</summary>

    [Fact]
    public void CrashMidBatch_ReportsCrashWithStatusAndKeepsEarlierResults()
    {
        using var a = ExecAdapter.Start(Hostile("crash", 3));
        var bad = AssertKeptUntil(a.Submit(Converts(6)), 2);
        AssertFault(ExecFault.Crash, bad.Fault, "convert(uint16, 0x2)");
        Assert.Contains("exit status 3", bad.Fault!.Message, StringComparison.Ordinal);
        Assert.Contains("crashing on purpose", bad.Fault.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An adapter that closes its stdout but keeps running is a crash said for what it did (not "died (still running)",
    /// as the message read before), and its process is killed.
    /// </summary>
    [Fact]
    public void StdoutClosedWhileRunning_IsACrashSayingSo_AndIsKilled()
    {
        const string Closer = """
            IFS= read -r line; [[ $line =~ \"id\":([0-9]+) ]]
            printf '{"id":%s,"ok":true,"result":{"protocol":1,"runtime":{"name":"closer","version":"1"},"arch":{"wordBits":64,"byteOrder":"little"},"features":["core"]}}\n' "${BASH_REMATCH[1]}"
            exec 1>&-; sleep 60
            """;
        using var a = ExecAdapter.Start(new ExecAdapterOptions("bash", ["-c", Closer]) { RequestTimeout = TimeSpan.FromSeconds(20) });
        using var process = System.Diagnostics.Process.GetProcessById(a.ProcessId!.Value);
        var e = Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 1));
        Assert.Equal(ExecFault.Crash, ExecFaults.Of(e));
        Assert.True(e.Message.Contains("the adapter closed its stdout and had not exited 2 s later (killed) before answering", StringComparison.Ordinal) && e.Message.Contains("convert(uint16, 0x1)", StringComparison.Ordinal), e.Message);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "the adapter that closed its stdout still runs");
    }

    /// <summary>Garbage bytes: Reports malformed with escaped excerpt.</summary>

    [Fact]
    public void GarbageBytes_ReportsMalformedWithEscapedExcerpt()
    {
        using var a = ExecAdapter.Start(Hostile("garbage", 2));
        var bad = AssertKeptUntil(a.Submit(Converts(4)), 1);
        AssertFault(ExecFault.Malformed, bad.Fault, "convert(uint16, 0x1)");
        Assert.Contains("not UTF-8", bad.Fault!.Message, StringComparison.Ordinal);
        Assert.Contains("\\xff\\xfe\\x00", bad.Fault.Message, StringComparison.Ordinal);
    }

    /// <summary>Hundred megabyte line: Reports oversized without buffering it.</summary>

    [Fact]
    public void HundredMegabyteLine_ReportsOversizedWithoutBufferingIt()
    {
        using var a = ExecAdapter.Start(Hostile("bigline", 2) with { RequestTimeout = TimeSpan.FromSeconds(30) });
        var bad = AssertKeptUntil(a.Submit(Converts(3)), 1);
        AssertFault(ExecFault.Oversized, bad.Fault, "convert(uint16, 0x1)");
        // The reader counts the discarded bytes as they pass: all 10^8 were seen, none kept.
        Assert.Contains("a stdout line of 100000000 bytes", bad.Fault!.Message, StringComparison.Ordinal);
    }

    /// <summary>Wrong protocol version: Refused naming both versions.</summary>

    [Fact]
    public void WrongProtocolVersion_RefusedNamingBothVersions()
    {
        var e = Assert.Throws<AdapterException>(() => ExecAdapter.Start(Hostile("ok", protocol: 3)));
        AssertFault(ExecFault.ProtocolVersion, e, "hello");
        Assert.Contains("the adapter speaks protocol 3; this client speaks protocols 1, 2", e.Message, StringComparison.Ordinal);
    }

    /// <summary>An adapter answering protocol 1 is driven as protocol 1: no emptySlice (an adapter error, no request sent), no reset.</summary>
    [Fact]
    public void ProtocolOneAdapter_DrivenWithoutProtocolTwoOps()
    {
        using var a = ExecAdapter.Start(Hostile("ok", protocol: 1));
        Assert.Equal(1, a.Protocol);
        Assert.False(a.TryReset());
        var e = Assert.Throws<AdapterException>(() => a.EmptySlice());
        Assert.Contains("protocol 1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// An address wider than the declared word is passed through as the runtime reported it: it breaks AR-001, which the
    /// suite judges (ObservedRuntime files it under AR-001), so the client must not turn it into an adapter fault first.
    /// </summary>
    [Fact]
    public void PointerWiderThanDeclaredWord_IsPassedThroughForAR001()
    {
        using var a = ExecAdapter.Start(Hostile("lie", 2, bits: 32));
        Assert.Equal(32, a.Info.Arch.WordBits);
        Assert.Equal(0x1008UL, a.Convert(ValueKind.Uint16, 0).Data);
        Assert.Equal(0x100000000UL, a.Convert(ValueKind.Uint16, 1).Data);
        Assert.Equal(0, a.Restarts);
    }

    /// <summary>Stderr flood: Neither blocks nor counts as results.</summary>

    [Fact]
    public void StderrFlood_NeitherBlocksNorCountsAsResults()
    {
        var sunk = 0L;
        using var a = ExecAdapter.Start(Hostile("flood") with { StderrLogLines = 50, StderrSink = _ => Interlocked.Increment(ref sunk) });
        var replies = a.Submit(Converts(10)); // 50 MB of stderr in all, while stdout carries the replies
        AssertKeptUntil(replies, 9);
        Assert.True(replies[9].IsOk);
        // The last pipe-buffer's worth (up to 64 KiB) may still be in flight when the last reply arrives: the
        // drain thread must catch up with it without any further request.
        SpinWait.SpinUntil(() => a.Stderr.TotalBytes >= 50_000_000, TimeSpan.FromSeconds(20));
        Assert.True(a.Stderr.TotalBytes >= 50_000_000, $"stderr bytes drained: {a.Stderr.TotalBytes}");
        Assert.Equal(50, a.Stderr.Recent().Count);
        Assert.All(a.Stderr.Recent(), l => Assert.True(l.Length < 2100, "a kept stderr line is cut to the limit"));
        Assert.True(Interlocked.Read(ref sunk) > 50, "the sink saw every line");
    }

    /// <summary>Slow replies: Within timeout are answers.</summary>

    [Fact]
    public void SlowReplies_WithinTimeoutAreAnswers()
    {
        using var a = ExecAdapter.Start(Hostile("slow") with { RequestTimeout = TimeSpan.FromSeconds(3) });
        var replies = a.Submit(Converts(4));
        Assert.All(replies, r => Assert.True(r.IsOk, r.Fault?.Message));
    }

    /// <summary>Slow replies; Past run budget: Report run timeout and no restart.</summary>

    [Fact]
    public void SlowReplies_PastRunBudget_ReportRunTimeoutAndNoRestart()
    {
        using var a = ExecAdapter.Start(Hostile("slow") with { RunTimeout = TimeSpan.FromSeconds(1.2) });
        var replies = a.Submit(Converts(10));
        var firstBad = replies.ToList().FindIndex(r => !r.IsOk);
        Assert.InRange(firstBad, 1, 9);
        AssertFault(ExecFault.RunTimeout, AssertKeptUntil(replies, firstBad).Fault);
        AssertFault(ExecFault.RestartsExhausted, Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 1)));
    }

    /// <summary>Partial last line: Reports partial line.</summary>

    [Fact]
    public void PartialLastLine_ReportsPartialLine()
    {
        using var a = ExecAdapter.Start(Hostile("partial", 2));
        var bad = AssertKeptUntil(a.Submit(Converts(3)), 1);
        AssertFault(ExecFault.PartialLine, bad.Fault, "convert(uint16, 0x1)");
        Assert.Contains("\"{\\x22id\\x22:", bad.Fault!.Message.Replace("\\\"", "\\x22", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>Exit zero before answering: Reports early exit.</summary>

    [Fact]
    public void ExitZeroBeforeAnswering_ReportsEarlyExit()
    {
        using var a = ExecAdapter.Start(Hostile("exit0", 2));
        var bad = AssertKeptUntil(a.Submit(Converts(3)), 1);
        AssertFault(ExecFault.EarlyExit, bad.Fault, "convert(uint16, 0x1)");
    }

    /// <summary>Wrong id: Reports wrong id.</summary>

    [Fact]
    public void WrongId_ReportsWrongId()
    {
        using var a = ExecAdapter.Start(Hostile("wrongid", 2));
        var bad = AssertKeptUntil(a.Submit(Converts(3)), 1);
        AssertFault(ExecFault.WrongId, bad.Fault, "convert(uint16, 0x1)");
        Assert.Contains("which is not an outstanding request", bad.Fault!.Message, StringComparison.Ordinal);
    }

    /// <summary>Error reply: Is aFault but keeps the process.</summary>

    [Fact]
    public void ErrorReply_IsAFaultButKeepsTheProcess()
    {
        using var a = ExecAdapter.Start(Hostile("error", 2));
        var pid = a.ProcessId;
        Assert.Equal(0x1008UL, a.Convert(ValueKind.Uint16, 0).Data);
        var e = Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 1));
        AssertFault(ExecFault.ErrorReply, e, "convert(uint16, 0x1)");
        Assert.Contains("error \"unsupported\": not here", e.Message, StringComparison.Ordinal);
        Assert.Equal("unsupported", a.Submit(Converts(1))[0].ErrorCode); // what a client falls back on
        Assert.Equal(pid, a.ProcessId);
        Assert.Equal(0, a.Restarts);
    }

    /// <summary>
    /// A small protocol-2 adapter (bash, inline) for the tests below: it reads requests line by line into $id and $op,
    /// answers hello as a 64-bit little-endian runtime claiming core and small.table, and every other op by the case
    /// <paramref name="arms"/> given; <paramref name="args"/> are its $0, $1, ...
    /// </summary>
    private static ExecAdapterOptions InlineAdapter(string arms, params string[] args) => new("bash", ["-c", """
        while IFS= read -r line; do
          [[ $line =~ \"id\":([0-9]+) ]] && id=${BASH_REMATCH[1]}
          [[ $line =~ \"op\":\"([a-zA-Z]+)\" ]] && op=${BASH_REMATCH[1]}
          case $op in
            hello) printf '{"id":%s,"ok":true,"result":{"protocol":2,"runtime":{"name":"inline","version":"1"},"arch":{"wordBits":64,"byteOrder":"little"},"features":["core","small.table"]}}\n' "$id" ;;
        """ + arms + """

          esac
        done
        """, .. args])
    {
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>A regions reply (bash, inside <see cref="InlineAdapter"/>): the table of 0x800 bytes at $base, no zeros.</summary>
    private const string RegionsReply = """printf '{"id":%s,"ok":true,"result":{"table":{"name":"table","base":"%s","size":"0x800"},"staticZero":null,"compilerZero":null,"zeroBuffers":[]}}\n' "$id" "$base" ;;""";

    /// <summary>A conversion's reply (bash, inside <see cref="InlineAdapter"/>): a pointer into the table, nothing allocated.</summary>
    private const string PointerReply = """printf '{"id":%s,"ok":true,"result":{"pointer":"0x1008","allocated":{"objects":"0x0","bytes":"0x0"}}}\n' "$id" ;;""";

    /// <summary>For the two tests below: reads, scans and conversions are answered with error "fault", reset with an empty result, every other op with a pointer.</summary>
    private static ExecAdapterOptions Inline() => InlineAdapter("""
        reset) printf '{"id":%s,"ok":true,"result":{}}\n' "$id" ;;
        read|scan|convert) printf '{"id":%s,"ok":false,"error":{"code":"fault","message":"SIGSEGV at 0x2000"}}\n' "$id" ;;
        """ + "\n*) " + PointerReply);

    /// <summary>
    /// A read the adapter answers with error "fault" is the runtime's memory fault (a MemoryFaultException, judged by the
    /// case: e.g. a zero region that must stay readable), not an adapter failure; the process is kept. The same code on
    /// an op that reads no memory is still an adapter fault.
    /// </summary>
    [Fact]
    public void FaultReplyToRead_IsTheRuntimesMemoryFault()
    {
        using var a = ExecAdapter.Start(Inline());
        var pid = a.ProcessId;
        var e = Assert.Throws<MemoryFaultException>(() => a.Read(0x2000, 16));
        Assert.Equal((0x2000UL, 16UL), (e.Address, e.Length));
        Assert.Contains("SIGSEGV at 0x2000", e.Message, StringComparison.Ordinal);
        var convert = Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 1));
        Assert.Equal(ExecFault.ErrorReply, ExecFaults.Of(convert));
        Assert.Equal(pid, a.ProcessId);
        Assert.Equal(0, a.Restarts);
    }

    /// <summary>
    /// A region map repeated byte for byte is not parsed again (ExecAdapter.Result), but a map that changes is read as
    /// it is, each time, also when it changes back; a map that breaks the protocol is never kept. The adapter (bash,
    /// inline) answers the n-th regions request with the table at 0x1000, but at 0x3000 the third time and past 2^64
    /// the fifth.
    /// </summary>
    [Fact]
    public void RegionMaps_ReadAsAnswered_ThoughARepeatedOneIsNotParsedAgain()
    {
        using var a = ExecAdapter.Start(InlineAdapter("""
            *) n=$((n + 1)); base=0x1000; (( n == 3 )) && base=0x3000; (( n == 5 )) && base=0xffffffffffffff00
            """ + "\n" + RegionsReply) with { ReadAhead = false });
        var bases = Enumerable.Range(0, 4).Select(_ => a.Regions().Table!.Base).ToList();
        Assert.Equal([0x1000UL, 0x1000UL, 0x3000UL, 0x1000UL], bases);
        Assert.Equal(ExecFault.Contradiction, ExecFaults.Of(Assert.Throws<AdapterException>(() => a.Regions())));
        Assert.Equal(0x1000UL, a.Regions().Table!.Base);
    }

    /// <summary>
    /// An adapter for the read-ahead tests below (bash, inline): conversions point into a table; the third regions
    /// request (by then read ahead with a conversion) is answered per <paramref name="third"/>: "contradiction" (a region
    /// running past 2^64: a fault that keeps the process) or "crash" (the process exits).
    /// </summary>
    private static ExecAdapterOptions ReadAheadAdapter(string third) => InlineAdapter("""
        regions) n=$((n + 1))
          if (( n == 3 )) && [[ $0 == crash ]]; then exit 3; fi
          base=0x1000; (( n == 3 )) && base=0xffffffffffffff00
        """ + "\n" + RegionsReply + "\n*) " + PointerReply, third);

    /// <summary>
    /// A fault that keeps the process, in the answer to a request read ahead that nobody then asks for, is nobody's
    /// failure: the next request is answered as usual. Asked for, it is that request's fault.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AContradictionReadAhead_IsTheFaultOfTheRequestThatAsksForIt_AndOfNoOther(bool ask)
    {
        using var a = ExecAdapter.Start(ReadAheadAdapter("contradiction"));
        for (ulong v = 0; v < 2; v++)
        {
            a.Convert(ValueKind.Uint16, v);
            Assert.Equal(0x1000UL, a.Regions().Table!.Base); // regions #1 and #2, asked: after them it is read ahead
        }
        Assert.Equal(0x1008UL, a.Convert(ValueKind.Uint16, 2).Data); // carries regions #3
        if (ask)
        {
            var e = Assert.Throws<AdapterException>(() => a.Regions());
            Assert.Equal(ExecFault.Contradiction, ExecFaults.Of(e));
            Assert.Contains("runs past the end of any 64-bit address space", e.Message, StringComparison.Ordinal);
        }
        Assert.Equal((ask ? 1L : 0L, 7L), (a.Traffic.ReadAheadHits, a.Traffic.Requests)); // hello, 3 conversions, 3 regions (the third read ahead)
        Assert.Equal(0x1008UL, a.Convert(ValueKind.Uint16, 3).Data);
        Assert.Equal(0, a.Restarts);
    }

    /// <summary>
    /// The process dying on a request read ahead that nobody asks for is still reported: the next request that was not
    /// read ahead fails with that fault, naming the request read ahead; then a new process answers.
    /// </summary>
    [Fact]
    public void ADeathOnARequestReadAhead_IsReportedByTheNextRequest()
    {
        using var a = ExecAdapter.Start(ReadAheadAdapter("crash"));
        for (ulong v = 0; v < 2; v++)
        {
            a.Convert(ValueKind.Uint16, v);
            a.Regions();
        }
        Assert.Equal(0x1008UL, a.Convert(ValueKind.Uint16, 2).Data); // answered; the regions read ahead with it killed the process
        var e = Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 3));
        Assert.Equal(ExecFault.Crash, ExecFaults.Of(e));
        Assert.StartsWith("adapter fault [crash]", e.Message, StringComparison.Ordinal);
        Assert.Contains("(regions)", e.Message, StringComparison.Ordinal);
        Assert.Contains("a request read ahead after convert(uint16, 0x2)", e.Message, StringComparison.Ordinal);
        Assert.Equal(0x1008UL, a.Convert(ValueKind.Uint16, 4).Data); // a new process
        Assert.Equal(1, a.Restarts);
    }

    /// <summary>A result missing a field (or a field of a field) is malformed, names the field, and keeps the process.</summary>
    [Theory]
    [InlineData("nofield", "\"allocated\" is required")]
    [InlineData("emptyalloc", "\"allocated.objects\", \"allocated.bytes\" are required")]
    public void ResultMissingAField_IsMalformedAndKeepsTheProcess(string mode, string named)
    {
        using var a = ExecAdapter.Start(Hostile(mode, 2));
        var pid = a.ProcessId;
        var bad = AssertKeptUntil(a.Submit(Converts(2)), 1);
        AssertFault(ExecFault.Malformed, bad.Fault, "convert(uint16, 0x1)");
        Assert.Contains($"adapter fault [malformed]: {named}", bad.Fault!.Message, StringComparison.Ordinal);
        Assert.Equal(pid, a.ProcessId);
        Assert.Equal(0, a.Restarts);
    }

    /// <summary>Crash then later requests: Restart bounded times.</summary>

    [Fact]
    public void CrashThenLaterRequests_RestartBoundedTimes()
    {
        using var a = ExecAdapter.Start(Hostile("crash", 2) with { MaxRestarts = 1 });
        Assert.Equal(0x1008UL, a.Convert(ValueKind.Uint16, 0).Data);
        AssertFault(ExecFault.Crash, Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 1)));
        Assert.Equal(0x1008UL, a.Convert(ValueKind.Uint16, 2).Data); // a new process answers
        Assert.Equal(1, a.Restarts);
        AssertFault(ExecFault.Crash, Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 3)));
        var e = Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 4));
        AssertFault(ExecFault.RestartsExhausted, e);
        Assert.Contains("at most 1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Handle from before restart: Is stale.</summary>

    [Fact]
    public void HandleFromBeforeRestart_IsStale()
    {
        using var a = ExecAdapter.Start(Hostile("crash", 1));
        _ = Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 0));
        var staleMap = new MapRef(1L << 32); // instance 1's map 0; instance 2 runs after the restart
        var replies = a.Submit([new LookupMissingRequest(new(staleMap.Id), 7)]);
        AssertFault(ExecFault.StaleHandle, replies[0].Fault);
        Assert.Contains("issued by runtime instance 1; instance 2 runs now", replies[0].Fault!.Message, StringComparison.Ordinal);
    }

    /// <summary>Every handle a request names is checked, wherever it sits (a property, an optional one, an array), and a
    /// request naming none has none to check.</summary>
    [Fact]
    public void StaleHandle_InAnyPositionOfAnyRequest_IsRefusedBeforeSending()
    {
        Request[] named =
        [
            new CreateTypeRequest(TypeKind.Chan, Element: new(1)), new ZeroPointerRequest(new(2)), new MakeMapRequest(new(3)),
            new LookupMissingRequest(new(4), 0), new AssignRequest(new(5), 0, 0), new RaceFirstUseRequest([new(6), new(7)], 1),
        ];
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], named.SelectMany(r => r.Handles).Select(h => h.Value));
        Assert.Empty(new Request[] { new CreateTypeRequest(TypeKind.Array, 8), new ConvertRequest(ValueKind.Int8, 1), ExecAdapter.RegionsAsked }.SelectMany(r => r.Handles));

        using var a = ExecAdapter.Start(Hostile("crash", 1));
        _ = Assert.Throws<AdapterException>(() => a.Convert(ValueKind.Uint16, 0)); // instance 2 runs after the restart
        var stale = new TypeRef((1L << 32) | 3);
        foreach (var call in new Action[] { () => a.CreateType(TypeKind.Chan, 0, stale), () => a.RaceFirstUse([new TypeRef(2L << 32), stale], 2) })
        {
            var e = Assert.Throws<AdapterException>(call);
            AssertFault(ExecFault.StaleHandle, e);
            Assert.Contains($"handle {stale.Id} was issued by runtime instance 1; instance 2 runs now", e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>A reset makes a fresh runtime in the same process: a handle issued before it is stale, as after a restart.</summary>
    [Fact]
    public void HandleFromBeforeReset_IsStale()
    {
        using var a = ExecAdapter.Start(Inline());
        var pid = a.ProcessId;
        var map = new MapRef(1L << 32); // runtime instance 1's map 0
        Assert.True(a.Submit([new LookupMissingRequest(new(map.Id), 7)])[0].IsOk);
        Assert.True(a.TryReset());
        var replies = a.Submit([new LookupMissingRequest(new(map.Id), 7)]);
        Assert.Equal(ExecFault.StaleHandle, ExecFaults.Of(replies[0].Fault!));
        Assert.Contains("issued by runtime instance 1; instance 2 runs now", replies[0].Fault!.Message, StringComparison.Ordinal);
        Assert.Equal(pid, a.ProcessId);
        Assert.True(a.Submit([new LookupMissingRequest(new(2L << 32), 7)])[0].IsOk); // the fresh runtime's own handle
    }

    /// <summary>Missing program: Reports start.</summary>

    [Fact]
    public void MissingProgram_ReportsStart()
    {
        var e = Assert.Throws<AdapterException>(() => ExecAdapter.Start(new ExecAdapterOptions("/nonexistent/adapter", [])));
        Assert.Equal(ExecFault.Start, ExecFaults.Of(e));
        Assert.Contains("exec:/nonexistent/adapter", e.Message, StringComparison.Ordinal);
    }
}
