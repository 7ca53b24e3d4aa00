using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Masking;

/// <summary>Masks secrets and personal data in text, JSON and single values before they leave the process.</summary>
public interface IMasker
{
    /// <summary>Masks every detected value in free text; detections carry spans in the original text.</summary>
    MaskResult MaskText(string text);

    /// <summary>Returns a masked copy of <paramref name="node"/> (by field name, classification and value); the input is not changed.</summary>
    JsonNode? MaskJson(JsonNode? node, MaskingPolicy? policy = null);

    /// <summary>Masks one value known to be of <paramref name="kind"/> (a detection type, or <c>pii</c>/<c>secret</c>).</summary>
    string Mask(string value, string kind);

    /// <summary>Starts a session in which equal raw values get equal tagged masks that can be revealed later.</summary>
    MaskingSession BeginSession();
}
