using System.Text.RegularExpressions;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Architecture;

/// <summary>docs/ARCHITECTURE.md's diagram is the code's folder graph: an arrow added in code without the doc fails here.</summary>
public sealed partial class ArchitectureDiagramTests
{
    private static readonly FolderGraph Code = FolderGraph.Of(Repository.Path("src", "BraketBot"));

    // Program.cs is the table of contents: it calls every folder's AddX()/MapX(), so it is not drawn.
    private static IReadOnlySet<(string From, string To)> CodeArrows() => Code.Arrows.Where(a => a.From != "(root)").ToHashSet();

    /// <summary>The arrows of the Mermaid flowchart, with each node read as the folder its label names first.</summary>
    private static IReadOnlySet<(string From, string To)> DiagramArrows()
    {
        var doc = File.ReadAllText(Repository.Path("docs", "ARCHITECTURE.md"));
        var chart = MermaidBlock().Match(doc).Groups[1].Value;
        var folders = NodeDefinition().Matches(chart).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        string Folder(string node) => folders.GetValueOrDefault(node, node);
        return Arrow().Matches(chart).Select(m => (Folder(m.Groups[1].Value), Folder(m.Groups[2].Value))).ToHashSet();
    }

    private static string Lines(IEnumerable<(string From, string To)> arrows) =>
        string.Join(Environment.NewLine, arrows.Select(a => $"    {a.From} --> {a.To}").Order());

    [Fact]
    public void Every_folder_reference_in_the_code_is_an_arrow_of_the_diagram()
    {
        var missing = CodeArrows().Except(DiagramArrows()).ToList();

        Assert.True(
            missing.Count == 0,
            $"docs/ARCHITECTURE.md's diagram lacks these arrows that the code has (add them, or remove the "
                + $"reference):{Environment.NewLine}{Lines(missing)}"
        );
    }

    [Fact]
    public void Every_arrow_of_the_diagram_is_a_reference_in_the_code()
    {
        var stale = DiagramArrows().Except(CodeArrows()).ToList();

        Assert.True(
            stale.Count == 0,
            $"docs/ARCHITECTURE.md's diagram draws arrows the code no longer has (remove them):{Environment.NewLine}{Lines(stale)}"
        );
    }

    [Fact]
    public void No_two_folders_refer_to_each_other_in_a_loop()
    {
        Assert.Empty(Code.Cycles());
    }

    [Fact]
    public void The_domain_refers_to_no_other_folder()
    {
        Assert.DoesNotContain(Code.Arrows, a => a.From == "Domain");
    }

    [Fact]
    public void The_folder_graph_sees_a_reference_and_a_loop()
    {
        var root = Directory.CreateTempSubdirectory("folder-graph-");
        try
        {
            File.WriteAllText(
                Path.Combine(root.FullName, "A.cs"),
                "namespace BraketBot.Alpha;\npublic sealed class AlphaThing { BetaThing? b; }\n"
            );
            File.WriteAllText(
                Path.Combine(root.FullName, "B.cs"),
                "namespace BraketBot.Beta;\n// AlphaThing in a comment is no reference\npublic sealed class BetaThing { string s = "
                    + "\"AlphaThing\"; }\n"
            );
            Assert.Equal([("Alpha", "Beta")], FolderGraph.Of(root.FullName).Arrows);

            File.WriteAllText(
                Path.Combine(root.FullName, "B.cs"),
                "namespace BraketBot.Beta;\npublic sealed class BetaThing { AlphaThing? a; }\n"
            );
            Assert.Equal(
                [
                    ["Alpha", "Beta"],
                ],
                FolderGraph.Of(root.FullName).Cycles()
            );
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"```mermaid\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex MermaidBlock();

    [GeneratedRegex(@"^\s*(\w+)\[""([\w.]+)[^""]*""\]", RegexOptions.Multiline)]
    private static partial Regex NodeDefinition();

    [GeneratedRegex(@"^\s*(\w+)\s*-->\s*(\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Arrow();
}
