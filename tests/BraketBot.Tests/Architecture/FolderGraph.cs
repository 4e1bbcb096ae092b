using System.Text.RegularExpressions;

namespace BraketBot.Tests.Architecture;

/// <summary>
/// Folder-to-folder references inside src/BraketBot, by the rule of ../shared/tools/folder-graph: a file
/// belongs to the folder of its namespace, and refers to another folder when it names a top-level type
/// declared only there (as a whole word, outside comments and strings).
/// </summary>
public sealed partial class FolderGraph
{
    private FolderGraph(IReadOnlySet<(string From, string To)> arrows) => Arrows = arrows;

    public IReadOnlySet<(string From, string To)> Arrows { get; }

    public static FolderGraph Of(string sourceRoot)
    {
        var files = Directory
            .EnumerateFiles(sourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            )
            .Select(f => Read(File.ReadAllText(f)))
            .ToList();

        var owners = files
            .SelectMany(f => f.Declared.Select(type => (type, f.Folder)))
            .GroupBy(d => d.type, d => d.Folder)
            .Select(g => (Type: g.Key, Folders: g.Distinct().ToList()))
            .Where(g => g.Folders.Count == 1)
            .ToDictionary(g => g.Type, g => g.Folders[0], StringComparer.Ordinal);

        var arrows = new HashSet<(string, string)>();
        foreach (var file in files)
        {
            foreach (var word in file.Words)
                if (owners.TryGetValue(word, out var folder) && folder != file.Folder)
                    arrows.Add((file.Folder, folder));
        }
        return new FolderGraph(arrows);
    }

    /// <summary>Groups of folders that reach each other through the arrows: each is a cycle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var next = Arrows.GroupBy(a => a.From).ToDictionary(g => g.Key, g => g.Select(a => a.To).ToList());
        IReadOnlySet<string> Reach(string from)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>([from]);
            while (stack.TryPop(out var folder))
                foreach (var to in next.GetValueOrDefault(folder, []))
                    if (seen.Add(to))
                        stack.Push(to);
            return seen;
        }

        var reach = next.Keys.ToDictionary(f => f, Reach);
        return reach
            .Keys.Where(f => reach[f].Contains(f))
            .Select(f => (IReadOnlyList<string>)reach.Keys.Where(g => reach[f].Contains(g) && reach[g].Contains(f)).Order().ToList())
            .DistinctBy(c => string.Join(",", c))
            .ToList();
    }

    private static SourceFile Read(string source)
    {
        var namespaceMatch = NamespaceDeclaration().Match(source);
        var folder = namespaceMatch.Groups[1].Success ? namespaceMatch.Groups[1].Value : "(root)";
        var body = StringLiteral().Replace(BlockComment().Replace(LineComment().Replace(source, ""), ""), "\"\"");
        var declared = TopLevelType().Matches(body).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var words = TypeLikeWord().Matches(body).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        return new SourceFile(folder, declared, words);
    }

    private sealed record SourceFile(string Folder, IReadOnlySet<string> Declared, IReadOnlySet<string> Words);

    [GeneratedRegex(@"^\s*namespace\s+BraketBot(?:\.([\w.]+))?", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"@?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    // File-scoped namespaces put top-level types at column 0; nested ones are indented.
    [GeneratedRegex(@"^(?:[a-z]+\s+)*(?:class|record|struct|interface|enum)\s+(?:struct\s+|class\s+)?([A-Z]\w*)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex TypeLikeWord();
}
