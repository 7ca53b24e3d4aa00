using System.Text.Json.Nodes;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Tests.Masking;

public class MaskingSessionTests
{
    private readonly Masker _masker = new();

    [Fact]
    public void Same_value_masks_to_the_same_token_within_a_session()
    {
        var session = _masker.BeginSession();
        var first = session.MaskText("from jane@example.com").Detections[0].Mask;
        var second = session.MaskText("reply to jane@example.com").Detections[0].Mask;
        Assert.Equal(first, second);
        Assert.StartsWith("j***@example.com#", first);
    }

    [Fact]
    public void Different_values_with_the_same_mask_get_different_tags()
    {
        var session = _masker.BeginSession();
        var detections = session.MaskText("jane@example.com and john@example.com").Detections;
        Assert.NotEqual(detections[0].Mask, detections[1].Mask);
    }

    [Fact]
    public void A_token_reveals_its_raw_value_in_its_own_session_only()
    {
        var session = _masker.BeginSession();
        var token = session.Mask("4242424242424242", "credit_card");
        Assert.Equal("4242424242424242", session.Reveal(token));
        Assert.Null(_masker.BeginSession().Reveal(token));
    }

    [Fact]
    public void Json_and_text_masking_share_tokens_within_a_session()
    {
        var session = _masker.BeginSession();
        var json = session.MaskJson(new JsonObject { ["note"] = "ask jane@example.com" })!;
        var text = session.MaskText("jane@example.com").Text;
        Assert.Equal($"ask {text}", json["note"]!.GetValue<string>());
    }
}
