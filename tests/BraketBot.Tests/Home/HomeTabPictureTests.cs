using System.Text;
using BraketBot.Home;
using BraketBot.Limits;
using BraketBot.Tests.Support;

namespace BraketBot.Tests.Home;

/// <summary>
/// The README's picture of the Home tab is <see cref="HomeView.Render"/>'s blocks for a known day, as text: the test
/// fails when the view and docs/home-tab.txt (which the README quotes) part. BRAKETBOT_REGENERATE_DOCS=1 writes both anew.
/// </summary>
public sealed class HomeTabPictureTests
{
    private const string Begin = "<!-- home-tab picture: HomeTabPictureTests writes it -->";
    private const string End = "<!-- end of the home-tab picture -->";
    private static readonly Day Today = Day.Parse("2022-04-10");
    private static readonly DayWindow Window = DayWindow.For(Today, TimeZoneInfo.Utc);

    private static DeviceUsage Usage(DeviceSummary device, (QuantumTaskStatus Status, int Tasks, long Shots)[] tallies, decimal perShot) =>
        new(device, tallies.ToDictionary(t => t.Status, t => new StatusTally(t.Tasks, t.Shots)), perShot, PerTask: 0.3m);

    /// <summary>Aspen-M-1 and Ankaa-3 busy, a team's budget near its cap, a finished cancel run, one of Braket's limits.</summary>
    private static HomeSnapshot KnownDay()
    {
        var caps = new CapsOptions
        {
            MaxShotsPerDay = 200_000,
            MaxShotsPerMonth = 500_000,
            Devices = new() { ["Aspen-M-1"] = new DeviceCaps { MaxShotsPerDay = 10_000 } },
            Budgets = new(StringComparer.OrdinalIgnoreCase)
            {
                ["alpha"] = new BudgetCaps
                {
                    Tag = "team=alpha",
                    MaxCostPerDay = 5,
                    Admins = ["U0ALPHALEAD"],
                },
            },
        };
        var aspen = Usage(
            Tasks.Aspen,
            [(QuantumTaskStatus.Queued, 4, 6_050), (QuantumTaskStatus.Running, 1, 100), (QuantumTaskStatus.Completed, 2, 1_000)],
            0.00035m
        );
        var ankaa = Usage(Tasks.Ankaa, [(QuantumTaskStatus.Queued, 1, 88_888)], 0.0009m);
        var day = new DayUsage(Window, [aspen, ankaa]);
        var month = new MonthUsage(Month.Of(Today), [day], []);
        var alphaDay = new DayUsage(Window, [Usage(Tasks.Aspen, [(QuantumTaskStatus.Queued, 3, 4_000)], 0.00035m)]);
        var budgets = BudgetLine.All(caps, new Dictionary<string, BudgetUsage> { ["alpha"] = new(alphaDay, null) }, null);
        var run = new HomeRun(
            "run-1",
            RunKind.CancelAll,
            "Cancel all queued of Aspen-M-1 on 2022-04-10, asked by <@U2147483697>",
            Window.Start.AddHours(11).AddMinutes(42),
            Window.Start.AddHours(11).AddMinutes(42).AddSeconds(6),
            4,
            4,
            0,
            DryRun: false
        );
        var limit = new SpendingLimit(
            "arn:aws:braket:us-west-1:111122223333:spending-limit/ankaa",
            Tasks.AnkaaArn,
            250,
            12.5m,
            40,
            new LimitPeriod(Window.Start, Window.End),
            new Dictionary<string, string>()
        );
        return new HomeSnapshot(
            caps,
            Window,
            day,
            month,
            CapPolicy.Evaluate(day, caps, month.Devices),
            LedgerHoldsToday: true,
            [run],
            [new DeviceLimit(Tasks.Ankaa, limit)],
            "AWS price list of 2026-11-20",
            Window.Start.AddHours(12).AddSeconds(14)
        )
        {
            Budgets = budgets,
        };
    }

    /// <summary>The blocks as a reader sees them: markup and emoji codes as drawn, each button after the line it acts on.</summary>
    private static string Picture(IReadOnlyList<Block> blocks)
    {
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            var line = block switch
            {
                HeaderBlock h => h.Text.Text.ToUpperInvariant(),
                SectionBlock s => Drawn(s.Text!.Text),
                ContextBlock c => string.Join(" ", c.Elements.Select(e => Drawn(e.Text))),
                ActionsBlock a => string.Join(" ", a.Elements.Select(b => $"[{b.Text.Text}]")),
                _ => new string('─', 60),
            };
            text.Append(line).Append('\n');
        }
        return text.ToString();
    }

    private static string Drawn(string markdown) =>
        new[] { ("*", ""), ("`", ""), (":large_green_circle:", "🟢"), (":large_orange_circle:", "🟠"), (":red_circle:", "🔴") }
            .Concat([(":white_check_mark:", "✅"), (":shield:", "🛡"), ("<@U2147483697>", "@steve")])
            .Aggregate(markdown, (s, r) => s.Replace(r.Item1, r.Item2, StringComparison.Ordinal));

    [Fact]
    public void The_readmes_picture_is_the_view_of_a_known_day()
    {
        var picture = Picture(HomeView.Render(KnownDay(), new HomeAccess(Admin: true, Budgets: ["alpha"]), notice: null));
        // Quoted in the README's list item, so indented as it is.
        var quoted = string.Join("\n", $"{Begin}\n```\n{picture}```\n{End}".Split('\n').Select(l => "  " + l));
        var file = Repository.Path("docs", "home-tab.txt");
        var readmePath = Repository.Path("README.md");
        var readme = File.ReadAllText(readmePath);
        var start = readme.IndexOf("  " + Begin, StringComparison.Ordinal);
        var stop = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && stop > start, "README.md lacks the Home tab's picture markers");
        if (Environment.GetEnvironmentVariable("BRAKETBOT_REGENERATE_DOCS") == "1")
        {
            File.WriteAllText(file, picture);
            File.WriteAllText(readmePath, readme[..start] + quoted + readme[(stop + End.Length)..]);
            return;
        }

        Assert.Equal(picture, File.ReadAllText(file));
        Assert.Equal(quoted, readme[start..(stop + End.Length)]);
    }
}
