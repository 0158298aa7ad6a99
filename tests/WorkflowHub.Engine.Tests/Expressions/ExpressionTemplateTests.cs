using WorkflowHub.Engine.Expressions;

namespace WorkflowHub.Engine.Tests.Expressions;

public class ExpressionTemplateTests
{
    [Theory]
    [InlineData("abc", "L:abc")]
    [InlineData("${a}", "C:a")]
    [InlineData("x ${a} y ${b}", "L:x |C:a|L: y |C:b")]
    [InlineData("${ {a: {b: 1}} }", "C: {a: {b: 1}} ")]
    [InlineData("${ '}' + \"}\" + `}${'}'}` }!", "C: '}' + \"}\" + `}${'}'}` |L:!")]
    [InlineData("${ a /* } */ }", "C: a /* } */ ")]
    [InlineData("${ a // }\n }", "C: a // }\n ")]
    [InlineData("$a {b} $", "L:$a {b} $")]
    public void Splits_text_into_literal_and_code_pieces(string text, string expected)
    {
        var parts = ExpressionTemplate.Split(text, out var error);

        Assert.Null(error);
        Assert.Equal(expected, string.Join("|", parts.Select(p => (p.IsCode ? "C:" : "L:") + p.Text)));
    }

    [Theory]
    [InlineData("${a")]
    [InlineData("x ${ {a: 1} ")]
    [InlineData("${ '}")]
    public void Reports_an_unclosed_expression(string text)
    {
        ExpressionTemplate.Split(text, out var error);

        Assert.NotNull(error);
    }
}
