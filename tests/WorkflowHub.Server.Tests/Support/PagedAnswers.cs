using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace WorkflowHub.Server.Tests.Support;

/// <summary>Reading the API's paged lists ({ items, total, page, pageSize }) in tests that only need the items.</summary>
public static class PagedAnswers
{
    /// <summary>The items of one page of up to 200 (the largest page) of a list; the test fails when the list is longer.</summary>
    public static async Task<JsonArray> GetItemsAsync(this HttpClient client, string path)
    {
        var page = (await client.GetFromJsonAsync<JsonObject>(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "pageSize=200"))!;
        var items = page["items"]!.AsArray();
        Assert.True(items.Count == page["total"]!.GetValue<int>(), $"{path} has more than one page: {page["total"]}");
        return items;
    }
}
