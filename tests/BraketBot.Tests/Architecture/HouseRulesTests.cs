using System.Text.RegularExpressions;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Architecture;

/// <summary>
/// What CSharpier (checked in the build) cannot do alone: it breaks code at 140 columns but leaves comments and strings
/// as written, and it does not move types. Lines inside raw string literals (expected terminal output) are exempt.
/// </summary>
public sealed partial class HouseRulesTests
{
    private const int Width = 140;

    private static IEnumerable<string> SourceFiles(params string[] roots) =>
        roots
            .SelectMany(root => Directory.EnumerateFiles(Repository.Path(root), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains("/bin/", StringComparison.Ordinal) && !file.Contains("/obj/", StringComparison.Ordinal));

    [Fact]
    public void No_line_of_code_or_comment_is_wider_than_140_characters()
    {
        var wide = new List<string>();
        foreach (var file in SourceFiles("src", "tests", "benchmarks"))
        {
            var inRaw = false;
            foreach (var (line, number) in File.ReadLines(file).Select((line, i) => (line, i + 1)))
            {
                if (!inRaw && line.Length > Width)
                    wide.Add($"{Path.GetRelativePath(Repository.Root, file)}:{number} ({line.Length})");
                inRaw ^= RawQuotes().Count(line) % 2 == 1;
            }
        }

        Assert.True(wide.Count == 0, "Lines over 140 characters:" + Environment.NewLine + string.Join(Environment.NewLine, wide));
    }

    [Fact]
    public void Every_type_of_more_than_12_lines_is_in_a_file_named_after_it()
    {
        var hidden = new List<string>();
        foreach (var file in SourceFiles(Path.Combine("src", "BraketBot")))
        {
            var lines = File.ReadAllLines(file);
            var stem = Path.GetFileNameWithoutExtension(file).Split('.')[0];
            var starts = lines.Select((line, i) => (Match: TypeDeclaration().Match(line), Line: i)).Where(s => s.Match.Success).ToList();
            for (var k = 0; k < starts.Count; k++)
            {
                var name = starts[k].Match.Groups[1].Value;
                var end = k + 1 < starts.Count ? starts[k + 1].Line : lines.Length;
                var size = lines[starts[k].Line..end]
                    .Count(l => l.Trim().Length > 0 && !l.Trim().StartsWith("//", StringComparison.Ordinal));
                if (name != stem && name != "Program" && size > 12)
                    hidden.Add($"{name} ({size} lines) in {Path.GetFileName(file)}");
            }
        }

        Assert.True(hidden.Count == 0, "Types in files named otherwise:" + Environment.NewLine + string.Join(Environment.NewLine, hidden));
    }

    [GeneratedRegex("\"\"\"")]
    private static partial Regex RawQuotes();

    [GeneratedRegex(
        @"^(?:public|internal)\s+(?:sealed\s+|static\s+|abstract\s+|partial\s+|readonly\s+|record\s+)*"
            + @"(?:class|record|struct|interface|enum)\s+(\w+)"
    )]
    private static partial Regex TypeDeclaration();
}
