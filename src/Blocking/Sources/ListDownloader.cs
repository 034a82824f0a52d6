using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace SplitDns.Blocking.Sources;

/// <summary>
/// Downloads one list into a temporary file in the cache folder: conditional GET from the cached
/// copy's validators (ETag, Last-Modified), the whole exchange bounded by the download timeout,
/// the body bounded by the size cap both up front (Content-Length) and while streaming (servers
/// may not send a length, or lie). Failures are values with their reason; only the caller's own
/// cancellation throws.
/// </summary>
internal sealed class ListDownloader
{
    private readonly HttpClient _http;
    private readonly BlockingOptions _options;
    private readonly TimeProvider _time;

    public ListDownloader(HttpClient http, BlockingOptions options, TimeProvider time)
    {
        _http = http;
        _options = options;
        _time = time;
    }

    public async Task<DownloadResult> DownloadAsync(Uri url, CacheMetadata? cached, string tempPath, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_options.DownloadTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        bool complete = false;
        try
        {
            DownloadResult result = await SendAsync(url, cached, tempPath, linked.Token).ConfigureAwait(false);
            complete = result.Result == RefreshResult.Updated;
            return result;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return DownloadResult.Failed($"timed out after {_options.DownloadTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException e)
        {
            return DownloadResult.Failed(e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}");
        }
        catch (IOException e)
        {
            return DownloadResult.Failed(e.Message);
        }
        finally
        {
            if (!complete)
            {
                ListCache.TryDelete(tempPath);
            }
        }
    }

    private async Task<DownloadResult> SendAsync(Uri url, CacheMetadata? cached, string tempPath, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cached is not null)
        {
            if (cached.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out EntityTagHeaderValue? tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            request.Headers.IfModifiedSince = cached.LastModified;
        }

        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
        {
            return new DownloadResult(RefreshResult.NotModified, null, response.Headers.ETag?.ToString() ?? cached.ETag,
                response.Content.Headers.LastModified ?? cached.LastModified, null);
        }

        if (!response.IsSuccessStatusCode)
        {
            return DownloadResult.Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
        }

        long max = _options.MaxDownloadBytes;
        if (response.Content.Headers.ContentLength is long length && length > max)
        {
            return DownloadResult.Failed($"Content-Length {length} exceeds the limit of {max} bytes");
        }

        if (!await CopyBoundedAsync(response.Content, tempPath, max, ct).ConfigureAwait(false))
        {
            return DownloadResult.Failed($"the list is larger than the limit of {max} bytes");
        }

        return new DownloadResult(RefreshResult.Updated, tempPath, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified, null);
    }

    /// <summary>Streams the body to <paramref name="path"/>; false as soon as it passes <paramref name="max"/> bytes.</summary>
    private static async Task<bool> CopyBoundedAsync(HttpContent content, string path, long max, CancellationToken ct)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            await using Stream body = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > max)
                {
                    return false;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
