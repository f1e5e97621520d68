using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Conformance.Smt;

/// <summary>
/// <see cref="ISmtSolver"/> over Debian's libz3.so.4 (Z3 4.8.x) through <see cref="Z3Api"/>: one Z3
/// context per instance, SMT-LIB2 text in, text out.
/// </summary>
/// <remarks>
/// <para>How the Z3 4.8.12 pitfalls are handled (ENVIRONMENT.md):</para>
/// <list type="bullet">
/// <item>Z3's default error handler calls exit(1); an <see cref="UnmanagedCallersOnlyAttribute"/> handler that only
/// records the code is installed right after the context is created.</item>
/// <item>The error code is sticky: it is cleared before every call, read after it.</item>
/// <item>Script errors come back in the output as <c>(error "...")</c> while the rest runs: any such line
/// makes <see cref="CheckSat"/> a <see cref="SolverOutcome.Failure"/>.</item>
/// <item><c>(set-option :timeout N)</c> leaks across contexts, so each check is
/// <c>(check-sat-using (try-for T N))</c> with T = <c>qfbv</c> for pure bit-vector scripts and <c>smt</c>
/// otherwise (arrays, uninterpreted functions, quantifiers, integers).</item>
/// <item>The script, the check, the value query and the closing <c>(pop 1)</c> are separate calls, so a script
/// with unbalanced parentheses cannot swallow the pop; nothing it declares survives.</item>
/// </list>
/// Not thread-safe, except <see cref="Interrupt"/> and <see cref="Dispose"/>, which may come from any thread.
/// </remarks>
public sealed unsafe partial class Z3NativeSolver : ISmtSolver
{
    [ThreadStatic]
    private static int lastHandledError;

    private readonly Z3Api api;
    private readonly Lock gate = new();
    private IntPtr context;
    private volatile bool checking;
    private volatile bool interruptRequested;

    /// <summary>Creates a solver over libz3.so.4.</summary>
    /// <exception cref="SolverUnavailableException">libz3.so.4 is missing or is not Z3 (install libz3-4).</exception>
    public Z3NativeSolver() : this(Z3Api.Shared) { }

    internal Z3NativeSolver(Z3Api api)
    {
        this.api = api;
        IntPtr config = api.MkConfig();
        try
        {
            context = api.MkContext(config);
        }
        finally
        {
            api.DelConfig(config);
        }

        if (context == IntPtr.Zero)
        {
            throw new SolverUnavailableException("Z3_mk_context returned no context");
        }

        api.SetErrorHandler(context, (IntPtr)(delegate* unmanaged[Cdecl]<IntPtr, int, void>)&OnError);
    }

    /// <summary>The Z3 version in use, e.g. "4.8.12.0".</summary>
    public string Version => api.Version;

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The solver was disposed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeoutMs"/> is not positive.</exception>
    public SolverOutcome CheckSat(string script, IReadOnlyList<string> valueTerms, int timeoutMs)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(valueTerms);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutMs);
        ObjectDisposedException.ThrowIf(context == IntPtr.Zero, this);
        interruptRequested = false;
        Eval("(push 1)");
        try
        {
            string scriptOutput = Eval(script);
            if (ErrorsIn(scriptOutput) is { } scriptErrors)
            {
                return new SolverOutcome.Failure(scriptErrors);
            }

            string tactic = NeedsGeneralTactic().IsMatch(script) ? "smt" : "qfbv";
            if (interruptRequested)
            {
                return new SolverOutcome.Unknown("interrupted before the check started");
            }

            var clock = Stopwatch.StartNew();
            string answer;
            checking = true;
            try
            {
                answer = Eval($"(check-sat-using (try-for {tactic} {timeoutMs}))").Trim();
            }
            finally
            {
                checking = false;
            }

            switch (answer)
            {
                case "unsat":
                    return new SolverOutcome.Unsat();
                case "unknown":
                    return new SolverOutcome.Unknown(ReasonUnknown(clock.Elapsed, timeoutMs));
                case "sat":
                    return ValuesOf(valueTerms);
                default:
                    return new SolverOutcome.Failure(ErrorsIn(answer) ?? $"unexpected answer to check-sat: {answer}");
            }
        }
        finally
        {
            Eval("(pop 1)");
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The solver was disposed.</exception>
    public SolverOutcome Optimize(string script, IReadOnlyList<string> constants, int timeoutMs)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(constants);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(timeoutMs);
        ObjectDisposedException.ThrowIf(context == IntPtr.Zero, this);
        interruptRequested = false;
        IntPtr optimizer = api.MkOptimize(context);
        api.OptimizeIncRef(context, optimizer);
        try
        {
            api.SetError(context, 0);
            byte[] text = Encoding.UTF8.GetBytes(script + "\0");
            fixed (byte* p = text)
            {
                api.OptimizeFromString(context, optimizer, p);
            }
            if (api.GetErrorCode(context) != 0)
            {
                string message = Marshal.PtrToStringUTF8(api.GetErrorMsg(context, api.GetErrorCode(context))) ?? "error";
                api.SetError(context, 0);
                return new SolverOutcome.Failure($"optimizer rejected the script: {message}");
            }
            int answer;
            checking = true;
            using (new Timer(_ => Interrupt(), null, timeoutMs, Timeout.Infinite))
            {
                try
                {
                    answer = api.OptimizeCheck(context, optimizer, 0, IntPtr.Zero);
                }
                finally
                {
                    checking = false;
                }
            }
            if (api.GetErrorCode(context) != 0)
            {
                api.SetError(context, 0);
                return new SolverOutcome.Unknown(interruptRequested ? $"timeout after {timeoutMs} ms (optimizer interrupted)" : "optimizer failed");
            }
            switch (answer)
            {
                case -1:
                    return new SolverOutcome.Unsat();
                case 0:
                    return new SolverOutcome.Unknown(interruptRequested ? $"timeout after {timeoutMs} ms (optimizer interrupted)" : "optimizer gave up");
                default:
                    IntPtr model = api.OptimizeGetModel(context, optimizer);
                    api.ModelIncRef(context, model);
                    try
                    {
                        string printed = Marshal.PtrToStringUTF8(api.ModelToString(context, model)) ?? "";
                        return ModelValues(printed, constants);
                    }
                    finally
                    {
                        api.ModelDecRef(context, model);
                    }
            }
        }
        finally
        {
            api.OptimizeDecRef(context, optimizer);
        }
    }

    /// <summary>Reads constants' values out of a model as Z3_model_to_string prints it: one "x -> #x..." line each.</summary>
    private static SolverOutcome ModelValues(string printed, IReadOnlyList<string> constants)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in printed.Split('\n'))
        {
            int arrow = line.IndexOf(" -> ", StringComparison.Ordinal);
            if (arrow > 0)
            {
                found[line[..arrow].Trim()] = line[(arrow + 4)..].Trim();
            }
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in constants)
        {
            if (!found.TryGetValue(c, out var v))
            {
                return new SolverOutcome.Failure($"the model has no value for {c}: {printed}");
            }
            values[c] = v;
        }
        return new SolverOutcome.Sat(values);
    }

    /// <inheritdoc/>
    /// <remarks>An error the API reports outside the text is appended as an <c>(error "...")</c> line.</remarks>
    /// <exception cref="ObjectDisposedException">The solver was disposed.</exception>
    public string Run(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        ObjectDisposedException.ThrowIf(context == IntPtr.Zero, this);
        return Eval(script);
    }

    /// <inheritdoc/>
    public void Interrupt()
    {
        lock (gate)
        {
            interruptRequested = true;
            if (context != IntPtr.Zero && checking)
            {
                api.Interrupt(context);
            }
        }
    }

    /// <summary>Deletes the Z3 context; safe to call more than once.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (context != IntPtr.Zero)
            {
                api.DelContext(context);
                context = IntPtr.Zero;
            }
        }
    }

    /// <summary>The text of every <c>(error "...")</c> in <paramref name="output"/>, joined by newlines; null when none.</summary>
    internal static string? ErrorsIn(string output)
    {
        if (!output.Contains("(error", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var messages = SExprReader.ReadAll(output, "z3 output")
                .OfType<SList>()
                .Where(l => l.HeadIs("error"))
                .Select(l => l.Items.Count > 1 && l.Items[1] is SAtom { Kind: AtomKind.String } m ? m.Text : l.ToString())
                .ToList();
            return messages.Count > 0 ? string.Join("\n", messages) : null;
        }
        catch (SmtParseException)
        {
            return output.Trim();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(IntPtr context, int code)
    {
        // Never throw here: an exception cannot cross the native frame. Record and return; the
        // caller reads the (sticky) code through Z3_get_error_code after the call.
        lastHandledError = code;
    }

    [GeneratedRegex(@"\b(Array|select|store|forall|exists|Int|Real|declare-fun\s+\S+\s+\(\s*[^)\s])")]
    private static partial Regex NeedsGeneralTactic();

    private SolverOutcome ValuesOf(IReadOnlyList<string> valueTerms)
    {
        var values = new Dictionary<string, string>(valueTerms.Count, StringComparer.Ordinal);
        if (valueTerms.Count == 0)
        {
            return new SolverOutcome.Sat(values);
        }

        string output = Eval("(get-value (" + string.Join(" ", valueTerms) + "))");
        if (ErrorsIn(output) is { } errors)
        {
            return new SolverOutcome.Failure(errors);
        }

        IReadOnlyList<SExpr> parsed;
        try
        {
            parsed = SExprReader.ReadAll(output, "z3 get-value output");
        }
        catch (SmtParseException e)
        {
            return new SolverOutcome.Failure($"unreadable get-value output ({e.Message}): {output}");
        }

        if (parsed is not [SList pairs] || pairs.Items.Count != valueTerms.Count)
        {
            return new SolverOutcome.Failure($"unexpected get-value output: {output}");
        }

        for (int i = 0; i < valueTerms.Count; i++)
        {
            if (pairs.Items[i] is not SList { Items.Count: 2 } pair)
            {
                return new SolverOutcome.Failure($"unexpected get-value output: {output}");
            }

            // By position: Z3 prints the terms back in its own layout, the caller's text is the key.
            values[valueTerms[i]] = pair.Items[1].ToString();
        }

        return new SolverOutcome.Sat(values);
    }

    private string ReasonUnknown(TimeSpan elapsed, int timeoutMs)
    {
        string reason = "";
        var info = Eval("(get-info :reason-unknown)");
        try
        {
            if (SExprReader.ReadAll(info, "z3 get-info output") is [SList { Items: [_, SAtom text] }])
            {
                reason = text.Text;
            }
        }
        catch (SmtParseException)
        {
            reason = info.Trim();
        }

        if (interruptRequested)
        {
            return $"interrupted (solver: {reason})";
        }

        return elapsed.TotalMilliseconds >= timeoutMs * 0.9
            ? $"timeout after {timeoutMs} ms (solver: {reason})"
            : reason.Length == 0 ? "unknown (solver gave no reason)" : reason;
    }

    private string Eval(string text)
    {
        int byteCount = Encoding.UTF8.GetByteCount(text);
        byte[] bytes = new byte[byteCount + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        lastHandledError = 0;
        api.SetError(context, 0);
        string output;
        fixed (byte* p = bytes)
        {
            IntPtr result = api.EvalSmtlib2String(context, p);
            output = result == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(result) ?? "";
        }

        int code = api.GetErrorCode(context);
        if (code != 0 || lastHandledError != 0)
        {
            int reported = code != 0 ? code : lastHandledError;
            IntPtr message = api.GetErrorMsg(context, reported);
            string text2 = message == IntPtr.Zero ? $"Z3 error code {reported}" : Marshal.PtrToStringUTF8(message) ?? "";
            api.SetError(context, 0);
            output += $"\n(error \"{text2.Replace("\"", "\"\"", StringComparison.Ordinal)}\")\n";
        }

        return output;
    }
}
