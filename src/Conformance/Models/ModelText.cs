using System.Text;

namespace Conformance.Models;

/// <summary>A top-level command of a model file: its text, its first line and its parsed shape.</summary>
/// <param name="Text">The command's exact text.</param>
/// <param name="Line">Its 1-based first line.</param>
/// <param name="Items">The command's items: atoms as text, nested lists as their exact text.</param>
internal sealed record ModelCommand(string Text, int Line, IReadOnlyList<string> Items)
{
    /// <summary>The command name (first item), e.g. "define-fun".</summary>
    public string Head => Items.Count > 0 ? Items[0] : "";
}

/// <summary>
/// Splits SMT-LIB2 text into top-level commands, skipping comments, with line numbers; reports
/// unbalanced parentheses, unterminated strings and quoted symbols, and stray atoms.
/// </summary>
internal static class ModelText
{
    /// <summary>Splits <paramref name="text"/> of <paramref name="file"/> into its top-level commands.</summary>
    /// <exception cref="ModelFormatException">The text is not a sequence of balanced commands.</exception>
    public static IReadOnlyList<ModelCommand> Commands(string file, string text)
    {
        var commands = new List<ModelCommand>();
        int line = 1;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == ';')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '(')
            {
                int startLine = line;
                int start = i;
                var items = new List<string>();
                int depth = 0;
                int itemStart = -1;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ModelFormatException(file, startLine, "unbalanced parenthesis: this command is never closed");
                    }

                    char d = text[i];
                    if (d == '\n')
                    {
                        line++;
                    }

                    if (d == ';')
                    {
                        while (i < text.Length && text[i] != '\n')
                        {
                            i++;
                        }

                        continue;
                    }

                    if (d == '"' || d == '|')
                    {
                        int quoteLine = line;
                        if (depth == 1 && itemStart < 0)
                        {
                            itemStart = i;
                        }

                        i++;
                        while (true)
                        {
                            if (i >= text.Length)
                            {
                                throw new ModelFormatException(file, quoteLine, d == '"' ? "unterminated string" : "unterminated quoted symbol");
                            }

                            if (text[i] == '\n')
                            {
                                line++;
                            }

                            if (text[i] == d)
                            {
                                if (d == '"' && i + 1 < text.Length && text[i + 1] == '"')
                                {
                                    i += 2;
                                    continue;
                                }

                                break;
                            }

                            i++;
                        }

                        i++;
                        if (depth == 1 && itemStart >= 0 && (i >= text.Length || IsDelimiter(text[i])))
                        {
                            items.Add(text[itemStart..i]);
                            itemStart = -1;
                        }

                        continue;
                    }

                    if (d == '(')
                    {
                        if (depth == 1 && itemStart >= 0)
                        {
                            items.Add(text[itemStart..i]);
                            itemStart = -1;
                        }

                        depth++;
                        if (depth == 2)
                        {
                            itemStart = i;
                        }

                        i++;
                        continue;
                    }

                    if (d == ')')
                    {
                        if (depth == 1 && itemStart >= 0)
                        {
                            items.Add(text[itemStart..i]);
                            itemStart = -1;
                        }

                        depth--;
                        i++;
                        if (depth == 1)
                        {
                            items.Add(text[itemStart..i]);
                            itemStart = -1;
                        }

                        if (depth == 0)
                        {
                            break;
                        }

                        continue;
                    }

                    if (depth == 1)
                    {
                        if (char.IsWhiteSpace(d))
                        {
                            if (itemStart >= 0)
                            {
                                items.Add(text[itemStart..i]);
                                itemStart = -1;
                            }
                        }
                        else if (itemStart < 0)
                        {
                            itemStart = i;
                        }
                    }

                    i++;
                }

                commands.Add(new ModelCommand(text[start..i], startLine, items));
            }
            else if (c == ')')
            {
                throw new ModelFormatException(file, line, "unbalanced parenthesis: ')' closes nothing");
            }
            else
            {
                int start = i;
                while (i < text.Length && !IsDelimiter(text[i]))
                {
                    i++;
                }

                throw new ModelFormatException(file, line, $"stray text outside any command: '{text[start..i]}'");
            }
        }

        return commands;
    }

    private static bool IsDelimiter(char c) => char.IsWhiteSpace(c) || c == '(' || c == ')' || c == ';';

    /// <summary>The value of a string literal item ("..." with "" escapes), or the item itself.</summary>
    public static string Unquote(string item)
    {
        if (item.Length >= 2 && item[0] == '"' && item[^1] == '"')
        {
            return item[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        return item;
    }

    /// <summary>Joins commands' texts, one per line.</summary>
    public static string Join(IEnumerable<ModelCommand> commands)
    {
        var sb = new StringBuilder();
        foreach (ModelCommand command in commands)
        {
            sb.Append(command.Text).Append('\n');
        }

        return sb.ToString();
    }
}
