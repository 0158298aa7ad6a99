using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHub.Server.Features.Organisation.Tables;

public enum ColumnType
{
    Text,
    Number,
    Bool,

    /// <summary>One of fixed names (an enum).</summary>
    Choice,

    /// <summary>A list of texts: a JSON array, or ';'-separated in csv and xlsx.</summary>
    List,
}

/// <summary>
/// One column of an editable table: its name (JSON property and csv/xlsx header), its Chinese header (also accepted on
/// import), its type and limits. Values cross as JSON in the API and as text in files; both end up as <see cref="JsonNode"/>.
/// </summary>
public sealed record OrgColumn(string Name, string Header, ColumnType Type, bool Required = false, int MaxLength = 200, IReadOnlyList<string>? Choices = null)
{
    public static OrgColumn Choice<TEnum>(string name, string header, bool required = true)
        where TEnum : struct, Enum => new(name, header, ColumnType.Choice, required, 40, Enum.GetNames<TEnum>());

    /// <summary>A file cell's text as this column's JSON value; null for an empty cell.</summary>
    public JsonNode? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Type == ColumnType.List ? new JsonArray() : null;
        }
        text = text.Trim();
        return Type switch
        {
            ColumnType.Number => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n) : JsonValue.Create(text),
            ColumnType.Bool => text.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "是" or "y" => JsonValue.Create(true),
                "false" or "0" or "no" or "否" or "n" => JsonValue.Create(false),
                _ => JsonValue.Create(text),
            },
            ColumnType.List => new JsonArray([.. text.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => (JsonNode?)JsonValue.Create(s))]),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>A value as a file cell's text.</summary>
    public static string ToText(JsonNode? value) => value switch
    {
        null => "",
        JsonArray list => string.Join(";", list.Select(v => v?.ToString())),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>().ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        _ => value.ToString(),
    };
}

/// <summary>Reads a row's values for one entity, collecting every error by field name (and row, on import).</summary>
public sealed class RowReader(JsonObject row, string fieldPrefix, Dictionary<string, string[]> errors)
{
    public Dictionary<string, string[]> Errors => errors;

    public void Error(string column, string message)
    {
        var key = fieldPrefix + column;
        errors[key] = errors.TryGetValue(key, out var existing) ? [.. existing, message] : [message];
    }

    public bool Has(string column) => row.ContainsKey(column);

    public string? Text(OrgColumn column)
    {
        var value = row[column.Name];
        if (value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>())))
        {
            if (column.Required)
            {
                Error(column.Name, $"{column.Name} is required.");
            }
            return null;
        }
        if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
        {
            Error(column.Name, $"{column.Name} must be a text.");
            return null;
        }
        var s = text.GetValue<string>().Trim();
        if (s.Length > column.MaxLength)
        {
            Error(column.Name, $"{column.Name} has at most {column.MaxLength} characters.");
            return null;
        }
        return s;
    }

    public double? Number(OrgColumn column, double min, double max)
    {
        var value = row[column.Name];
        if (value is null)
        {
            if (column.Required)
            {
                Error(column.Name, $"{column.Name} is required.");
            }
            return null;
        }
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<double>() is var n && n >= min && n <= max)
        {
            return n;
        }
        Error(column.Name, $"{column.Name} must be a number from {min} to {max}.");
        return null;
    }

    public bool Bool(OrgColumn column)
    {
        var value = row[column.Name];
        if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetValue<bool>();
        }
        if (value is not null)
        {
            Error(column.Name, $"{column.Name} must be true or false.");
        }
        return false;
    }

    public TEnum? Choice<TEnum>(OrgColumn column)
        where TEnum : struct, Enum
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }
        if (Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(text[0]))
        {
            return parsed;
        }
        Error(column.Name, $"{column.Name} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return null;
    }

    public IReadOnlyList<string> List(OrgColumn column)
    {
        var value = row[column.Name];
        if (value is null)
        {
            return [];
        }
        if (value is JsonArray array && array.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String) && array.Count <= 500)
        {
            return [.. array.Select(i => i!.GetValue<string>().Trim()).Where(s => s.Length > 0).Distinct()];
        }
        Error(column.Name, $"{column.Name} must be a list of texts (at most 500).");
        return [];
    }
}
