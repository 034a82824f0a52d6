using Microsoft.AspNetCore.Http;

namespace SplitDns.Server.Api.Zones;

/// <summary>
/// A record, export, import, history or rollback request that cannot be carried out, with the
/// HTTP status it maps to (400 bad input naming <see cref="Parameter"/>, 404, 409, 503 store
/// down) and the reason. Thrown by <see cref="RecordEditor"/>; nothing was changed when it is thrown.
/// </summary>
public sealed class RecordRequestException : Exception
{
    public RecordRequestException(int status, string detail, string? parameter = null) : base(detail)
    {
        Status = status;
        Parameter = parameter;
    }

    public RecordRequestException()
    {
    }

    public RecordRequestException(string message) : base(message)
    {
    }

    public RecordRequestException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int Status { get; } = StatusCodes.Status400BadRequest;

    /// <summary>The request field at fault (400), or null.</summary>
    public string? Parameter { get; }

    public static RecordRequestException BadRequest(string parameter, string reason) =>
        new(StatusCodes.Status400BadRequest, $"{parameter}: {reason}", parameter);

    public static RecordRequestException NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);

    public static RecordRequestException Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);

    public static RecordRequestException Unavailable(string detail) => new(StatusCodes.Status503ServiceUnavailable, detail);

    /// <summary>The RFC 9457 problem for this error.</summary>
    public IResult ToProblem() => ApiProblem.Create(Status, Message, Parameter);
}
