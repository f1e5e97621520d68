using Conformance.Adapters;

namespace Conformance.Suite.Cases;

/// <summary>
/// Cases of spec/small-value-table.md and spec/architectures.md. Finite domains are covered
/// exhaustively: every value 0..255 of every kind, bool, every one-byte string.
/// </summary>
internal static class SmallValueCases
{

    public static IEnumerable<ConformanceCase> All(CaseInputs inputs)
    {
        // AR-001: every region and pointer fits the declared word.
        yield return new("AR-001/regions", "AR-001", "every region's base and end fit the declared word", RegionsFit);
        foreach (var kind in CaseKit.IntegerKinds)
        {
            var k = kind;
            yield return new($"AR-001/{CaseKit.GoName(k)}/pointers", "AR-001", $"{CaseKit.GoName(k)} conversions return pointers that fit the word",
                ctx => Judge.All((k == ValueKind.Bool ? new ulong[] { 0, 1 } : [0, 1, 255, 256, ulong.MaxValue]).Select(v =>
                {
                    var p = ctx.Adapter.Convert(k, v);
                    return ctx.Judge.Check("AR-001.ok", $"{CaseKit.GoName(k)}({CaseKit.N(v)})", "data pointer", new Arg("w", ctx.W), new Arg("x", p.Data));
                })));
        }

        // AR-002: the width a kind is stored in, observed through truncation (spec decision): the bits
        // 2^(8w) + 1 must come back as slot 1 without allocating, and 2^(8(w-1)) must allocate when w >= 2.
        // The probes are the models' functions of the kind, so the suite encodes no width itself.
        foreach (var kind in CaseKit.IntegerKinds)
        {
            var k = kind;
            yield return new($"AR-002/{CaseKit.GoName(k)}", "AR-002", $"{CaseKit.GoName(k)} is stored in its architecture's width", ctx =>
            {
                if (!CaseKit.TryTable(ctx, "AR-002", CaseKit.GoName(k), out var table, out var missing))
                {
                    return missing;
                }
                ulong keep = ctx.Judge.Evaluate("AR-002.keep-probe", ctx.W, (ulong)k);
                ulong widen = ctx.Judge.Evaluate("AR-002.widen-probe", ctx.W, (ulong)k);
                var a = ctx.Adapter.Convert(k, keep);
                var b = ctx.Adapter.Convert(k, widen);
                return ctx.Judge.Check("AR-002.ok", $"{CaseKit.GoName(k)}({CaseKit.N(keep)}) and {CaseKit.GoName(k)}({CaseKit.N(widen)})",
                    "the two conversions' data pointers",
                    new Arg("w", ctx.W), new Arg("kind", (ulong)k), new Arg("be", ctx.Be), new Arg("base", table.Base),
                    new Arg("keepptr", a.Data), new Arg("widenptr", b.Data));
            })
            {
                Plan = CaseKit.OnTable((ctx, _) => [new Operation.Convert(k, ctx.Judge.Evaluate("AR-002.keep-probe", ctx.W, (ulong)k)),
                    new Operation.Convert(k, ctx.Judge.Evaluate("AR-002.widen-probe", ctx.W, (ulong)k))]),
            };
        }

        // AR-003, SV-002, SV-004: every kind, every value below 256.
        foreach (var kind in CaseKit.IntegerKinds)
        {
            var k = kind;
            for (ulong v = 0; v < 256; v++)
            {
                if (k == ValueKind.Bool && v > 1)
                {
                    break;
                }
                ulong value = v;
                string input = $"{CaseKit.GoName(k)}({value})";
                var convert = CaseKit.OnTable((_, _) => [new Operation.Convert(k, value)]);
                yield return new($"AR-003/{CaseKit.GoName(k)}/{value}", "AR-003", $"{input} points at its slot plus the width's offset", ctx =>
                {
                    if (!CaseKit.TryTable(ctx, "AR-003", input, out var table, out var missing))
                    {
                        return missing;
                    }
                    var p = ctx.Adapter.Convert(k, value);
                    return ctx.Judge.Check("AR-003.ptr-ok", input, "data pointer",
                        new Arg("be", ctx.Be), new Arg("base", table.Base), new Arg("v", value), new Arg("width", CaseKit.Width(ctx, k)), new Arg("ptr", p.Data));
                })
                { Plan = convert };
                if (CaseKit.IsByteSizedKind(k))
                {
                    yield return new($"SV-004/{CaseKit.GoName(k)}/{value}", "SV-004", $"{input} is served from the table without allocating", ctx =>
                    {
                        if (!CaseKit.TryTable(ctx, "SV-004", input, out var table, out var missing))
                        {
                            return missing;
                        }
                        var p = ctx.Adapter.Convert(k, value);
                        return ctx.Judge.Check("SV-004.ok", input, "data pointer and allocations",
                            new Arg("be", ctx.Be), new Arg("base", table.Base), new Arg("b", value), new Arg("ptr", p.Data), new Arg("objects", p.Allocated.Objects));
                    })
                    { Plan = convert };
                }
                else
                {
                    yield return new($"SV-002/{CaseKit.GoName(k)}/{value}", "SV-002", $"{input} is served from the table without allocating", ctx =>
                    {
                        if (!CaseKit.TryTable(ctx, "SV-002", input, out var table, out var missing))
                        {
                            return missing;
                        }
                        var p = ctx.Adapter.Convert(k, value);
                        return ctx.Judge.Check("SV-002.ok", input, "data pointer and allocations",
                            new Arg("be", ctx.Be), new Arg("base", table.Base), new Arg("v", value), new Arg("width", CaseKit.Width(ctx, k)),
                            new Arg("ptr", p.Data), new Arg("objects", p.Allocated.Objects));
                    })
                    { Plan = convert };
                }
            }
        }

        // SV-004: int8 values given as negative numbers are their unsigned byte (int8(-1) is slot 255).
        foreach (var (name, bits) in new (string, ulong)[] { ("int8(-1)", ulong.MaxValue), ("int8(-128)", unchecked((ulong)-128L)) })
        {
            ulong slot = bits & 0xFF;
            yield return new($"SV-004/{name}", "SV-004", $"{name} is slot {slot} of the table", ctx =>
            {
                if (!CaseKit.TryTable(ctx, "SV-004", name, out var table, out var missing))
                {
                    return missing;
                }
                var p = ctx.Adapter.Convert(ValueKind.Int8, bits);
                return ctx.Judge.Check("SV-004.ok", name, "data pointer and allocations",
                    new Arg("be", ctx.Be), new Arg("base", table.Base), new Arg("b", slot), new Arg("ptr", p.Data), new Arg("objects", p.Allocated.Objects));
            })
            { Plan = CaseKit.OnTable((_, _) => [new Operation.Convert(ValueKind.Int8, bits)]) };
        }

        // SV-001: every slot of the table holds its index in the machine's byte order.
        for (ulong v = 0; v < 256; v++)
        {
            ulong slot = v;
            yield return new($"SV-001/slot/{slot}", "SV-001", $"slot {slot} holds the uint64 {slot} in byte order", ctx => Slot(ctx, "SV-001", slot))
            {
                Plan = CaseKit.OnTable((_, table) => [new Operation.Read(table.Base + (8 * slot), 8)]),
            };
        }

        // SV-003: values of 256 and more allocate exactly one object of their width, holding the value.
        foreach (var kind in CaseKit.IntegerKinds.Where(k => !CaseKit.IsByteSizedKind(k)))
        {
            var k = kind;
            foreach (var (label, bits) in LargeValues(k, inputs))
            {
                string input = $"{CaseKit.GoName(k)}({label})";
                yield return new($"SV-003/{CaseKit.GoName(k)}/{label}", "SV-003", $"{input} allocates one object of its width", ctx =>
                {
                    if (!CaseKit.TryTable(ctx, "SV-003", input, out var table, out var missing))
                    {
                        return missing;
                    }
                    ulong width = CaseKit.Width(ctx, k);
                    // The value as the runtime holds it; SV-003.ok is an implication, so an input that truncates
                    // below 256 on a narrower word is judged (and passes) without the suite deciding anything.
                    ulong v = CaseKit.Truncate(bits, width);
                    var p = ctx.Adapter.Convert(k, bits);
                    ulong readback = CaseKit.Load(ctx.Adapter.Read(p.Data, (int)width), ctx.Info.Arch.BigEndian);
                    return ctx.Judge.Check("SV-003.ok", input, "data pointer, allocations and the bytes there",
                        new Arg("be", ctx.Be), new Arg("base", table.Base), new Arg("v", v), new Arg("width", width), new Arg("ptr", p.Data),
                        new Arg("objects", p.Allocated.Objects), new Arg("bytes", p.Allocated.Bytes), new Arg("readback", readback));
                });
            }
        }

        // SV-005: every one-byte string points into the same table.
        for (ulong b = 0; b < 256; b++)
        {
            ulong value = b;
            string input = $"string([]byte{{{value}}})";
            yield return new($"SV-005/{value}", "SV-005", $"one-byte string {value} points into the table", ctx =>
            {
                if (!CaseKit.TryTable(ctx, "SV-005", input, out var table, out var missing))
                {
                    return missing;
                }
                var p = ctx.Adapter.OneByteString((byte)value);
                return ctx.Judge.Check("SV-005.ok", input, "string data pointer and allocations",
                    new Arg("be", ctx.Be), new Arg("base", table.Base), new Arg("b", value), new Arg("ptr", p.Data), new Arg("objects", p.Allocated.Objects));
            })
            { Plan = CaseKit.OnTable((_, _) => [new Operation.OneByteString((byte)value)]) };
        }

        // SV-008: floats by their bits: the table's range, its edge, the signed zero, common values, random bits.
        foreach (var (kind, width) in new[] { (ValueKind.Float32, 4UL), (ValueKind.Float64, 8UL) })
        {
            foreach (var (label, bits) in FloatBits(kind, width, inputs))
            {
                var k = kind;
                ulong w = width;
                string input = $"{CaseKit.GoName(k)}(bits {label})";
                yield return new($"SV-008/{CaseKit.GoName(k)}/{label}", "SV-008", $"{input} is judged by its bits", ctx =>
                {
                    if (!CaseKit.TryTable(ctx, "SV-008", input, out var table, out var missing))
                    {
                        return missing;
                    }
                    var p = ctx.Adapter.Convert(k, bits);
                    ulong readback = CaseKit.Load(ctx.Adapter.Read(p.Data, (int)w), ctx.Info.Arch.BigEndian);
                    return ctx.Judge.Check("SV-008.ok", input, "data pointer, allocations and the bytes there",
                        new Arg("be", ctx.Be), new Arg("base", table.Base), new Arg("v", bits), new Arg("width", w), new Arg("ptr", p.Data),
                        new Arg("objects", p.Allocated.Objects), new Arg("readback", readback));
                });
            }
        }

        // SV-009: other pointer-free 8-byte values: whatever path serves them, the pointer reads back the value.
        foreach (var kind in new[] { ValueKind.Complex64, ValueKind.Pair32, ValueKind.Array8 })
        {
            foreach (var (label, bits) in OtherBits(inputs, kind))
            {
                var k = kind;
                string input = $"{CaseKit.GoName(k)}(bytes {label})";
                yield return new($"SV-009/{CaseKit.GoName(k)}/{label}", "SV-009", $"{input} reads back through its data word", ctx =>
                {
                    if (!CaseKit.TryTable(ctx, "SV-009", input, out var table, out var missing))
                    {
                        return missing;
                    }
                    var p = ctx.Adapter.Convert(k, bits);
                    ulong readback = CaseKit.Load(ctx.Adapter.Read(p.Data, 8), ctx.Info.Arch.BigEndian);
                    return ctx.Judge.Check("SV-009.ok", input, "data pointer, allocations and the bytes there",
                        new Arg("be", ctx.Be), new Arg("base", table.Base), new Arg("v", bits), new Arg("size", 8), new Arg("ptr", p.Data),
                        new Arg("objects", p.Allocated.Objects), new Arg("readback", readback));
                });
            }
        }

        // SV-010: zero-sized values, converted several times.
        yield return new("SV-010/struct{}", "SV-010", "any(struct{}{}) allocates nothing", ctx => Judge.All(Enumerable.Range(0, 3).Select(i =>
        {
            var p = ctx.Adapter.Convert(ValueKind.ZeroSize, 0);
            return ctx.Judge.Check("SV-010.ok", $"any(struct{{}}{{}}), conversion {i + 1}", $"data pointer {CaseKit.N(p.Data)} and allocations", new Arg("objects", p.Allocated.Objects));
        })));

        // SV-011: an empty non-nil slice is not the nil slice.
        yield return new("SV-011/empty-slice", "SV-011", "any(make([]byte, 0)) is a header with a non-nil array", ctx =>
        {
            if (!CaseKit.TryStaticZero(ctx, "SV-011", "any(make([]byte, 0))", out var zero, out var missing))
            {
                return missing;
            }
            var p = ctx.Adapter.EmptySlice();
            int word = ctx.Info.Arch.WordBytes;
            var header = ctx.Adapter.Read(p.Data, 3 * word);
            ulong Word(int i) => CaseKit.Load(header[(i * word)..((i + 1) * word)], ctx.Info.Arch.BigEndian);
            return ctx.Judge.Check("SV-011.ok", "any(make([]byte, 0))", "data pointer and the slice header there",
                new Arg("staticbase", zero.Base), new Arg("ptr", p.Data), new Arg("array", Word(0)), new Arg("len", Word(1)), new Arg("cap", Word(2)));
        });

        // SV-006: the empty string and the nil slice point at the shared zero.
        foreach (var (name, op) in new (string, Func<IRuntimeAdapter, Pointed>)[] { ("\"\"", a => a.EmptyString()), ("[]byte(nil)", a => a.NilSlice()) })
        {
            yield return new($"SV-006/{(name.StartsWith('[') ? "nil-slice" : "empty-string")}", "SV-006", $"any({name}) points at the shared zero", ctx =>
            {
                if (!CaseKit.TryStaticZero(ctx, "SV-006", name, out var zero, out var missing))
                {
                    return missing;
                }
                var p = op(ctx.Adapter);
                return ctx.Judge.Check("SV-006.ok", $"any({name})", "data pointer and allocations",
                    new Arg("zerobase", zero.Base), new Arg("ptr", p.Data), new Arg("objects", p.Allocated.Objects));
            });
        }
    }

    /// <summary>Reads slot <paramref name="slot"/> and judges it with SV-001.slot-ok or SV-007.ok.</summary>
    internal static CaseOutcome Slot(CaseContext ctx, string requirement, ulong slot)
    {
        string input = $"table slot {slot}";
        if (!CaseKit.TryTable(ctx, requirement, input, out var table, out var missing))
        {
            return missing;
        }
        ulong raw = CaseKit.AddressOrder(ctx.Adapter.Read(table.Base + (8 * slot), 8));
        return ctx.Judge.Check(requirement == "SV-001" ? "SV-001.slot-ok" : "SV-007.ok", input, "the slot's 8 bytes in address order",
            new Arg("be", ctx.Be), new Arg("v", slot), new Arg("raw", raw));
    }

    /// <summary>Named large values for a kind: the boundaries from the models plus seeded random ones.</summary>
    private static IEnumerable<(string Label, ulong Bits)> LargeValues(ValueKind kind, CaseInputs inputs)
    {
        var seen = new HashSet<ulong>();
        foreach (var (label, bits) in inputs.LargeValues(kind))
        {
            if (seen.Add(bits))
            {
                yield return (label, bits);
            }
        }
    }

    /// <summary>Float bit patterns: 0..255 edges, 256, the signed zero, 1.0, the largest finite, a NaN, random bits.</summary>
    private static IEnumerable<(string Label, ulong Bits)> FloatBits(ValueKind kind, ulong width, CaseInputs inputs)
    {
        ulong sign = 1UL << (int)((width * 8) - 1);
        ulong one = width == 4 ? 0x3f800000UL : 0x3ff0000000000000UL;
        ulong max = width == 4 ? 0x7f7fffffUL : 0x7fefffffffffffffUL;
        ulong nan = width == 4 ? 0x7fc00000UL : 0x7ff8000000000000UL;
        var named = new (string, ulong)[] { ("0", 0), ("1", 1), ("255", 255), ("256", 256), ("-0", sign), ("1.0", one), ("max", max), ("nan", nan) };
        ulong mask = width == 8 ? ulong.MaxValue : (1UL << (int)(width * 8)) - 1;
        return named.Concat(inputs.LargeValues(kind).Take(4).Select(v => (v.Label, v.Bits & mask))).DistinctBy(x => x.Item2);
    }

    /// <summary>8-byte values as bytes read in the machine's byte order: small ones (the table's range), its edge, random ones.</summary>
    private static IEnumerable<(string Label, ulong Bits)> OtherBits(CaseInputs inputs, ValueKind kind)
    {
        var named = new (string, ulong)[] { ("0", 0), ("1", 1), ("5", 5), ("255", 255), ("256", 256), ("2^32", 1UL << 32), ("2^32+5", (1UL << 32) + 5), ("all-ones", ulong.MaxValue) };
        return named.Concat(inputs.LargeValues(kind).Take(4)).DistinctBy(x => x.Item2);
    }

    private static CaseOutcome RegionsFit(CaseContext ctx)
    {
        var map = ctx.Adapter.Regions();
        var regions = CaseKit.ZeroRegions(map).Concat(map.Table is null ? [] : [map.Table]).ToList();
        return Judge.All(regions.SelectMany(r => new[]
        {
            ctx.Judge.Check("AR-001.ok", r.Name, $"{r.Name} base", new Arg("w", ctx.W), new Arg("x", r.Base)),
            ctx.Judge.Check("AR-001.ok", r.Name, $"{r.Name} last byte", new Arg("w", ctx.W), new Arg("x", unchecked(r.Base + Math.Max(r.Size, 1) - 1))),
        }));
    }
}
