using TeamsPolicyBot.Tests.TestSupport;
namespace TeamsPolicyBot.Tests.Cards;

/// <summary>Screenshots every expanded sample into test-output/cards/, for people to look at, and checks each is a real image.</summary>
public sealed class CardRenderingTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // An empty card's screenshot is about 440 bytes; the welcome card's is about 60 KB.
    private const int SmallestPlausibleCard = 4_000;

    [Fact]
    public async Task Every_sample_renders_to_a_png_in_headless_Chromium()
    {
        var names = CardSamples.All();
        var expanded = CardExpansion.WriteSamples(Path.Combine(CardPaths.TestOutput, "expanded"), names);
        var pngs = names.Select(name => Path.Combine(CardPaths.TestOutput, CardSamples.FlatName(name) + ".png")).ToList();
        pngs.ForEach(File.Delete);

        var result = await NodeScript.RunAsync(CardPaths.Script("render.cjs"), [CardPaths.TestOutput, .. expanded]);

        Assert.True(result.ExitCode == 0, result.Describe());
        foreach (var png in pngs)
        {
            Assert.True(File.Exists(png), $"{png} was not written.\n{result.Describe()}");
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.True(bytes.AsSpan().StartsWith(PngSignature), $"{png} is not a PNG.");
            Assert.True(bytes.Length > SmallestPlausibleCard, $"{png} is only {bytes.Length} bytes: the card probably rendered empty.");
            Assert.True(Width(bytes) >= 400, $"{png} is {Width(bytes)} pixels wide: the card surface should be about 450.");
        }
    }

    // The IHDR chunk follows the signature: length, "IHDR", then the width as a big-endian 32-bit number.
    private static int Width(byte[] png) => System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
}
