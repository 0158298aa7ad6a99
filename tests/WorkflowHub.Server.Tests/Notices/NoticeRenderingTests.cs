using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WorkflowHub.Server.Api;
using WorkflowHub.Server.Features.Notices;
using WorkflowHub.Server.Hosting;

namespace WorkflowHub.Server.Tests.Notices;

/// <summary>The renderer's sandbox, escaping and error positions, and every shipped template against its sample.</summary>
public sealed class NoticeRenderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly NoticeRenderer _renderer = new(Options.Create(new NoticesOptions { Render = { LoopLimit = 50, TimeoutMilliseconds = 2000 } }));
    private readonly NoticeModelFactory _models = new(Options.Create(new NoticesOptions()), Options.Create(new ServerOptions { PublicBaseUrl = "https://wfh.example.gov.cn/" }));

    public static TheoryData<string> ShippedTemplates()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TemplatesFolder, "*.notice").Order())
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    private static string TemplatesFolder => HubPaths.Discover(AppContext.BaseDirectory).Resolve("workflows/templates");

    [Theory]
    [MemberData(nameof(ShippedTemplates))]
    public void A_shipped_template_renders_its_sample_in_chinese(string key)
    {
        var draft = NoticeTemplateFile.Parse(File.ReadAllText(Path.Combine(TemplatesFolder, key + ".notice")));
        var sample = NoticeSample.Parse(File.ReadAllText(Path.Combine(TemplatesFolder, key + ".sample.json")));
        var record = new NoticeTemplateRecord { Key = key, Version = 1, Name = draft.Name, Subject = draft.Subject, Html = draft.Html, Text = draft.Text };
        var (subject, recipient) = NoticeSample.Build(sample, record, new Dictionary<string, JsonNode?> { ["name"] = "市创城办", ["partyGroup"] = "局党组" }, Now);

        var rendered = _renderer.Render(_renderer.Compile(record), _models.Create(subject, recipient));

        Assert.Matches(@"^【.+】\S", rendered.Subject);
        Assert.DoesNotContain("\n", rendered.Subject);
        Assert.Contains("市创城办", rendered.Text);
        Assert.Contains("2026年3月2日", rendered.Text);
        Assert.NotNull(rendered.Html);
        Assert.StartsWith("<div", rendered.Html);
        Assert.DoesNotContain("{{", rendered.Html + rendered.Text + rendered.Subject);
    }

    [Fact]
    public void Values_are_html_escaped_in_the_html_part_only_and_html_raw_is_written_as_is()
    {
        var rendered = Render("{{ data.problem }}", "<p>{{ data.problem }}</p>{{ html_raw '<b>ok</b>' }}", "{{ data.problem }}",
            new JsonObject { ["problem"] = "<script>alert(1)</script> & \"x\"" });

        Assert.Equal("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p><b>ok</b>", rendered.Html);
        Assert.Equal("<script>alert(1)</script> & \"x\"", rendered.Text);
        Assert.Equal("<script>alert(1)</script> & \"x\"", rendered.Subject);
    }

    [Fact]
    public void A_line_break_in_a_value_cannot_add_a_second_subject_line()
    {
        var rendered = Render("通知 {{ data.v }}", "", "x", new JsonObject { ["v"] = "a\r\nBcc: evil@example.com" });
        Assert.Equal("通知 a Bcc: evil@example.com", rendered.Subject);
    }

    [Fact]
    public void A_syntax_error_names_the_part_line_and_column()
    {
        var error = Assert.Throws<NoticeTemplateException>(() => _renderer.Compile("t", 1, "主题", "<p>\n第二行\n  {{ if }}</p>", "文本"));
        var problem = error.Problems[0];
        Assert.Equal("html", problem.Part);
        Assert.Equal(3, problem.Line);
        Assert.True(problem.Column >= 3, problem.ToString());
        Assert.Contains("html line 3, column", error.Message);
    }

    [Fact]
    public void An_unknown_name_fails_at_render_with_its_line()
    {
        var error = Assert.Throws<NoticeTemplateException>(() => Render("主题", "", "一\n二\n{{ no_such_thing }}", []));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("text", 3, 4), (problem.Part, problem.Line, problem.Column));
    }

    [Fact]
    public void Loops_and_recursion_are_bounded()
    {
        var loop = Assert.Throws<NoticeTemplateException>(() => Render("s", "", "{{ for i in 1..100000 }}x{{ end }}", []));
        Assert.Contains("loop", loop.Message, StringComparison.OrdinalIgnoreCase);
        var recursion = Assert.Throws<NoticeTemplateException>(() => Render("s", "", "{{ func f; ret f; end; f }}", []));
        Assert.Equal("text", Assert.Single(recursion.Problems).Part);
    }

    [Fact]
    public void A_template_cannot_reach_dotnet_members_or_load_other_files()
    {
        // A .NET object is unreadable (no member filter lets anything through); include has no loader.
        var model = _models.Create(Subject([]), Recipient());
        model["clr"] = new Uri("https://example.com/secret");
        var compiled = _renderer.Compile("t", 1, "s", "", "[{{ clr.host }}]");
        Assert.Equal("[]", _renderer.Render(compiled, model).Text);
        Assert.Throws<NoticeTemplateException>(() => Render("s", "", "{{ include '/etc/passwd' }}", []));
    }

    [Fact]
    public void The_model_has_task_recipient_links_and_zh_helpers()
    {
        var subject = Subject([]) with
        {
            Task = new JsonObject { ["id"] = "t1", ["name"] = "整改落实", ["due"] = "2026-03-02T13:00:00+08:00" },
            InstanceId = "i1",
            BusinessKey = "WM-1",
            Number = "督办〔2026〕第 12 号",
        };
        var compiled = _renderer.Compile("t", 1, "s", "",
            "{{ task.name }}|{{ task.remaining }}|{{ task.dueText }}|{{ task.link }}|{{ links.case }}|{{ recipient.name }}|{{ recipient.groups | array.join '、' }}|{{ notice.number }}|{{ '2026-02-28T09:00:00+08:00' | zh.remaining }}|{{ 'P1DT2H' | zh.duration }}|{{ zh.number '督办' 2026 12 }}");
        var text = _renderer.Render(compiled, _models.Create(subject, Recipient())).Text.Trim();
        Assert.Equal("整改落实|还剩 3 小时|2026年3月2日 13:00|https://wfh.example.gov.cn/tasks/t1|https://wfh.example.gov.cn/cases/WM-1|张三|城东片区组、环卫组|督办〔2026〕第 12 号|已超期 2 天 1 小时|1 天 2 小时|督办〔2026〕第 12 号", text);
    }

    [Theory]
    [InlineData(3 * 60, "还剩 3 小时")]
    [InlineData(-2 * 24 * 60, "已超期 2 天")]
    [InlineData(45, "还剩 45 分钟")]
    [InlineData(0, "已到期")]
    [InlineData(26 * 60 + 30, "还剩 1 天 2 小时")]
    public void Remaining_time_is_said_in_chinese(int minutes, string expected) =>
        Assert.Equal(expected, ZhFormat.Remaining(Now.AddMinutes(minutes), Now));

    [Fact]
    public void Template_files_need_a_name_a_subject_and_a_text_part()
    {
        var draft = NoticeTemplateFile.Parse("---\nname: 测试\n---\n=== subject ===\n主题\n=== text ===\n正文\n");
        Assert.Equal(("测试", "主题", "", "正文\n"), (draft.Name, draft.Subject, draft.Html, draft.Text));
        Assert.Equal(draft, NoticeTemplateFile.Parse(NoticeTemplateFile.Format(draft)));
        var missing = Assert.Throws<FormatException>(() => NoticeTemplateFile.Parse("---\nname: x\n---\n=== subject ===\ns\n"));
        Assert.Contains("text", missing.Message);
        Assert.Contains("line 4", Assert.Throws<FormatException>(() => NoticeTemplateFile.Parse("---\nname: x\n---\nstray\n=== subject ===\ns\n")).Message);
    }

    private RenderedNotice Render(string subject, string html, string text, JsonObject values) =>
        _renderer.Render(_renderer.Compile("t", 1, subject, html, text), _models.Create(Subject(values), Recipient()));

    private static NoticeSubject Subject(JsonObject values) =>
        new(Now, "t", "测试", null, null, null, _ => null, values, null, new Dictionary<string, JsonNode?>(), null);

    private static NoticeRecipient Recipient() => new(NoticeChannel.Mail, "zs@example.gov.cn", "张三", "zhangsan", ["城东片区组", "环卫组"], false);
}
