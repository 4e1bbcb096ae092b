using ScottPlot;
using SkiaSharp;

namespace BraketBot.Charts;

/// <summary>
/// The charts' typeface, DejaVu Sans (Bitstream Vera licence, beside the files), read from the app's
/// own resources: SkiaSharp's self-contained Linux build finds no system fonts through fontconfig, and a
/// container may have none, so the text of a chart never depends on the host.
/// </summary>
public sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "BraketBot Sans";

    public static readonly EmbeddedFonts Instance = new();

    private static readonly Lock Registering = new();
    private static bool registered;

    public SKTypeface Regular { get; } = Load("DejaVuSans.ttf");

    public SKTypeface Bold { get; } = Load("DejaVuSans-Bold.ttf");

    /// <summary>Puts this resolver first in ScottPlot's (process-wide) list, once.</summary>
    public static void Register()
    {
        lock (Registering)
        {
            if (registered)
                return;
            Fonts.FontResolvers.Insert(0, Instance);
            registered = true;
        }
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        fontName == Family ? (weight >= FontWeight.SemiBold ? Bold : Regular) : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => fontName == Family ? (bold ? Bold : Regular) : null;

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"BraketBot.Charts.Fonts.{file}")
            ?? throw new InvalidOperationException($"The chart font {file} is not in the app's resources.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The chart font {file} could not be read.");
    }
}
