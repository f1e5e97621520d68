using System.Runtime.InteropServices;

namespace Conformance.Smt;

/// <summary>
/// The whole native surface of Z3 the suite uses: eleven C functions of Debian's libz3.so.4, bound
/// as unmanaged function pointers from one explicitly loaded library handle.
/// </summary>
/// <remarks>
/// Why function pointers from <see cref="NativeLibrary.TryLoad(string, out IntPtr)"/> rather than
/// <c>[LibraryImport]</c> plus a global DllImport resolver: the library name is then a value (the
/// tests point it at a bogus or wrong library through <see cref="Load"/>), a wrong library is caught
/// symbol by symbol at load time instead of at the first call, and no process-wide resolver is
/// registered on the Conformance assembly (it can be registered only once). Plain <c>libz3.so</c>
/// exists only with libz3-dev, so the default name is the SONAME <c>libz3.so.4</c>.
/// Strings passed in are NUL-terminated UTF-8; strings returned are owned by Z3 and copied at once.
/// </remarks>
internal sealed unsafe class Z3Api
{
    /// <summary>The SONAME loaded by default.</summary>
    internal const string DefaultLibraryName = "libz3.so.4";

    private static readonly object Gate = new();
    private static Z3Api? shared;

    internal delegate* unmanaged[Cdecl]<IntPtr> MkConfig { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, void> DelConfig { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr> MkContext { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, void> DelContext { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> SetErrorHandler { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, int, void> SetError { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, int> GetErrorCode { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> GetErrorMsg { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr> EvalSmtlib2String { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, void> Interrupt { get; private init; }
    internal delegate* unmanaged[Cdecl]<uint*, uint*, uint*, uint*, void> GetVersion { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr> MkOptimize { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> OptimizeIncRef { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> OptimizeDecRef { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, void> OptimizeFromString { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr, uint, IntPtr, int> OptimizeCheck { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr> OptimizeGetModel { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> ModelIncRef { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> ModelDecRef { get; private init; }
    internal delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr> ModelToString { get; private init; }

    /// <summary>The version the loaded library reports, e.g. "4.8.12.0".</summary>
    internal string Version { get; private set; } = "";

    /// <summary>The process-wide binding of <see cref="DefaultLibraryName"/>, loaded on first use. Tests reach a bogus or wrong library through <see cref="Load"/>.</summary>
    /// <exception cref="SolverUnavailableException">The library is missing or is not Z3.</exception>
    internal static Z3Api Shared
    {
        get
        {
            lock (Gate)
            {
                return shared ??= Load(DefaultLibraryName);
            }
        }
    }

    /// <summary>Loads <paramref name="libraryName"/> and binds every function, or throws.</summary>
    /// <exception cref="SolverUnavailableException">The library is missing or lacks a Z3 export.</exception>
    internal static Z3Api Load(string libraryName)
    {
        if (!NativeLibrary.TryLoad(libraryName, out IntPtr handle))
        {
            throw new SolverUnavailableException(
                $"cannot load the Z3 library '{libraryName}': install the Debian package libz3-4 (apt-get install libz3-4), which provides libz3.so.4");
        }

        IntPtr Get(string symbol)
        {
            if (!NativeLibrary.TryGetExport(handle, symbol, out IntPtr address))
            {
                throw new SolverUnavailableException(
                    $"'{libraryName}' is not the Z3 library (no export {symbol}): install the Debian package libz3-4, which provides libz3.so.4");
            }

            return address;
        }

        var api = new Z3Api
        {
            MkConfig = (delegate* unmanaged[Cdecl]<IntPtr>)Get("Z3_mk_config"),
            DelConfig = (delegate* unmanaged[Cdecl]<IntPtr, void>)Get("Z3_del_config"),
            MkContext = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)Get("Z3_mk_context"),
            DelContext = (delegate* unmanaged[Cdecl]<IntPtr, void>)Get("Z3_del_context"),
            SetErrorHandler = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)Get("Z3_set_error_handler"),
            SetError = (delegate* unmanaged[Cdecl]<IntPtr, int, void>)Get("Z3_set_error"),
            GetErrorCode = (delegate* unmanaged[Cdecl]<IntPtr, int>)Get("Z3_get_error_code"),
            GetErrorMsg = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)Get("Z3_get_error_msg"),
            EvalSmtlib2String = (delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr>)Get("Z3_eval_smtlib2_string"),
            Interrupt = (delegate* unmanaged[Cdecl]<IntPtr, void>)Get("Z3_interrupt"),
            GetVersion = (delegate* unmanaged[Cdecl]<uint*, uint*, uint*, uint*, void>)Get("Z3_get_version"),
            MkOptimize = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)Get("Z3_mk_optimize"),
            OptimizeIncRef = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)Get("Z3_optimize_inc_ref"),
            OptimizeDecRef = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)Get("Z3_optimize_dec_ref"),
            OptimizeFromString = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte*, void>)Get("Z3_optimize_from_string"),
            OptimizeCheck = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, uint, IntPtr, int>)Get("Z3_optimize_check"),
            OptimizeGetModel = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)Get("Z3_optimize_get_model"),
            ModelIncRef = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)Get("Z3_model_inc_ref"),
            ModelDecRef = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void>)Get("Z3_model_dec_ref"),
            ModelToString = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr>)Get("Z3_model_to_string"),
        };
        uint major, minor, build, revision;
        api.GetVersion(&major, &minor, &build, &revision);
        if (major != 4)
        {
            throw new SolverUnavailableException(
                $"'{libraryName}' is Z3 {major}.{minor}.{build}, expected 4.x: install the Debian package libz3-4, which provides libz3.so.4");
        }

        api.Version = $"{major}.{minor}.{build}.{revision}";
        return api;
    }
}
