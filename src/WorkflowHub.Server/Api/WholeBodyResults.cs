namespace WorkflowHub.Server.Api;

/// <summary>
/// Answers an endpoint's value (its JSON) in one write with a Content-Length, not as a chunked body: the result is
/// written to a buffer first. A chunked answer ends with a write of its own (the last, empty chunk), which Kestrel
/// sends on as a second flush, and every client decodes the chunks. The API's answers are small (lists are paged), so
/// the buffer is too; files, streams and answers without a value pass through as they are.
/// </summary>
internal sealed class WholeBodyResults : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var answer = (result as INestedHttpResult)?.Result ?? result;
        return answer is IValueHttpResult && result is IResult inner ? new WholeBody(inner) : result;
    }

    private sealed class WholeBody(IResult inner) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            var response = http.Response;
            var body = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await inner.ExecuteAsync(http);
                await response.BodyWriter.FlushAsync(http.RequestAborted);
            }
            finally
            {
                response.Body = body;
            }
            response.ContentLength = buffer.Length;
            if (buffer.Length > 0 && !HttpMethods.IsHead(http.Request.Method))
            {
                await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
            }
        }
    }
}
