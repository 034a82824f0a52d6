using Microsoft.AspNetCore.Http;

namespace SplitDns.Server.Api.Config;

/// <summary>
/// A runtime configuration request that cannot be carried out, with the HTTP status it maps to
/// (400 bad input naming <see cref="Parameter"/>, 404, 409, 503 store down) and the reason. Thrown by
/// <see cref="ZoneAdmin"/>, <see cref="ForwarderAdmin"/> and <see cref="TsigKeyAdmin"/>; nothing was
/// changed when it is thrown.
/// </summary>
public sealed class ConfigRequestException : Exception
{
    public ConfigRequestException(int status, string detail, string? parameter = null) : base(detail)
    {
        Status = status;
        Parameter = parameter;
    }

    public ConfigRequestException()
    {
    }

    public ConfigRequestException(string message) : base(message)
    {
    }

    public ConfigRequestException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int Status { get; } = StatusCodes.Status400BadRequest;

    /// <summary>The request field at fault (400), or null.</summary>
    public string? Parameter { get; }

    public static ConfigRequestException BadRequest(string parameter, string reason) =>
        new(StatusCodes.Status400BadRequest, $"{parameter}: {reason}", parameter);

    public static ConfigRequestException NotFound(string detail) => new(StatusCodes.Status404NotFound, detail);

    public static ConfigRequestException Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);

    public static ConfigRequestException Unavailable(string detail) => new(StatusCodes.Status503ServiceUnavailable, detail);

    /// <summary>The RFC 9457 problem for this error.</summary>
    public IResult ToProblem() => ApiProblem.Create(Status, Message, Parameter);
}
