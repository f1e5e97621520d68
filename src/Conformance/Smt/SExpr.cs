using System.Globalization;
using System.Text;

namespace Conformance.Smt;

/// <summary>Where a piece of SMT-LIB2 text starts: source name (usually a file name), 1-based line and column.</summary>
/// <param name="Source">The source name given to the reader (a file name, or a label such as "z3 output").</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourcePosition(string Source, int Line, int Column)
{
    /// <summary>"file:line:column", the form compilers print.</summary>
    public override string ToString() => $"{Source}:{Line}:{Column}";
}

/// <summary>The lexical kind of an atom, per SMT-LIB 2.6 section 3.1.</summary>
public enum AtomKind
{
    /// <summary>A simple or quoted symbol (<c>bvadd</c>, <c>ZV-005.ok</c>, <c>|a b|</c>).</summary>
    Symbol,
    /// <summary>A keyword such as <c>:reason-unknown</c>.</summary>
    Keyword,
    /// <summary>A decimal numeral such as <c>64</c>.</summary>
    Numeral,
    /// <summary>A decimal with a fraction such as <c>1.5</c>.</summary>
    Decimal,
    /// <summary>A hexadecimal literal <c>#x...</c>; the text keeps the prefix.</summary>
    Hexadecimal,
    /// <summary>A binary literal <c>#b...</c>; the text keeps the prefix.</summary>
    Binary,
    /// <summary>A string literal; the text is the unescaped content.</summary>
    String,
}

/// <summary>An SMT-LIB2 s-expression with the position it was read from.</summary>
public abstract record SExpr(SourcePosition Position);

/// <summary>An atom. <see cref="Text"/> is the symbol name without bars, the string content, or the literal text.</summary>
/// <param name="Text">The atom's text.</param>
/// <param name="Kind">Its lexical kind.</param>
/// <param name="Position">Where it starts.</param>
public sealed record SAtom(string Text, AtomKind Kind, SourcePosition Position) : SExpr(Position)
{
    /// <summary>True when this is the symbol <paramref name="name"/>.</summary>
    public bool IsSymbol(string name) => Kind == AtomKind.Symbol && Text == name;

    /// <summary>The atom as SMT-LIB2 text (symbols quoted with bars where needed, strings re-escaped).</summary>
    public override string ToString() => Kind switch
    {
        AtomKind.String => "\"" + Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        AtomKind.Symbol when !SExprReader.IsSimpleSymbol(Text) => "|" + Text + "|",
        _ => Text,
    };
}

/// <summary>A parenthesised list.</summary>
/// <param name="Items">The elements.</param>
/// <param name="Position">Where the opening parenthesis is.</param>
public sealed record SList(IReadOnlyList<SExpr> Items, SourcePosition Position) : SExpr(Position)
{
    /// <summary>The list as SMT-LIB2 text on one line.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, this);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, SExpr expr)
    {
        if (expr is SList list)
        {
            builder.Append('(');
            for (int i = 0; i < list.Items.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(' ');
                }

                Append(builder, list.Items[i]);
            }

            builder.Append(')');
        }
        else
        {
            builder.Append(expr.ToString());
        }
    }

    /// <summary>True when the list's head is the symbol <paramref name="name"/>.</summary>
    public bool HeadIs(string name) => Items.Count > 0 && Items[0] is SAtom head && head.IsSymbol(name);
}

/// <summary>SMT-LIB2 text could not be read; the message starts with "source:line:column".</summary>
public sealed class SmtParseException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="position"/>.</summary>
    public SmtParseException(SourcePosition position, string problem)
        : base($"{position}: {problem}") => Position = position;

    /// <summary>Creates the exception.</summary>
    public SmtParseException() : base("SMT-LIB2 parse error") { }

    /// <summary>Creates the exception.</summary>
    public SmtParseException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public SmtParseException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Where the problem is.</summary>
    public SourcePosition Position { get; }
}

/// <summary>Reads SMT-LIB2 text into s-expressions, keeping line and column of every node.</summary>
public static class SExprReader
{
    /// <summary>Reads every top-level s-expression of <paramref name="text"/>.</summary>
    /// <param name="text">SMT-LIB2 text.</param>
    /// <param name="source">Name used in positions and errors (a file name).</param>
    /// <exception cref="SmtParseException">Unbalanced parentheses, an unterminated string or quoted symbol, or a bad literal.</exception>
    public static IReadOnlyList<SExpr> ReadAll(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var reader = new Cursor(text, source);
        var result = new List<SExpr>();
        var stack = new Stack<(List<SExpr> Items, SourcePosition Open)>();
        while (true)
        {
            reader.SkipBlank();
            if (reader.AtEnd)
            {
                break;
            }

            SourcePosition position = reader.Position;
            char c = reader.Peek;
            if (c == '(')
            {
                reader.Advance();
                stack.Push((new List<SExpr>(), position));
                continue;
            }

            SExpr node;
            if (c == ')')
            {
                reader.Advance();
                if (stack.Count == 0)
                {
                    throw new SmtParseException(position, "unexpected ')'");
                }

                var (items, open) = stack.Pop();
                node = new SList(items, open);
            }
            else
            {
                node = reader.ReadAtom();
            }

            if (stack.Count == 0)
            {
                result.Add(node);
            }
            else
            {
                stack.Peek().Items.Add(node);
            }
        }

        if (stack.Count > 0)
        {
            throw new SmtParseException(stack.Peek().Open, "'(' is never closed");
        }

        return result;
    }

    /// <summary>True when <paramref name="name"/> can be written without bars.</summary>
    public static bool IsSimpleSymbol(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!IsSymbolChar(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSymbolChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "~!@$%^&*_-+=<>.?/".Contains(c, StringComparison.Ordinal);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly System.Buffers.SearchValues<char> DecimalDigits = System.Buffers.SearchValues.Create("0123456789");

    private sealed class Cursor(string text, string source)
    {
        private int index;
        private int line = 1;
        private int column = 1;

        public bool AtEnd => index >= text.Length;

        public char Peek => text[index];

        public SourcePosition Position => new(source, line, column);

        public void Advance()
        {
            if (text[index] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            index++;
        }

        public void SkipBlank()
        {
            while (!AtEnd)
            {
                char c = Peek;
                if (c == ';')
                {
                    while (!AtEnd && Peek != '\n')
                    {
                        Advance();
                    }
                }
                else if (char.IsWhiteSpace(c))
                {
                    Advance();
                }
                else
                {
                    return;
                }
            }
        }

        public SAtom ReadAtom()
        {
            SourcePosition start = Position;
            char c = Peek;
            if (c == '"')
            {
                return ReadString(start);
            }

            if (c == '|')
            {
                Advance();
                var builder = new StringBuilder();
                while (true)
                {
                    if (AtEnd)
                    {
                        throw new SmtParseException(start, "quoted symbol '|' is never closed");
                    }

                    if (Peek == '|')
                    {
                        Advance();
                        return new SAtom(builder.ToString(), AtomKind.Symbol, start);
                    }

                    builder.Append(Peek);
                    Advance();
                }
            }

            int first = index;
            while (!AtEnd && !char.IsWhiteSpace(Peek) && Peek is not ('(' or ')' or ';' or '"' or '|'))
            {
                Advance();
            }

            string token = text[first..index];
            return new SAtom(token, Classify(token, start), start);
        }

        private SAtom ReadString(SourcePosition start)
        {
            Advance();
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw new SmtParseException(start, "string literal is never closed");
                }

                char c = Peek;
                Advance();
                if (c == '"')
                {
                    if (!AtEnd && Peek == '"')
                    {
                        builder.Append('"');
                        Advance();
                        continue;
                    }

                    return new SAtom(builder.ToString(), AtomKind.String, start);
                }

                builder.Append(c);
            }
        }

        private static AtomKind Classify(string token, SourcePosition start)
        {
            if (token[0] == ':')
            {
                return AtomKind.Keyword;
            }

            if (token.StartsWith("#x", StringComparison.Ordinal))
            {
                if (token.Length == 2 || token.AsSpan(2).ContainsAnyExcept(HexDigits))
                {
                    throw new SmtParseException(start, $"bad hexadecimal literal '{token}'");
                }

                return AtomKind.Hexadecimal;
            }

            if (token.StartsWith("#b", StringComparison.Ordinal))
            {
                if (token.Length == 2 || token.AsSpan(2).ContainsAnyExcept("01"))
                {
                    throw new SmtParseException(start, $"bad binary literal '{token}'");
                }

                return AtomKind.Binary;
            }

            if (char.IsAsciiDigit(token[0]))
            {
                if (!token.AsSpan().ContainsAnyExcept(DecimalDigits))
                {
                    return AtomKind.Numeral;
                }

                if (decimal.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    return AtomKind.Decimal;
                }

                throw new SmtParseException(start, $"bad numeral '{token}'");
            }

            foreach (char c in token)
            {
                if (!IsSymbolChar(c))
                {
                    throw new SmtParseException(start, $"bad character '{c}' in symbol '{token}'");
                }
            }

            return AtomKind.Symbol;
        }
    }
}
