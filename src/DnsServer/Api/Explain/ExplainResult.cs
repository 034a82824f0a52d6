using System.Text.Json.Serialization;

namespace SplitDns.Server.Api.Explain;

/// <summary>The body of GET /api/v1/explain (serialized snake_case).</summary>
public sealed record ExplainResult(
    ExplainQuestion Question, string Client, ExplainView View, ExplainRoute Route, IReadOnlyList<ExplainStep> Steps, ExplainAnswer Answer);

/// <summary>The explained question.</summary>
public sealed record ExplainQuestion(string Name, string Type);

/// <summary>The view chosen for the client, and why.</summary>
public sealed record ExplainView(string Name, string Reason);

/// <summary>
/// The view's routing decision: "authoritative" (with <see cref="Zone"/>), "conditional_forwarder"
/// (with <see cref="Forwarder"/>), "upstream" or "none"; <see cref="Upstreams"/> for forwarded names.
/// </summary>
public sealed record ExplainRoute(
    string Decision,
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Zone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ZoneView,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Forwarder,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Upstreams);

/// <summary>An extended DNS error of the answer (RFC 8914).</summary>
public sealed record ExplainEde(int Code, string? Text);

/// <summary>The answer a real query gets: rcode, flags, EDE and sections as zone-file lines.</summary>
public sealed record ExplainAnswer(
    string Rcode, IReadOnlyList<string> Flags, IReadOnlyList<ExplainEde> Ede,
    IReadOnlyList<string> Answers, IReadOnlyList<string> Authority, IReadOnlyList<string> Additional);
