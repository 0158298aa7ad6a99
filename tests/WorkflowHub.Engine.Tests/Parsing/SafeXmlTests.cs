using System.Diagnostics;
using System.Text;
using WorkflowHub.Engine.Model;
using WorkflowHub.Engine.Parsing;

namespace WorkflowHub.Engine.Tests.Parsing;

/// <summary>Reading untrusted XML: no DTD, a size limit, malformed input reported, declared encodings honoured.</summary>
public sealed class SafeXmlTests : IDisposable
{
    private readonly string _secretFile = Path.Combine(Path.GetTempPath(), $"wfh-xxe-{Guid.NewGuid():N}.txt");
    private const string Secret = "TOP-SECRET-7f3a";

    public SafeXmlTests() => File.WriteAllText(_secretFile, Secret);

    public void Dispose() => File.Delete(_secretFile);

    private string XxeDocument() =>
        "<?xml version=\"1.0\"?>\n"
        + $"<!DOCTYPE definitions [ <!ENTITY xxe SYSTEM \"{new Uri(_secretFile).AbsoluteUri}\"> ]>\n"
        + BpmnText.Around("<task id=\"x\" name=\"&xxe;\"/>");

    private static void AssertDtdRefused(BpmnDocument document, string secret)
    {
        var problem = Assert.Single(document.Problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Contains("DTD", problem.Message, StringComparison.Ordinal);
        Assert.Equal((2, 1), (problem.Line, problem.Column)); // the <!DOCTYPE
        Assert.Empty(document.Processes);
        Assert.DoesNotContain(document.Problems.Concat(document.Ignored), p => p.ToString().Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Dtd_with_external_entity_is_refused_and_the_file_is_never_read_xxe()
    {
        AssertDtdRefused(BpmnText.Parse(XxeDocument()), Secret);
    }

    [Fact]
    public void Dtd_with_external_entity_is_refused_from_a_byte_stream_too()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(XxeDocument()));
        AssertDtdRefused(new BpmnParser().Parse(stream), Secret);
    }

    [Fact]
    public void Dtd_is_refused_in_a_utf16_stream()
    {
        using var stream = new MemoryStream(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(XxeDocument())).ToArray());
        AssertDtdRefused(new BpmnParser().Parse(stream), Secret);
    }

    [Fact]
    public void Billion_laughs_entity_expansion_is_refused_quickly()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            entities.Append(CultureInvariant($"<!ENTITY lol{i} \"&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};\">"));
        }
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions [" + entities + "]>\n" + BpmnText.Around("<task id=\"x\" name=\"&lol9;\"/>");

        var watch = Stopwatch.StartNew();
        var document = BpmnText.Parse(xml);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        AssertDtdRefused(document, "lollollol");
    }

    [Fact]
    public void Size_limit_refuses_a_larger_string_with_one_error_and_no_parsing()
    {
        var xml = BpmnText.Around("<task id=\"x\"/>");
        var document = new BpmnParser(new BpmnParserOptions { MaxBytes = 100 }).Parse(xml);

        var problem = Assert.Single(document.Problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.Equal("file is larger than 100 bytes", problem.Message);
        Assert.Empty(document.Processes);
        Assert.Empty(document.Ignored);
    }

    [Fact]
    public void Size_limit_counts_bytes_not_characters()
    {
        // 60 'é' are 60 characters but 120 UTF-8 bytes.
        var xml = "<a>" + new string('é', 60) + "</a>";
        var document = new BpmnParser(new BpmnParserOptions { MaxBytes = 100 }).Parse(xml);
        Assert.Equal("file is larger than 100 bytes", Assert.Single(document.Problems).Message);
    }

    [Fact]
    public void Size_limit_default_is_5_MB_and_a_file_at_the_limit_is_read()
    {
        Assert.Equal(5 * 1024 * 1024, new BpmnParserOptions().MaxBytes);
        var xml = BpmnText.Around("<task id=\"x\"/>");
        var bytes = Encoding.UTF8.GetBytes(xml);
        var document = new BpmnParser(new BpmnParserOptions { MaxBytes = bytes.Length }).Parse(new MemoryStream(bytes));
        Assert.Single(document.Processes);
    }

    [Fact]
    public void Size_limit_stops_reading_an_endless_stream()
    {
        var stream = new EndlessStream();
        var document = new BpmnParser(new BpmnParserOptions { MaxBytes = 10_000 }).Parse(stream);

        Assert.Equal("file is larger than 10000 bytes", Assert.Single(document.Problems).Message);
        Assert.True(stream.BytesRead <= 10_001 + 81_920, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void Size_limit_refuses_a_seekable_stream_by_its_length_without_reading()
    {
        var stream = new MemoryStream(new byte[2000]);
        var document = new BpmnParser(new BpmnParserOptions { MaxBytes = 1000 }).Parse(stream);
        Assert.Equal("file is larger than 1000 bytes", Assert.Single(document.Problems).Message);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Malformed_xml_is_one_error_with_the_xml_exception_line_and_column()
    {
        var xml = BpmnText.Process("<startEvent id=\"start\">\n<task id=\"t\"/>\n</endEvent>");
        var document = BpmnText.Parse(xml);

        var problem = Assert.Single(document.Problems);
        Assert.Equal(ProblemSeverity.Error, problem.Severity);
        Assert.StartsWith("malformed XML:", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line 5, position", problem.Message, StringComparison.Ordinal);
        Assert.Equal(5, problem.Line); // </endEvent> closes <startEvent>
        Assert.Equal(3, problem.Column);
        Assert.Empty(document.Processes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<definitions")]
    [InlineData("<?xml version=\"1.0\" encoding=\"no-such-encoding\"?><definitions/>")]
    public void Malformed_or_unreadable_input_never_throws(string text)
    {
        var fromString = BpmnText.Parse(text);
        var fromBytes = new BpmnParser().Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(ProblemSeverity.Error, Assert.Single(fromString.Problems).Severity);
        Assert.Equal(ProblemSeverity.Error, Assert.Single(fromBytes.Problems).Severity);
    }

    [Fact]
    public void Deeply_nested_elements_are_refused_before_any_recursive_walk()
    {
        const int depth = 100_000;
        var xml = new StringBuilder(BpmnText.Around("<exclusiveGateway id=\"x\"/>"));
        var nested = string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));
        xml.Replace("<sequenceFlow id=\"f2\" sourceRef=\"x\" targetRef=\"end\"/>",
            $"<sequenceFlow id=\"f2\" sourceRef=\"x\" targetRef=\"end\"><conditionExpression>{nested}</conditionExpression></sequenceFlow>");

        var document = BpmnText.Parse(xml.ToString());

        var problem = Assert.Single(document.Problems);
        Assert.Equal((ProblemSeverity.Error, "elements are nested deeper than 256 levels"), (problem.Severity, problem.Message));
        Assert.Empty(document.Processes);
    }

    [Fact]
    public void Root_element_other_than_bpmn_definitions_is_an_error()
    {
        var document = BpmnText.Parse("<definitions xmlns=\"http://example.com/not-bpmn\"/>");
        Assert.Contains("not a BPMN 2.0 file", Assert.Single(document.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_iso_8859_1_encoding_is_honoured_when_reading_bytes()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + BpmnText.Around("<task id=\"x\" name=\"Prüfung der Größe\"/>");
        var bytes = Encoding.Latin1.GetBytes(xml);

        var model = Assert.Single(new BpmnParser().Parse(new MemoryStream(bytes)).Processes);

        Assert.Equal("Prüfung der Größe", model.GetNode("x").Name);
    }

    [Fact]
    public void Declared_windows_1252_encoding_is_honoured_when_reading_bytes()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n" + BpmnText.Around("<task id=\"x\" name=\"Preis in €\"/>");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1252).GetBytes(xml);

        var model = Assert.Single(new BpmnParser().Parse(new MemoryStream(bytes)).Processes);

        Assert.Equal("Preis in €", model.GetNode("x").Name);
    }

    [Fact]
    public void String_input_is_already_decoded_so_its_declared_encoding_is_ignored()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + BpmnText.Around("<task id=\"x\" name=\"Grüße 日本\"/>");

        var model = BpmnText.ParseValid(xml);

        Assert.Equal("Grüße 日本", model.GetNode("x").Name);
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A non-seekable stream of '&lt;' forever, counting what was read.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'<');
            BytesRead += count;
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
