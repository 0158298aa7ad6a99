using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using WorkflowHub.Engine.Model;

namespace WorkflowHub.Engine.Parsing;

/// <summary>
/// Loads BPMN XML without trusting it: no DTD (so no external entities and no entity expansion),
/// no resolver, a size limit, and every failure turned into one error problem with its position.
/// </summary>
internal static partial class SafeXmlLoader
{
    /// <summary>
    /// Deepest element nesting accepted. Real BPMN stays far below (definitions, process, a few sub-processes,
    /// a task, its extensions); the limit keeps every later recursive walk of the tree off the stack limit.
    /// </summary>
    public const int MaxDepth = 256;

    private const string DtdMessage =
        "a DTD (<!DOCTYPE ...>) is not allowed in a BPMN file: document types and entities are refused for security";

    static SafeXmlLoader()
    {
        // Code-page encodings (windows-1252, ...) beside those .NET knows natively (UTF-*, ISO-8859-1, ASCII).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The size-limit problem: the file is not parsed at all.</summary>
    public static BpmnProblem TooLarge(long maxBytes) =>
        new(ProblemSeverity.Error, $"file is larger than {maxBytes} bytes", 1, 1);

    /// <summary>Loads from bytes so that the XML declaration's encoding is honoured.</summary>
    public static XDocument? Load(byte[] buffer, int count, long maxBytes, List<BpmnProblem> problems)
    {
        var settings = CreateSettings(maxBytes);
        return LoadCore(
            () => XmlReader.Create(new MemoryStream(buffer, 0, count, writable: false), settings),
            () => LocateDoctype(buffer.AsSpan(0, count)),
            problems);
    }

    /// <summary>Loads already decoded text: any encoding in the XML declaration is ignored.</summary>
    public static XDocument? Load(string text, long maxBytes, List<BpmnProblem> problems)
    {
        var settings = CreateSettings(maxBytes);
        return LoadCore(
            () => XmlReader.Create(new StringReader(text), settings),
            () => LocateDoctype(text),
            problems);
    }

    private static XmlReaderSettings CreateSettings(long maxBytes) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxBytes > 0 ? maxBytes : 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static XDocument? LoadCore(Func<XmlReader> createReader, Func<(int Line, int Column)?> locateDoctype, List<BpmnProblem> problems)
    {
        var inProlog = true;
        try
        {
            // A first, streaming pass finds malformed XML, a DTD and excessive nesting cheaply: building an
            // XDocument is quadratic in the nesting depth, and later walks of the tree recurse.
            using (var scan = createReader())
            {
                scan.MoveToContent();
                inProlog = false;
                while (scan.Read())
                {
                    if (scan.NodeType == XmlNodeType.Element && scan.Depth >= MaxDepth)
                    {
                        var info = (IXmlLineInfo)scan;
                        problems.Add(new BpmnProblem(
                            ProblemSeverity.Error, $"elements are nested deeper than {MaxDepth} levels", info.LineNumber, info.LinePosition));
                        return null;
                    }
                }
            }
            using var reader = createReader();
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException) when (inProlog && locateDoctype() is { } at)
        {
            // The DTD-prohibited exception carries no position: point at the <!DOCTYPE found in the input.
            problems.Add(new BpmnProblem(ProblemSeverity.Error, DtdMessage, at.Line, at.Column));
        }
        catch (XmlException ex)
        {
            problems.Add(new BpmnProblem(
                ProblemSeverity.Error,
                "malformed XML: " + TrimPosition(ex.Message),
                Math.Max(ex.LineNumber, 1),
                Math.Max(ex.LinePosition, 1)));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or InvalidOperationException or DecoderFallbackException)
        {
            // Unknown encodings and undecodable bytes surface as these rather than XmlException.
            problems.Add(new BpmnProblem(ProblemSeverity.Error, "unreadable XML: " + ex.Message, 1, 1));
        }
        return null;
    }

    /// <summary>
    /// The text of bytes the reader has already accepted: decoded as its byte order mark or XML declaration says
    /// (UTF-8 without either), with the declaration's encoding rewritten to UTF-8.
    /// </summary>
    public static string DecodeAsUtf8Text(ReadOnlySpan<byte> bytes, XDocument document)
    {
        Encoding encoding;
        var skip = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            (encoding, skip) = (new UTF8Encoding(false, true), 3);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00]))
        {
            (encoding, skip) = (Encoding.Unicode, bytes[0] == 0xFF ? 2 : 0);
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x3C]))
        {
            (encoding, skip) = (Encoding.BigEndianUnicode, bytes[0] == 0xFE ? 2 : 0);
        }
        else if (document.Declaration?.Encoding is { Length: > 0 } declared)
        {
            encoding = Encoding.GetEncoding(declared);
        }
        else
        {
            encoding = new UTF8Encoding(false, true);
        }
        var text = encoding.GetString(bytes[skip..]);
        return DeclaredEncoding().Replace(text, m => m.Groups[1].Value + "UTF-8" + m.Groups[3].Value, 1);
    }

    [GeneratedRegex(@"^(<\?xml[^>]*?\bencoding\s*=\s*[""'])([^""']*)([""'])", RegexOptions.CultureInvariant)]
    private static partial Regex DeclaredEncoding();

    /// <summary>XmlException messages end with " Line n, position m."; the problem carries those itself.</summary>
    private static string TrimPosition(string message) => PositionSuffix().Replace(message, "");

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex PositionSuffix();

    /// <summary>Where "&lt;!DOCTYPE" stands (line, column of '&lt;'), or null.</summary>
    private static (int Line, int Column)? LocateDoctype(string text)
    {
        var index = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }
        var line = 1 + text.AsSpan(0, index).Count('\n');
        var lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        return (line, index - lineStart + 1);
    }

    /// <summary>
    /// Where "&lt;!DOCTYPE" stands in the bytes, as ASCII-compatible text (UTF-8, ISO-8859-*, ...) or as
    /// UTF-16 in either byte order; the prefix before it is decoded to count lines and columns.
    /// </summary>
    private static (int Line, int Column)? LocateDoctype(ReadOnlySpan<byte> bytes)
    {
        foreach (var encoding in new[] { Encoding.Latin1, Encoding.Unicode, Encoding.BigEndianUnicode })
        {
            var index = bytes.IndexOf(encoding.GetBytes("<!DOCTYPE"));
            if (index >= 0)
            {
                var prefix = encoding.GetString(bytes[..index]).TrimStart('\uFEFF');
                return LocateDoctype(prefix + "<!DOCTYPE");
            }
        }
        return null;
    }
}
