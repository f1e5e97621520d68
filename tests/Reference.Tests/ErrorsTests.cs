namespace Reference.Tests;

/// <summary>
/// The error types a caller can see (ReferenceRuntime's remarks list them): Go's fatal errors and panics carry Go's
/// exact message (STYLE.md: tests assert exact failure messages); every type keeps a given message and cause.
/// </summary>
public class ErrorsTests
{
    public class GoMessages
    {
        [Fact]
        [Requirement("ZV-006")]
        public void MapElementTooLarge_DefaultMessageIsGoThrowText()
        {
            Assert.Equal("map element too large", new MapElementTooLargeException().Message);
            Assert.IsAssignableFrom<GoRuntimeException>(new MapElementTooLargeException());
        }

        [Fact]
        [Requirement("AR-001")]
        public void ArraySizeAndOutOfMemory_DefaultMessagesAreGoText()
        {
            Assert.Equal("reflect.ArrayOf: array size would exceed virtual address space", new ArraySizeExceedsAddressSpaceException().Message);
            Assert.Equal("out of memory", new RuntimeOutOfMemoryException().Message);
        }
    }

    public class Constructors
    {
        /// <summary>Each error type built with a message and with a message and a cause.</summary>
        public static TheoryData<string, Func<string, Exception>, Func<string, Exception, Exception>> Types => new()
        {
            { "MapElementTooLarge", m => new MapElementTooLargeException(m), (m, c) => new MapElementTooLargeException(m, c) },
            { "RuntimeOutOfMemory", m => new RuntimeOutOfMemoryException(m), (m, c) => new RuntimeOutOfMemoryException(m, c) },
            { "ArraySizeExceedsAddressSpace", m => new ArraySizeExceedsAddressSpaceException(m), (m, c) => new ArraySizeExceedsAddressSpaceException(m, c) },
            { "WriteGuardViolation", m => new WriteGuardViolationException(m), (m, c) => new WriteGuardViolationException(m, c) },
            { "UnmappedMemory", m => new UnmappedMemoryException(m), (m, c) => new UnmappedMemoryException(m, c) },
            { "NonTermination", m => new NonTerminationException(m), (m, c) => new NonTerminationException(m, c) },
        };

        [Theory]
        [Requirement("ZV-006", "ZV-009", "SV-007")]
        [MemberData(nameof(Types))]
        public void MessageAndCause_AreKept(string type, Func<string, Exception> withMessage, Func<string, Exception, Exception> withCause)
        {
            var cause = new InvalidOperationException("cause");
            Assert.True(withMessage("observed 7") is { Message: "observed 7", InnerException: null }, $"{type}(message)");
            var wrapped = withCause("observed 8", cause);
            Assert.True(wrapped.Message == "observed 8" && ReferenceEquals(cause, wrapped.InnerException), $"{type}(message, cause)");
        }

        [Fact]
        [Requirement("SV-007", "ZV-009")]
        public void GenericErrors_HaveDescriptiveDefaultMessagesAndNoDetails()
        {
            var guard = new WriteGuardViolationException();
            Assert.Equal("write into a guarded region", guard.Message);
            Assert.Equal("", guard.Requirement);
            Assert.Equal("", guard.Architecture);
            Assert.Null(guard.Region);
            Assert.Equal("access to unmapped memory", new UnmappedMemoryException().Message);
            Assert.Equal("the operation would never terminate", new NonTerminationException().Message);
        }

        [Fact]
        [Requirement("ZV-009")]
        public void GuardViolation_CarriesAddressAndLength()
        {
            var region = new MemoryRegion("static zero", RegionKind.StaticZero, Segment.Bss, 0x200000, 1024);
            var error = new WriteGuardViolationException("ZV-009", "32be", 0x200010, 3, region);
            Assert.Equal(0x200010UL, error.Address);
            Assert.Equal(3UL, error.Length);
            Assert.Equal("ZV-009 violated on 32be: write of 3 byte(s) at 0x200010 into guarded region 'static zero' [0x200000, 0x200400)", error.Message);
            Assert.Throws<ArgumentNullException>(() => new WriteGuardViolationException("ZV-009", "32be", 0, 1, null!));
        }
    }
}
