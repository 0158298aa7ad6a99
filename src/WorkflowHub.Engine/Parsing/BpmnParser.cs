using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Reads a BPMN 2.0 XML file into a <see cref="BpmnDocument"/>: its executable processes compiled to
/// immutable <see cref="ProcessModel"/>s, every problem with its line, column, element id and type, and
/// every element kept but not executed. Never throws for bad input: malformed XML, a DTD or a file over
/// the size limit each become one error problem. Stateless and thread-safe.
/// </summary>
public sealed class BpmnParser
{
    private readonly BpmnParserOptions _options;

    public BpmnParser()
        : this(new BpmnParserOptions())
    {
    }

    public BpmnParser(BpmnParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A copy, so that later changes to the caller's options do not affect this parser.
        _options = new BpmnParserOptions { MaxBytes = options.MaxBytes, DeployMode = options.DeployMode };
    }

    /// <summary>Parses already decoded text; an encoding named by its XML declaration is ignored.</summary>
    public BpmnDocument Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var document = new BpmnDocument();
        if (xml.Length > _options.MaxBytes || System.Text.Encoding.UTF8.GetByteCount(xml) > _options.MaxBytes)
        {
            document.Problems.Add(SafeXmlLoader.TooLarge(_options.MaxBytes));
            return document;
        }
        return Compile(SafeXmlLoader.Load(xml, _options.MaxBytes, document.Problems), document);
    }

    /// <summary>Parses the bytes of a file, honouring the encoding its XML declaration names (e.g. ISO-8859-1).</summary>
    public BpmnDocument Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var document = new BpmnDocument();
        if (!TryReadLimited(stream, _options.MaxBytes, out var buffer, out var count))
        {
            document.Problems.Add(SafeXmlLoader.TooLarge(_options.MaxBytes));
            return document;
        }
        var xml = SafeXmlLoader.Load(buffer, count, _options.MaxBytes, document.Problems);
        if (xml is not null)
        {
            document.SourceText = SafeXmlLoader.DecodeAsUtf8Text(buffer.AsSpan(0, count), xml);
        }
        return Compile(xml, document);
    }

    private BpmnDocument Compile(XDocument? xml, BpmnDocument document)
    {
        if (xml is not null)
        {
            DefinitionsReader.Read(xml, new ParseContext(_options, document));
            SortByPosition(document.Problems);
            SortByPosition(document.Ignored);
        }
        return document;
    }

    /// <summary>Puts problems in file order (a stable sort: equal positions keep the order they were found in).</summary>
    private static void SortByPosition(List<BpmnProblem> problems)
    {
        var sorted = problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        problems.Clear();
        problems.AddRange(sorted);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> bytes; false (without reading on) when the stream holds more.</summary>
    private static bool TryReadLimited(Stream stream, long maxBytes, out byte[] buffer, out int count)
    {
        buffer = [];
        count = 0;
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            return false;
        }
        var limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
        buffer = new byte[stream.CanSeek ? (int)Math.Min(stream.Length - stream.Position + 1, limit + 1L) : Math.Min(limit + 1, 81920)];
        while (true)
        {
            if (count == buffer.Length)
            {
                if (count > limit)
                {
                    return false;
                }
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1L));
            }
            var read = stream.Read(buffer, count, buffer.Length - count);
            if (read == 0)
            {
                return count <= limit;
            }
            count += read;
            if (count > limit)
            {
                return false;
            }
        }
    }
}
