namespace Reference;

// Three kinds of failure, never one catch-all (STYLE.md, WebAssembly):
//  - the simulated runtime's own fatal error or panic, with Go's exact message (GoRuntimeException and subclasses);
//  - a requirement violation the simulation itself detects (WriteGuardViolationException);
//  - a simulation crash, "cannot happen" (UnmappedMemoryException: something wrote outside allocated memory).

/// <summary>
/// A fatal error (<c>throw</c>) or panic of the simulated Go runtime. <see cref="Exception.Message"/> is Go's
/// exact message.
/// </summary>
public abstract class GoRuntimeException : Exception
{
    /// <summary>Creates the exception with Go's message.</summary>
    /// <param name="message">Go's exact message.</param>
    protected GoRuntimeException(string message) : base(message) { }

    /// <summary>Creates the exception with Go's message and a cause.</summary>
    /// <param name="message">Go's exact message.</param>
    /// <param name="innerException">The cause.</param>
    protected GoRuntimeException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>ZV-006: Go's <c>throw("map element too large")</c>: the zero buffer cannot grow to the element's size without wrapping the word.</summary>
[Implements("ZV-006")]
public sealed class MapElementTooLargeException : GoRuntimeException
{
    /// <summary>Go's exact message.</summary>
    public const string GoMessage = "map element too large";

    /// <summary>Creates the exception with Go's message.</summary>
    public MapElementTooLargeException() : base(GoMessage) { }

    /// <summary>Creates the exception with a message (use <see cref="GoMessage"/>).</summary>
    /// <param name="message">The message.</param>
    public MapElementTooLargeException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MapElementTooLargeException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>Go's fatal "out of memory": a segment of the simulated address space is exhausted.</summary>
public sealed class RuntimeOutOfMemoryException : GoRuntimeException
{
    /// <summary>Go's exact message.</summary>
    public const string GoMessage = "out of memory";

    /// <summary>Creates the exception with Go's message.</summary>
    public RuntimeOutOfMemoryException() : base(GoMessage) { }

    /// <summary>Creates the exception with a message (use <see cref="GoMessage"/>).</summary>
    /// <param name="message">The message.</param>
    public RuntimeOutOfMemoryException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuntimeOutOfMemoryException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>Go's panic from <c>reflect.ArrayOf</c> when count * element size does not fit the word (AR-001).</summary>
[Implements("AR-001")]
public sealed class ArraySizeExceedsAddressSpaceException : GoRuntimeException
{
    /// <summary>Go's exact message.</summary>
    public const string GoMessage = "reflect.ArrayOf: array size would exceed virtual address space";

    /// <summary>Creates the exception with Go's message.</summary>
    public ArraySizeExceedsAddressSpaceException() : base(GoMessage) { }

    /// <summary>Creates the exception with a message (use <see cref="GoMessage"/>).</summary>
    /// <param name="message">The message.</param>
    public ArraySizeExceedsAddressSpaceException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ArraySizeExceedsAddressSpaceException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>
/// A write into a guarded range (the table, SV-007; a zero region, ZV-009). The message names the requirement,
/// the architecture, the address and the region.
/// </summary>
[Implements("SV-007", "ZV-009")]
public sealed class WriteGuardViolationException : Exception
{
    /// <summary>Creates the exception for a write of <paramref name="length"/> bytes at <paramref name="address"/>.</summary>
    /// <param name="requirement">The requirement the guard protects, e.g. "SV-007".</param>
    /// <param name="architecture">The architecture name, e.g. "64be".</param>
    /// <param name="address">Start of the write.</param>
    /// <param name="length">Length of the write.</param>
    /// <param name="region">The guarded region written.</param>
    [Implements("SV-007")]
    public WriteGuardViolationException(string requirement, string architecture, ulong address, ulong length, MemoryRegion region)
        : base($"{requirement} violated on {architecture}: write of {length} byte(s) at 0x{address:x} into guarded region {region}")
    {
        ArgumentNullException.ThrowIfNull(region);
        Requirement = requirement;
        Architecture = architecture;
        Address = address;
        Length = length;
        Region = region;
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public WriteGuardViolationException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WriteGuardViolationException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public WriteGuardViolationException() : base("write into a guarded region") { }

    /// <summary>The requirement the guard protects ("SV-007" or "ZV-009"); empty when not known.</summary>
    [Implements("SV-007", "ZV-009")]
    public string Requirement { get; } = "";

    /// <summary>The architecture name; empty when not known.</summary>
    public string Architecture { get; } = "";

    /// <summary>Start of the offending write.</summary>
    public ulong Address { get; }

    /// <summary>Length of the offending write.</summary>
    public ulong Length { get; }

    /// <summary>The guarded region; null when not known.</summary>
    public MemoryRegion? Region { get; }
}

/// <summary>
/// A simulation crash: a write or allocation referred to memory that is not allocated, or an access touched a region
/// a broken variant freed (<see cref="Memory.Free"/>); "cannot happen" in a correct runtime. An adapter reports it as
/// the runtime's memory fault.
/// </summary>
public sealed class UnmappedMemoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was accessed.</param>
    public UnmappedMemoryException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was accessed.</param>
    /// <param name="innerException">The cause.</param>
    public UnmappedMemoryException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public UnmappedMemoryException() : base("access to unmapped memory") { }
}

/// <summary>
/// A simulation guard, not a Go behaviour: a variant's growth loop made no progress and would never end
/// (Go would hang). Thrown instead of hanging the test host.
/// </summary>
public sealed class NonTerminationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What would loop forever.</param>
    public NonTerminationException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What would loop forever.</param>
    /// <param name="innerException">The cause.</param>
    public NonTerminationException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public NonTerminationException() : base("the operation would never terminate") { }
}
