using System.Globalization;
using WorkflowHub.Server.Tests.Notices;

namespace WorkflowHub.Benchmarks.Harness;

/// <summary>
/// The mail outbox under kills: every notice a committed step wrote reaches the SMTP server at least once, every copy
/// carries the notice's own Message-ID (the outbox row's id), and no notice is written twice for one instance.
/// </summary>
internal static class OutboxInvariant
{
    /// <summary>Node settings that send the notices to <paramref name="smtp"/>, polled every second.</summary>
    public static IReadOnlyDictionary<string, string> MailSettings(TestSmtpServer smtp) => new Dictionary<string, string>
    {
        ["Mail:From"] = "WorkflowHub harness <harness@example.gov.cn>",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Mail:Smtp:UseSsl"] = "false",
        ["Notices:Delivery:PollInterval"] = "00:00:01",
    };

    /// <summary>Waits while the backlog shrinks (bounded: it gives up after <paramref name="stalled"/> without progress), then compares.</summary>
    public static async Task<Result> CheckAsync(RunDatabase database, TestSmtpServer smtp, string processKey, int instances, TimeSpan stalled)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var progress = System.Diagnostics.Stopwatch.StartNew();
        var backlog = long.MaxValue;
        while (progress.Elapsed < stalled && watch.Elapsed < TimeSpan.FromMinutes(30))
        {
            var now = await database.ScalarAsync($"SELECT COUNT(*) FROM hub_notice_outbox WHERE \"ProcessKey\" = '{processKey}' AND \"Status\" <> 'Sent'");
            if (now == 0)
            {
                break;
            }
            if (now < backlog)
            {
                backlog = now;
                progress.Restart();
            }
            await Task.Delay(500);
        }
        DrainSeconds = watch.Elapsed.TotalSeconds;
        var rows = await database.QueryAsync($"SELECT \"Id\", \"InstanceId\" FROM hub_notice_outbox WHERE \"ProcessKey\" = '{processKey}'",
            r => (Id: r.GetString(0), Instance: r.IsDBNull(1) ? "" : r.GetString(1)));
        var received = smtp.Messages.Select(m => m.MessageId ?? "").GroupBy(id => id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ids = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return new Result(
            Notices: rows.Count,
            Instances: instances,
            PerInstanceOnce: rows.GroupBy(r => r.Instance).All(g => g.Count() == 1) && rows.Select(r => r.Instance).Distinct().Count() == instances,
            Undelivered: rows.Count(r => !received.ContainsKey(r.Id)),
            Repeated: received.Where(kv => ids.Contains(kv.Key)).Count(kv => kv.Value > 1),
            Strangers: received.Keys.Count(k => !ids.Contains(k)));
    }

    /// <summary>How long the last check waited for the outbox to drain after the load.</summary>
    public static double DrainSeconds { get; private set; }

    public sealed record Result(int Notices, int Instances, bool PerInstanceOnce, int Undelivered, int Repeated, int Strangers)
    {
        /// <summary>SMTP is at least once: a repeat with the same Message-ID is allowed (a kill between acceptance and
        /// marking the row sent), a lost notice or a mail with a Message-ID of no notice is not.</summary>
        public bool Holds => PerInstanceOnce && Undelivered == 0 && Strangers == 0;

        public override string ToString() =>
            $"drained {DrainSeconds:0} s after the load; {Notices} notices for {Instances} instances (one each: {PerInstanceOnce}); undelivered {Undelivered}; delivered again with the same Message-ID {Repeated}; mails of no notice {Strangers}";
    }
}
