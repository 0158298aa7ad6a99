using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;

namespace WorkflowHub.Server.Features.Organisation.Tables;

public enum TabularFormat
{
    Csv,
    Xlsx,
}

/// <summary>A file could not be read as a table; says where.</summary>
public sealed class TabularFileException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Tables as csv (UTF-8 with BOM, so Excel shows Chinese right) or xlsx (first sheet, headers in row 1).</summary>
public static class TabularFile
{
    public const int MaxRows = 20_000;
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv";

    public static string ContentType(TabularFormat format) => format == TabularFormat.Xlsx ? XlsxContentType : CsvContentType;

    public static string Extension(TabularFormat format) => format == TabularFormat.Xlsx ? "xlsx" : "csv";

    /// <summary>The format named by a query value, a file name or a content type; null when none says.</summary>
    public static TabularFormat? Detect(string? format, string? fileName, string? contentType)
    {
        var hint = (format ?? Path.GetExtension(fileName ?? "").TrimStart('.')).ToLowerInvariant();
        if (hint is "xlsx" || contentType?.StartsWith(XlsxContentType, StringComparison.OrdinalIgnoreCase) == true)
        {
            return TabularFormat.Xlsx;
        }
        return hint is "csv" || contentType?.StartsWith(CsvContentType, StringComparison.OrdinalIgnoreCase) == true ? TabularFormat.Csv : null;
    }

    public static byte[] Write(TabularFormat format, string sheet, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var output = new MemoryStream();
        if (format == TabularFormat.Xlsx)
        {
            using var book = new XLWorkbook();
            var ws = book.Worksheets.Add(sheet.Length > 31 ? sheet[..31] : sheet);
            for (var c = 0; c < headers.Count; c++)
            {
                ws.Cell(1, c + 1).Value = headers[c];
                ws.Cell(1, c + 1).Style.Font.Bold = true;
                ws.Column(c + 1).Width = 18;
            }
            var r = 2;
            foreach (var row in rows)
            {
                for (var c = 0; c < row.Count; c++)
                {
                    // Text cells always: codes like 0012 and case numbers must not turn into numbers or dates.
                    ws.Cell(r, c + 1).SetValue(row[c] ?? "");
                }
                r++;
            }
            ws.SheetView.FreezeRows(1);
            book.SaveAs(output);
        }
        else
        {
            // A UTF-8 byte order mark first: Excel reads a csv without one in the system's code page and garbles Chinese.
            output.Write(Encoding.UTF8.Preamble);
            using var csv = CsvWriter.Create(output, null, leaveOpen: true);
            csv.WriteRecord([.. headers]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. row.Select(c => c ?? "")]);
            }
            csv.Flush();
        }
        return output.ToArray();
    }

    /// <summary>The data rows by header, each with the line (csv) or row (xlsx) number it came from.</summary>
    public static List<(int Line, Dictionary<string, string?> Cells)> Read(TabularFormat format, Stream input)
    {
        var result = new List<(int, Dictionary<string, string?>)>();
        if (format == TabularFormat.Xlsx)
        {
            XLWorkbook book;
            try
            {
                book = new XLWorkbook(input);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new TabularFileException("file", $"The file is not a readable xlsx workbook ({ex.GetType().Name}).");
            }
            using (book)
            {
                var ws = book.Worksheets.FirstOrDefault() ?? throw new TabularFileException("file", "The workbook has no sheet.");
                var used = ws.RangeUsed();
                if (used is null)
                {
                    return result;
                }
                var lastColumn = used.LastColumn().ColumnNumber();
                var headers = Enumerable.Range(1, lastColumn).Select(c => ws.Cell(1, c).GetString().Trim()).ToList();
                var lastRow = used.LastRow().RowNumber();
                if (lastRow - 1 > MaxRows)
                {
                    throw TooMany();
                }
                for (var r = 2; r <= lastRow; r++)
                {
                    var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
                    for (var c = 1; c <= lastColumn; c++)
                    {
                        if (headers[c - 1].Length > 0)
                        {
                            cells[headers[c - 1]] = ws.Cell(r, c).GetString();
                        }
                    }
                    if (cells.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
                    {
                        result.Add((r, cells));
                    }
                }
            }
            return result;
        }

        try
        {
            using var csv = CsvReader.Create(input, new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: true);
            var names = csv.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
            while (csv.Read())
            {
                if (result.Count >= MaxRows)
                {
                    throw TooMany();
                }
                var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < names.Count && i < csv.FieldCount; i++)
                {
                    cells[names[i]] = csv.GetStringOrNull(i);
                }
                if (cells.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
                {
                    result.Add(((int)csv.LineNumber, cells));
                }
            }
        }
        catch (CsvFormatException ex)
        {
            throw new TabularFileException("file", $"The csv cannot be read at line {ex.LineNumber}: {ex.Message}");
        }
        return result;
    }

    private static TabularFileException TooMany() => new("file", $"The file has more than {MaxRows} rows.");
}
