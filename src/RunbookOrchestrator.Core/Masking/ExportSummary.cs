using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Masking;

/// <summary>What a reviewer sees of an export before approving it: row count, columns with classification and a few masked rows.</summary>
public sealed record ExportSummary(int RowCount, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> SampleRows)
{
    private static readonly HashSet<string> SecretTypes =
        ["password", "api_key", "aws_access_key", "aws_secret_key", "github_token", "gitlab_token", "slack_token", "slack_webhook", "jwt", "private_key"];

    /// <summary>Summarises <paramref name="table"/>: classification from the policy, then the column name, then the values found in it.</summary>
    public static ExportSummary Of(CsvTable table, IMasker masker, MaskingPolicy? policy = null, int sampleRows = 3)
    {
        var columns = new List<ExportColumn>();
        for (var i = 0; i < table.Header.Count; i++)
        {
            var name = table.Header[i];
            var found = table.Rows.Where(r => i < r.Count)
                .SelectMany(r => masker.MaskText(r[i]).Detections.Select(d => d.Type))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            columns.Add(new ExportColumn(name, Classify(name, found, policy), found));
        }
        var samples = table.Rows.Take(sampleRows).Select(r => CsvMasking.MaskRow(masker, table.Header, r, policy)).ToList();
        return new ExportSummary(table.Rows.Count, columns, samples);
    }

    private static DataClassification Classify(string name, IReadOnlyList<string> found, MaskingPolicy? policy)
    {
        if (policy?.ClassificationOf(name) is { } declared) return declared;
        if (policy?.ListsAsSensitive(name) == true) return DataClassification.Secret;
        var byName = SensitiveFieldNames.KindOf(name);
        if (byName is "secret" or "password" || found.Any(SecretTypes.Contains)) return DataClassification.Secret;
        return byName is not null || found.Count > 0 ? DataClassification.Pii : DataClassification.Internal;
    }
}

/// <summary>One export column: its name, classification and the detection types seen in its values.</summary>
public sealed record ExportColumn(string Name, DataClassification Classification, IReadOnlyList<string> DetectedTypes);
